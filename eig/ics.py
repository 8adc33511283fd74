"""Calendar files (icalendar, RFC 5545), whatever they hold: the auditions' convocations and jurors'
calendars (auditions/ics.py), the collective sessions of a cohort (fellowship/sessions.py).

Every event has a stable UID and a SEQUENCE raised at each change sent, its times in Europe/Paris; the
calendar carries the VTIMEZONE that defines them, so that every calendar application shows the right
hour, even across a change of clocks. METHOD PUBLISH, or CANCEL to remove an event sent before.
"""

import datetime as dt
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from eig.dates import PARIS

PUBLISH = "PUBLISH"
CANCEL = "CANCEL"
MIMETYPE = "text/calendar; charset=utf-8"


def timed_event(
    *, uid: str, sequence: int, starts_at: dt.datetime, ends_at: dt.datetime, stamp: dt.datetime | None = None
) -> Event:
    """A VEVENT with its identity (UID, SEQUENCE, DTSTAMP) and its times in Paris; the caller adds the
    rest (SUMMARY, LOCATION, DESCRIPTION…)."""
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", starts_at.astimezone(PARIS))
    event.add("dtend", ends_at.astimezone(PARIS))
    return event


def calendar_text(events: Iterable[Event], *, prodid: str, method: str = PUBLISH, name: str = "") -> str:
    """A VCALENDAR of these events (PRODID, VERSION 2.0, METHOD, the calendar's name when given), with
    the Europe/Paris VTIMEZONE their times need, once."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    if calendar.events:
        years = sorted(event.start.year for event in calendar.events)
        calendar.add_missing_timezones(first_date=dt.date(years[0] - 1, 1, 1), last_date=dt.date(years[-1] + 2, 1, 1))
    return calendar.to_ical().decode()


def ics_response(content: str, filename: str) -> HttpResponse:
    """A calendar file to download (or a feed that calendar applications subscribe to)."""
    response = HttpResponse(content, content_type=MIMETYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def ics_attachment(content: str, *, filename: str, method: str = PUBLISH) -> dict:
    """The outbox's attachment of a calendar file (eig.emails.email_queue(attachments=…))."""
    return {"filename": filename, "content": content, "mimetype": f"text/calendar; method={method}"}
