"""The proposed schedule from the database (auditions.schedule): the problem built from the cohort's
juries, jurors, availability, unavailability and slots already sent; the proposal booked through the
service, respecting every rule, the same twice; what it cannot place, with its reason in French."""

import datetime as dt

import pytest

from auditions.models import Audition, AuditionStatus, JurorBooking, JuryAvailability, Unavailability
from auditions.schedule import schedule_problem, schedule_propose
from auditions.scheduling import FixedSlot, Interval, daily_intervals, propose_schedule
from auditions.scheduling_checks import schedule_violations
from auditions.services import audition_book, audition_transition
from cohorts.windows import Step
from eig.dates import PARIS
from tests.applications.factories import ApplicationFactory
from tests.auditions.factories import AuditionFactory, JuryFactory, JuryMemberFactory, auditions_day
from tests.cohorts.factories import CohortFactory

pytestmark = pytest.mark.django_db

HALF_HOUR = dt.timedelta(minutes=30)


def cohort_before_auditions(**values):
    return CohortFactory(phase="after_wishes", **values)


def slots(cohort) -> dict[int, tuple]:
    return dict(Audition.objects.filter(application__cohort=cohort).values_list("pk", "starts_at").order_by("pk"))


def test_the_problem_holds_the_cohorts_auditions_juries_jurors_unavailability_and_sent_slots():
    cohort = cohort_before_auditions(audition_break_minutes=10)
    jury = JuryFactory(cohort=cohort, members=2)
    JuryMemberFactory(jury=jury, user=None, accepted_at=None)  # a pending invitation holds no time
    other = JuryFactory(cohort=cohort)
    own = JuryAvailability.objects.create(
        jury=other, starts_at=auditions_day(cohort, 1, 14), ends_at=auditions_day(cohort, 1, 16)
    )
    sent = AuditionFactory(jury=jury, at=auditions_day(cohort, 0, 9))
    audition_transition(sent, "convene")
    planned = AuditionFactory(jury=jury, at=auditions_day(cohort, 0, 10))
    free = AuditionFactory(jury=other)
    away = Unavailability.objects.create(
        application=free.application, starts_at=auditions_day(cohort, 1, 14), ends_at=auditions_day(cohort, 1, 15)
    )
    AuditionFactory(jury=jury, application=ApplicationFactory(cohort=cohort, preselected=True)).delete()
    cancelled = AuditionFactory(jury=jury)
    Audition.objects.filter(pk=cancelled.pk).update(status=AuditionStatus.CANCELLED)
    window = cohort.window(Step.AUDITIONS)

    problem = schedule_problem(cohort)

    assert sorted((a.id, a.candidate_id, a.jury_id, a.duration) for a in problem.auditions) == [
        (sent.pk, sent.application_id, jury.pk, HALF_HOUR),
        (planned.pk, planned.application_id, jury.pk, HALF_HOUR),
        (free.pk, free.application_id, other.pk, HALF_HOUR),
    ]
    juries = {j.id: j for j in problem.juries}
    assert juries[jury.pk].member_ids == frozenset(jury.members.exclude(user=None).values_list("user_id", flat=True))
    assert len(juries[jury.pk].member_ids) == 2
    assert juries[jury.pk].availability == daily_intervals(window.opens_at, window.closes_at)
    assert juries[other.pk].availability == (Interval(own.starts_at, own.ends_at),)
    assert [(c.id, c.unavailability) for c in problem.candidates] == [
        (free.application_id, (Interval(away.starts_at, away.ends_at),))
    ]
    assert problem.fixed == (FixedSlot(sent.pk, auditions_day(cohort, 0, 9)),)
    assert problem.break_between == dt.timedelta(minutes=10)
    assert [f.audition_id for f in schedule_problem(cohort, keep_planned=True).fixed] == [sent.pk, planned.pk]


def test_the_proposal_books_every_audition_respecting_every_rule_and_is_deterministic():
    cohort = cohort_before_auditions(audition_break_minutes=5)
    juries = [JuryFactory(cohort=cohort, members=2) for _ in range(3)]
    shared = JuryMemberFactory(jury=juries[0]).user
    JuryMemberFactory(jury=juries[1], user=shared)  # a juror on two juries
    JuryAvailability.objects.create(
        jury=juries[2], starts_at=auditions_day(cohort, 2, 9), ends_at=auditions_day(cohort, 2, 11)
    )
    candidates = [ApplicationFactory(cohort=cohort, preselected=True) for _ in range(4)]
    for n, application in enumerate(candidates):
        for jury in juries[: 1 + n % 3]:
            AuditionFactory(jury=jury, application=application, challenge=jury.challenges.get())
    Unavailability.objects.create(
        application=candidates[0], starts_at=auditions_day(cohort, -1, 0), ends_at=auditions_day(cohort, 1, 0)
    )
    sent = Audition.objects.filter(application=candidates[1], jury=juries[1]).get()
    audition_book(audition=sent, starts_at=auditions_day(cohort, 0, 14))
    audition_transition(sent, "convene")
    problem = schedule_problem(cohort)

    proposal = schedule_propose(cohort=cohort)

    assert proposal.unplaced == []
    assert len(proposal.booked) == Audition.objects.count() - 1 == 6
    first = slots(cohort)
    booked = propose_schedule(problem)
    assert {p.audition_id: p.start for p in booked.placements} == first
    assert schedule_violations(problem, booked) == ()
    assert first[sent.pk] == auditions_day(cohort, 0, 14)
    unavailable = Audition.objects.filter(application=candidates[0]).values_list("pk", flat=True)
    assert [first[pk] >= auditions_day(cohort, 1, 0) for pk in unavailable] == [True]
    assert JurorBooking.objects.filter(juror=shared).count() == Audition.objects.filter(jury__in=juries[:2]).count()
    # Proposing again gives the same slots.
    schedule_propose(cohort=cohort)
    assert slots(cohort) == first


def test_a_proposal_keeps_the_planned_slots_when_asked_and_moves_them_otherwise():
    cohort = cohort_before_auditions()
    jury = JuryFactory(cohort=cohort)
    late = AuditionFactory(jury=jury, at=auditions_day(cohort, 1, 16))
    other = AuditionFactory(jury=jury)
    available = schedule_problem(cohort).juries[0].availability
    first = available[0].start
    next_day = min(i.start for i in available if i.start.astimezone(PARIS).date() > first.astimezone(PARIS).date())

    schedule_propose(cohort=cohort, keep_planned=True)
    kept = slots(cohort)
    schedule_propose(cohort=cohort)

    assert kept == {late.pk: auditions_day(cohort, 1, 16), other.pk: first}
    # Otherwise both are placed again, one a day (each jury's load spread over its days).
    assert slots(cohort) == {late.pk: first, other.pk: next_day}


def test_an_audition_that_cannot_be_placed_is_reported_in_french():
    cohort = cohort_before_auditions()
    jury = JuryFactory(cohort=cohort, name="Jury Santé")
    JuryAvailability.objects.create(
        jury=jury, starts_at=auditions_day(cohort, 0, 9), ends_at=auditions_day(cohort, 0, 9, 30)
    )
    first = AuditionFactory(jury=jury)
    second = AuditionFactory(jury=jury)
    away = AuditionFactory(jury=JuryFactory(cohort=cohort))
    JuryAvailability.objects.create(
        jury=away.jury, starts_at=auditions_day(cohort, 0, 14), ends_at=auditions_day(cohort, 0, 15)
    )
    Unavailability.objects.create(
        application=away.application, starts_at=auditions_day(cohort, 0, 13), ends_at=auditions_day(cohort, 0, 16)
    )

    proposal = schedule_propose(cohort=cohort)

    assert [a.pk for a in proposal.booked] == [first.pk]
    assert [(a.pk, reason) for a, reason in proposal.unplaced] == [
        (second.pk, "Les autres auditions prennent tout le temps restant. Complet : le jury « Jury Santé »."),
        (
            away.pk,
            "Toutes les disponibilités du jury tombent pendant les indisponibilités du candidat ou de la candidate.",
        ),
    ]
    assert Audition.objects.get(pk=second.pk).starts_at is None


def test_a_placement_postgresql_refuses_is_reported_with_its_message_and_the_others_are_booked():
    """A juror who also sits on another cohort's jury, booked there: the scheduler does not see that
    cohort, PostgreSQL does."""
    cohort = cohort_before_auditions()
    jury = JuryFactory(cohort=cohort)
    JuryAvailability.objects.create(
        jury=jury, starts_at=auditions_day(cohort, 0, 9), ends_at=auditions_day(cohort, 0, 10)
    )
    seat = JuryMemberFactory(jury=jury)
    elsewhere = JuryFactory(cohort=CohortFactory(phase="after_wishes"))
    JuryMemberFactory(jury=elsewhere, user=seat.user)
    AuditionFactory(jury=elsewhere, at=auditions_day(cohort, 0, 9))
    refused, booked = AuditionFactory(jury=jury), AuditionFactory(jury=jury)

    proposal = schedule_propose(cohort=cohort)

    assert [(a.pk, reason) for a, reason in proposal.unplaced] == [
        (refused.pk, "Un·e juré·e de ce jury siège déjà dans une autre audition à cet horaire.")
    ]
    assert [a.pk for a in proposal.booked] == [booked.pk]
    assert slots(cohort) == {refused.pk: None, booked.pk: auditions_day(cohort, 0, 9, 30)}
