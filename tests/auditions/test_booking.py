"""Booking an audition's slot: PostgreSQL's exclusion constraints refuse, in French, a jury, a candidate
or a juror booked twice at overlapping times; back to back is fine; a cancelled slot frees the time."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from auditions.models import Audition, JurorBooking
from auditions.services import audition_book, audition_cancel
from tests.applications.factories import ApplicationFactory
from tests.auditions.factories import AuditionFactory, JuryFactory, JuryMemberFactory, auditions_day

pytestmark = pytest.mark.django_db

HALF_HOUR = dt.timedelta(minutes=30)


def refusal(audition, starts_at) -> list[str]:
    with pytest.raises(ValidationError) as error:
        audition_book(audition=audition, starts_at=starts_at)
    return error.value.messages


def test_a_booked_slot_holds_its_range_its_jurors_and_a_video_room(settings):
    settings.VIDEO_CONFERENCE_BASE_URL = "https://webconf.example.org"
    jury = JuryFactory(members=3)
    start = auditions_day(jury.cohort, hour=9)

    audition = audition_book(audition=AuditionFactory(jury=jury), starts_at=start)

    audition.refresh_from_db()
    assert (audition.starts_at, audition.ends_at) == (start, start + HALF_HOUR)
    assert (audition.busy.lower, audition.busy.upper, audition.busy.bounds) == (start, start + HALF_HOUR, "[)")
    assert sorted(JurorBooking.objects.filter(audition=audition).values_list("juror_id", flat=True)) == sorted(
        jury.members.values_list("user_id", flat=True)
    )
    prefix = f"https://webconf.example.org/EIG{jury.cohort.number}"
    assert audition.video_link.startswith(prefix)
    room = audition.video_link.removeprefix(prefix)
    assert len(room) == 20 and room.isalnum()


def test_the_jury_cannot_be_booked_twice_at_overlapping_times():
    jury = JuryFactory()
    start = auditions_day(jury.cohort, hour=10)
    AuditionFactory(jury=jury, at=start)

    assert refusal(AuditionFactory(jury=jury), start + dt.timedelta(minutes=15)) == [
        "Ce jury a déjà une audition à cet horaire."
    ]


def test_the_candidate_cannot_be_booked_twice_at_overlapping_times():
    first = AuditionFactory(at=None)
    start = auditions_day(first.jury.cohort, hour=10)
    audition_book(audition=first, starts_at=start)
    other_jury = JuryFactory(cohort=first.jury.cohort)

    second = AuditionFactory(jury=other_jury, application=first.application)

    assert refusal(second, start - dt.timedelta(minutes=10)) == [
        "Ce candidat ou cette candidate a déjà une audition à cet horaire."
    ]


def test_a_juror_sitting_on_two_juries_cannot_be_in_both_at_once():
    seat = JuryMemberFactory()
    cohort = seat.jury.cohort
    other_jury = JuryFactory(cohort=cohort)
    JuryMemberFactory(jury=other_jury, user=seat.user)
    start = auditions_day(cohort, hour=14)
    AuditionFactory(jury=seat.jury, at=start)

    assert refusal(AuditionFactory(jury=other_jury), start) == [
        "Un·e juré·e de ce jury siège déjà dans une autre audition à cet horaire."
    ]
    assert Audition.objects.filter(jury=other_jury, starts_at__isnull=False).count() == 0


def test_back_to_back_slots_are_accepted_for_the_jury_the_candidate_and_the_jurors():
    jury = JuryFactory(members=2)
    start = auditions_day(jury.cohort, hour=9)
    first = AuditionFactory(jury=jury, at=start)
    second = AuditionFactory(jury=jury, application=ApplicationFactory(preselected=True, cohort=jury.cohort))

    audition_book(audition=second, starts_at=start + HALF_HOUR)

    assert list(Audition.objects.filter(jury=jury).order_by("starts_at").values_list("pk", flat=True)) == [
        first.pk,
        second.pk,
    ]
    assert JurorBooking.objects.count() == 4


def test_the_cohort_break_is_kept_between_two_slots():
    jury = JuryFactory()
    jury.cohort.audition_break_minutes = 10
    jury.cohort.save()
    start = auditions_day(jury.cohort, hour=9)
    AuditionFactory(jury=jury, at=start)

    assert refusal(AuditionFactory(jury=jury), start + HALF_HOUR) == ["Ce jury a déjà une audition à cet horaire."]
    later = audition_book(audition=AuditionFactory(jury=jury), starts_at=start + HALF_HOUR + dt.timedelta(minutes=10))
    assert later.starts_at == start + dt.timedelta(minutes=40)


def test_a_cancelled_slot_frees_the_time_of_the_jury_the_candidate_and_the_jurors():
    jury = JuryFactory(members=2)
    start = auditions_day(jury.cohort, hour=11)
    first = AuditionFactory(jury=jury, at=start)

    audition_cancel(audition=first, by=None, reason="Désistement")

    assert JurorBooking.objects.filter(audition=first).count() == 0
    second = audition_book(audition=AuditionFactory(jury=jury), starts_at=start)
    assert second.starts_at == start


def test_a_slot_outside_the_auditions_window_is_refused():
    jury = JuryFactory()
    before = jury.cohort.auditions_start_at - dt.timedelta(hours=1)

    (message,) = refusal(AuditionFactory(jury=jury), before)

    assert message.startswith("Le créneau doit se situer pendant les auditions, du ")


def test_postgresql_itself_refuses_an_overlap_written_without_the_service():
    jury = JuryFactory()
    start = auditions_day(jury.cohort, hour=9)
    AuditionFactory(jury=jury, at=start)
    other = AuditionFactory(jury=jury)
    first = Audition.objects.get(starts_at=start)

    with pytest.raises(IntegrityError, match="audition_jury_not_twice"), transaction.atomic():
        Audition.objects.filter(pk=other.pk).update(starts_at=first.starts_at, ends_at=first.ends_at, busy=first.busy)
