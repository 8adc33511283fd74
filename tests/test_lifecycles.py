"""Every lifecycle's table (eig.lifecycle) against what the project does with it: each declared transition
is applied from each of its sources and refused from every other status; the permissions and the admin
decisions that guard a transition never admit what the table refuses."""

import pytest
from django.utils import timezone

from applications.admin import DECISIONS as APPLICATION_DECISIONS
from applications.models import APPLICATION_LIFECYCLE, ApplicationStatus, ApplicationTransition
from applications.permissions import can_withdraw_application
from auditions.admin import DECISIONS as AUDITION_DECISIONS
from auditions.models import (
    AUDITION_LIFECYCLE,
    DELIBERATION_LIFECYCLE,
    AuditionStatus,
    Deliberation,
    DeliberationStatus,
    DeliberationTransition,
)
from challenges.admin_decisions import DECISIONS as CHALLENGE_DECISIONS
from challenges.models import (
    CHALLENGE_LIFECYCLE,
    DEROGATION_LIFECYCLE,
    MEMBERSHIP_LIFECYCLE,
    ChallengeStatus,
    ChallengeTransition,
    DerogationStatus,
    MembershipStatus,
)
from challenges.permissions import can_submit_challenge, can_withdraw_challenge
from cohorts.profiles import Profile
from eig import lifecycle
from eig.lifecycle import TransitionNotAllowed
from tests.applications.factories import ApplicationFactory
from tests.auditions.factories import AuditionFactory, JuryFactory, auditions_day
from tests.challenges.factories import ChallengeFactory, MembershipFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db


def a_challenge(status):
    return ChallengeFactory(complete=True, status=status)


def an_application(status):
    return ApplicationFactory(status=status)


def a_membership(status):
    return MembershipFactory(status=status, decided_at=None if status == MembershipStatus.PENDING else timezone.now())


def a_derogation(status):
    """A submitted challenge whose derogation is `status` ("" for none asked)."""
    if not status:
        return ChallengeFactory(complete=True, status=ChallengeStatus.SUBMITTED)
    decided = status in (DerogationStatus.GRANTED, DerogationStatus.REFUSED)
    return ChallengeFactory(
        complete=True,
        status=ChallengeStatus.SUBMITTED,
        derogation_positions=4,
        derogation_reason="Quatre profils.",
        derogation_status=status,
        derogation_requested_at=timezone.now(),
        derogation_decided_at=timezone.now() if decided else None,
    )


def a_deliberation(status):
    return Deliberation.objects.create(
        challenge=ChallengeFactory(selected=True), profile=Profile.DEVELOPER, status=status
    )


def an_audition(status):
    """A booked audition in `status` (a convened one has a slot)."""
    jury = JuryFactory()
    audition = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=10))
    type(audition).objects.filter(pk=audition.pk).update(status=status)
    audition.refresh_from_db()
    return audition


# Each lifecycle, with every status its field may hold and a way to build an object in that status.
LIFECYCLES = {
    "challenge": (CHALLENGE_LIFECYCLE, ChallengeStatus.values, a_challenge, ChallengeTransition),
    "application": (APPLICATION_LIFECYCLE, ApplicationStatus.values, an_application, ApplicationTransition),
    "membership": (MEMBERSHIP_LIFECYCLE, MembershipStatus.values, a_membership, None),
    "derogation": (DEROGATION_LIFECYCLE, ["", *DerogationStatus.values], a_derogation, None),
    "deliberation": (
        DELIBERATION_LIFECYCLE,
        DeliberationStatus.values,
        a_deliberation,
        DeliberationTransition,
    ),
}
CASES = [
    (kind, name, status)
    for kind, (table, statuses, _build, _log) in LIFECYCLES.items()
    for name in table.transitions
    for status in statuses
]


@pytest.mark.parametrize(("kind", "name", "status"), CASES)
def test_each_transition_applies_from_its_sources_and_is_refused_from_the_others(kind, name, status):
    table, _statuses, build, log = LIFECYCLES[kind]
    transition = table[name]
    instance = build(status)
    staff = UserFactory(staff=True)
    before = timezone.now()

    if status in transition.sources:
        moved = table.apply(instance, name, by=staff, note="  Vu en comité.  ")

        instance.refresh_from_db()
        assert (table.status_of(moved), table.status_of(instance)) == (transition.target, transition.target)
        assert all(getattr(instance, stamp) >= before for stamp in transition.stamps)
        if log is not None:
            assert list(log.objects.values_list("from_status", "to_status", "by", "note")) == [
                (status, transition.target, staff.pk, "  Vu en comité.  ")
            ]
        if table.by_field:
            assert getattr(instance, f"{table.by_field}_id") == staff.pk
        if table.note_field:
            assert getattr(instance, table.note_field) == "Vu en comité."
    else:
        with pytest.raises(TransitionNotAllowed):
            table.apply(instance, name, by=staff)

        instance.refresh_from_db()
        assert table.status_of(instance) == status
        if log is not None:
            assert log.objects.count() == 0


@pytest.mark.parametrize("kind", ["challenge", "application", "membership", "deliberation"])
def test_every_status_is_reached_and_every_transition_can_happen(kind):
    # A new object starts in the first status; every other status is some transition's target, and every
    # transition leaves from a status an object can be in. (A derogation's "requested" is the owners'
    # request on the form, and "" none asked: its table only holds staff's decisions.)
    table, statuses, _build, _log = LIFECYCLES[kind]
    reached = {statuses[0]} | {transition.target for transition in table.transitions.values()}

    assert reached == set(statuses)
    assert all(transition.sources & reached for transition in table.transitions.values())


def test_a_refused_transition_says_why_in_french():
    challenge = a_challenge(ChallengeStatus.SELECTED)

    with pytest.raises(TransitionNotAllowed) as refused:
        lifecycle.apply(challenge, "submit", by=UserFactory(staff=True))

    assert refused.value.messages == ["Un défi « Sélectionné » ne peut pas passer à « Déposé »."]


def test_a_membership_already_answered_is_refused_with_its_answer():
    membership = a_membership(MembershipStatus.DECLINED)

    with pytest.raises(TransitionNotAllowed) as refused:
        lifecycle.apply(membership, "approve", by=UserFactory(staff=True))

    assert refused.value.messages == [f"La demande de {membership.user} a déjà reçu une réponse : refusé."]


# --- Permissions and admin decisions ask the table --------------------------------------------------


@pytest.mark.parametrize("status", ChallengeStatus.values)
def test_challenge_owner_permissions_follow_the_table(status):
    challenge = a_challenge(status)
    owner, stranger = UserFactory(agent=True), UserFactory(agent=True)
    challenge.owners.add(owner)

    assert (can_submit_challenge(owner, challenge), can_withdraw_challenge(owner, challenge)) == (
        lifecycle.can(challenge, "submit"),
        lifecycle.can(challenge, "withdraw"),
    )
    assert (can_submit_challenge(stranger, challenge), can_withdraw_challenge(stranger, challenge)) == (False, False)


@pytest.mark.parametrize("status", ApplicationStatus.values)
def test_application_withdrawal_permission_follows_the_table(status):
    application = an_application(status)

    assert can_withdraw_application(application.candidate, application) == lifecycle.can(application, "withdraw")
    assert can_withdraw_application(UserFactory(candidate=True), application) is False


ADMIN_DECISIONS = [
    *[(decision, CHALLENGE_LIFECYCLE, ChallengeStatus.values, a_challenge) for decision in CHALLENGE_DECISIONS[:3]],
    *[
        (decision, DEROGATION_LIFECYCLE, ["", *DerogationStatus.values], a_derogation)
        for decision in CHALLENGE_DECISIONS[3:]
    ],
    *[
        (decision, APPLICATION_LIFECYCLE, ApplicationStatus.values, an_application)
        for decision in APPLICATION_DECISIONS
    ],
    *[(decision, AUDITION_LIFECYCLE, AuditionStatus.values, an_audition) for decision in AUDITION_DECISIONS],
]


@pytest.mark.parametrize(
    ("decision", "table", "statuses", "build"), ADMIN_DECISIONS, ids=lambda value: getattr(value, "name", "")
)
def test_admin_decisions_offer_only_what_the_table_allows(decision, table, statuses, build):
    for status in statuses:
        instance = build(status)

        assert decision.transition in table.transitions
        if not table.can(instance, decision.transition):
            assert decision.allows(instance) is False, status
