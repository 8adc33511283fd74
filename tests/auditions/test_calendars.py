"""The jurors' calendars: the private feed (token digest stored, renewed: the old address dies; recused
auditions without the candidate) and the day's schedule e-mail with its .ics, once per juror and day."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from auditions.calendars import juror_feed_renew
from auditions.models import JurorFeed, Link, token_digest
from auditions.services import audition_cancel, audition_move
from eig.dates import PARIS, paris_date
from eig.models import DeliveryStatus, ReminderDelivery
from eig.reminders.services import reminders_sweep
from tests.auditions.factories import (
    AuditionFactory,
    DeclarationFactory,
    JuryFactory,
    JuryMemberFactory,
    auditions_day,
)
from tests.cohorts.factories import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    """A juror's seat on a jury of a cohort whose auditions are weeks ahead."""
    return JuryMemberFactory(jury=JuryFactory(cohort=CohortFactory(phase="after_wishes")))


def feed_events(client, token: str) -> list:
    response = client.get(reverse("auditions:juror_feed", args=[token]))
    assert response.status_code == 200
    return Calendar.from_ical(response.content).events


def test_the_feed_lists_the_jurors_auditions_recused_ones_without_the_candidate(client, seat):
    cohort = seat.jury.cohort
    first = AuditionFactory(jury=seat.jury, at=auditions_day(cohort, hour=9))
    recused = AuditionFactory(jury=seat.jury, at=auditions_day(cohort, hour=10))
    AuditionFactory(jury=JuryFactory(cohort=cohort), at=auditions_day(cohort, hour=9))  # another jury's
    DeclarationFactory(audition=recused, juror=seat.user, link=Link.WORKED_TOGETHER, note="Collègue en 2022.")
    token = juror_feed_renew(juror=seat.user)

    events = feed_events(client, token)

    assert [(str(event["UID"]), event["SEQUENCE"]) for event in events] == [(first.uid, 0), (recused.uid, 0)]
    assert str(events[0]["SUMMARY"]) == (
        f"Audition EIG : {first.application.candidate.get_full_name()} — {first.challenge.name}"
    )
    assert str(events[1]["SUMMARY"]) == f"Audition EIG — {recused.challenge.name} (déport)"
    assert events[0]["DTSTART"].params["TZID"] == "Europe/Paris"


def test_renewing_the_feed_kills_the_old_address_and_stores_only_the_digest(client, seat):
    old = juror_feed_renew(juror=seat.user)
    new = juror_feed_renew(juror=seat.user)

    assert JurorFeed.objects.get(juror=seat.user).token_digest == token_digest(new) != new
    assert client.get(reverse("auditions:juror_feed", args=[old])).status_code == 404
    assert client.get(reverse("auditions:juror_feed", args=[new])).status_code == 200
    assert client.get(reverse("auditions:juror_feed", args=["pas-un-jeton"])).status_code == 404


def test_the_agenda_page_shows_the_new_address_once(client, seat):
    client.force_login(seat.user)
    url = reverse("auditions:juror_agenda")

    before = client.get(url)
    created = client.post(url, follow=True)
    after = client.get(url)

    assert "Créer mon adresse privée" in before.content.decode()
    feed_url = created.context["feed_url"]
    token = feed_url.rsplit("/", 1)[1].removesuffix(".ics")
    assert feed_url == f"http://testserver/auditions/agenda/{token}.ics"
    assert JurorFeed.objects.get(juror=seat.user).token_digest == token_digest(token)
    assert feed_url in created.content.decode()
    assert after.context["feed_url"] is None
    assert feed_url not in after.content.decode()
    assert "Renouveler l'adresse" in after.content.decode()


# --- The day's schedule -------------------------------------------------------------------------------------


def sweep(moment: dt.datetime, mailoutbox, capture) -> list:
    """The day-schedule e-mails a sweep at `moment` sends (the other audition reminders left out)."""
    already = len(mailoutbox)
    with time_machine.travel(moment, tick=False), capture(execute=True):
        reminders_sweep()
    return [message for message in mailoutbox[already:] if message.subject.startswith("[EIG] Vos auditions du ")]


def test_jurors_get_the_days_schedule_with_its_ics_the_day_before_once(
    seat, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = seat.jury.cohort
    other = JuryMemberFactory(jury=seat.jury)
    morning = AuditionFactory(jury=seat.jury, at=auditions_day(cohort, day=1, hour=9))
    afternoon = AuditionFactory(jury=seat.jury, at=auditions_day(cohort, day=1, hour=14))
    AuditionFactory(jury=seat.jury, at=auditions_day(cohort, day=2, hour=9))  # the next day: not yet
    eve = auditions_day(cohort, day=0, hour=9)

    too_early = sweep(eve - dt.timedelta(minutes=1), mailoutbox, django_capture_on_commit_callbacks)
    sent = sweep(eve, mailoutbox, django_capture_on_commit_callbacks)
    again = sweep(eve + dt.timedelta(hours=3), mailoutbox, django_capture_on_commit_callbacks)

    assert too_early == again == []
    assert sorted(message.to[0] for message in sent) == sorted([seat.user.email, other.user.email])
    day = morning.starts_at.astimezone(PARIS).date()
    message = next(message for message in sent if message.to == [seat.user.email])
    assert message.subject == f"[EIG] Vos auditions du {paris_date(morning.starts_at)}"
    assert f"Voici vos auditions de demain, {paris_date(morning.starts_at)} (heures de Paris) :" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert f"- 09:00–09:30 · {morning.challenge.name} · {morning.video_link}" in message.body
    assert f"- 14:00–14:30 · {afternoon.challenge.name} · {afternoon.video_link}" in message.body
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == ("audition.ics", "text/calendar; method=PUBLISH")
    assert [str(event["UID"]) for event in Calendar.from_ical(content).events] == [morning.uid, afternoon.uid]
    day_rows = ReminderDelivery.objects.filter(rule__startswith="juror_day_schedule")
    assert sorted(day_rows.values_list("rule", "recipient_id", "object_id", "status")) == sorted(
        [
            ("juror_day_schedule:eve", seat.user.pk, day.toordinal(), DeliveryStatus.SENT),
            ("juror_day_schedule:eve", other.user.pk, day.toordinal(), DeliveryStatus.SENT),
        ]
    )


def test_no_day_schedule_once_the_days_auditions_are_cancelled(seat, mailoutbox, django_capture_on_commit_callbacks):
    cohort = seat.jury.cohort
    audition = AuditionFactory(jury=seat.jury, at=auditions_day(cohort, day=1, hour=9))
    audition_cancel(audition=audition, by=None)

    assert sweep(auditions_day(cohort, day=0, hour=10), mailoutbox, django_capture_on_commit_callbacks) == []
    assert ReminderDelivery.objects.count() == 0


def test_a_day_emptied_before_its_email_leaves_cancels_the_reminder(seat, django_capture_on_commit_callbacks):
    cohort = seat.jury.cohort
    audition = AuditionFactory(jury=seat.jury, at=auditions_day(cohort, day=1, hour=9))
    eve = auditions_day(cohort, day=0, hour=9)
    with time_machine.travel(eve, tick=False):
        reminders_sweep()  # the row is written; its delivery is not run (no commit in this test)
    audition_move(audition=audition, starts_at=auditions_day(cohort, day=3, hour=9), by=None)

    with time_machine.travel(eve + dt.timedelta(minutes=15), tick=False):
        reminders_sweep()

    # (the jurors' declaration reminder has rows of its own: only the day schedule's is looked at)
    assert list(
        ReminderDelivery.objects.filter(rule__startswith="juror_day_schedule").values_list("rule", "status")
    ) == [("juror_day_schedule:eve", DeliveryStatus.CANCELLED)]
