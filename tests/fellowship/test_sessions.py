"""The collective sessions (fellowship/sessions.py): who is expected at each, each person's sessions and
their private feed (parsed with icalendar), staff's changes and the attendance they record, and the
reminder the day before each session (fellowship/reminders_sessions.py)."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from icalendar import Calendar

from eig.dates import PARIS, paris_datetime
from eig.feeds import token_digest
from eig.models import DeliveryStatus, ReminderDelivery
from eig.reminders.services import reminders_sweep
from fellowship.models import Attendance, Audience, SessionFeed
from fellowship.sessions import (
    attendance_record,
    expected_people,
    next_sessions,
    session_feed_renew,
    session_save,
    sessions_for,
    sessions_ics,
    user_of_session_feed,
)
from tests.eig.factories import UserFactory
from tests.fellowship.factories import FellowFactory, MentorFactory, SessionFactory

pytestmark = pytest.mark.django_db

SEPTEMBER_14 = dt.datetime(2026, 9, 14, 9, 30, tzinfo=PARIS)


@pytest.fixture
def fellow():
    return FellowFactory()


@pytest.fixture
def mentor(fellow):
    """An operational mentor of the fellow's challenge, who accepted the invitation."""
    return MentorFactory(challenge=fellow.challenge)


@pytest.fixture
def sessions(fellow):
    """One session of the fellow's cohort per audience, and one of another cohort."""
    cohort = fellow.cohort
    return {
        audience: SessionFactory(cohort=cohort, title=f"Pour {audience}", audience=audience)
        for audience in Audience.values
    } | {"other": SessionFactory(title="Autre promotion", audience=Audience.BOTH)}


def titles(queryset) -> list[str]:
    return [session.title for session in queryset]


# --- Who is expected --------------------------------------------------------------------------------------


def test_a_fellow_sees_the_sessions_for_fellows_and_for_both_of_their_cohort(fellow, sessions):
    assert titles(sessions_for(fellow.user)) == ["Pour fellows", "Pour both"]


def test_a_mentor_sees_the_sessions_for_mentors_and_for_both_of_their_cohort(mentor, sessions):
    assert titles(sessions_for(mentor.user)) == ["Pour mentors", "Pour both"]


def test_a_mentor_who_has_not_accepted_yet_sees_none(mentor, sessions):
    mentor.accepted_at = None
    mentor.save(update_fields=["accepted_at"])

    assert titles(sessions_for(mentor.user)) == []


def test_an_unrelated_candidate_sees_no_session(sessions):
    assert titles(sessions_for(UserFactory(candidate=True))) == []


def test_a_fellow_of_another_cohort_sees_only_their_cohorts(sessions):
    other = FellowFactory(offer__application__cohort=sessions["other"].cohort)

    assert titles(sessions_for(other.user)) == ["Autre promotion"]


def test_sessions_are_in_time_order(fellow):
    later = SessionFactory(cohort=fellow.cohort, title="Demo day", starts_at=SEPTEMBER_14 + dt.timedelta(days=30))
    SessionFactory(cohort=fellow.cohort, title="Bootcamp", starts_at=SEPTEMBER_14)

    assert titles(sessions_for(fellow.user)) == ["Bootcamp", "Demo day"]
    assert later.pk == sessions_for(fellow.user).last().pk


def test_the_people_expected_follow_the_audience(fellow, mentor, sessions):
    assert list(expected_people(sessions[Audience.FELLOWS])) == [fellow.user]
    assert list(expected_people(sessions[Audience.MENTORS])) == [mentor.user]
    assert set(expected_people(sessions[Audience.BOTH])) == {fellow.user, mentor.user}


def test_sessions_for_takes_one_query_however_many_sessions(fellow, django_assert_num_queries):
    SessionFactory.create_batch(3, cohort=fellow.cohort)

    with django_assert_num_queries(1):
        assert len(list(sessions_for(fellow.user))) == 3


def test_the_next_sessions_are_the_three_soonest_not_ended(fellow):
    now = timezone.now()
    SessionFactory(cohort=fellow.cohort, title="Passée", starts_at=now - dt.timedelta(days=2))
    for day in (4, 1, 3, 2):
        SessionFactory(cohort=fellow.cohort, title=f"J+{day}", starts_at=now + dt.timedelta(days=day))

    assert titles(next_sessions(fellow.user)) == ["J+1", "J+2", "J+3"]


# --- The calendar and the private feed ------------------------------------------------------------------------


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://eig.example.org"


def test_the_calendar_has_one_event_per_session_with_its_uid_sequence_and_paris_times(fellow, site):
    bootcamp = SessionFactory(
        cohort=fellow.cohort,
        title="Bootcamp de rentrée",
        description="Trois jours pour se rencontrer.",
        starts_at=SEPTEMBER_14,
        ends_at=SEPTEMBER_14 + dt.timedelta(hours=8),
        place="Station F, 5 parvis Alan Turing, Paris",
        mandatory=True,
        audience=Audience.BOTH,
    )
    workshop = SessionFactory(
        cohort=fellow.cohort,
        title="Atelier open source",
        starts_at=dt.datetime(2026, 11, 3, 14, 0, tzinfo=PARIS),
        ends_at=dt.datetime(2026, 11, 3, 16, 0, tzinfo=PARIS),
        place="",
        video_link="https://webinaire.numerique.gouv.fr/meeting/atelier",
    )
    session_save(session=workshop, changed=["starts_at"])

    calendar = Calendar.from_ical(sessions_ics(fellow.user))

    first, second = calendar.events
    assert [str(event["UID"]) for event in calendar.events] == [
        f"session-{bootcamp.pk}@eig.example.org",
        f"session-{workshop.pk}@eig.example.org",
    ]
    assert [event["SEQUENCE"] for event in calendar.events] == [0, 1]
    assert str(first["SUMMARY"]) == "Bootcamp de rentrée (obligatoire)"
    assert str(second["SUMMARY"]) == "Atelier open source"
    assert first["DTSTART"].params["TZID"] == "Europe/Paris"
    assert first["DTSTART"].dt == SEPTEMBER_14
    assert first["DTSTART"].dt.utcoffset() == dt.timedelta(hours=2)
    assert second["DTEND"].dt == dt.datetime(2026, 11, 3, 16, 0, tzinfo=PARIS)
    assert second["DTEND"].dt.utcoffset() == dt.timedelta(hours=1)
    assert str(first["LOCATION"]) == "Station F, 5 parvis Alan Turing, Paris"
    assert str(second["LOCATION"]) == "https://webinaire.numerique.gouv.fr/meeting/atelier"
    assert str(first["URL"]) == "https://eig.example.org/promotion/sessions/mes-sessions/"
    assert str(second["URL"]) == "https://webinaire.numerique.gouv.fr/meeting/atelier"
    assert str(first["DESCRIPTION"]) == "Trois jours pour se rencontrer.\n\nCette session est obligatoire."
    assert str(second["DESCRIPTION"]) == (
        "Lien de visioconférence : https://webinaire.numerique.gouv.fr/meeting/atelier"
    )
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert (str(calendar["METHOD"]), str(calendar["X-WR-CALNAME"])) == ("PUBLISH", "Mes sessions EIG")


def test_renewing_the_feed_kills_the_old_token_and_stores_only_the_digest(fellow):
    old = session_feed_renew(fellow.user)
    new = session_feed_renew(fellow.user)

    assert SessionFeed.objects.get(user=fellow.user).token_digest == token_digest(new) != new
    assert SessionFeed.objects.count() == 1
    assert user_of_session_feed(old) is None
    assert user_of_session_feed(new) == fellow.user
    assert user_of_session_feed("pas-un-jeton") is None


def test_an_inactive_persons_feed_opens_nothing(fellow):
    token = session_feed_renew(fellow.user)
    fellow.user.is_active = False
    fellow.user.save(update_fields=["is_active"])

    assert user_of_session_feed(token) is None


# --- Staff's changes -------------------------------------------------------------------------------------------


def test_a_change_of_time_or_place_raises_the_sequence_and_others_do_not(fellow):
    session = SessionFactory(cohort=fellow.cohort)

    session_save(session=session, changed=["title", "description", "mandatory"])
    after_title = session.sequence
    for field in ("starts_at", "ends_at", "place", "video_link"):
        session_save(session=session, changed=[field])
    session.refresh_from_db()

    assert (after_title, session.sequence) == (0, 4)


def test_a_new_session_starts_at_sequence_zero(fellow):
    session = SessionFactory.build(cohort=fellow.cohort)

    session_save(session=session, changed=["starts_at", "place"])

    assert session.sequence == 0


# --- Attendance ---------------------------------------------------------------------------------------------------


@pytest.fixture
def staff():
    return UserFactory(staff=True)


def test_attendance_is_recorded_exactly_and_replaced(fellow, mentor, staff):
    session = SessionFactory(cohort=fellow.cohort, audience=Audience.BOTH)
    other_staff = UserFactory(staff=True)
    attendance_record(session=session, statuses={fellow.user.pk: "present", mentor.user.pk: "excused"}, by=staff)

    attendance_record(session=session, statuses={mentor.user.pk: "absent"}, by=other_staff)

    assert sorted(Attendance.objects.values_list("user_id", "status", "recorded_by_id")) == sorted(
        [(fellow.user.pk, "present", staff.pk), (mentor.user.pk, "absent", other_staff.pk)]
    )


def test_attendance_is_refused_for_someone_not_expected(fellow, mentor, staff):
    session = SessionFactory(cohort=fellow.cohort, audience=Audience.FELLOWS)
    stranger = UserFactory(candidate=True, first_name="Jeanne", last_name="Dupont")

    with pytest.raises(ValidationError) as refused:
        attendance_record(
            session=session,
            statuses={fellow.user.pk: "present", mentor.user.pk: "present", stranger.pk: "absent"},
            by=staff,
        )

    assert refused.value.messages == [
        f"Ces personnes ne sont pas attendues à cette session : {mentor.user.get_full_name()}, Jeanne Dupont."
    ]
    assert Attendance.objects.count() == 0


def test_attendance_refuses_an_unknown_status(fellow, staff):
    session = SessionFactory(cohort=fellow.cohort)

    with pytest.raises(ValidationError) as refused:
        attendance_record(session=session, statuses={fellow.user.pk: "late"}, by=staff)

    assert refused.value.messages == ["Présence inconnue : late."]
    assert Attendance.objects.count() == 0


def test_attendance_is_staffs_to_record(fellow):
    session = SessionFactory(cohort=fellow.cohort)

    with pytest.raises(PermissionDenied):
        attendance_record(session=session, statuses={fellow.user.pk: "present"}, by=fellow.user)


# --- The reminder the day before ---------------------------------------------------------------------------------


def sweep(moment: dt.datetime, mailoutbox, capture) -> list:
    """The session reminders a sweep at `moment` sends (other reminders left out)."""
    already = len(mailoutbox)
    with time_machine.travel(moment, tick=False), capture(execute=True):
        reminders_sweep()
    return [message for message in mailoutbox[already:] if message.subject.startswith("[EIG] Rappel : session ")]


def test_everyone_expected_is_reminded_the_day_before_once(
    fellow, mentor, mailoutbox, django_capture_on_commit_callbacks
):
    starts_at = (
        (timezone.now() + dt.timedelta(days=3)).astimezone(PARIS).replace(hour=9, minute=30, second=0, microsecond=0)
    )
    session = SessionFactory(
        cohort=fellow.cohort,
        title="Bootcamp",
        starts_at=starts_at,
        audience=Audience.BOTH,
        mandatory=True,
        place="Station F, Paris",
    )
    SessionFactory(cohort=fellow.cohort, audience=Audience.MENTORS, starts_at=starts_at + dt.timedelta(days=1))
    eve = starts_at - dt.timedelta(days=1)

    too_early = sweep(eve - dt.timedelta(minutes=1), mailoutbox, django_capture_on_commit_callbacks)
    sent = sweep(eve, mailoutbox, django_capture_on_commit_callbacks)
    again = sweep(eve + dt.timedelta(hours=3), mailoutbox, django_capture_on_commit_callbacks)

    assert too_early == again == []
    assert sorted(message.to[0] for message in sent) == sorted([fellow.user.email, mentor.user.email])
    message = next(message for message in sent if message.to == [fellow.user.email])
    with translation.override("fr"):
        date = paris_datetime(starts_at)
    assert message.subject == f"[EIG] Rappel : session « Bootcamp » demain, le {date}"
    assert date.endswith(" à 09:30 (heure de Paris)")
    assert f"La session collective « Bootcamp » a lieu demain, le {date}.\nLieu : Station F, Paris\n" in message.body
    assert "Cette session est obligatoire." in message.body
    assert f"{settings.SITE_URL}/promotion/sessions/mes-sessions/" in message.body
    assert sorted(
        ReminderDelivery.objects.filter(rule__startswith="session_eve").values_list(
            "rule", "recipient_id", "object_id", "scope_id", "status"
        )
    ) == sorted(
        [
            ("session_eve:1d", fellow.user.pk, session.pk, session.pk, DeliveryStatus.SENT),
            ("session_eve:1d", mentor.user.pk, session.pk, session.pk, DeliveryStatus.SENT),
        ]
    )


def test_a_session_moved_before_its_reminder_leaves_cancels_it(fellow, django_capture_on_commit_callbacks):
    starts_at = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=3)
    session = SessionFactory(cohort=fellow.cohort, starts_at=starts_at)
    eve = starts_at - dt.timedelta(days=1)
    with time_machine.travel(eve, tick=False):
        reminders_sweep()  # the row is written; its delivery is not run (no commit in this test)
    session.starts_at, session.ends_at = starts_at + dt.timedelta(days=7), starts_at + dt.timedelta(days=7, hours=2)
    session_save(session=session, changed=["starts_at", "ends_at"])

    with time_machine.travel(eve + dt.timedelta(minutes=15), tick=False):
        reminders_sweep()

    assert list(ReminderDelivery.objects.filter(rule__startswith="session_eve").values_list("rule", "status")) == [
        ("session_eve:1d", DeliveryStatus.CANCELLED)
    ]
