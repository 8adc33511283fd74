"""The derogation on the pages: the positions step shows as many rows as allowed and the request with its
state; the challenge's pages show it; staff are told on submission and grant or refuse it from the admin's
list, through the confirmation page."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from challenges.models import Challenge, DerogationStatus
from eig.templatetags.eig_tags import paris_datetime
from tests.challenges.factories import ChallengeFactory, PositionFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

REASON = "Un quatrième profil, juriste, pour les questions de données de santé."
CHANGELIST = "admin:challenges_challenge_changelist"


@pytest.fixture
def agent():
    return UserFactory(agent=True)


@pytest.fixture
def challenge(agent):
    return ChallengeFactory(name="Lab Santé", owners=[agent])


def positions_url(challenge) -> str:
    return reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 4})


def positions_data(rows: int, filled: int, initial: int = 0, **derogation) -> dict:
    data = {
        "positions-TOTAL_FORMS": str(rows),
        "positions-INITIAL_FORMS": str(initial),
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "1000",
        "action": "draft",
        "derogation-positions": derogation.get("positions", ""),
        "derogation-reason": derogation.get("reason", ""),
    }
    for index in range(rows):
        filled_row = index < filled
        data[f"positions-{index}-profile"] = "developer" if filled_row else ""
        data[f"positions-{index}-mission"] = "Développer" if filled_row else ""
    return data


def position_legends(page: Page) -> list[str]:
    return [legend.text for legend in page.find_all("legend") if legend.attrs.get("id", "").startswith("position-")]


def test_positions_step_offers_a_derogation_outside_the_usual_number(client, agent, challenge):
    client.force_login(agent)

    response = client.get(positions_url(challenge))

    page = Page(response.content.decode())
    assert position_legends(page) == ["Poste 1", "Poste 2", "Poste 3 (facultatif)"]
    [select] = page.find_all("select", name="derogation-positions")
    assert [(option.attrs["value"], option.text) for option in page.find_all("option", inside=select)] == [
        ("", "Pas de dérogation (2 ou 3)"),
        ("1", "1"),
        ("4", "4"),
    ]
    assert page.texts("legend", id="derogation-legend")[0].startswith(
        "Un autre nombre de postes ? Demandez une dérogation"
    )


def test_asking_for_four_positions_then_the_form_shows_four_rows(client, agent, challenge):
    client.force_login(agent)

    response = client.post(positions_url(challenge), positions_data(3, 3, positions="4", reason=REASON))

    assert response.status_code == 302
    challenge.refresh_from_db()
    assert (challenge.derogation_positions, challenge.derogation_reason, challenge.derogation_status) == (
        4,
        REASON,
        DerogationStatus.REQUESTED,
    )
    page = Page(client.get(positions_url(challenge)).content.decode())
    assert position_legends(page) == ["Poste 1", "Poste 2", "Poste 3 (facultatif)", "Poste 4 (facultatif)"]
    assert page.texts("div", id="derogation-status") == [
        f"Dérogation pour 4 postes demandée le {paris_datetime(challenge.derogation_requested_at)} : l'équipe du "
        "programme n'a pas encore décidé."
    ]

    response = client.post(positions_url(challenge), positions_data(4, 4, initial=3, positions="4", reason=REASON))

    assert (response.status_code, challenge.positions.count()) == (302, 4)


def test_a_derogation_for_one_position_makes_the_second_row_optional(client, agent, challenge):
    Challenge.objects.filter(pk=challenge.pk).update(
        derogation_positions=1,
        derogation_reason=REASON,
        derogation_status=DerogationStatus.GRANTED,
        derogation_requested_at=timezone.now(),
        derogation_decided_at=timezone.now(),
        derogation_note="Accordée en comité.",
    )
    client.force_login(agent)

    page = Page(client.get(positions_url(challenge)).content.decode())

    assert position_legends(page) == ["Poste 1", "Poste 2 (facultatif)", "Poste 3 (facultatif)"]
    challenge.refresh_from_db()
    assert page.texts("div", id="derogation-status") == [
        f"Dérogation pour 1 poste accordée le {paris_datetime(challenge.derogation_decided_at)} par l'équipe du "
        "programme. Accordée en comité."
    ]


def test_a_derogation_without_reason_is_refused_on_its_field_and_keeps_what_was_typed(client, agent, challenge):
    client.force_login(agent)

    response = client.post(positions_url(challenge), positions_data(3, 1, positions="1"))

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("div", id="id_derogation-reason-desc-error") == [
        "Expliquez pourquoi le défi a besoin de 1 poste : l'équipe du programme en décidera."
    ]
    selected = [option.attrs["value"] for option in page.find_all("option") if "selected" in option.attrs]
    assert selected == ["developer", "", "", "1"]
    challenge.refresh_from_db()
    assert (challenge.derogation_status, challenge.positions.count()) == ("", 0)


def test_recap_shows_the_derogation_asked(client, agent, challenge):
    Challenge.objects.filter(pk=challenge.pk).update(
        derogation_positions=4,
        derogation_reason=REASON,
        derogation_status=DerogationStatus.REQUESTED,
        derogation_requested_at=timezone.now(),
    )
    client.force_login(agent)

    response = client.get(reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 7}))

    page = Page(response.content.decode())
    assert page.texts("div", id="derogation") == [
        f"Dérogation au nombre habituel de postes 4 postes au lieu de 2 ou 3 : Demandée. {REASON}"
    ]


def test_staff_are_told_of_the_derogation_when_the_challenge_is_submitted(
    client, agent, django_capture_on_commit_callbacks, mailoutbox
):
    UserFactory(staff=True, email="equipe@eig.gouv.fr")
    challenge = ChallengeFactory(name="Lab Santé", owners=[agent], complete=True, with_parts=False)
    PositionFactory(challenge=challenge)
    Challenge.objects.filter(pk=challenge.pk).update(
        derogation_positions=1,
        derogation_reason="Une seule développeuse suffit.",
        derogation_status=DerogationStatus.REQUESTED,
        derogation_requested_at=timezone.now(),
    )
    for kind in ("sponsor", "project_lead", "hr", "finance"):
        challenge.contacts.create(kind=kind, name="Claire", email=f"{kind}@a.fr")
    challenge.team_members.create(name="Camille", role="Cheffe", time_share=30)
    client.force_login(agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("challenges:submit", kwargs={"pk": challenge.pk}))

    assert response.status_code == 302
    [staff_message] = [message for message in mailoutbox if message.to == ["equipe@eig.gouv.fr"]]
    assert staff_message.body.splitlines()[4:6] == [
        "Ce défi demande une dérogation pour compter 1 poste (au lieu de 2 ou 3). Motif : Une seule développeuse "
        "suffit.",
        "Accordez-la ou refusez-la depuis la liste des défis avant la sélection.",
    ]


def test_staff_grant_a_derogation_from_the_admin_list(client, agent, django_capture_on_commit_callbacks, mailoutbox):
    asking = ChallengeFactory(name="Lab Santé", owners=[agent], submitted=True)
    Challenge.objects.filter(pk=asking.pk).update(
        derogation_positions=4,
        derogation_reason=REASON,
        derogation_status=DerogationStatus.REQUESTED,
        derogation_requested_at=timezone.now(),
    )
    without = ChallengeFactory(name="Sans dérogation", cohort=asking.cohort, submitted=True)
    staff = UserFactory(superuser=True)
    client.force_login(staff)
    chosen = {"action": "grant_derogations", ACTION_CHECKBOX_NAME: [asking.pk, without.pk], "index": "0"}

    listing = Page(client.get(reverse(CHANGELIST), {"derogation_status__exact": "requested"}).content.decode())
    confirmation = client.post(reverse(CHANGELIST), chosen)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse(CHANGELIST), {**chosen, "post": "yes", "note": "Accordée en comité."}, follow=True)

    assert listing.texts("td", css_class="field-derogation_display") == ["4 postes (demandée)"]
    page = Page(confirmation.content.decode())
    assert page.texts("p", inside=page.find_all("div", id="content")[0])[0] == (
        "La dérogation demandée par ce défi sera accordée :"
    )
    assert [cell.text for cell in page.find_all("td", inside=page.find_all("table", id="challenges-to-change")[0])][
        -3:
    ] == ["2", "4 postes (Demandée)", REASON]
    assert page.texts("p", css_class="errornote") == [
        "Seuls les défis qui demandent une dérogation, en brouillon ou déposés, peuvent la voir accordée ou "
        "refusée ; ignorés : Sans dérogation (pas de dérogation)."
    ]
    assert [str(message) for message in done.context["messages"]] == [
        "1 dérogation accordée. Les porteur·ses en sont informé·es par e-mail.",
        "Seuls les défis qui demandent une dérogation, en brouillon ou déposés, peuvent la voir accordée ou "
        "refusée ; ignorés : Sans dérogation (pas de dérogation).",
    ]
    asking.refresh_from_db()
    assert (asking.derogation_status, asking.derogation_decided_by, asking.derogation_note) == (
        DerogationStatus.GRANTED,
        staff,
        "Accordée en comité.",
    )
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([agent.email], "[EIG] Dérogation accordée pour le défi « Lab Santé »")
    ]
