"""The engine with engage's connection rules, and the read and write transactions every caller uses.

SQLite is opened so that several officers can log at once on one shared file: foreign keys on, WAL (readers
never block the writer), `synchronous=FULL` (a committed entry survives a power cut), a busy timeout, and
write transactions that take the write lock up front with `BEGIN IMMEDIATE`. pysqlite's own transaction
handling is switched off (SQLAlchemy's documented recipe), because by default it issues BEGIN only before
the first write, so the reads of a check-then-write would run outside the transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from engage_tui.errors import Busy
from engage_tui.store.opening import BUSY_TIMEOUT_MS

_IMMEDIATE = "engage_immediate"


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
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for a SQLAlchemy URL; SQLite gets the rules above, other databases their defaults."""
    if _is_sqlite(url):
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
        _install_sqlite_rules(engine, busy_timeout_ms)
        return engine
    return create_engine(url, pool_pre_ping=True)


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

    @property
    def is_sqlite(self) -> bool:
        return _is_sqlite(self.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read transaction: a consistent snapshot, never blocking writers."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction holding the write lock from its first statement; commits or rolls back."""
        try:
            with Session(self._writer, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as error:
            if is_busy_error(error):
                raise Busy(
                    f"database busy: another user held it for more than "
                    f"{self.busy_timeout_ms / 1000:g} s; nothing was changed, try again"
                ) from error
            raise

    def dispose(self) -> None:
        """Close pooled connections (before a test deletes the file, or at exit)."""
        self.engine.dispose()
