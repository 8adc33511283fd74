"""The reads and writes the agents' pages added: saving a step of the draft, what is missing by
part of the form, the cohort open for challenges, the agent's challenges."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from challenges import services
from challenges.models import ContactKind
from challenges.permissions import can_accept_invitation
from challenges.selectors import (
    MissingItem,
    challenge_missing_items,
    challenge_missing_parts,
    challenges_owned,
    cohort_with_open_projects_call,
)
from eig.templatetags.eig_tags import paris_datetime
from tests.challenges.factories import COMPLETE_FIELDS, ChallengeFactory, ContactFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_challenge_save_step_saves_fields_and_rows():
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent])

    services.challenge_save_step(
        challenge=challenge,
        by=agent,
        fields={"summary": "Deux lignes", "context": ""},
        positions=[{"profile": "developer", "mission": "Développer"}, {"profile": "designer", "mission": ""}],
        team_members=[{"name": "Camille", "role": "Cheffe", "time_share": 30}],
        contacts=[{"kind": ContactKind.SPONSOR, "name": "Claire", "job_title": "", "email": "c@a.fr", "phone": ""}],
    )

    challenge.refresh_from_db()
    assert (challenge.summary, challenge.context) == ("Deux lignes", "")
    assert list(challenge.positions.values_list("profile", "mission")) == [
        ("developer", "Développer"),
        ("designer", ""),
    ]
    assert list(challenge.team_members.values_list("name", "role", "time_share")) == [("Camille", "Cheffe", 30)]
    assert list(challenge.contacts.values_list("kind", "name", "email")) == [("sponsor", "Claire", "c@a.fr")]


def test_challenge_save_step_updates_rows_in_place_and_removes_the_rest():
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent])
    first = PositionFactory(challenge=challenge, profile="developer")
    PositionFactory(challenge=challenge, profile="designer")

    services.challenge_save_step(
        challenge=challenge, by=agent, positions=[{"profile": "data_engineer", "mission": "Les flux"}]
    )

    assert list(challenge.positions.values_list("pk", "profile", "mission")) == [
        (first.pk, "data_engineer", "Les flux")
    ]


def test_challenge_save_step_keeps_the_lists_not_given():
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent], complete=True)

    services.challenge_save_step(challenge=challenge, by=agent, fields={"obstacles": "Aucun"})

    assert (challenge.positions.count(), challenge.contacts.count(), challenge.team_members.count()) == (2, 4, 1)


def test_challenge_save_step_replaces_a_single_contact_kind_without_breaking_its_constraint():
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent])
    ContactFactory(challenge=challenge, kind=ContactKind.SPONSOR, name="Ancienne")
    ContactFactory(challenge=challenge, kind=ContactKind.HR, name="RH")
    new_sponsor = {"kind": ContactKind.SPONSOR, "name": "Nouvelle", "job_title": "", "email": "n@a.fr", "phone": ""}

    services.challenge_save_step(challenge=challenge, by=agent, contacts=[new_sponsor])

    assert list(challenge.contacts.values_list("kind", "name")) == [("sponsor", "Nouvelle")]


def test_challenge_save_step_refused_after_the_deadline_saves_nothing():
    agent = UserFactory(agent=True)
    cohort = CohortFactory(phase="challenge_selection")
    challenge = ChallengeFactory(owners=[agent], cohort=cohort, complete=True)

    with pytest.raises(ValidationError) as raised:
        services.challenge_save_step(
            challenge=challenge, by=agent, fields={"summary": "Trop tard"}, positions=[], contacts=[]
        )

    challenge.refresh_from_db()
    assert raised.value.messages == [
        "L'appel à projets est clos : sa date limite était le "
        f"{paris_datetime(cohort.projects_call_closes_at)}. Le défi ne peut plus être modifié ni déposé."
    ]
    assert (challenge.summary, challenge.positions.count(), challenge.contacts.count()) == (
        COMPLETE_FIELDS["summary"],
        2,
        4,
    )


def test_challenge_save_step_refused_once_submitted():
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent], submitted=True)

    with pytest.raises(ValidationError) as raised:
        services.challenge_save_step(challenge=challenge, by=agent, fields={"summary": "Modifié"})

    assert raised.value.messages == ["Ce défi a été déposé : il n'est plus modifiable."]


def test_challenge_save_step_refused_to_someone_not_owner():
    challenge = ChallengeFactory()

    with pytest.raises(PermissionDenied):
        services.challenge_save_step(challenge=challenge, by=UserFactory(agent=True), fields={"summary": "Pirate"})

    challenge.refresh_from_db()
    assert challenge.summary == ""


def test_challenge_save_step_refuses_a_name_taken_in_the_cohort():
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent], name="Mon défi")
    ChallengeFactory(cohort=challenge.cohort, name="Déjà pris")

    with pytest.raises(ValidationError) as raised:
        services.challenge_save_step(challenge=challenge, by=agent, fields={"name": "Déjà pris"})

    challenge.refresh_from_db()
    assert raised.value.messages == ["Un défi porte déjà ce nom dans cette promotion."]
    assert challenge.name == "Mon défi"


def test_challenge_missing_parts_name_the_part_to_fix():
    challenge = ChallengeFactory(complete=True, with_parts=False, data_access="")
    PositionFactory(challenge=challenge, mission="")

    missing = challenge_missing_parts(challenge)

    assert missing == [
        MissingItem("data_access", "Champ à remplir : Les données sont-elles accessibles ?"),
        MissingItem(
            "positions",
            "Le défi doit compter 2 ou 3 postes (il en compte 1) ; pour un autre nombre, demandez une dérogation.",
        ),
        MissingItem("positions", "Chaque poste doit décrire sa mission."),
        MissingItem("team_members", "Décrivez l'équipe projet (au moins une personne)."),
        MissingItem("contacts", "Il manque le ou la sponsor (mentor·e senior)."),
        MissingItem("contacts", "Le défi doit avoir 1 ou 2 porteur·ses de projet."),
        MissingItem("contacts", "Il manque le contact ressources humaines."),
        MissingItem("contacts", "Il manque le contact financier."),
    ]
    assert challenge_missing_items(challenge) == [item.message for item in missing]


@pytest.mark.parametrize(("days_since_start", "is_open"), [(-1, False), (0.01, True), (52.9, True), (53.1, False)])
def test_cohort_with_open_projects_call_on_both_sides_of_its_dates(days_since_start, is_open):
    cohort = CohortFactory(days_since_start=days_since_start)

    assert cohort_with_open_projects_call() == (cohort if is_open else None)


def test_cohort_with_open_projects_call_takes_the_latest_opened():
    CohortFactory(days_since_start=30)
    latest = CohortFactory(days_since_start=5)

    assert cohort_with_open_projects_call(now=timezone.now() + dt.timedelta(minutes=1)) == latest


def test_challenges_owned_reads_lists_in_a_fixed_number_of_queries():
    agent = UserFactory(agent=True)
    for _ in range(3):
        ChallengeFactory(owners=[agent], complete=True)
    ChallengeFactory(complete=True)

    with CaptureQueriesContext(connection) as queries:
        challenges = list(challenges_owned(agent))
        missing = [challenge_missing_items(challenge) for challenge in challenges]

    assert (len(challenges), missing, len(queries)) == (3, [[], [], []], 4)


@pytest.mark.parametrize(
    ("email", "may_accept"), [("invitee@example.org", True), ("INVITEE@example.org", True), ("x@example.org", False)]
)
def test_can_accept_invitation_only_with_the_invited_address(email, may_accept):
    owner = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[owner])
    invitation = services.challenge_invite(challenge=challenge, email="invitee@example.org", by=owner)

    assert can_accept_invitation(UserFactory(email=email), invitation) is may_accept
