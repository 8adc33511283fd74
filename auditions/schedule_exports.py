"""The schedule of a cohort's auditions for staff: CSV and XLSX (one row per audition, booked or not, in
Paris time, through eig.exports), and an ICS calendar of the booked ones (auditions.ics: each event keeps
the audition's UID and SEQUENCE, as its convocation does). The queries do not grow with the number of
auditions."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from auditions.ics import calendar_ics
from auditions.models import AuditionStatus
from auditions.schedule import cohort_auditions
from eig import ics
from eig.dates import PARIS
from eig.exports import csv_response as tabular_csv
from eig.exports import export_record
from eig.exports import xlsx_response as tabular_xlsx


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


# What the export holds, as the audit trail says it (eig.exports.export_record).
EXPORT_WHAT = gettext_lazy("le planning des auditions")


def csv_response(cohort):
    header, rows = export_table(cohort)
    return tabular_csv(header, rows, filename=export_filename(cohort, "csv"), audit=EXPORT_WHAT, audit_target=cohort)


def xlsx_response(cohort) -> HttpResponse:
    header, rows = export_table(cohort)
    return tabular_xlsx(
        header,
        rows,
        filename=export_filename(cohort, "xlsx"),
        sheet=_("Planning"),
        audit=EXPORT_WHAT,
        audit_target=cohort,
    )


def ics_response(cohort) -> HttpResponse:
    """The booked auditions as one calendar, in the Europe/Paris time zone (METHOD PUBLISH)."""
    content = calendar_ics(
        cohort_auditions(cohort).filter(starts_at__isnull=False),
        name=_("Auditions — %(name)s") % {"name": cohort.name},
    )
    filename = export_filename(cohort, "ics")
    export_record(what=EXPORT_WHAT, filename=filename, target=cohort)
    return ics.ics_response(content, filename)


# The export formats of the schedule page: label, response.
FORMATS = {
    "csv": (gettext_lazy("CSV"), csv_response),
    "xlsx": (gettext_lazy("Excel (XLSX)"), xlsx_response),
    "ics": (gettext_lazy("Agenda (ICS)"), ics_response),
}
