"""Every entry in the `import hours` columns, as CSV or — for a path ending `.xlsx` — a workbook with
typed cells and a Method sheet: streamed, never all in memory; on PostgreSQL the server writes the CSV.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    Select,
    String,
    case,
    cast,
    column,
    func,
    literal,
    select,
    values,
)
from sqlalchemy.orm import Session

from engage_tui.domain.csvfiles import (
    FORMULA_STARTS,
    HOURS_COLUMNS,
    RISKY_STARTS,
    escape_cell,
    is_workbook,
    write_csv,
    write_csv_lines,
)
from engage_tui.domain.durations import MAX_MINUTES, format_hours
from engage_tui.domain.hours import entry_rows_query
from engage_tui.domain.method import MethodInfo
from engage_tui.domain.tables import Column, ColumnKind
from engage_tui.domain.workbook import MAX_ROWS, write_table
from engage_tui.errors import EngageError
from engage_tui.store.models import Entry
from engage_tui.store.readers import copied

ENTRY_PRECISION = 4  # 20 minutes → 0.3333, which `import hours` reads back as exactly 20 minutes
ENTRY_KINDS: tuple[ColumnKind, ...] = ("text", "date", "text", "hours", "text", "text", "text", "text")
ENTRY_COLUMNS = [Column(name, kind) for name, kind in zip(HOURS_COLUMNS, ENTRY_KINDS, strict=True)]
"""The `import hours` columns with the kind of cell a workbook gives each."""


def entry_hours(minutes: int) -> str:
    """Decimal hours with no trailing zeros: 150 → `2.5`, 20 → `0.3333`."""
    return format_hours(minutes, ENTRY_PRECISION).rstrip("0").rstrip(".")


HOURS_TEXT = [entry_hours(m) for m in range(MAX_MINUTES + 1)]
"""Every entry's hours as text, made once: an export looks each row's up instead of formatting it."""


def export_entries(session: Session, path: Path, method: MethodInfo | None = None) -> int:
    """Every entry, streamed (never all in memory), in the columns `import hours` reads: as CSV, or
    as a workbook for a path ending `.xlsx` (with a Method sheet when `method` is given)."""
    if is_workbook(path):
        return _entries_workbook(session, path, method)
    if session.get_bind().dialect.name == "postgresql":
        return entries_copied(session, path)
    return entries_written(session, path)


def entries_written(session: Session, path: Path) -> int:
    """The entries' CSV written row by row. Per row only what must be done is done: the date comes
    as text from the database, hours are looked up, and only the free-text cells are escaped — names
    once each, notes where they start with a character that could begin a formula."""
    names = _Escaped()
    return write_csv(
        path,
        HOURS_COLUMNS,
        (
            (
                names[officer],
                day,
                category,
                HOURS_TEXT[minutes],
                names[area],
                names[audience],
                names[activity],
                escape_cell(notes) if notes[:1] in RISKY_STARTS else notes,
            )
            for _id, officer, day, minutes, category, area, audience, activity, notes in _entry_rows(session)
        ),
        escaped=True,
    )


def entries_copied(session: Session, path: Path) -> int:
    """The same CSV as `entries_written`, written by the PostgreSQL server (`COPY … TO STDOUT`): the
    cells are escaped and the hours looked up in SQL, so Python only moves lines to the file (a
    test holds the two to the same bytes)."""
    connection = session.connection()
    query = entries_csv_query().compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    lines = copied(connection.connection.dbapi_connection, str(query))  # the server sends a message a row
    return write_csv_lines(path, HOURS_COLUMNS, lines)


def entries_csv_query() -> Select:
    """`entries_written`'s cells in SQL: escaped names and notes, NULL for blank (written unquoted,
    as the CSV writer writes an empty cell), hours joined to `HOURS_TEXT`."""
    rows = entry_rows_query(_iso_day("postgresql")).add_columns(Entry.date).subquery()
    _id, officer, day, minutes, category, area, audience, activity, notes, date = rows.c
    hours = values(column("minutes", Integer), column("text", String), name="hours_text").data(
        list(enumerate(HOURS_TEXT))
    )
    cells = (officer, day, category, hours.c.text, area, audience, activity, notes)
    return (
        select(*(cell if cell in (day, category, hours.c.text) else _sql_escaped(cell) for cell in cells))
        .join_from(rows, hours, hours.c.minutes == minutes)
        .order_by(date, _id)  # the date, not its text: a text sort follows the server's collation
    )


def _sql_escaped(text: ColumnElement[str]) -> ColumnElement[str]:
    """`escape_cell` in SQL — a leading `'` where a spreadsheet would read a formula, even behind
    quotes typed — and NULL for a blank cell."""
    formula = func.left(func.ltrim(text, "'"), 1).in_(FORMULA_STARTS)
    return func.nullif(case((formula, literal("'") + text), else_=text), "")


def _entries_workbook(session: Session, path: Path, method: MethodInfo | None) -> int:
    """The entries on one sheet, refused before anything is written when a sheet cannot hold them."""
    count = session.scalar(select(func.count()).select_from(Entry)) or 0
    if count >= MAX_ROWS:
        raise EngageError(
            f"rows: {count:,} entries are more than a sheet holds ({MAX_ROWS - 1:,} under its "
            "header); export them as CSV with: engage export entries --format csv",
            field="rows",
        )
    return write_table(
        path,
        "Entries",
        ENTRY_COLUMNS,
        (
            (officer, day, category, minutes, area, audience, activity, notes)
            for _id, officer, day, minutes, category, area, audience, activity, notes in _entry_rows(session)
        ),
        method,
    )


def _entry_rows(session: Session) -> Iterator[Row]:
    """Every entry with its names, oldest first, the day as ISO text; Core rows, streamed."""
    connection = session.connection().execution_options(yield_per=5000)
    return iter(
        connection.execute(entry_rows_query(_iso_day(connection.dialect.name)).order_by(Entry.date, Entry.id))
    )


def _iso_day(dialect: str) -> ColumnElement[str]:
    """The entry's date as YYYY-MM-DD text: SQLite stores it so; PostgreSQL's cast follows the
    server's DateStyle (25/11/2025 under DMY), so it is formatted explicitly there."""
    if dialect == "postgresql":
        return func.to_char(Entry.date, "YYYY-MM-DD")
    return cast(Entry.date, String)


class _Escaped(dict):
    """Names as written to CSV (escaped, None as blank), each worked out once."""

    def __missing__(self, name: str | None) -> object:
        self[name] = "" if name is None else escape_cell(name)
        return self[name]
