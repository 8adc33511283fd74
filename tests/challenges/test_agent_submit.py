"""Submitting from the recap page (refusals shown there, the draft intact), the read-only page of a
challenge, and withdrawing after a confirmation page."""

import pytest
from django.urls import reverse

from challenges.models import ChallengeStatus, ChallengeTransition, ContactKind
from challenges.services import challenge_invite, challenge_reopen
from eig.templatetags.eig_tags import paris_datetime
from tests.challenges.factories import COMPLETE_FIELDS, ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent():
    return UserFactory(agent=True, email="agent@sante.gouv.fr")


def submit_url(challenge) -> str:
    return reverse("challenges:submit", kwargs={"pk": challenge.pk})


def detail_url(challenge) -> str:
    return reverse("challenges:detail", kwargs={"pk": challenge.pk})


def recap_url(challenge) -> str:
    return reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 7})


def submit_errors(response) -> list[str]:
    page = Page(response.content.decode())
    alert = page.find_all("div", id="submit-errors")[0]
    return page.texts("p", inside=alert)


def test_submit_a_complete_draft_acknowledges_it_to_every_owner(
    client, agent, django_capture_on_commit_callbacks, mailoutbox
):
    colleague = UserFactory(agent=True, email="collegue@sante.gouv.fr")
    challenge = ChallengeFactory(name="Lab Santé", owners=[agent, colleague], complete=True)
    client.force_login(agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url(challenge))

    challenge.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, detail_url(challenge))
    assert challenge.status == ChallengeStatus.SUBMITTED
    assert list(ChallengeTransition.objects.values_list("from_status", "to_status", "by")) == [
        ("draft", "submitted", agent.pk)
    ]
    assert sorted((message.to, message.subject) for message in mailoutbox) == [
        (["agent@sante.gouv.fr"], "[EIG] Votre défi « Lab Santé » est déposé"),
        (["collegue@sante.gouv.fr"], "[EIG] Votre défi « Lab Santé » est déposé"),
    ]


@pytest.mark.parametrize("count", [1, 4])
def test_submit_refused_with_one_or_four_positions(client, agent, count, mailoutbox):
    challenge = ChallengeFactory(owners=[agent], complete=True, with_parts=False)
    PositionFactory.create_batch(count, challenge=challenge)
    for kind in ContactKind:
        challenge.contacts.create(kind=kind, name="Contact", email=f"{kind}@sante.gouv.fr")
    challenge.team_members.create(name="Camille", role="Cheffe", time_share=50)
    client.force_login(agent)

    response = client.post(submit_url(challenge), follow=True)

    challenge.refresh_from_db()
    assert response.redirect_chain == [(recap_url(challenge), 302)]
    assert submit_errors(response) == [
        f"Le défi doit compter 2 ou 3 postes (il en compte {count}) ; pour un autre nombre, demandez une dérogation."
    ]
    assert (challenge.status, challenge.positions.count(), mailoutbox) == (ChallengeStatus.DRAFT, count, [])


def test_submit_refused_without_sponsor(client, agent):
    challenge = ChallengeFactory(owners=[agent], complete=True)
    challenge.contacts.filter(kind=ContactKind.SPONSOR).delete()
    client.force_login(agent)

    response = client.post(submit_url(challenge), follow=True)

    challenge.refresh_from_db()
    assert submit_errors(response) == ["Il manque le ou la sponsor (mentor·e senior)."]
    assert challenge.status == ChallengeStatus.DRAFT


def test_submit_refused_after_the_deadline_keeps_the_draft(client, agent, mailoutbox):
    cohort = CohortFactory(phase="challenge_selection")
    challenge = ChallengeFactory(owners=[agent], cohort=cohort, complete=True)
    client.force_login(agent)

    response = client.post(submit_url(challenge), follow=True)

    challenge.refresh_from_db()
    assert submit_errors(response) == [
        f"L'appel à projets est clos : sa date limite était le {paris_datetime(cohort.projects_call_closes_at)}. "
        "Le défi ne peut plus être modifié ni déposé."
    ]
    assert (challenge.status, challenge.summary, challenge.positions.count(), mailoutbox) == (
        ChallengeStatus.DRAFT,
        COMPLETE_FIELDS["summary"],
        2,
        [],
    )


def test_submit_refused_redirects_to_the_recap_with_its_missing_items_shown_once(client, agent):
    challenge = ChallengeFactory(owners=[agent])
    client.force_login(agent)

    response = client.post(submit_url(challenge), follow=True)

    # POST-redirect-GET: the address bar holds the recap's URL, never the POST-only one (405 on a reload).
    assert response.redirect_chain == [(recap_url(challenge), 302)]
    page = Page(response.content.decode())
    assert page.texts("h2", css_class="fr-stepper__title") == ["Étape 7 sur 7 Récapitulatif et dépôt"]
    assert page.texts("h2", id="missing-title") == ["Avant le dépôt : 19 éléments à compléter"]
    assert len(submit_errors(response)) == 19
    reloaded = Page(client.get(recap_url(challenge)).content.decode())
    assert (reloaded.find_all("div", id="submit-errors"), reloaded.texts("h2", id="missing-title")) == (
        [],
        ["Avant le dépôt : 19 éléments à compléter"],
    )


def test_submit_of_a_challenge_already_submitted_goes_back_to_its_page(client, agent):
    challenge = ChallengeFactory(owners=[agent], submitted=True)
    client.force_login(agent)

    response = client.post(submit_url(challenge))

    assert (response.status_code, response["Location"]) == (302, detail_url(challenge))
    assert ChallengeTransition.objects.count() == 0


def test_submit_only_by_post(client, agent):
    challenge = ChallengeFactory(owners=[agent], complete=True)
    client.force_login(agent)

    response = client.get(submit_url(challenge))

    assert response.status_code == 405


def test_detail_of_a_submitted_challenge_is_read_only_with_its_history(client, agent):
    challenge = ChallengeFactory(name="Lab Santé", owners=[agent], complete=True)
    client.force_login(agent)
    client.post(submit_url(challenge))

    response = client.get(detail_url(challenge))

    page = Page(response.content.decode())
    challenge.refresh_from_db()
    assert page.texts("h1") == ["Lab Santé"]
    assert page.texts("p", css_class="fr-badge", inside=page.main) == ["Déposé"]
    assert [link.text for link in page.find_all("a", inside=page.find_all("ul", id="actions")[0])] == [
        "Retirer le défi"
    ]
    assert page.find_all("a", href=reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 1})) == []
    history = page.find_all("section", id="history")[0]
    assert [page.texts("td", inside=row) for row in page.find_all("tr", inside=history)][1:] == [
        [paris_datetime(challenge.created_at), "Création du brouillon", "", ""],
        [paris_datetime(challenge.submitted_at), "Brouillon → Déposé", "agent@sante.gouv.fr", ""],
    ]
    assert COMPLETE_FIELDS["benefits"] in page.main.text


def test_detail_of_a_draft_shows_its_actions_missing_items_and_invitations(client, agent):
    challenge = ChallengeFactory(owners=[agent])
    challenge_invite(challenge=challenge, email="collegue@sante.gouv.fr", by=agent)
    client.force_login(agent)

    response = client.get(detail_url(challenge))

    page = Page(response.content.decode())
    assert [link.text for link in page.find_all("a", inside=page.find_all("ul", id="actions")[0])] == [
        "Modifier le défi",
        "Relire et déposer",
        "Retirer le défi",
    ]
    assert page.texts("h2", id="missing-title") == ["Avant le dépôt : 19 éléments à compléter"]
    assert [
        item.text.split(",")[0]
        for item in page.find_all("li", inside=page.find_all("ul", id="pending-invitations")[0])
    ] == ["collegue@sante.gouv.fr"]
    assert page.find_all("input", name="email")[0].attrs["type"] == "email"


def test_detail_for_staff_shows_no_owner_action(client):
    challenge = ChallengeFactory(complete=True)
    client.force_login(UserFactory(staff=True))

    response = client.get(detail_url(challenge))

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.find_all("ul", id="actions") == []
    assert page.find_all("input", name="email") == []


def test_reopened_challenge_is_editable_again(client, agent):
    challenge = ChallengeFactory(owners=[agent], submitted=True)
    challenge_reopen(challenge=challenge, by=UserFactory(staff=True), note="Précisez les données.")
    client.force_login(agent)

    response = client.get(reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 1}))

    assert response.status_code == 200


def test_withdraw_asks_for_confirmation(client, agent):
    challenge = ChallengeFactory(name="Lab Santé", owners=[agent])
    client.force_login(agent)

    response = client.get(reverse("challenges:withdraw", kwargs={"pk": challenge.pk}))

    page = Page(response.content.decode())
    challenge.refresh_from_db()
    assert page.texts("h1") == ["Retirer le défi « Lab Santé »"]
    assert [button.text for button in page.find_all("button", inside=page.main)] == ["Retirer le défi"]
    assert challenge.status == ChallengeStatus.DRAFT


@pytest.mark.parametrize("status", [ChallengeStatus.DRAFT, ChallengeStatus.SUBMITTED])
def test_withdraw_confirmed_withdraws_with_the_note(client, agent, status):
    challenge = ChallengeFactory(owners=[agent], complete=True, status=status)
    client.force_login(agent)

    response = client.post(reverse("challenges:withdraw", kwargs={"pk": challenge.pk}), {"note": "Projet abandonné"})

    challenge.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, detail_url(challenge))
    assert challenge.status == ChallengeStatus.WITHDRAWN
    assert list(ChallengeTransition.objects.values_list("from_status", "to_status", "by", "note")) == [
        (status, "withdrawn", agent.pk, "Projet abandonné")
    ]


@pytest.mark.parametrize("status", [ChallengeStatus.WITHDRAWN, ChallengeStatus.NOT_SELECTED])
def test_withdraw_refused_when_the_lifecycle_does_not_allow_it(client, agent, status):
    challenge = ChallengeFactory(owners=[agent], complete=True, status=status)
    client.force_login(agent)

    response = client.post(reverse("challenges:withdraw", kwargs={"pk": challenge.pk}))

    challenge.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, detail_url(challenge))
    assert (challenge.status, ChallengeTransition.objects.count()) == (status, 0)
