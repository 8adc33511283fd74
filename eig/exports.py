"""Tables exported for staff, CSV or XLSX, the same way everywhere (French spreadsheet conventions).

- `csv_cell`/`csv_lines`: decimal comma, `;` separator, a byte order mark so that spreadsheets read
  UTF-8, dates as « 2026-06-12 09:30 », and text that a spreadsheet would run as a formula quoted;
- `xlsx_cell`: text stored as text (never a formula), dates with their format;
- `csv_response`/`xlsx_response`: a header and rows (plain values: str, int, Decimal, naive datetime
  or None) as a download. applications/exports.py streams its 100,000 rows with the first two and its own
  write-only workbook; smaller tables use the responses directly;
- `export_record`: every export is written to the audit trail (AuditAction.EXPORT: who, when, from which
  address, what, how many rows): the responses above ask what they export (`audit`), so none forgets;
- `public_csv_response`: the one exception, for open data only (the programme's public figures, downloaded
  by anyone and holding nothing about a person): the same CSV, not written to the audit trail."""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from eig.audit.models import AuditAction
from eig.audit.services import in_site_language, record

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet runs a cell that starts with one of these as a formula: what people typed must not.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """French spreadsheet conventions: decimal comma; text that looks like a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer inside a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    # The byte order mark makes spreadsheets read the file as UTF-8.
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def xlsx_cell(sheet, value):
    """A write-only cell: text stays text whatever it starts with, a date-time gets its format."""
    if isinstance(value, str):
        # Stored as text: openpyxl would otherwise write "=…" as a formula.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    return value


def export_record(*, what, filename: str, target=None, rows: int | None = None, data: dict | None = None) -> None:
    """Write an export to the audit trail: « Export CSV : les candidatures (42 lignes) ». `what` says in
    French what the file holds (a lazy string), `target` is the object it is about (a cohort), `rows` how
    many rows it has when known before it is sent, `data` more details (ids, the filters of the export)."""
    extension = filename.rsplit(".", 1)[-1].upper()
    summary = in_site_language(_("Export %(format)s : %(what)s"), format=extension, what=what)
    if rows is not None:
        summary += " " + in_site_language(
            ngettext_lazy("(%(count)s ligne)", "(%(count)s lignes)", "count"), count=rows
        )
    record(
        AuditAction.EXPORT,
        summary=summary,
        target=target,
        data={"format": extension.lower(), "filename": filename, "rows": rows, **(data or {})},
    )


def _audited(rows: Iterable[list], *, audit, audit_target, audit_data, filename: str) -> Iterable[list]:
    rows = rows if isinstance(rows, list | tuple) else list(rows)
    export_record(what=audit, filename=filename, target=audit_target, rows=len(rows), data=audit_data)
    return rows


def csv_response(
    header: list[str],
    rows: Iterable[list],
    *,
    filename: str,
    audit,
    audit_target=None,
    audit_data: dict | None = None,
    sheet: str = "",
) -> StreamingHttpResponse:
    """The table as a CSV download, produced while it is sent (`sheet` is for the XLSX only), written to
    the audit trail (`audit`: what it holds, in French; `audit_target`: the object it is about;
    `audit_data`: more details)."""
    rows = _audited(rows, audit=audit, audit_target=audit_target, audit_data=audit_data, filename=filename)
    return public_csv_response(header, rows, filename=filename)


def public_csv_response(header: list[str], rows: Iterable[list], *, filename: str) -> StreamingHttpResponse:
    """Open data only: a public table that anyone may download (figures.public), the same CSV as
    `csv_response` but not written to the audit trail, since it holds nothing about a person. Never call
    it for a table that staff export: `csv_response` writes that export to the trail, then sends it so."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(
    header: list[str],
    rows: Iterable[list],
    *,
    filename: str,
    sheet: str,
    audit,
    audit_target=None,
    audit_data: dict | None = None,
) -> HttpResponse:
    """The table as an XLSX download, on one sheet named `sheet`, its header row frozen, written to the
    audit trail as `csv_response` is."""
    rows = _audited(rows, audit=audit, audit_target=audit_target, audit_data=audit_data, filename=filename)
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    worksheet.freeze_panes = "A2"
    worksheet.append(header)
    for row in rows:
        worksheet.append([xlsx_cell(worksheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


FORMATS = {"csv": csv_response, "xlsx": xlsx_response}
