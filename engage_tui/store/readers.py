"""Read snapshots straight from the drivers — the standard library's `sqlite3` for a file, psycopg for a
PostgreSQL server — for the fast read path (`service.fast`), which answers a cold process's first
question without importing SQLAlchemy (≈0.2 s of imports on SQLite, ≈0.7 s on PostgreSQL).

A reader runs the statements SQLAlchemy compiled ahead for its dialect (`compiled`) and knows what
differs between the two: how a read snapshot is opened, how a second connection reads the same
snapshot (so that two long queries run at once), who the server says is connected, and how the server
is told whom the app acts as. The checks made on what it reads live above, in the service."""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date
from functools import cached_property
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from engage_tui.store.compiled import load, run
from engage_tui.store.failures import explain
from engage_tui.store.opening import (
    BUSY_TIMEOUT_MS,
    PSYCOPG_PREFIX,
    no_database,
    server_conninfo,
    sqlite_path,
    where,
)

Pair = tuple[Any, Any, bool]
"""Two connections in read transactions, and whether the second reads the first's snapshot (where it
does not, what it read must be read again on the first)."""


class Reader(ABC):
    """Read snapshots of one database, through its driver."""

    dialect: str

    def __init__(self, place: str, path: Path | None = None) -> None:
        self.place, self.path = place, path  # as refusals name the database; its file, if it is one

    @cached_property
    def statements(self) -> dict[str, dict[str, Any]]:
        return load(self.dialect)

    def run(self, connection: Any, name: str, **params: Any) -> list[tuple]:
        """One of the statements compiled ahead, on a connection of this reader's."""
        return run(connection, self.statements, name, **params)

    @contextmanager
    def snapshot(self) -> Iterator[Any]:
        """A connection in a read transaction."""
        with self.explained(), closing(self._open()) as connection:
            yield connection

    @contextmanager
    def pair(self) -> Iterator[Pair]:
        """Two connections in read transactions, for two queries to run at once."""
        with self.explained(), closing(self._open()) as first, closing(self._beside(first)) as second:
            yield first, second, self._same(first, second)

    @contextmanager
    def explained(self) -> Iterator[None]:
        """The driver's errors of the surroundings (a busy or damaged file, a server down) as the
        refusals the store words for the same errors."""
        try:
            yield
        except Exception as error:
            refusal = explain(error, self.place, self.path)
            if refusal is None:
                raise
            raise refusal from error

    @abstractmethod
    def _open(self) -> Any: ...

    @abstractmethod
    def _beside(self, first: Any) -> Any: ...

    @abstractmethod
    def _same(self, first: Any, second: Any) -> bool: ...

    @abstractmethod
    def revision(self, connection: Any) -> str | None:
        """The schema's revision; None where there is no engage schema."""

    @abstractmethod
    def tables(self, connection: Any) -> list[str]:
        """The tables of a database without engage's schema: another application's, named in the
        refusal."""

    def connected_as(self, connection: Any) -> str | None:
        """The role the server says is connected; None for a file (the account running engage)."""
        return None

    @abstractmethod
    def tell(self, connection: Any, actor_id: int) -> None:
        """Tell a server whom the app acts as in this transaction, for its row rules."""


class FileReader(Reader):
    """A SQLite file. Its second connection reads its own snapshot; the audit trail's latest id marks
    which (every change to entries or returns adds a row)."""

    dialect = "sqlite"

    path: Path

    def __init__(self, path: Path) -> None:
        super().__init__(str(path), path)

    def _open(self) -> sqlite3.Connection:
        """A connection in a read transaction; a missing file is refused (sqlite3 would create it)."""
        if not self.path.exists():
            raise no_database(self.path)
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        connection.execute("BEGIN")
        return connection

    def run(self, connection: Any, name: str, **params: Any) -> list[tuple]:
        """Days as the ISO text the file holds (sqlite3's own adapter for them is deprecated)."""
        plain = {key: v.isoformat() if isinstance(v, date) else v for key, v in params.items()}
        return super().run(connection, name, **plain)

    def _beside(self, first: sqlite3.Connection) -> sqlite3.Connection:
        return self._open()

    def _same(self, first: sqlite3.Connection, second: sqlite3.Connection) -> bool:
        return _mark(first) == _mark(second)  # the first read of each starts its snapshot

    def revision(self, connection: sqlite3.Connection) -> str | None:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError as error:
            _no_such_table(error)
            return None
        return row[0] if row else None

    def tables(self, connection: sqlite3.Connection) -> list[str]:
        return [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def tell(self, connection: sqlite3.Connection, actor_id: int) -> None:
        """A file has no row rules: the app's own checks are its rules."""


class ServerReader(Reader):
    """A PostgreSQL database, through psycopg. The second connection imports the first's snapshot
    (`pg_export_snapshot`), so both read the same rows; a standby cannot export one, and there the
    second connection is the first."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        super().__init__(where(url))
        self.conninfo = server_conninfo(url)

    def _open(self) -> Any:
        import psycopg

        connection = psycopg.connect(self.conninfo)
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        return connection

    def _beside(self, first: Any) -> Any:
        recovering, snapshot = first.execute(
            "SELECT pg_is_in_recovery(), CASE WHEN NOT pg_is_in_recovery() THEN pg_export_snapshot() END"
        ).fetchone()
        if recovering:
            return _Borrowed(first)
        second = self._open()
        second.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")  # the server's own id, not input
        return second

    def _same(self, first: Any, second: Any) -> bool:
        return True

    def revision(self, connection: Any) -> str | None:
        present = connection.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()[0]
        if not present:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None

    def tables(self, connection: Any) -> list[str]:
        """As SQLAlchemy's inspector lists them for the store's check: the visible ordinary tables."""
        return [
            row[0]
            for row in connection.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p') AND c.relpersistence <> 't' "
                "AND pg_table_is_visible(c.oid) AND n.nspname <> 'pg_catalog'"
            )
        ]

    def copy_out(self, connection: Any, name: str) -> Iterator[memoryview]:
        """A statement compiled ahead, its rows as CSV lines written by the server (`copied`)."""
        statement = self.statements[name]
        return copied(connection, statement["sql"], statement["fixed"])

    def connected_as(self, connection: Any) -> str:
        return str(connection.execute("SELECT session_user").fetchone()[0])

    def tell(self, connection: Any, actor_id: int) -> None:
        connection.execute("SELECT set_config('engage.act_as', %s, true)", (str(actor_id),))


def copied(connection: Any, sql: str, params: dict[str, Any] | None = None) -> Iterator[memoryview]:
    """A query's rows as CSV lines written by the PostgreSQL server (`COPY … TO STDOUT`) on a
    psycopg connection, each ending in LF; psycopg binds `params` into the query on this side, as
    COPY takes none."""
    with connection.cursor() as cursor, cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params) as lines:
        yield from lines


class _Borrowed:
    """The first connection lent as the second (psycopg serializes two threads' use of it), left open
    for its owner to close."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)

    def close(self) -> None:
        pass


def reader_for(url: str) -> Reader | None:
    """The fast reader for a database URL: a SQLite file, or a PostgreSQL server reached through
    psycopg where it is installed (else the store refuses the URL, naming the missing driver); None
    for any other."""
    path = sqlite_path(url)
    if path is not None:
        return FileReader(path)
    if url.startswith(PSYCOPG_PREFIX) and find_spec("psycopg") is not None:
        return ServerReader(url)
    return None


def _mark(connection: sqlite3.Connection) -> int | None:
    """The audit trail's latest id, which starts the read snapshot and says which one it is."""
    try:
        return connection.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    except sqlite3.OperationalError as error:  # not an engage database: the revision check says so
        _no_such_table(error)
        return None


def _no_such_table(error: sqlite3.OperationalError) -> None:
    """None for a missing table (not an engage database); any other failure — a folder SQLite may
    not write its -shm file in, a lock — is raised for the caller to explain."""
    if not str(error).startswith("no such table"):
        raise error
