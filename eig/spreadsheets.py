"""A table as an XLSX workbook (openpyxl's write-only mode): the one writer of the exports that build
their rows in memory (the challenges', the auditions' schedule). Text is always stored as text, so
that a cell typed as « =… » by someone is never run as a formula."""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(header: list[str], rows: list[list], *, sheet_title: str, number_formats: dict | None = None) -> bytes:
    """The workbook of one sheet: the header (frozen), then the rows; `number_formats` maps a column's
    index to its Excel number format (« yyyy-mm-dd » for a date)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    sheet.freeze_panes = "A2"
    sheet.append(header)
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            elif number_formats and index in number_formats:
                cell.number_format = number_formats[index]
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
