"""Who is auditioned for what: the proposal from the pre-selected candidates' wishes (best-ranked wish
whose challenge has a jury), staff's additions, the jury's proposal of a challenge the candidate did not
wish for (its page), and the admin's « Proposer les auditions » page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from auditions.models import Audition, AuditionOrigin, AuditionStatus
from auditions.services import audition_add, audition_cancel, audition_jury_propose, auditions_propose
from tests.applications.factories import ApplicationFactory, WishFactory
from tests.auditions.factories import AuditionFactory, JuryFactory, JuryMemberFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import cohort_move_to
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(staff=True, second_factor=True)


@pytest.fixture
def world():
    """A cohort in its auditions with three selected challenges: « Mer » and « Santé » have a jury each,
    « Sans jury » none."""
    sea = JuryFactory(name="Jury Mer", challenges=[])
    cohort = sea.cohort
    challenges = {
        name: ChallengeFactory(cohort=cohort, selected=True, name=name) for name in ("Mer", "Santé", "Sans jury")
    }
    sea.challenges.set([challenges["Mer"]])
    health = JuryFactory(cohort=cohort, name="Jury Santé", challenges=[challenges["Santé"]])
    return {"cohort": cohort, "challenges": challenges, "sea": sea, "health": health}


def candidate(world, *wishes, name="Camille", **traits):
    application = ApplicationFactory(
        cohort=world["cohort"], preselected=True, candidate=UserFactory(first_name=name, last_name="Durand"), **traits
    )
    for challenge in wishes:
        WishFactory(application=application, challenge=world["challenges"][challenge])
    return application


def auditions_of(cohort) -> list[tuple]:
    return sorted(
        Audition.objects.filter(application__cohort=cohort).values_list(
            "application__candidate__first_name", "challenge__name", "jury__name", "origin", "status"
        )
    )


def test_each_preselected_candidate_gets_their_best_wish_that_has_a_jury(world, staff):
    candidate(world, "Sans jury", "Santé", "Mer", name="Alix")
    candidate(world, "Mer", "Santé", name="Basile")
    candidate(world, "Sans jury", name="Chloé")
    candidate(world, name="Dana")
    not_preselected = ApplicationFactory(cohort=world["cohort"], submitted=True)
    WishFactory(application=not_preselected, challenge=world["challenges"]["Mer"])

    proposal = auditions_propose(world["cohort"], by=staff)

    assert auditions_of(world["cohort"]) == [
        ("Alix", "Santé", "Jury Santé", "wish", "planned"),
        ("Basile", "Mer", "Jury Mer", "wish", "planned"),
    ]
    assert [audition.application.candidate.first_name for audition in proposal.created] == ["Alix", "Basile"]
    assert [(row.application.candidate.first_name, row.reason) for row in proposal.unassigned] == [
        ("Chloé", "Aucun de ses vœux ne porte sur un défi qui a un jury."),
        ("Dana", "Ce candidat ou cette candidate n'a formulé aucun vœu."),
    ]


def test_proposing_again_keeps_the_existing_auditions_and_fills_the_cancelled(world, staff):
    alix = candidate(world, "Mer", name="Alix")
    candidate(world, "Santé", name="Basile")
    first = auditions_propose(world["cohort"], by=staff)
    cancelled = Audition.objects.get(application=alix)
    audition_cancel(audition=cancelled, by=staff)

    again = auditions_propose(world["cohort"], by=staff)

    assert [audition.application_id for audition in again.created] == [alix.pk]
    assert Audition.objects.filter(application__cohort=world["cohort"]).count() == len(first.created) + 1
    assert again.unassigned == []


def test_a_challenge_shared_by_two_juries_goes_to_the_first_created(world, staff):
    JuryFactory(cohort=world["cohort"], name="Jury Mer bis", challenges=[world["challenges"]["Mer"]])
    candidate(world, "Mer", name="Alix")

    auditions_propose(world["cohort"], by=staff)

    assert auditions_of(world["cohort"]) == [("Alix", "Mer", "Jury Mer", "wish", "planned")]


def test_proposing_is_refused_once_the_auditions_are_over(world, staff):
    candidate(world, "Mer")
    cohort_move_to(world["cohort"], phase="deliberation")

    with pytest.raises(ValidationError) as error:
        auditions_propose(world["cohort"], by=staff)

    window = world["cohort"].window("auditions")
    assert error.value.messages == [f"Les auditions sont terminées depuis le {window.deadline_display}."]
    assert Audition.objects.count() == 0


# --- Staff's additions --------------------------------------------------------------------------------------


def test_staff_add_an_audition_for_any_challenge_of_the_jury(world, staff):
    application = candidate(world, "Mer")

    audition = audition_add(
        application=application, challenge=world["challenges"]["Santé"], jury=world["health"], by=staff
    )

    assert (audition.origin, audition.status, audition.starts_at, audition.proposed_by) == (
        AuditionOrigin.STAFF,
        AuditionStatus.PLANNED,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("not preselected", "Seul·es les candidat·es présélectionné·es sont auditionné·es."),
        ("other cohort", "Ce jury n'est pas de la promotion de la candidature."),
        ("jury without the challenge", "Ce jury n'auditionne pas pour ce défi : ajoutez le défi au jury d'abord."),
        ("twice", "Ce candidat ou cette candidate est déjà auditionné·e pour ce défi."),
    ],
)
def test_staff_additions_refused_in_french(world, staff, case, message):
    application = candidate(world, "Mer")
    challenge, jury = world["challenges"]["Mer"], world["sea"]
    if case == "not preselected":
        application = ApplicationFactory(cohort=world["cohort"], submitted=True)
    elif case == "other cohort":
        jury = JuryFactory()
        jury.challenges.add(challenge)
    elif case == "jury without the challenge":
        jury = world["health"]
    else:
        audition_add(application=application, challenge=challenge, jury=jury, by=staff)

    with pytest.raises(ValidationError) as error:
        audition_add(application=application, challenge=challenge, jury=jury, by=staff)

    assert error.value.messages == [message]


# --- The jury's proposal ------------------------------------------------------------------------------------


def test_the_jury_proposes_a_challenge_the_candidate_did_not_wish_for(world):
    application = candidate(world, "Mer")
    audition = AuditionFactory(jury=world["sea"], application=application)
    juror = JuryMemberFactory(jury=world["sea"]).user

    proposed = audition_jury_propose(
        audition=audition, challenge=world["challenges"]["Santé"], reason="  Profil data très adapté.  ", by=juror
    )

    assert (proposed.challenge.name, proposed.jury, proposed.origin, proposed.status, proposed.starts_at) == (
        "Santé",
        world["health"],
        AuditionOrigin.JURY,
        AuditionStatus.PLANNED,
        None,
    )
    assert (proposed.proposed_by, proposed.proposal_reason) == (juror, "Profil data très adapté.")


@pytest.mark.parametrize(
    ("challenge", "reason", "message"),
    [
        ("Santé", "  ", "Indiquez pourquoi le jury propose ce défi."),
        ("Sans jury", "Parce que.", "Choisissez un défi sélectionné de la promotion qui a un jury."),
        ("Mer", "Parce que.", "Ce candidat ou cette candidate est déjà auditionné·e pour ce défi."),
    ],
)
def test_the_jury_proposal_refused_in_french(world, challenge, reason, message):
    audition = AuditionFactory(jury=world["sea"], application=candidate(world, "Mer"))

    with pytest.raises(ValidationError) as error:
        audition_jury_propose(audition=audition, challenge=world["challenges"][challenge], reason=reason, by=None)

    assert error.value.messages == [message]


def proposal_url(audition) -> str:
    return reverse("auditions:challenge_propose", args=[audition.pk])


def test_the_proposal_page_offers_the_other_challenges_that_have_a_jury(client, world):
    audition = AuditionFactory(jury=world["sea"], application=candidate(world, "Mer"))
    client.force_login(JuryMemberFactory(jury=world["sea"]).user)

    page = Page(client.get(proposal_url(audition)).content.decode())

    assert page.texts("h1") == ["Proposer un autre défi"]
    assert page.texts("option") == ["Choisissez un défi", "Santé"]


def test_the_proposal_page_records_the_proposal_and_lists_it(client, world):
    audition = AuditionFactory(jury=world["sea"], application=candidate(world, "Mer"))
    client.force_login(JuryMemberFactory(jury=world["sea"]).user)
    health = world["challenges"]["Santé"]

    response = client.post(proposal_url(audition), {"challenge": health.pk, "reason": "Son parcours en santé."})
    page = Page(client.get(proposal_url(audition)).content.decode())

    assert (response.status_code, response["Location"]) == (302, proposal_url(audition))
    assert Audition.objects.get(challenge=health).origin == AuditionOrigin.JURY
    assert page.texts("li", inside=page.find_all("ul", id="proposed-challenges")[0]) == [
        "« Santé » : Son parcours en santé. À convoquer"
    ]
    assert page.texts("p", inside=page.find_all(id="nothing-to-propose")[0]) == [
        "Aucun autre défi ne peut être proposé : ce candidat ou cette candidate est déjà auditionné·e pour chaque "
        "défi sélectionné qui a un jury."
    ]


def test_the_proposal_page_keeps_what_was_typed_when_refused(client, world):
    audition = AuditionFactory(jury=world["sea"], application=candidate(world, "Mer"))
    client.force_login(JuryMemberFactory(jury=world["sea"]).user)

    response = client.post(proposal_url(audition), {"challenge": "", "reason": "Un motif gardé."})
    unknown = client.post(proposal_url(audition), {"challenge": "999999", "reason": "x"})

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("textarea") == ["Un motif gardé."]
    assert "Choisissez le défi que le jury propose." in response.content.decode()
    assert "Ce défi ne peut pas être proposé : choisissez-en un de la liste." in unknown.content.decode()
    assert Audition.objects.count() == 1


def test_the_proposal_page_refuses_a_cancelled_audition_in_french(client, world):
    audition = AuditionFactory(jury=world["sea"], application=candidate(world, "Mer"))
    staff = UserFactory(staff=True, second_factor=True)
    audition_cancel(audition=audition, by=staff)
    client.force_login(staff)

    response = client.post(proposal_url(audition), {"challenge": world["challenges"]["Santé"].pk, "reason": "x"})

    page = Page(response.content.decode())
    assert page.texts("p", inside=page.find_all(id="proposal-errors")[0]) == [
        "Cette audition est annulée : le jury ne peut plus proposer de défi."
    ]


# --- The admin's page ----------------------------------------------------------------------------------------


def test_the_admin_page_proposes_and_lists_who_is_left_and_why(client, world):
    superuser = UserFactory(superuser=True, second_factor=True)
    candidate(world, "Mer", name="Alix")
    candidate(world, "Sans jury", name="Chloé")
    client.force_login(superuser)
    url = reverse("admin:auditions_audition_propose")

    form = Page(client.get(url).content.decode())
    response = client.post(url, {"cohort": world["cohort"].pk})

    page = Page(response.content.decode())
    assert "Choisissez une promotion" in form.texts("option")
    assert page.texts("td", inside=page.find_all(id="proposed-auditions")[0]) == ["Mer", "Jury Mer"]
    assert page.texts("td", inside=page.find_all(id="unassigned-candidates")[0]) == [
        "Aucun de ses vœux ne porte sur un défi qui a un jury."
    ]
    assert page.texts("li", inside=page.find_all("ul", css_class="messagelist")[0]) == ["1 audition proposée."]


def test_the_admin_page_refuses_a_finished_cohort_and_an_empty_choice_in_french(client, world):
    client.force_login(UserFactory(superuser=True, second_factor=True))
    url = reverse("admin:auditions_audition_propose")
    cohort_move_to(world["cohort"], phase="deliberation")

    empty = Page(client.post(url, {"cohort": ""}).content.decode())
    finished = Page(client.post(url, {"cohort": world["cohort"].pk}).content.decode())

    assert empty.texts("li", inside=empty.find_all(id="cohort-errors")[0]) == [
        "Choisissez la promotion dont les auditions sont à proposer."
    ]
    assert finished.texts("li", inside=finished.find_all(id="cohort-errors")[0]) == [
        f"Les auditions sont terminées depuis le {world['cohort'].window('auditions').deadline_display}."
    ]
