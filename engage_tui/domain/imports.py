"""Importing logged hours from CSV or a workbook sheet: every row checked first, then all stored in
one transaction or none.

The same bytes (and, for a workbook, the same sheet) imported twice are refused, naming the earlier
import; `dry_run` checks everything and reports what would land without writing. Every import reads
its file through `open_import`, so each takes `.xlsx` with the rules it has for CSV.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.csvfiles import Rows, read_rows
from engage_tui.domain.hours import DraftInvalid, EntryDraft, EntryValues, Lookups, check_draft, check_may_log
from engage_tui.domain.periods import month_key
from engage_tui.domain.returns import ensure_open, locked_months
from engage_tui.domain.sheets import is_workbook_data, read_sheet_rows, sheet_name
from engage_tui.errors import EngageError, ImportRefused, shown
from engage_tui.store.models import Entry, ImportBatch, Person, utcnow

HOURS_COLUMNS = ("officer", "date", "category", "hours", "area", "audience", "activity", "notes")
HOURS_REQUIRED = ("officer", "date", "hours")
BATCH = 5000


@dataclass(frozen=True)
class ImportResult:
    source: str
    rows: int
    minutes: int
    first: str
    last: str
    batch_id: int | None  # None for a dry run


@dataclass(frozen=True)
class ImportFile:
    """What an import reads: its bytes, the name its problems are reported under, and the digest
    that refuses the same import twice; a workbook's sheet is named in both."""

    data: bytes
    source: str
    digest: str
    sheet: str | None = None  # the workbook sheet read; None for CSV

    def rows(self, columns: Sequence[str], required: Sequence[str]) -> Rows:
        if self.sheet is None:
            return read_rows(self.data, self.source, columns, required)
        return read_sheet_rows(self.data, self.source, self.sheet, columns, required)


def open_import(path: Path, sheet: str | None = None) -> ImportFile:
    """The file at `path`: CSV, or a workbook read from `sheet` (default: its first sheet)."""
    return import_data(_read_file(path), str(path), sheet)


def import_data(data: bytes, source: str, sheet: str | None = None) -> ImportFile:
    """Bytes already read, as an import reads them (the demo loads its survey through here)."""
    if not is_workbook_data(data):
        if sheet is not None:
            raise EngageError(
                f"sheet: {source} is not an .xlsx workbook; --sheet is for workbooks", field="sheet"
            )
        return ImportFile(data, source, hashlib.sha256(data).hexdigest())
    name = sheet_name(data, source, sheet)
    digest = hashlib.sha256(data + b"\0sheet:" + name.encode()).hexdigest()
    return ImportFile(data, f"{source} [sheet {name}]", digest, name)


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise EngageError(
            f"file: cannot read {shown(str(path), 200)}: {error.strerror}", field="file"
        ) from None


def refuse_repeat(session: Session, kind: str, digest: str, source: str) -> None:
    """Refuse bytes already imported, naming when and by whom."""
    earlier = session.execute(
        select(ImportBatch, Person.name)
        .join(Person, ImportBatch.imported_by == Person.id)
        .where(ImportBatch.kind == kind, ImportBatch.sha256 == digest)
    ).first()
    if earlier:
        batch, who = earlier
        raise EngageError(
            f"{source}: already imported as import #{batch.id} ({batch.source}, "
            f"{batch.rows} rows) on {batch.imported_at:%Y-%m-%d %H:%M} by {who}; "
            "nothing was imported",
            field="file",
        )


def check_hours_rows(session: Session, actor: Actor, file: ImportFile) -> list[EntryValues]:
    """Every row validated; any problem anywhere refuses the whole file, listing each bad cell."""
    lookups = Lookups(session)
    locked = locked_months(session)
    problems: list[str] = []
    values: list[EntryValues] = []
    for number, cells in file.rows(HOURS_COLUMNS, HOURS_REQUIRED):
        if isinstance(cells, str):
            problems.append(cells)
            continue
        try:
            row = check_draft(lookups, EntryDraft(**cells))
            check_may_log(actor, row.officer_id)
            if (row.officer_id, month_key(row.date)) in locked:
                ensure_open(session, row.officer_id, month_key(row.date))
            values.append(row)
        except DraftInvalid as invalid:
            problems.extend(f"row {number}, {error.message}" for error in invalid.errors)
        except EngageError as error:
            problems.append(f"row {number}, {error.message}")
    if not values and not problems:
        problems.append("the file has a header but no rows")
    if problems:
        raise ImportRefused(file.source, problems)
    return values


def import_hours(
    session: Session, actor: Actor, path: Path, dry_run: bool = False, sheet: str | None = None
) -> ImportResult:
    """Import an `import hours` file (CSV, or a workbook's `sheet`) whole, or refuse it whole."""
    file = open_import(path, sheet)
    refuse_repeat(session, "hours", file.digest, file.source)
    values = check_hours_rows(session, actor, file)
    days = sorted(v.date for v in values)
    batch_id = None if dry_run else store_batch(session, actor, "hours", file.source, file.digest, values)
    return ImportResult(
        file.source,
        len(values),
        sum(v.minutes for v in values),
        days[0].isoformat(),
        days[-1].isoformat(),
        batch_id,
    )


def store_batch(
    session: Session, actor: Actor, kind: str, source: str, digest: str, values: list[EntryValues]
) -> int:
    """Record the batch and insert its entries in chunks (executemany), all in the caller's transaction."""
    batch = ImportBatch(
        kind=kind, source=source[-400:], sha256=digest, rows=len(values), imported_by=actor.id
    )
    session.add(batch)
    session.flush()
    record(session, actor, "import", "import_batches", batch.id, after=values_of(batch))
    stamp = {"import_id": batch.id, "created_by": actor.id, "created_at": utcnow()}
    connection = session.connection()
    for start in range(0, len(values), BATCH):
        insert_rows(
            connection,
            cast(Table, Entry.__table__),
            [{**v.columns(), **stamp} for v in values[start : start + BATCH]],
        )
    return batch.id


def insert_rows(connection: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    """INSERT many rows with the driver's own executemany: compiled once for this database, each value
    bound by its column's type (so dates and times are stored exactly as SQLAlchemy stores them), and
    no per-row parameter compilation, which costs as much as the insert itself on 100,000 rows."""
    if not rows:
        return
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    binders = [
        (key, bind)
        for key in rows[0]
        if (bind := table.c[key].type.dialect_impl(dialect).bind_processor(dialect))
    ]
    for row in rows:
        for key, bind in binders:
            row[key] = bind(row[key])
    if compiled.positional:
        order = compiled.positiontup or []
        connection.exec_driver_sql(compiled.string, [tuple(row[key] for key in order) for row in rows])
    else:
        connection.exec_driver_sql(compiled.string, rows)


def import_each(
    session: Session,
    actor: Actor,
    path: Path,
    kind: str,
    columns: Sequence[str],
    required: Sequence[str],
    store_row: Callable[[dict[str, str], int], object],
    dry_run: bool = False,
    sheet: str | None = None,
) -> int:
    """Import a file of records that depend on one another (meetings of series, events and their
    officers): each row is checked and stored in its own savepoint, so a later row sees the earlier
    ones and a bad row leaves no trace; any problem — or a dry run — rolls the whole file back.
    `store_row(cells, batch_id)` raises EngageError for a bad row. Returns the rows stored."""
    file = open_import(path, sheet)
    refuse_repeat(session, kind, file.digest, file.source)
    whole = session.begin_nested()
    batch = ImportBatch(
        kind=kind, source=file.source[-400:], sha256=file.digest, rows=0, imported_by=actor.id
    )
    session.add(batch)
    session.flush()
    problems: list[str] = []
    stored = 0
    for number, cells in file.rows(columns, required):
        if isinstance(cells, str):
            problems.append(cells)
            continue
        try:
            with session.begin_nested():
                store_row(cells, batch.id)
            stored += 1
        except DraftInvalid as invalid:
            problems.extend(f"row {number}, {error.message}" for error in invalid.errors)
        except EngageError as error:
            problems.append(f"row {number}, {error.message}")
    if not stored and not problems:
        problems.append("the file has a header but no rows")
    if problems or dry_run:
        whole.rollback()
        if problems:
            raise ImportRefused(file.source, problems)
        return stored
    batch.rows = stored
    session.flush()
    record(session, actor, "import", "import_batches", batch.id, after=values_of(batch))
    whole.commit()
    return stored


def parse_flag(text: str, field: str) -> bool:
    """yes/no, true/false, y/n, 1/0; blank is no."""
    value = text.strip().lower()
    if value in ("", "no", "n", "false", "0"):
        return False
    if value in ("yes", "y", "true", "1"):
        return True
    raise EngageError(f"{field}: {shown(text.strip())} is not yes or no", field=field)
