"""The collective sessions' pages: « Mes sessions » with the private feed (shown once, renewed), the feed and
the .ics download, staff's list with its attendance counts, a session's attendance page, the admin raising
the SEQUENCE; the queries of each list do not grow with its sessions."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from eig.dates import PARIS
from eig.feeds import token_digest
from fellowship.models import Attendance, Audience, Session, SessionFeed
from fellowship.sessions import session_feed_renew
from tests.eig.factories import UserFactory
from tests.fellowship.factories import FellowFactory, MentorFactory, SessionFactory

pytestmark = pytest.mark.django_db

MINE = reverse("fellowship:my_sessions")
DAY = dt.timedelta(days=1)


@pytest.fixture
def fellow():
    return FellowFactory(
        offer__application__candidate__first_name="Camille", offer__application__candidate__last_name="Martin"
    )


@pytest.fixture
def mentor(fellow):
    person = UserFactory(first_name="Alex", last_name="Bernard", mentor=True, agent=True)
    return MentorFactory(challenge=fellow.challenge, user=person, email=person.email)


@pytest.fixture
def staff(client):
    user = UserFactory(staff=True)
    client.force_login(user)
    return user


def feed_token(url: str) -> str:
    return url.rsplit("/", 1)[1].removesuffix(".ics")


# --- « Mes sessions » --------------------------------------------------------------------------------------


def test_my_sessions_lists_upcoming_and_past_with_my_attendance(client, fellow):
    now = timezone.now()
    SessionFactory(cohort=fellow.cohort, title="Demo day", starts_at=now + 10 * DAY, mandatory=True)
    SessionFactory(
        cohort=fellow.cohort,
        title="Atelier",
        starts_at=now + 3 * DAY,
        place="",
        video_link="https://visio.example.org/a",
    )
    past = SessionFactory(cohort=fellow.cohort, title="Bootcamp", starts_at=now - 20 * DAY)
    SessionFactory(cohort=fellow.cohort, title="Séminaire des mentors", audience=Audience.MENTORS)
    Attendance.objects.create(session=past, user=fellow.user, status="excused")
    client.force_login(fellow.user)

    response = client.get(MINE)

    assert response.status_code == 200
    assert [session.title for session in response.context["upcoming"]] == ["Atelier", "Demo day"]
    assert [(session.title, session.my_status) for session in response.context["past"]] == [("Bootcamp", "excused")]
    page = response.content.decode()
    assert "Rejoindre la visioconférence" in page
    assert "Excusé·e" in page
    assert "Obligatoire" in page
    assert "Séminaire des mentors" not in page
    assert "Créer mon adresse privée" in page


def test_the_feed_address_is_shown_once_and_renewal_kills_the_old_one(client, fellow):
    client.force_login(fellow.user)

    first = client.post(MINE)
    after = client.get(MINE)
    renewed = client.post(MINE)

    old, new = feed_token(first.context["feed_url"]), feed_token(renewed.context["feed_url"])
    assert first.context["feed_url"] == f"http://testserver/promotion/sessions/agenda/{old}.ics"
    assert first.context["feed_url"] in first.content.decode()
    assert "Copier" in first.content.decode()
    assert after.context["feed_url"] is None
    assert first.context["feed_url"] not in after.content.decode()
    assert "Renouveler l'adresse" in after.content.decode()
    assert SessionFeed.objects.get(user=fellow.user).token_digest == token_digest(new)
    client.logout()
    assert client.get(reverse("fellowship:session_feed", args=[old])).status_code == 404
    assert client.get(reverse("fellowship:session_feed", args=[new])).status_code == 200


def test_the_feed_opens_by_its_token_alone_and_lists_the_persons_sessions(client, fellow):
    session = SessionFactory(cohort=fellow.cohort, title="Bootcamp")
    token = session_feed_renew(fellow.user)

    response = client.get(reverse("fellowship:session_feed", args=[token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="sessions-eig.ics"'
    events = Calendar.from_ical(response.content).events
    assert [(str(event["SUMMARY"]), event["SEQUENCE"]) for event in events] == [("Bootcamp", 0)]
    assert str(events[0]["UID"]).startswith(f"session-{session.pk}@")
    assert client.get(reverse("fellowship:session_feed", args=["pas-un-jeton"])).status_code == 404


def test_the_ics_download_has_all_my_sessions(client, mentor):
    SessionFactory(cohort=mentor.challenge.cohort, title="Pour les mentors", audience=Audience.MENTORS)
    SessionFactory(cohort=mentor.challenge.cohort, title="Pour les EIG", audience=Audience.FELLOWS)
    client.force_login(mentor.user)

    response = client.get(reverse("fellowship:my_sessions_ics"))

    assert [str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).events] == ["Pour les mentors"]


@pytest.mark.parametrize("count", [1, 3])
def test_my_sessions_queries_do_not_grow(client, fellow, count, django_assert_num_queries):
    for day in range(count):
        past = SessionFactory(cohort=fellow.cohort, starts_at=timezone.now() - (day + 2) * DAY)
        SessionFactory(cohort=fellow.cohort, starts_at=timezone.now() + (day + 2) * DAY)
        Attendance.objects.create(session=past, user=fellow.user, status="present")
    client.force_login(fellow.user)
    client.get(MINE)

    # The session, the user, the sessions with my attendance, whether I have a feed.
    with django_assert_num_queries(4):
        assert client.get(MINE).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_feed_queries_do_not_grow(client, fellow, count, django_assert_num_queries):
    SessionFactory.create_batch(count, cohort=fellow.cohort)
    url = reverse("fellowship:session_feed", args=[session_feed_renew(fellow.user)])

    # The feed with its owner, the sessions.
    with django_assert_num_queries(2):
        response = client.get(url)
    assert len(Calendar.from_ical(response.content).events) == count


# --- Staff ----------------------------------------------------------------------------------------------------


def test_staff_list_shows_each_sessions_attendance_counts(client, staff, fellow, mentor):
    other = FellowFactory(offer__application__cohort=fellow.cohort, offer__run=fellow.offer.run)
    both = SessionFactory(
        cohort=fellow.cohort,
        title="Bootcamp",
        audience=Audience.BOTH,
        starts_at=dt.datetime(2026, 9, 14, 9, 30, tzinfo=PARIS),
    )
    SessionFactory(cohort=fellow.cohort, title="Atelier", starts_at=dt.datetime(2026, 10, 1, 14, 0, tzinfo=PARIS))
    SessionFactory(title="Autre promotion")
    Attendance.objects.create(session=both, user=fellow.user, status="present")
    Attendance.objects.create(session=both, user=other.user, status="present")
    Attendance.objects.create(session=both, user=mentor.user, status="absent")

    response = client.get(reverse("fellowship:staff_sessions", args=[fellow.cohort.pk]))

    rows = [
        (s.title, s.present_count, s.excused_count, s.absent_count, s.expected_count)
        for s in response.context["sessions"]
    ]
    assert rows == [("Bootcamp", 2, 0, 1, 3), ("Atelier", 0, 0, 0, 2)]
    page = response.content.decode()
    assert "14 septembre 2026 à 09:30 (heure de Paris)" in page
    assert reverse("fellowship:session_attendance", args=[both.pk]) in page
    assert f"{reverse('admin:fellowship_session_add')}?cohort={fellow.cohort.pk}" in page


@pytest.mark.parametrize("count", [1, 3])
def test_staff_list_queries_do_not_grow(client, staff, fellow, count, django_assert_num_queries):
    for audience in [Audience.FELLOWS, Audience.MENTORS, Audience.BOTH][:count]:
        session = SessionFactory(cohort=fellow.cohort, audience=audience)
        Attendance.objects.create(session=session, user=fellow.user, status="present")
    url = reverse("fellowship:staff_sessions", args=[fellow.cohort.pk])
    client.get(url)

    # The session, the user, the second factor, the cohort, the sessions with counts, the fellows, the mentors.
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def test_the_attendance_page_saves_every_row(client, staff, fellow, mentor):
    session = SessionFactory(cohort=fellow.cohort, audience=Audience.BOTH)
    url = reverse("fellowship:session_attendance", args=[session.pk])

    page = client.get(url)
    response = client.post(url, {f"person-{fellow.user.pk}": "present", f"person-{mentor.user.pk}": "excused"})

    assert [person.get_full_name() for person in page.context["people"]] == ["Alex Bernard", "Camille Martin"]
    assert response.status_code == 302
    assert response["Location"] == reverse("fellowship:staff_sessions", args=[fellow.cohort.pk])
    assert sorted(Attendance.objects.values_list("user_id", "status", "recorded_by_id")) == sorted(
        [(fellow.user.pk, "present", staff.pk), (mentor.user.pk, "excused", staff.pk)]
    )


def test_the_attendance_page_keeps_what_was_chosen_when_a_row_is_missing(client, staff, fellow, mentor):
    session = SessionFactory(cohort=fellow.cohort, audience=Audience.BOTH)
    url = reverse("fellowship:session_attendance", args=[session.pk])

    response = client.post(url, {f"person-{fellow.user.pk}": "absent", f"person-{mentor.user.pk}": "bientôt"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        f"person-{mentor.user.pk}": ["Choisissez présent·e, excusé·e ou absent·e pour Alex Bernard."]
    }
    assert response.context["form"][f"person-{fellow.user.pk}"].value() == "absent"
    checked = re.findall(
        r'<input type="radio" name="(person-\d+)" value="(\w+)"[^>]*checked', response.content.decode()
    )
    assert checked == [(f"person-{fellow.user.pk}", "absent")]
    assert Attendance.objects.count() == 0
    missing = client.post(url, {f"person-{fellow.user.pk}": "absent"})
    assert missing.context["form"].errors == {
        f"person-{mentor.user.pk}": ["Indiquez si Alex Bernard était présent·e, excusé·e ou absent·e."]
    }


def test_the_attendance_page_shows_what_was_recorded(client, staff, fellow):
    session = SessionFactory(cohort=fellow.cohort)
    Attendance.objects.create(session=session, user=fellow.user, status="excused")

    response = client.get(reverse("fellowship:session_attendance", args=[session.pk]))

    assert response.context["form"][f"person-{fellow.user.pk}"].value() == "excused"


# --- The admin ----------------------------------------------------------------------------------------------------


def admin_data(session: Session, **changes) -> dict:
    paris = session.starts_at.astimezone(PARIS), session.ends_at.astimezone(PARIS)
    data = {
        "cohort": session.cohort_id,
        "title": session.title,
        "description": session.description,
        "audience": session.audience,
        "starts_at_0": paris[0].strftime("%d/%m/%Y"),
        "starts_at_1": paris[0].strftime("%H:%M"),
        "ends_at_0": paris[1].strftime("%d/%m/%Y"),
        "ends_at_1": paris[1].strftime("%H:%M"),
        "place": session.place,
        "video_link": session.video_link,
        "attendances-TOTAL_FORMS": "0",
        "attendances-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_the_admin_raises_the_sequence_when_the_time_changes_only(client, fellow):
    client.force_login(UserFactory(superuser=True))
    session = SessionFactory(cohort=fellow.cohort, starts_at=dt.datetime(2026, 9, 14, 9, 30, tzinfo=PARIS))
    url = reverse("admin:fellowship_session_change", args=[session.pk])

    renamed = client.post(url, admin_data(session, title="Bootcamp de rentrée"))
    moved = client.post(url, admin_data(session, title="Bootcamp de rentrée", starts_at_1="10:00"))

    session.refresh_from_db()
    assert (renamed.status_code, moved.status_code) == (302, 302)
    assert session.starts_at == dt.datetime(2026, 9, 14, 10, 0, tzinfo=PARIS)
    assert (session.title, session.sequence) == ("Bootcamp de rentrée", 1)


def test_the_admin_refuses_an_attendance_of_someone_not_expected(client, fellow):
    client.force_login(UserFactory(superuser=True))
    session = SessionFactory(cohort=fellow.cohort)
    stranger = UserFactory(candidate=True)
    data = admin_data(
        session,
        **{
            "attendances-TOTAL_FORMS": "1",
            "attendances-0-user": stranger.pk,
            "attendances-0-status": "present",
            "attendances-0-session": session.pk,
        },
    )

    response = client.post(reverse("admin:fellowship_session_change", args=[session.pk]), data)

    assert response.status_code == 200
    assert "Cette personne n&#x27;est pas attendue à cette session." in response.content.decode()
    assert Attendance.objects.count() == 0
