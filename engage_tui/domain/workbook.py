"""Workbooks: reports and entries as .xlsx with typed cells, and a Method sheet that says how.

A supervisor opens a return in Excel or Calc, sums a column and pastes the table into a panel report,
so every cell holds what it means: hours as the exact number of hours (minutes ÷ 60) shown to the
report's precision — a SUM of the month cells then equals the TOTAL cell, which a column of rounded
figures would not — money to the penny in £, counts as integers, days as dates, and text as text.
Text that a spreadsheet would run as a formula is stored as a string (never a formula) marked with
the quote prefix Excel itself uses, so no apostrophe shows and editing the cell keeps it text.

Written with XlsxWriter in its constant-memory mode (rows go to disk as they are written), under a
temporary name renamed when complete, so a failed export leaves no half-written workbook.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from engage_tui.domain.method import MethodInfo, Sheets, method_rows
from engage_tui.domain.tables import Cell, Column, ColumnKind, Report, display_cell, number_of
from engage_tui.errors import EngageError

MAX_ROWS = 1_048_576
"""Rows a worksheet holds, its header included (Excel's limit and Calc's)."""
FORMULA_STARTS = frozenset("=+-@")
EPOCH = date(1899, 12, 30)  # day 0 of a workbook's date serials (the 1900 date system)
WIDEST = 60
NUMBER_FORMATS: dict[ColumnKind, str] = {
    "count": "0",
    "score": "0.0",
    "average": "0.0",
    "decimal": "General",
    "money": '"£"#,##0.00',
    "date": "yyyy-mm-dd",
}
WIDTHS: dict[ColumnKind, int] = {"date": 11, "hours": 9, "count": 9}
"""Widths of streamed columns, whose longest cell is not known before it is written."""
FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})


def write_workbook(path: Path, sheets: Sheets, method: MethodInfo, precision: int = 0) -> int:
    """Each (sheet name, report) on a sheet of its own, then the Method sheet; returns the data rows
    written. A list of several reports makes a pack, one sheet a table."""
    written = 0
    with _book(path) as book:
        styles = _Styles(book, precision)
        names = _unique([name for name, _ in sheets] + ["Method"])
        for name, (_, report) in zip(names, sheets, strict=False):
            written += _write_report(book.add_worksheet(name), report, styles)
        _write_method(book.add_worksheet(names[-1]), method_rows(method, sheets, precision), styles)
    return written


def write_table(
    path: Path,
    sheet: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Cell]],
    method: MethodInfo | None = None,
    precision: int = 2,
) -> int:
    """A sheet of rows streamed as they come (header in row 1, as an import reads it back), then
    the Method sheet; hours cells are minutes. Refuses, writing nothing, a row past the sheet's last."""
    with _book(path) as book:
        styles = _Styles(book, precision)
        kinds = [c.kind for c in columns]
        sheet_name, method_name = _unique([sheet, "Method"])
        worksheet = book.add_worksheet(sheet_name)
        _header(worksheet, 0, columns, styles)
        for at, column in enumerate(columns):
            worksheet.set_column(at, at, WIDTHS.get(column.kind, 24), styles.number(column.kind))
        worksheet.freeze_panes(1, 0)
        written = 0
        for written, row in enumerate(rows, start=1):
            if written >= MAX_ROWS:
                raise EngageError(
                    f"rows: more than {MAX_ROWS - 1:,} rows, which is all a sheet holds under "
                    "its header; export them as CSV instead (--format csv)",
                    field="rows",
                )
            _row(worksheet, written, row, kinds, styles, formatted=False)
        if method is not None:
            _write_method(book.add_worksheet(method_name), method_rows(method, [], precision), styles)
    return written


class _Styles:
    """The workbook's formats, made once: XlsxWriter keeps every format object it is given."""

    def __init__(self, book: xlsxwriter.Workbook, precision: int) -> None:
        hours = "0" + ("." + "0" * precision if precision else "")
        self.numbers = {
            kind: book.add_format({"num_format": fmt, "align": "right"})
            for kind, fmt in {**NUMBER_FORMATS, "hours": hours}.items()
        }
        self.text = book.add_format({"quote_prefix": True})  # a formula start shown, kept as text
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.header = book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "bottom"})
        self.header_right = book.add_format(
            {"bold": True, "bottom": 1, "text_wrap": True, "valign": "bottom", "align": "right"}
        )

    def number(self, kind: ColumnKind) -> Format | None:
        return self.numbers.get(kind)


def _write_report(sheet: Worksheet, report: Report, styles: _Styles) -> int:
    """Title row (with the report's basis and PROVISIONAL), bold frozen header, typed rows, notes."""
    sheet.write_string(0, 0, report.heading(), styles.title)
    _header(sheet, 1, report.columns, styles)
    sheet.freeze_panes(2, 0)
    kinds = [c.kind for c in report.columns]
    for at, row in enumerate(report.rows, start=2):
        _row(sheet, at, row, kinds, styles)
    for at, note in enumerate(report.notes, start=len(report.rows) + 3):
        _text(sheet, at, 0, note, styles)
    for at, width in enumerate(_widths(report)):
        sheet.set_column(at, at, width)
    return len(report.rows)


def _header(sheet: Worksheet, at: int, columns: Sequence[Column], styles: _Styles) -> None:
    for col, column in enumerate(columns):
        sheet.write_string(
            at, col, column.title, styles.header if column.kind == "text" else styles.header_right
        )


def _row(
    sheet: Worksheet,
    at: int,
    row: Sequence[Cell],
    kinds: Sequence[ColumnKind],
    styles: _Styles,
    formatted: bool = True,
) -> None:
    """One row's cells by their column's kind; a blank stays blank. A streamed sheet (`formatted`
    False) leaves number formats to its columns, which costs less per cell."""
    for col, (cell, kind) in enumerate(zip(row, kinds, strict=False)):
        if cell is None or cell == "":
            continue
        if kind == "text" or (isinstance(cell, str) and kind != "date"):
            _text(sheet, at, col, str(cell), styles)
        else:
            sheet.write_number(at, col, _number(cell, kind), styles.number(kind) if formatted else None)


def _number(cell: Cell, kind: ColumnKind) -> float:
    """The value a numeric cell holds: hours from minutes, unrounded; a score from tenths; a day as
    its serial number (ISO text from SQL too)."""
    if kind == "date":
        day = date.fromisoformat(cell) if isinstance(cell, str) else cell
        if not isinstance(day, date):
            raise TypeError(f"{cell!r} is not a day")
        return (day - EPOCH).days
    value = float(number_of(cell))
    if kind == "hours":
        return value / 60
    return value / 10 if kind == "score" else value


def _text(sheet: Worksheet, at: int, col: int, value: str, styles: _Styles) -> None:
    """Text as a string cell, exactly as typed; one that looks like a formula gets the quote prefix
    (a style, not a character), so that no apostrophe shows and none is added to what was typed."""
    sheet.write_string(at, col, value, styles.text if value[:1] in FORMULA_STARTS else None)


def _widths(report: Report) -> list[int]:
    """Each column as wide as its longest shown cell (its title wraps), within reason."""
    return [
        min(
            WIDEST, 2 + max(len(column.title) // 2, 6, _longest([row[i] for row in report.rows], column.kind))
        )
        for i, column in enumerate(report.columns)
    ]


def _longest(cells: list[Cell], kind: ColumnKind) -> int:
    """The longest cell as shown; of numbers (none negative) the largest is the longest, which spares
    formatting every cell of a big pivot."""
    given = [cell for cell in cells if cell is not None]
    if not given:
        return 0
    if kind in ("text", "date") or not all(isinstance(cell, int | Decimal) for cell in given):
        return max(len(display_cell(cell, kind)) for cell in given)
    return len(display_cell(max(number_of(cell) for cell in given), kind))


def _write_method(sheet: Worksheet, rows: Sequence[tuple[str, str]], styles: _Styles) -> None:
    sheet.write_string(0, 0, "Item", styles.header)
    sheet.write_string(0, 1, "How the figures were made", styles.header)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, 36, styles.wrap)
    sheet.set_column(1, 1, 100, styles.wrap)
    for at, (item, value) in enumerate(rows, start=1):
        _text(sheet, at, 0, item, styles)
        _text(sheet, at, 1, value, styles)


def _unique(names: Sequence[str]) -> list[str]:
    """Sheet names a workbook accepts: no []:*?/\\, at most 31 characters, none twice (ignoring case)."""
    taken: set[str] = set()
    result = []
    for name in names:
        base = (name.translate(FORBIDDEN).strip("' ") or "Sheet")[:31]
        candidate, n = base, 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{base[:27]} ({n})"
        taken.add(candidate.lower())
        result.append(candidate)
    return result


@contextmanager
def _book(path: Path) -> Iterator[xlsxwriter.Workbook]:
    """A constant-memory workbook written under a temporary name and renamed when complete; on a
    refusal part-way the partial file is closed and removed."""
    partial = path.with_name(f".{path.name}.part")
    hook, failure = sys.unraisablehook, None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        book = xlsxwriter.Workbook(
            str(partial),
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        complete = False
        try:
            yield book
            complete = True
        finally:
            book.close()
        if complete:
            os.replace(partial, path)
    except (OSError, FileCreateError) as error:
        # xlsxwriter's half-written zip is closed again as the error is dropped; on a full disk that
        # fails too, and Python would print it as a traceback after the one-line refusal
        sys.unraisablehook = _unheard
        failure = f"out: cannot write {path}: {getattr(error, 'strerror', None) or error}"
    finally:
        partial.unlink(missing_ok=True)
        sys.unraisablehook = hook
    if failure:
        raise EngageError(failure, field="out")


def _unheard(_unraisable: object) -> None:
    """Nothing said: the refusal has said it."""
