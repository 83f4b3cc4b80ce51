"""The fast read path: what a cold process reads first, on a SQLite file, without importing SQLAlchemy.

A cold process spends most of its time importing SQLAlchemy and mapping the models before its first
query. For the report scripts run most — T3 for a year (`engage report monthly`) — and for the app's
first screen (who is acting, and an officer's month), this path runs the statements SQLAlchemy compiled
ahead (`compile_all` below, kept in `store/compiled_sqlite.json`) with the standard library's `sqlite3`,
and shapes the rows with the same functions the domain uses (`t3_report`, `month_view`). The checks are
the same as every command's: the file exists, its schema is this code's, the user is an active person.
For T3, the month sums and the count of unapproved months are two scans of a year's entries; they run
at once on two connections, and if a change landed between their two snapshots the count is taken
again on the first.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path
from threading import Thread
from typing import Any

from engage_tui.config import Settings
from engage_tui.domain.actor import Actor, Someone, decide_actor
from engage_tui.domain.entries import EntryRow, MonthView, month_view
from engage_tui.domain.periods import Month, year_months
from engage_tui.domain.t3 import t3_report
from engage_tui.domain.tables import Report
from engage_tui.service.identity import os_account
from engage_tui.store.compiled import PATH, load, run
from engage_tui.store.failures import explain
from engage_tui.store.keys import name_key
from engage_tui.store.opening import BUSY_TIMEOUT_MS, no_database
from engage_tui.store.revisions import schema_problem


def monthly_report(settings: Settings, path: Path, year: int, fy: bool, job: str = "co") -> Report:
    """T3 for a calendar (or financial) year, read straight from the SQLite file at `path`."""
    statements, months = load(), year_months(year, fy)
    bounds = {"first": months[0].key, "last": months[-1].key, "job": job}
    with _explained(path), closing(_reader(path)) as connection, closing(_reader(path)) as beside:
        mark = _mark(connection)
        _checked(connection, statements, settings, path)
        pending = _Pending(beside, statements, bounds)
        pending.start()  # sqlite3 lets go of the GIL while a query runs: the two scans overlap
        try:
            sums = {
                (key, category): minutes
                for key, category, minutes in run(connection, statements, "t3_sums", **bounds)
            }
        finally:  # closing `beside` under its running query would crash the process
            pending.join()
        if pending.error is not None:
            raise pending.error
        if pending.mark != mark:  # a change landed between the two snapshots: count on this one
            pending.count = run(connection, statements, "unapproved", **bounds)[0][0]
    return t3_report(year, fy, sums, pending.count, job=job)


def actor(settings: Settings, path: Path) -> Actor:
    """Who is acting, by the one actor rule, in a checked snapshot of the file at `path`."""
    with _snapshot(settings, path) as (_connection, _statements, who):
        return who


def officer_month(settings: Settings, path: Path, officer_id: int, month: Month) -> MonthView:
    """An officer's month as My month shows it (`hours.month_of`), from one checked snapshot."""
    params = {"officer": officer_id, "month": month.key}
    with _snapshot(settings, path) as (connection, statements, _actor):
        entries = [
            EntryRow(key, officer, date.fromisoformat(day), *rest)  # sqlite3 gives the day as text
            for key, officer, day, *rest in run(connection, statements, "month_entries", **params)
        ]
        totals = run(connection, statements, "month_totals", **params)
        returned = run(connection, statements, "month_return", **params)
    return month_view(entries, totals, returned[0] if returned else None)


def latest_entry_month(settings: Settings, path: Path) -> Month | None:
    """The latest entry's month (`reports.latest_entry_month`), where a supervisor's first screen opens."""
    with _snapshot(settings, path) as (connection, statements, _actor):
        key = run(connection, statements, "latest_month")[0][0]
    return None if key is None else Month.from_key(key)


@contextmanager
def _snapshot(settings: Settings, path: Path) -> Iterator[tuple[sqlite3.Connection, dict, Actor]]:
    """A read snapshot of the file, the statements, and who is acting: checked as every command
    checks."""
    with _explained(path), closing(_reader(path)) as connection:
        statements = load()
        yield connection, statements, _checked(connection, statements, settings, path)


@contextmanager
def _explained(path: Path) -> Iterator[None]:
    """sqlite3's errors of the surroundings (a busy or damaged file, a folder it may not write its
    -shm file in) as the refusals the store words for the same errors: the app says them as it says
    the store's, never as an unexpected error."""
    try:
        yield
    except sqlite3.Error as error:
        refusal = explain(error, str(path), path)
        if refusal is None:
            raise
        raise refusal from error


def _checked(connection: sqlite3.Connection, statements: dict, settings: Settings, path: Path) -> Actor:
    """The checks every command makes, in the connection's snapshot: the schema is this code's, and
    the one actor rule (`decide_actor`) on the people read with the precompiled statements."""
    revision = _revision(connection)
    problem = schema_problem(revision, str(path), _tables(connection) if revision is None else ())
    if problem is not None:
        raise problem
    runner, act_as = os_account(), settings.user
    real = run(connection, statements, "by_login", login=runner.strip().lower())
    acted = run(connection, statements, "by_name", person=name_key(act_as)) if act_as else []
    return decide_actor(
        runner, Someone(*real[0]) if real else None, act_as, Someone(*acted[0]) if acted else None
    )


class _Pending(Thread):
    """The count of unapproved officer-months, on its own connection and read snapshot, with the
    audit trail's latest id as the snapshot's mark (every change to entries or returns adds a row)."""

    def __init__(self, connection: sqlite3.Connection, statements: dict, bounds: dict[str, object]) -> None:
        super().__init__(daemon=True)
        self.connection, self.statements, self.bounds = connection, statements, bounds
        self.mark: int | None = None
        self.count = 0
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.mark = _mark(self.connection)
            self.count = run(self.connection, self.statements, "unapproved", **self.bounds)[0][0]
        except Exception as failure:  # raised again in the caller's thread
            self.error = failure


def _reader(path: Path) -> sqlite3.Connection:
    """A connection in a read transaction; a missing file is refused (sqlite3 would create it)."""
    if not path.exists():
        raise no_database(path)
    connection = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    connection.execute("BEGIN")
    return connection


def _mark(connection: sqlite3.Connection) -> int | None:
    """Start the read snapshot, and say which one it is."""
    try:
        return connection.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    except sqlite3.OperationalError as error:  # not an engage database: the revision check says so
        _no_such_table(error)
        return None


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        _no_such_table(error)
        return None
    return row[0] if row else None


def _tables(connection: sqlite3.Connection) -> list[str]:
    """The tables a file without engage's schema holds: another application's, named in the refusal."""
    return [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def _no_such_table(error: sqlite3.OperationalError) -> None:
    """None for a missing table (not an engage database); any other failure — a folder SQLite may
    not write its -shm file in, a lock — is raised for the command line to explain."""
    if not str(error).startswith("no such table"):
        raise error


def builders() -> dict[str, Callable[[], Any]]:
    """Each precompiled statement's name and the domain function that builds it."""
    from engage_tui.domain.hours import month_entries_query, month_totals_query
    from engage_tui.domain.people import login_query, named_query
    from engage_tui.domain.reports import latest_month_query, t3_sums
    from engage_tui.domain.returns import return_state_query, unapproved_query

    return {
        "by_login": login_query,
        "by_name": named_query,
        "latest_month": latest_month_query,
        "month_entries": month_entries_query,
        "month_return": return_state_query,
        "month_totals": month_totals_query,
        "t3_sums": t3_sums,
        "unapproved": lambda: unapproved_query(job=True),
    }


def compile_all() -> dict[str, dict[str, Any]]:
    """Every statement as SQLite SQL with named parameters (`:first`), as the domain builds it now,
    with the values SQLAlchemy binds itself (a LIMIT, a status) beside it."""
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect(paramstyle="named")
    statements = {}
    for name, build in builders().items():
        compiled = build().compile(dialect=dialect)
        fixed = {key: value for key, value in compiled.params.items() if value is not None}
        statements[name] = {"sql": str(compiled), "fixed": fixed}
    return statements


if __name__ == "__main__":
    PATH.write_text(json.dumps(compile_all(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {PATH}")
