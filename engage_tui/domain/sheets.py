"""Reading an import from a workbook sheet, in the shape the CSV reader gives.

Each cell becomes the text a CSV of it would hold, so every import keeps every rule it has for CSV:
a date cell is `YYYY-MM-DD` (a day typed as text is still text, and checked as such), a number is
written as it reads (2, not 2.0), a time cell `H:MM`. What a CSV cannot hold is refused by its cell
reference: a formula (its result depends on the workbook, not on the import) and an error value.
Rows are numbered as the spreadsheet shows them; the header is the first row with anything in it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from engage_tui.domain.csvfiles import (
    Cells,
    Rows,
    as_dicts,
    cell_picker,
    names_required,
    no_header,
)
from engage_tui.errors import ImportRefused

if TYPE_CHECKING:  # openpyxl is loaded when a workbook is read: a CSV import never needs it
    from openpyxl.workbook.workbook import Workbook

ZIP_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def is_workbook_data(data: bytes) -> bool:
    """An .xlsx file (a zip) — or an old binary .xls, which is refused with what to do instead."""
    return data.startswith((ZIP_MAGIC, OLD_EXCEL_MAGIC))


def sheet_name(data: bytes, source: str, wanted: str | None) -> str:
    """The sheet an import reads: `wanted` (ignoring case), or else the workbook's first."""
    book = _open(data, source)
    try:
        names = book.sheetnames
    finally:
        book.close()
    if wanted is None:
        return names[0]
    for name in names:
        if name.casefold() == wanted.strip().casefold():
            return name
    raise ImportRefused(source, [f"sheet: there is no sheet {wanted!r}; the sheets are {', '.join(names)}"])


def read_sheet_rows(
    data: bytes, source: str, sheet: str, columns: Sequence[str], required: Sequence[str]
) -> Rows:
    """(row number, {column: cell text}) for each data row, or (row number, problem) for a row
    holding a formula, an error value or a cell beyond the header; like `csvfiles.read_rows`."""
    return as_dicts(read_sheet_cells(data, source, sheet, columns, required), columns)


def read_sheet_cells(
    data: bytes, source: str, sheet: str, columns: Sequence[str], required: Sequence[str]
) -> Cells:
    """(row number, cell texts in `columns` order) for each data row, or (row number, problem);
    like `csvfiles.read_cells`."""
    book = _open(data, source)
    try:
        worksheet = book[sheet]
        worksheet.reset_dimensions()  # a file's stated size may be wrong: read what is there
        rows = enumerate(worksheet.iter_rows(), start=1)
        header = _header(rows, source, columns, required)
        width, pick = len(header), cell_picker(header, columns)
        for number, cells in rows:
            texts, problems = _texts(cells, sheet, number)
            if not "".join(texts).strip() and not problems:
                continue
            extra = [f"{_ref(sheet, i, number)} holds {t!r}" for i, t in enumerate(texts) if i >= width and t]
            problems += [f"{', '.join(extra)} but the header has {width} columns"] if extra else []
            if problems:
                yield number, f"row {number}: {'; '.join(problems)}"
                continue
            del texts[width:]
            texts.extend([""] * (width - len(texts)))
            yield number, pick(texts)
    finally:
        book.close()


def _header(
    rows: Iterator[tuple[int, tuple]], source: str, columns: Sequence[str], required: Sequence[str]
) -> list[str]:
    for number, cells in rows:
        texts = [_text(cell).strip().lower() for cell in cells]
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            if not names_required(texts, source, columns, required, number):
                raise no_header(source, columns, required, number, ",".join(texts))
            return texts
    raise ImportRefused(source, ["the sheet is empty; it needs a header row: " + ",".join(columns)])


def _texts(cells: tuple, sheet: str, number: int) -> tuple[list[str], list[str]]:
    """Each cell as text, and what is wrong with those that cannot be read as a CSV cell."""
    texts, problems = [], []
    for index, cell in enumerate(cells):
        kind = getattr(cell, "data_type", "n")
        if kind == "f":
            problems.append(
                f"{_ref(sheet, index, number)} holds a formula ({cell.value}); paste it as a value"
            )
        elif kind == "e":
            problems.append(f"{_ref(sheet, index, number)} holds the error {cell.value}")
        texts.append(_text(cell))
    return texts, problems


def _text(cell) -> str:
    """A cell as the text a CSV would hold: strings exactly as typed (a workbook guards a formula
    start with a style, so an apostrophe in a cell was typed as one), days as YYYY-MM-DD, numbers
    without a spurious `.0`."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return _clock(timedelta(hours=value.hour, minutes=value.minute, seconds=value.second))
    if isinstance(value, timedelta):
        return _clock(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{Decimal(repr(value)):f}"
    return str(value)


def _clock(span: timedelta) -> str:
    """A time cell (2:30 typed into a sheet) as H:MM, the way `hours` accepts it."""
    minutes, seconds = divmod(round(span.total_seconds()), 60)
    text = f"{minutes // 60}:{minutes % 60:02d}"
    return f"{text}:{seconds:02d}" if seconds else text


def _ref(sheet: str, index: int, number: int) -> str:
    """`Sheet1!D7`, the sheet quoted as a spreadsheet writes it where it must be (`'My hours'!D7`)."""
    from openpyxl.utils import get_column_letter

    name = sheet if PLAIN_NAME.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(index + 1)}{number}"


def _open(data: bytes, source: str) -> Workbook:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if data.startswith(OLD_EXCEL_MAGIC):
        raise ImportRefused(
            source,
            [
                "this is an old .xls workbook; save it as .xlsx (Excel Workbook) "
                "or as CSV UTF-8 and import that"
            ],
        )
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise ImportRefused(source, [f"not a readable .xlsx workbook ({error})"]) from None
