"""Calendar files of the auditions (icalendar, RFC 5545, built with eig.ics): the candidate's convocation,
the jurors' day schedule and their private feed.

One VEVENT per audition: its UID is the audition's own (`Audition.uid`, never changed), its SEQUENCE the
audition's (raised at every change sent), its times in Europe/Paris with the VTIMEZONE that defines them,
so that every calendar application shows the right hour, even across a change of clocks. A cancelled
audition is sent with METHOD:CANCEL and STATUS:CANCELLED, which removes it from the candidate's calendar.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Event

from auditions.models import Audition, AuditionStatus
from eig import ics
from eig.ics import CANCEL, PUBLISH, calendar_text, timed_event

PRODID = "-//Entrepreneurs d'intérêt général//Auditions//FR"
FILENAME = "audition.ics"


def audition_event(audition: Audition, *, with_candidate: bool = True, stamp: dt.datetime | None = None) -> Event:
    """The audition as a VEVENT. `with_candidate=False` leaves the candidate's name out (a juror who
    recused from the audition sees only that the slot is held)."""
    event = timed_event(
        uid=audition.uid,
        sequence=audition.sequence,
        starts_at=audition.starts_at,
        ends_at=audition.ends_at,
        stamp=stamp,
    )
    challenge = audition.challenge.name
    if with_candidate:
        summary = _("Audition EIG : %(candidate)s — %(challenge)s") % {
            "candidate": audition.application.candidate.get_full_name() or audition.application.candidate.email,
            "challenge": challenge,
        }
    else:
        summary = _("Audition EIG — %(challenge)s (déport)") % {"challenge": challenge}
    event.add("summary", summary)
    description = [_("Défi : %(challenge)s") % {"challenge": challenge}]
    if audition.video_link:
        description.append(_("Lien de visioconférence : %(link)s") % {"link": audition.video_link})
        event.add("location", audition.video_link)
        event.add("url", audition.video_link)
    event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if audition.status == AuditionStatus.CANCELLED else "CONFIRMED")
    return event


def calendar_ics(
    auditions: Iterable[Audition],
    *,
    method: str = PUBLISH,
    name: str = "",
    without_candidate: frozenset[int] = frozenset(),
    language: str = settings.LANGUAGE_CODE,
) -> str:
    """A VCALENDAR of the booked auditions (in `language`), with the Europe/Paris VTIMEZONE their times
    need. `without_candidate`: the ids of the auditions shown without the candidate's name."""
    stamp = timezone.now()
    with translation.override(language or settings.LANGUAGE_CODE):
        events = [
            audition_event(audition, with_candidate=audition.pk not in without_candidate, stamp=stamp)
            for audition in auditions
            if audition.starts_at is not None
        ]
    return calendar_text(events, prodid=PRODID, method=method, name=name)


def convocation_ics(audition: Audition, *, language: str = settings.LANGUAGE_CODE) -> str:
    """The candidate's convocation: PUBLISH, or CANCEL once the audition is cancelled."""
    method = CANCEL if audition.status == AuditionStatus.CANCELLED else PUBLISH
    return calendar_ics([audition], method=method, language=language)


def ics_attachment(content: str, *, method: str = PUBLISH) -> dict:
    """The outbox's attachment of an auditions' calendar file, `audition.ics`."""
    return ics.ics_attachment(content, filename=FILENAME, method=method)
