"""The engine with engage's connection rules, and the read and write transactions every caller uses.

SQLite is opened so that several officers can log at once on one shared file: foreign keys on, WAL (readers
never block the writer), `synchronous=FULL` (a committed entry survives a power cut), a busy timeout, and
write transactions that take the write lock up front with `BEGIN IMMEDIATE`. pysqlite's own transaction
handling is switched off (SQLAlchemy's documented recipe), because by default it issues BEGIN only before
the first write, so the reads of a check-then-write would run outside the transaction.

Every way in (`read`, `write`, `connect`, `probe`) turns a failure of the surroundings — a read-only
folder, a full disk, a damaged file, a server that is down — into the refusal `failures.explain` words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session

from engage_tui.errors import Busy, EngageError
from engage_tui.store.failures import explain
from engage_tui.store.opening import BUSY_TIMEOUT_MS, sqlite_path, where

_IMMEDIATE = "engage_immediate"
BULK_CACHE_KIB = 64_000
"""The page cache a bulk load gets (PRAGMA cache_size = -KiB): a large insert otherwise writes the
same index pages out and back many times over."""


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _install_sqlite_rules(engine: Engine, busy_timeout_ms: int) -> None:
    """Pragmas on every new connection, and BEGIN [IMMEDIATE] under SQLAlchemy's control."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy, not pysqlite, issues BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        if immediate:
            _apply_bulk(connection)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    event.listen(engine, "checkin", _restore_bulk)


@dataclass(frozen=True)
class BulkSettings:
    """What a bulk load changes on its connection: the page cache (KiB; None leaves it) and the
    temporary store in memory. Both are put back when the connection returns to the pool."""

    cache_kib: int | None = BULK_CACHE_KIB
    temp_in_memory: bool = True


_BULK: ContextVar[BulkSettings | None] = ContextVar("engage_bulk_load", default=None)


@contextmanager
def bulk_load(settings: BulkSettings | None = None) -> Iterator[None]:
    """Write transactions begun inside get the settings a large insert needs, on SQLite (nothing
    elsewhere): a large page cache, and the temporary store in memory — the frozen-month trigger
    makes each row's INSERT keep a statement journal, which otherwise goes to a temporary file
    (millions of write calls for a million rows). Durability is untouched: `synchronous` stays
    FULL. The temporary store cannot change inside a transaction, so they are set just before BEGIN."""
    token = _BULK.set(settings or BulkSettings())
    try:
        yield
    finally:
        _BULK.reset(token)


def _apply_bulk(connection: Any) -> None:
    """Before a write transaction begins inside `bulk_load`: its settings on the connection, and
    what they were, to put back at check-in."""
    settings = _BULK.get()
    if settings is None:
        return
    raw = connection.connection.dbapi_connection
    record = connection.connection.info
    if "engage_bulk" not in record:
        record["engage_bulk"] = (
            raw.execute("PRAGMA cache_size").fetchone()[0],
            raw.execute("PRAGMA temp_store").fetchone()[0],
        )
    if settings.cache_kib is not None:
        raw.execute(f"PRAGMA cache_size = -{int(settings.cache_kib)}")
    if settings.temp_in_memory:
        raw.execute("PRAGMA temp_store = MEMORY")


def _restore_bulk(dbapi_connection: Any, record: Any) -> None:
    """At check-in (the transaction over): the connection's own settings again."""
    saved = record.info.pop("engage_bulk", None)
    if saved is not None and dbapi_connection is not None:
        cache, temp = saved
        dbapi_connection.execute(f"PRAGMA cache_size = {int(cache)}")
        dbapi_connection.execute(f"PRAGMA temp_store = {int(temp)}")


def make_engine(url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for a SQLAlchemy URL; SQLite gets the rules above, other databases their defaults."""
    try:
        if _is_sqlite(url):
            engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
            _install_sqlite_rules(engine, busy_timeout_ms)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError) as error:  # no such dialect, or its driver is not installed
        raise EngageError(
            f"db: {_describe_safely(url)} is not a database engage can open ({error}); give a "
            "file path, sqlite:///FILE or postgresql+psycopg://USER@HOST/NAME",
            field="db",
        ) from None


def _describe_safely(url: str) -> str:
    """The URL without its password, or only its scheme when it cannot even be parsed."""
    try:
        return where(url)
    except ArgumentError:
        return url.split("://", 1)[0] + "://…"


def read_only_engine(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine that opens a SQLite file read-only and sets nothing on it — not even WAL, which
    would rewrite its header — to look at a file that may not be engage's (or be a backup)."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    return create_engine(  # pooled, so one thread may close what another opened (the app's warm-up)
        "sqlite://",
        creator=lambda: sqlite3.connect(
            uri, uri=True, timeout=busy_timeout_ms / 1000, check_same_thread=False
        ),
    )


def fold_wal(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """SQLite folds the -wal file into the database and deletes it (and the -shm) only as the last
    connection closes, and only if that one may write: where a read-only one closed last (the
    prober, after a session that only read) they stay. A plain connection that reads and closes
    does it, setting nothing (a -wal means the file is in WAL mode already); where another process
    is still connected it is left to that one, and a file this one cannot open is left as it is."""
    if not path.with_name(f"{path.name}-wal").exists():
        return
    uri = f"file:{quote(str(path.resolve()))}?mode=rw"  # never makes a file that has gone
    with (
        suppress(sqlite3.Error),
        closing(sqlite3.connect(uri, uri=True, timeout=busy_timeout_ms / 1000)) as plain,
    ):
        plain.execute("PRAGMA schema_version").fetchone()  # opens the -wal, for the close to fold


def is_busy_error(error: OperationalError) -> bool:
    """True when SQLite gave up waiting for another writer's lock."""
    text = str(error.orig).lower()
    return "database is locked" in text or "database is busy" in text


class Store:
    """The database behind one URL: hands out read and write transactions as ORM sessions."""

    def __init__(self, url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.url = url
        self.busy_timeout_ms = busy_timeout_ms
        self.engine = make_engine(url, busy_timeout_ms)
        self._writer = self.engine.execution_options(**{_IMMEDIATE: True})
        self._prober: Engine | None = None

    @property
    def is_sqlite(self) -> bool:
        return _is_sqlite(self.url)

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return sqlite_path(self.url)

    @property
    def place(self) -> str:
        """Where the database is, as refusals name it (a file, or the URL without its password)."""
        return where(self.url)

    def is_new(self) -> bool:
        """A SQLite file not yet made, or made empty: nothing in it to look at or to protect."""
        path = self.sqlite_path
        return path is not None and (not path.exists() or path.stat().st_size == 0)

    @contextmanager
    def explained(self) -> Iterator[None]:
        """Errors of the surroundings raised inside become the refusals `failures.explain` words."""
        try:
            yield
        except (DBAPIError, sqlite3.Error) as error:
            if isinstance(error, OperationalError) and is_busy_error(error):
                raise Busy(
                    f"database busy: another user held it for more than "
                    f"{self.busy_timeout_ms / 1000:g} s; nothing was changed, try again"
                ) from error
            refusal = explain(error, self.place, self.sqlite_path)
            if refusal is None:
                raise
            raise refusal from error

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read transaction: a consistent snapshot, never blocking writers."""
        with self.explained(), Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction holding the write lock from its first statement; commits or rolls back."""
        with self.explained(), Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def connect(self, immediate: bool = False) -> Iterator[Connection]:
        """A plain connection in a transaction (migrations, the doctor); `immediate` takes the write
        lock up front."""
        engine = self._writer if immediate else self.engine
        with self.explained(), engine.begin() as connection:
            yield connection

    @contextmanager
    def migrating(self) -> Iterator[Connection]:
        """The connection a migration runs in, holding the write lock. On SQLite foreign keys are off
        while tables are copied (SQLite's own recipe for changing a table: with them on, copying a
        table counts every row pointing at it broken for good), then every key is checked before
        the commit."""
        if not self.is_sqlite:
            with self.connect(immediate=True) as connection:
                yield connection
            return
        with self.explained(), self._writer.connect() as connection:
            raw: Any = connection.connection.driver_connection
            raw.execute("PRAGMA foreign_keys = OFF")  # before BEGIN: inside a transaction it is ignored
            try:
                with connection.begin():
                    yield connection
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        table, row, parent = broken[:3]
                        raise sqlite3.IntegrityError(
                            f"FOREIGN KEY constraint failed: {table} row {row} points at no {parent}"
                        )
            finally:
                raw.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def probe(self) -> Iterator[Connection]:
        """A connection that only looks: on SQLite the file is opened read-only with none of the
        settings above, so looking at another application's file (or a damaged one) changes nothing."""
        path = self.sqlite_path
        if path is None:
            with self.connect() as connection:
                yield connection
            return
        if self._prober is None:
            self._prober = read_only_engine(path, self.busy_timeout_ms)
        with self.explained(), self._prober.connect() as connection:
            yield connection

    def dispose(self) -> None:
        """Close pooled connections (before a test deletes the file, or at exit), then see that the
        -wal is folded into the file (`fold_wal`), so that the file alone holds the latest changes for
        someone who copies it."""
        if self._prober is not None:
            self._prober.dispose()
        self.engine.dispose()
        if self.sqlite_path is not None:
            fold_wal(self.sqlite_path, self.busy_timeout_ms)
