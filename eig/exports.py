"""Tables exported for staff, CSV or XLSX, the same way everywhere (French spreadsheet conventions).

- `csv_cell`/`csv_lines`: decimal comma, `;` separator, a byte order mark so that spreadsheets read
  UTF-8, dates as « 2026-06-12 09:30 », and text that a spreadsheet would run as a formula quoted;
- `xlsx_cell`: text stored as text (never a formula), dates with their format;
- `csv_response`/`xlsx_response`: a header and rows (plain values: str, int, Decimal, naive datetime
  or None) as a download. applications/exports.py streams its 100,000 rows with the first two and its own
  write-only workbook; smaller tables use the responses directly."""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

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


def csv_response(header: list[str], rows: Iterable[list], *, filename: str, sheet: str = "") -> StreamingHttpResponse:
    """The table as a CSV download, produced while it is sent (`sheet` is for the XLSX only)."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(header: list[str], rows: Iterable[list], *, filename: str, sheet: str) -> HttpResponse:
    """The table as an XLSX download, on one sheet named `sheet`, its header row frozen."""
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
