"""The schedule of a cohort's auditions for staff: CSV and XLSX (one row per audition, booked or not, in
Paris time), and an ICS calendar of the booked ones (icalendar; each event keeps the audition's UID and
SEQUENCE, as its convocation does). The queries do not grow with the number of auditions."""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event, Timezone

from applications.exports import csv_lines
from auditions.models import AuditionStatus
from auditions.schedule import cohort_auditions
from eig.dates import PARIS
from eig.spreadsheets import XLSX_CONTENT_TYPE, xlsx_bytes


def export_table(cohort) -> tuple[list[str], list[list]]:
    """The header and the rows: date and times (naive, Paris time), jury, candidate, challenge, status."""
    header = [
        _("Date"),
        _("Début (heure de Paris)"),
        _("Fin (heure de Paris)"),
        _("Jury"),
        _("Candidat·e"),
        _("Adresse e-mail"),
        _("Défi"),
        _("Statut"),
        _("Lien de visioconférence"),
    ]
    rows = []
    for audition in cohort_auditions(cohort):
        starts = audition.starts_at.astimezone(PARIS) if audition.starts_at else None
        ends = audition.ends_at.astimezone(PARIS) if audition.ends_at else None
        rows.append(
            [
                starts.date() if starts else None,
                starts.strftime("%H:%M") if starts else None,
                ends.strftime("%H:%M") if ends else None,
                audition.jury.name,
                str(audition.application.candidate),
                audition.application.candidate.email,
                audition.challenge.name,
                str(AuditionStatus(audition.status).label),
                audition.video_link,
            ]
        )
    return header, rows


def export_filename(cohort, extension: str) -> str:
    return f"planning-auditions-eig{cohort.number}-{timezone.localdate().isoformat()}.{extension}"


def _attachment(response, cohort, extension: str):
    response["Content-Disposition"] = f'attachment; filename="{export_filename(cohort, extension)}"'
    return response


def csv_response(cohort) -> StreamingHttpResponse:
    header, rows = export_table(cohort)
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    return _attachment(response, cohort, "csv")


def xlsx_response(cohort) -> HttpResponse:
    header, rows = export_table(cohort)
    content = xlsx_bytes(header, rows, sheet_title=_("Planning"), number_formats={0: "yyyy-mm-dd"})
    return _attachment(HttpResponse(content, content_type=XLSX_CONTENT_TYPE), cohort, "xlsx")


def ics_calendar(cohort) -> Calendar:
    """The booked auditions as one calendar, in the Europe/Paris time zone (METHOD PUBLISH)."""
    calendar = Calendar()
    calendar.add("prodid", "-//EIG//Planning des auditions//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Auditions — %(name)s") % {"name": cohort.name})
    calendar.add_component(Timezone.from_tzid("Europe/Paris"))
    for audition in cohort_auditions(cohort).filter(starts_at__isnull=False):
        event = Event()
        event.add("uid", audition.uid)
        event.add("sequence", audition.sequence)
        event.add("dtstamp", timezone.now())
        event.add("dtstart", audition.starts_at.astimezone(PARIS))
        event.add("dtend", audition.ends_at.astimezone(PARIS))
        event.add(
            "summary",
            _("Audition de %(candidate)s — %(jury)s")
            % {"candidate": audition.application.candidate, "jury": audition.jury.name},
        )
        event.add("description", audition.challenge.name)
        if audition.video_link:
            event.add("location", audition.video_link)
        calendar.add_component(event)
    return calendar


def ics_response(cohort) -> HttpResponse:
    response = HttpResponse(ics_calendar(cohort).to_ical(), content_type="text/calendar; charset=utf-8")
    return _attachment(response, cohort, "ics")


# The export formats of the schedule page: label, response.
FORMATS = {
    "csv": (gettext_lazy("CSV"), csv_response),
    "xlsx": (gettext_lazy("Excel (XLSX)"), xlsx_response),
    "ics": (gettext_lazy("Agenda (ICS)"), ics_response),
}
