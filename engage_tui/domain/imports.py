"""Importing files: logged hours (and, through `import_each`, records that depend on one another),
each checked whole first and then stored in one transaction, or not at all.

An import runs in two phases so that the write lock is held only to insert:
1. `prepare_hours` (in a read transaction, or none) reads, decodes and checks every row, listing every
   problem; `--dry-run` stops here, so it never takes the write lock.
2. `store_hours` (in the write transaction) re-checks only what may have changed since — the earlier
   imports, the months locked meanwhile, who may log whose time — and inserts.

The same rows imported twice are refused, naming the earlier import: an import is known by a digest of
its parsed rows (see `RowsDigest`), so a file re-saved with other line endings, a BOM, blank lines at
the end or a reworded header — or the same rows as a workbook — is still the same import. `force`,
with a reason, imports them again on purpose; the reason is kept in the import's audit record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import islice, repeat
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Table, func, insert, select, text
from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.counts import counted
from engage_tui.domain.csvfiles import HOURS_COLUMNS, Cells, Rows, as_dicts, read_cells
from engage_tui.domain.hours import DraftInvalid, EntryValues, HoursChecks, check_may_log
from engage_tui.domain.names import clean_name, clean_text
from engage_tui.domain.periods import month_key
from engage_tui.domain.returns import ensure_open, locked_months
from engage_tui.domain.sheets import is_workbook_data, read_sheet_cells, sheet_name
from engage_tui.errors import EngageError, ImportRefused, shown
from engage_tui.store.models import Entry, ImportBatch, Person, utcnow

HOURS_REQUIRED = ("officer", "date", "hours")
ENTRY_COLUMNS = (
    "officer_id",
    "date",
    "month_key",
    "minutes",
    "category",
    "area_id",
    "audience_id",
    "activity_id",
    "notes",
)
"""The entries-table columns an import fills from a file, in the order `HoursColumns` keeps them."""
BATCH = 5000
_PG_IMPORT_LOCK = 7_340_002
"""The PostgreSQL advisory lock an import's write transaction takes first, so that two imports run one
after the other and the second sees the first (the audit chain's lock is 7,340,001)."""


@dataclass(frozen=True)
class ImportResult:
    source: str
    rows: int
    minutes: int
    first: str
    last: str
    batch_id: int | None  # None for a dry run
    again: str | None = None  # "import #3": the earlier import these rows repeat, when forced


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportFile:
    """What an import reads: its bytes, the name its problems are reported under, and (for a
    workbook) the sheet. `byte_digest` is how engage knew an import before it hashed parsed rows:
    imports recorded then are still found by it."""

    data: bytes
    source: str
    byte_digest: str
    sheet: str | None = None  # the workbook sheet read; None for CSV

    def cells(self, columns: Sequence[str], required: Sequence[str]) -> Cells:
        """(row number, cells in `columns` order) or (row number, problem), from CSV or the sheet."""
        if self.sheet is None:
            return read_cells(self.data, self.source, columns, required)
        return read_sheet_cells(self.data, self.source, self.sheet, columns, required)

    def rows(self, columns: Sequence[str], required: Sequence[str]) -> Rows:
        """(row number, {column: cell}) or (row number, problem)."""
        return as_dicts(self.cells(columns, required), columns)


def open_import(path: Path, sheet: str | None = None) -> ImportFile:
    """The file at `path`: CSV, or a workbook read from `sheet` (default: its first sheet). Read whole
    here, before any transaction: a slow file (a FIFO, a network share) holds up nobody else."""
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


class RowsDigest:
    """The digest an import is known by: sha256 of its data rows' cells in the import's own column
    order, so it does not change with the bytes around them — line endings (in quoted cells too),
    a BOM, blank rows, the delimiter, the header's case, spacing and column order, a column left
    out rather than left blank, CSV or workbook. A cell is hashed as read, spaces and all."""

    FLUSH = 8192

    def __init__(self) -> None:
        self._hash = hashlib.sha256(b"engage rows v1\n")
        self._lines: list[str] = []

    def add(self, cells: Sequence[str]) -> None:
        self._lines.append("\x1f".join(cells))
        if len(self._lines) >= self.FLUSH:
            self.flush()

    def add_many(self, lines: list[str]) -> None:
        """Rows already joined with `\\x1f` (the hours import's hot loop joins them itself)."""
        self._lines.extend(lines)
        self.flush()

    def flush(self) -> None:
        if self._lines:
            block = "\x1e".join(self._lines) + "\x1e"
            if "\r" in block:
                block = block.replace("\r\n", "\n").replace("\r", "\n")
            self._hash.update(block.encode("utf-8", "surrogatepass"))
            self._lines.clear()

    def hexdigest(self) -> str:
        self.flush()
        return self._hash.hexdigest()


@dataclass(frozen=True)
class ParsedFile:
    """A file of records read, decoded and parsed whole before any transaction: each row as
    (row number, {column: cell}) or (row number, problem), and its digest."""

    source: str
    digest: str
    byte_digest: str
    rows: list[tuple[int, dict[str, str] | str]]


def parse_file(file: ImportFile, columns: Sequence[str], required: Sequence[str]) -> ParsedFile:
    digest = RowsDigest()
    rows: list[tuple[int, dict[str, str] | str]] = []
    for number, cells in file.cells(columns, required):
        if isinstance(cells, str):
            rows.append((number, cells))
        else:
            digest.add(cells)
            rows.append((number, dict(zip(columns, cells, strict=True))))
    return ParsedFile(file.source, digest.hexdigest(), file.byte_digest, rows)


def read_import(path: Path, sheet: str | None, columns: Sequence[str], required: Sequence[str]) -> ParsedFile:
    """A file read and parsed (no database needed): the first half of an import's work."""
    return parse_file(open_import(path, sheet), columns, required)


# --- the same rows twice ---------------------------------------------------------------------


def check_force(reason: str | None) -> str | None:
    """The reason given for importing the same rows again (one line, needed when forcing)."""
    if reason is None:
        return None
    return clean_name(reason, "force", 500, needed="a reason (--force REASON)")


@dataclass(frozen=True)
class Earlier:
    """The imports of the same rows: the first, and how many times they were forced in again."""

    first: ImportBatch
    by: str
    repeats: int

    def describe(self) -> str:
        batch = self.first
        again = f"; imported again on purpose {self.repeats} time(s) since" if self.repeats else ""
        return (
            f"import #{batch.id} ({batch.source}, {counted(batch.rows, 'row')}) on "
            f"{batch.imported_at:%Y-%m-%d %H:%M} by {self.by}{again}"
        )


def earlier_imports(session: Session, kind: str, digest: str, byte_digest: str) -> Earlier | None:
    """The earlier import of the same rows (or, recorded by an older engage, of the same bytes)."""
    found = session.execute(
        select(ImportBatch, Person.name)
        .join(Person, ImportBatch.imported_by == Person.id)
        .where(
            ImportBatch.kind == kind,
            ImportBatch.sha256.in_([digest, byte_digest]),
            ImportBatch.repeats_id.is_(None),
        )
        .order_by(ImportBatch.id)
    ).first()
    if found is None:
        return None
    repeats = session.scalar(
        select(func.count()).select_from(ImportBatch).where(ImportBatch.repeats_id == found[0].id)
    )
    return Earlier(found[0], found[1], repeats or 0)


def refuse_repeat(earlier: Earlier | None, source: str, force: str | None) -> None:
    """Refuse rows already imported, naming when and by whom, unless forced."""
    if earlier is not None and force is None:
        raise EngageError(
            f"{source}: already imported as {earlier.describe()}; nothing was imported "
            "(to import the same rows again on purpose, give --force REASON)",
            field="file",
        )


def lock_imports(session: Session) -> None:
    """Imports one at a time: on PostgreSQL an advisory lock for the rest of the transaction, taken
    before the earlier imports are looked up, so that two imports of one file end in one import and
    one refusal. (SQLite's write transaction already holds the database's write lock.)"""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_IMPORT_LOCK})


def new_batch(
    session: Session,
    actor: Actor,
    kind: str,
    source: str,
    digest: str,
    rows: int,
    force: str | None = None,
    earlier: Earlier | None = None,
) -> ImportBatch:
    """Record an import (a forced repeat with its reason and the import it repeats) and audit it."""
    batch = _batch(actor, kind, source, digest, rows, force, earlier)
    session.add(batch)
    session.flush()
    audit_import(session, actor, batch)
    return batch


def _batch(
    actor: Actor,
    kind: str,
    source: str,
    digest: str,
    rows: int,
    force: str | None,
    earlier: Earlier | None,
) -> ImportBatch:
    return ImportBatch(
        kind=kind,
        source=source[-400:],
        sha256=digest,
        rows=rows,
        imported_by=actor.id,
        forced=force,
        repeats_id=earlier.first.id if earlier is not None else None,
    )


def audit_import(session: Session, actor: Actor, batch: ImportBatch) -> None:
    """The import's audit record: the batch as stored (with, when forced, the reason and the import
    it repeats), as PostgreSQL's trigger records it."""
    record(session, actor, "import", "import_batches", batch.id, after=values_of(batch))


# --- hours ----------------------------------------------------------------------------------------


@dataclass
class HoursColumns:
    """Checked rows as one list a column (`ENTRY_COLUMNS`): no object a row, and the values that
    repeat (ids, days, minutes) are shared, so a million rows take about 130 MB."""

    lists: tuple[list[Any], ...] = field(default_factory=lambda: tuple([] for _ in ENTRY_COLUMNS))

    def __len__(self) -> int:
        return len(self.lists[0]) if self.lists else 0

    def take(self) -> list[list[Any]]:
        """The lists, handed over: this object lets go of them, so they are freed once inserted
        (before the indexes are built again, which needs memory of its own)."""
        lists, self.lists = list(self.lists), ()
        return lists

    @classmethod
    def of(cls, values: Sequence[EntryValues]) -> HoursColumns:
        return cls(
            tuple(
                list(column)
                for column in zip(
                    *(
                        (
                            v.officer_id,
                            v.date,
                            month_key(v.date),
                            v.minutes,
                            v.category,
                            v.area_id,
                            v.audience_id,
                            v.activity_id,
                            v.notes,
                        )
                        for v in values
                    ),
                    strict=True,
                )
            )
            if values
            else tuple([] for _ in ENTRY_COLUMNS)
        )


@dataclass
class PreparedHours:
    """An hours file read and checked, ready to store: what `store_hours` inserts and re-checks."""

    source: str
    digest: str
    byte_digest: str
    columns: HoursColumns | None  # handed to the insert, then dropped
    rows: int
    minutes: int
    first: date
    last: date
    locked: frozenset[tuple[int, int]]  # the officer-months locked when the rows were checked
    force: str | None = None
    earlier: Earlier | None = None

    def result(self, batch_id: int | None, again: Earlier | None = None) -> ImportResult:
        return ImportResult(
            self.source,
            self.rows,
            self.minutes,
            self.first.isoformat(),
            self.last.isoformat(),
            batch_id,
            f"import #{again.first.id}" if again else None,
        )


def prepare_hours(
    session: Session, actor: Actor, file: ImportFile, force: str | None = None
) -> PreparedHours:
    """Phase 1: every row read and checked (in `session`, a read transaction), every problem listed.

    A row costs a few microseconds: the cells are a tuple, each distinct text of a column is checked
    once (`HoursChecks`), and the checked values go into one list a column."""
    force = check_force(force)
    checks = HoursChecks(session, actor)
    columns = HoursColumns()
    (officer_ids, days, months, minutes_, categories, area_ids, audience_ids, activity_ids, notes_) = (
        columns.lists
    )
    known_officer, known_day, known_minutes = checks.officer, checks.day, checks.minutes
    known_category, known_area = checks.category, checks.area
    known_audience, known_activity = checks.audience, checks.activity
    locked = checks.locked
    may_log: set[int] = set()
    problems: list[str] = []
    digest = RowsDigest()
    lines: list[str] = []
    join = "\x1f".join
    for number, cells in file.cells(HOURS_COLUMNS, HOURS_REQUIRED):
        if isinstance(cells, str):
            problems.append(cells)
            continue
        lines.append(join(cells))
        if len(lines) >= RowsDigest.FLUSH:
            digest.add_many(lines)
            lines.clear()
        officer, day_text, category_text, hours, area, audience, activity, notes = cells
        try:
            officer_id, home = known_officer[officer]
            day, key = known_day[day_text]
            minutes = known_minutes[hours]
            category = known_category[category_text]
            area_id = known_area[area]
            audience_id = known_audience[audience]
            activity_id = known_activity[activity]
        except KeyError:  # a text not seen before (checked now, once), or one refused
            texts = (officer, day_text, hours, category_text, area, audience, activity)
            if refused := checks.refusals(texts):
                problems.extend(f"row {number}, {error.message}" for error in refused)
                if notes:
                    _note_problem(notes, number, problems)
                continue
            officer_id, home = known_officer[officer]
            day, key = known_day[day_text]
            minutes = known_minutes[hours]
            category = known_category[category_text]
            area_id = known_area[area]
            audience_id = known_audience[audience]
            activity_id = known_activity[activity]
        if notes:
            try:
                notes = clean_text(notes, "notes")
            except EngageError as error:
                problems.append(f"row {number}, {error.message}")
                continue
        if officer_id not in may_log:
            if refusal := checks.may_log(officer_id):
                problems.append(f"row {number}, {refusal.message}")
                continue
            may_log.add(officer_id)
        if locked and (officer_id, key) in locked and (refusal := checks.month_open(officer_id, key)):
            problems.append(f"row {number}, {refusal.message}")
            continue
        officer_ids.append(officer_id)
        days.append(day)
        months.append(key)
        minutes_.append(minutes)
        categories.append(category)
        area_ids.append(home if area_id is None else area_id)
        audience_ids.append(audience_id)
        activity_ids.append(activity_id)
        notes_.append(notes)
    digest.add_many(lines)
    rows_digest = digest.hexdigest()
    earlier = earlier_imports(session, "hours", rows_digest, file.byte_digest)
    refuse_repeat(earlier, file.source, force)
    if not officer_ids and not problems:
        problems.append("the file has a header but no rows")
    if problems:
        raise ImportRefused(file.source, problems)
    kept = set(days)
    return PreparedHours(
        file.source,
        rows_digest,
        file.byte_digest,
        columns,
        len(officer_ids),
        sum(minutes_),
        min(kept),
        max(kept),
        frozenset(locked),
        force,
        earlier,
    )


def _note_problem(notes: str, number: int, problems: list[str]) -> None:
    try:
        clean_text(notes, "notes")
    except EngageError as error:
        problems.append(f"row {number}, {error.message}")


@dataclass(frozen=True)
class BulkLoad:
    """How a large insert is done (the benchmarks measure each choice; the defaults are the best).

    `rebuild_at`: drop the entries' secondary indexes and build them again after the insert when the
    rows inserted are at least this share of the rows already there (SQLite only; None: never) —
    one sort is cheaper than a million inserts at random places in two large indexes, and costs about
    4 s a million rows already there. `sort`: insert in the officer-month index's order."""

    rebuild_at: float | None = 0.5
    sort: bool = False


def store_hours(
    session: Session, actor: Actor, prepared: PreparedHours, bulk: BulkLoad | None = None
) -> ImportResult:
    """Phase 2, in the write transaction: re-check what may have changed since `prepare_hours` (the
    earlier imports, months locked meanwhile, who may log whose time), then record and insert.
    The prepared rows are handed to the insert and dropped from `prepared`."""
    lock_imports(session)
    earlier = earlier_imports(session, "hours", prepared.digest, prepared.byte_digest)
    refuse_repeat(earlier, prepared.source, prepared.force)
    columns = prepared.columns
    if columns is None:
        raise EngageError(f"{prepared.source}: these rows were stored already", field="file")
    _recheck(session, actor, prepared, columns)
    batch = new_batch(
        session, actor, "hours", prepared.source, prepared.digest, prepared.rows, prepared.force, earlier
    )
    prepared.columns = None
    insert_entries(session, batch.id, actor.id, columns.take(), bulk or BulkLoad())
    return prepared.result(batch.id, earlier)


def _recheck(session: Session, actor: Actor, prepared: PreparedHours, columns: HoursColumns) -> None:
    """What may have changed between checking and storing: the acting person's rights, and months
    submitted or approved meanwhile (checked only when some were)."""
    officer_ids, months = columns.lists[0], columns.lists[2]
    problems = []
    for officer_id in sorted(set(officer_ids)):
        try:
            check_may_log(actor, officer_id)
        except EngageError as refusal:
            problems.append(refusal.message)
            break
    newly = locked_months(session) - prepared.locked
    if newly:
        for officer_id, key in sorted(newly & set(zip(officer_ids, months, strict=True))):
            try:
                ensure_open(session, officer_id, key)
            except EngageError as refusal:
                problems.append(f"{refusal.message} (since the file was checked)")
    if problems:
        raise ImportRefused(prepared.source, problems)


def import_hours(
    session: Session,
    actor: Actor,
    path: Path,
    dry_run: bool = False,
    sheet: str | None = None,
    force: str | None = None,
) -> ImportResult:
    """Both phases in one transaction (the service runs them in two): an `import hours` file (CSV, or
    a workbook's `sheet`) imported whole, or refused whole."""
    prepared = prepare_hours(session, actor, open_import(path, sheet), force)
    if dry_run:
        return prepared.result(None, prepared.earlier)
    return store_hours(session, actor, prepared)


def store_batch(
    session: Session, actor: Actor, kind: str, source: str, digest: str, values: list[EntryValues]
) -> int:
    """Record a batch of checked entries (the demo's) and insert them, in the caller's transaction."""
    batch = new_batch(session, actor, kind, source, digest, len(values))
    insert_entries(session, batch.id, actor.id, HoursColumns.of(values).take(), BulkLoad(rebuild_at=None))
    return batch.id


# --- inserting ------------------------------------------------------------------------------------


def insert_entries(
    session: Session, import_id: int, created_by: int, lists: list[list[Any]], bulk: BulkLoad
) -> None:
    """Insert checked entries with the driver's own executemany on SQLite (COPY on PostgreSQL),
    compiled once, each value bound as its column's type binds it (so dates are stored exactly as
    SQLAlchemy stores them) once per distinct value, the rows zipped from the columns in C. On
    SQLite, a batch large against the table has its secondary indexes rebuilt (`BulkLoad`); the
    service begins the transaction with the bulk-load settings (`store.engine.bulk_load`)."""
    connection = session.connection()
    table = cast(Table, Entry.__table__)
    if bulk.sort and lists[0]:
        by_index = sorted(range(len(lists[0])), key=lambda i: (lists[0][i], lists[2][i], lists[4][i]))
        lists = [[column[i] for i in by_index] for column in lists]
    constants = {"import_id": import_id, "created_by": created_by, "created_at": utcnow()}
    keys = [*ENTRY_COLUMNS, *constants]
    dialect = connection.dialect
    for place, key in enumerate(ENTRY_COLUMNS):
        bind = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if bind is not None:
            bound = {value: bind(value) for value in set(lists[place])}
            lists[place] = list(map(bound.__getitem__, lists[place]))
    for key, value in constants.items():
        bind = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        constants[key] = bind(value) if bind is not None else value
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    count = len(lists[0])
    with _rebuilt_indexes(connection, table, count, keys, bulk):
        if compiled.positional:
            sources: dict[str, Iterable[Any]] = dict(zip(ENTRY_COLUMNS, lists, strict=True))
            sources.update((key, repeat(value)) for key, value in constants.items())
            rows = zip(
                *(sources[key] for key in compiled.positiontup or []), strict=False
            )  # constants repeat
            del lists, sources
            cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                cursor.executemany(compiled.string, rows)  # type: ignore[arg-type]  # any iterable
            finally:
                cursor.close()
                del rows
        else:  # PostgreSQL (named parameters)
            rows = zip(*lists, *map(repeat, constants.values()), strict=False)
            del lists
            if connection.scalar(select(func.row_security_active(table.name))):
                _insert_in_batches(connection, compiled.string, keys, rows)
            else:
                _copy(connection, table, keys, rows)


def _insert_in_batches(
    connection: Connection, statement: str, keys: Sequence[str], rows: Iterable[tuple]
) -> None:
    """INSERTs of `BATCH` rows at a time: the way in for a role the table's row-level security applies
    to (a person's own database role), for which PostgreSQL refuses COPY FROM; each row is checked
    against the policies."""
    named = iter(rows)
    while chunk := [dict(zip(keys, row, strict=True)) for row in islice(named, BATCH)]:
        connection.exec_driver_sql(statement, chunk)


def _copy(connection: Connection, table: Table, keys: Sequence[str], rows: Iterable[tuple]) -> None:
    """PostgreSQL's COPY through psycopg: the rows streamed in one command, checked by the table's
    triggers as an INSERT is (its statement triggers fire once, on all the rows); for a role that
    row-level security does not apply to (the owner, a superuser: the app's own connection)."""
    raw: Any = connection.connection.dbapi_connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(keys)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


@contextmanager
def _rebuilt_indexes(
    connection: Connection, table: Table, rows: int, filled: Sequence[str], bulk: BulkLoad
) -> Iterator[None]:
    """On SQLite, when `rows` is large against the table, the secondary indexes on the columns the
    insert fills are dropped for it and built again after it, inside the same transaction (a failure
    rolls both back; readers keep their snapshot, indexes and all). An index only on columns left
    NULL (an entry's event) is kept: its new keys all go to one end of it. Never on PostgreSQL,
    where DROP INDEX would lock readers out."""
    if bulk.rebuild_at is None or connection.dialect.name != "sqlite" or not rows:
        yield
        return
    there = connection.exec_driver_sql(f"SELECT count(*) FROM {table.name}").scalar() or 0
    if rows < bulk.rebuild_at * there:
        yield
        return
    indexes = [
        (name, sql)
        for name, sql in connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table.name,),
        ).all()
        if any(
            column in filled
            for _, _, column in connection.exec_driver_sql(f'PRAGMA index_info("{name}")').all()
        )
    ]
    for name, _sql in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        connection.exec_driver_sql(sql)


# --- records that depend on one another ------------------------------------------------------------


def import_each(
    session: Session,
    actor: Actor,
    file: ParsedFile,
    kind: str,
    store_row: Callable[[dict[str, str], int], object],
    dry_run: bool = False,
    force: str | None = None,
) -> int:
    """Import a file of records that depend on one another (meetings of series, a series and its
    retirement): the file was read and parsed before the transaction (`read_import`); each row is
    checked and stored in its own savepoint, so a later row sees the earlier ones and a bad row
    leaves no trace; any problem — or a dry run — rolls the whole file back.
    `store_row(cells, batch_id)` raises EngageError for a bad row. Returns the rows stored."""
    force = check_force(force)
    lock_imports(session)
    earlier = earlier_imports(session, kind, file.digest, file.byte_digest)
    refuse_repeat(earlier, file.source, force)
    whole = session.begin_nested()
    batch = _batch(actor, kind, file.source, file.digest, 0, force, earlier)
    session.add(batch)
    session.flush()
    problems: list[str] = []
    stored = 0
    for number, cells in file.rows:
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
    audit_import(session, actor, batch)
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
