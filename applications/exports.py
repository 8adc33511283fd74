"""Exports of applications for programme staff (the admin: the candidate's identity is included).

Built to stream 100,000 rows without holding them in memory: rows are read with `values_list` (no
model instances) through a server-side cursor, `CHUNK_SIZE` at a time. The CSV is streamed to the
client as it is produced; the XLSX is written row by row by openpyxl's write-only workbook into a
temporary file, then streamed from that file. The benchmark is benchmarks/export_applications.py."""

import datetime as dt
import tempfile
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from applications.models import Application, ApplicationStatus, HeardFrom, Relocation
from applications.selectors import applications_with_review_summary
from cohorts.profiles import Profile
from cohorts.scoring import score_rounded
from eig.exports import XLSX_CONTENT_TYPE, csv_lines, export_record, xlsx_cell

CHUNK_SIZE = 2000
PARIS = ZoneInfo("Europe/Paris")

# What each row reads from the database, in this order (see `_row`).
FIELDS = (
    "pk",
    "cohort__number",
    "cohort__name",
    "status",
    "candidate__first_name",
    "candidate__last_name",
    "candidate__usual_name",
    "candidate__pronouns",
    "candidate__email",
    "profile",
    "years_of_experience",
    "cohort__seniority_threshold_years",
    "relocation",
    "heard_from",
    "submitted_at",
    "review_count",
    "mean_score",
)


def export_header() -> list[str]:
    return [
        _("Référence"),
        _("Promotion"),
        _("Statut"),
        _("Prénom"),
        _("Nom"),
        _("Nom d'usage"),
        _("Pronoms"),
        _("Adresse e-mail"),
        _("Profil"),
        _("Années d'expérience"),
        _("Tranche d'expérience"),
        _("Prêt·e à déménager"),
        _("A connu le programme par"),
        _("Déposée le (heure de Paris)"),
        _("Nombre d'évaluations"),
        _("Note moyenne"),
    ]


def seniority_band(years: int | None, threshold: int) -> str:
    """Junior up to the cohort's threshold included, senior above it (as the salary bands)."""
    if years is None:
        return ""
    return _("Junior") if years <= threshold else _("Senior")


def export_rows(applications: QuerySet[Application]) -> Iterator[list]:
    """The rows (plain values: str, int, Decimal, naive Paris datetime or None), read lazily, in the
    queryset's order; each chunk of rows is fetched when the previous one has been consumed."""
    if "mean_score" not in applications.query.annotations:
        applications = applications_with_review_summary(applications)
    labels = {
        "status": {value: str(label) for value, label in ApplicationStatus.choices},
        "profile": {value: str(label) for value, label in Profile.choices},
        "relocation": {value: str(label) for value, label in Relocation.choices},
        "heard_from": {value: str(label) for value, label in HeardFrom.choices},
    }
    for values in applications.values_list(*FIELDS).iterator(chunk_size=CHUNK_SIZE):
        yield _row(values, labels)


def _row(values: tuple, labels: dict) -> list:
    (
        pk,
        cohort_number,
        cohort_name,
        status,
        first_name,
        last_name,
        usual_name,
        pronouns,
        email,
        profile,
        years,
        threshold,
        relocation,
        heard_from,
        submitted_at,
        review_count,
        mean_score,
    ) = values
    return [
        f"C-{cohort_number}-{pk:05d}",  # as Application.reference
        cohort_name,
        labels["status"].get(status, status),
        first_name,
        last_name,
        usual_name,
        pronouns,
        email,
        labels["profile"].get(profile, profile),
        years,
        seniority_band(years, threshold),
        labels["relocation"].get(relocation, relocation),
        labels["heard_from"].get(heard_from, heard_from),
        submitted_at.astimezone(PARIS).replace(tzinfo=None) if submitted_at else None,
        review_count,
        score_rounded(mean_score),
    ]


def export_filename(extension: str, now: dt.datetime | None = None) -> str:
    return f"candidatures-{timezone.localdate(now or timezone.now()).isoformat()}.{extension}"


# What the export holds, as the audit trail says it (eig.exports.export_record).
EXPORT_WHAT = gettext_lazy("les candidatures")


def csv_response(applications: QuerySet[Application]) -> StreamingHttpResponse:
    """The CSV, produced while it is sent: nothing is read from the database before the first chunk."""
    export_record(what=EXPORT_WHAT, filename=export_filename("csv"))
    response = StreamingHttpResponse(
        csv_lines(export_header(), export_rows(applications)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename("csv")}"'
    return response


def xlsx_write(applications: QuerySet[Application], file) -> None:
    """Write the XLSX to `file`, row by row (openpyxl's write-only mode keeps no row in memory)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Candidatures"))
    sheet.freeze_panes = "A2"
    sheet.append(export_header())
    for row in export_rows(applications):
        sheet.append([xlsx_cell(sheet, value) for value in row])
    workbook.save(file)


def xlsx_response(applications: QuerySet[Application]) -> FileResponse:
    """The XLSX, written to a temporary file (deleted when the response is closed), then streamed from it."""
    export_record(what=EXPORT_WHAT, filename=export_filename("xlsx"))
    file = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — FileResponse closes it once sent
    xlsx_write(applications, file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=export_filename("xlsx"), content_type=XLSX_CONTENT_TYPE)
