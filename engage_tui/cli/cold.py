"""`engage report monthly` (T3) on a SQLite file without importing SQLAlchemy.

A cold process spends most of its time importing SQLAlchemy and mapping the models before its first
query. For the report scripts run most — T3 for a year — on the default SQLite store, this path runs the
statements SQLAlchemy compiled ahead (`store/compiled.py`) with the standard library's `sqlite3`, in
one read transaction, and shapes the rows with the same `t3_report` the domain uses. The checks are the
same as every command's: the file exists, its schema is this code's, the user is an active person.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from engage_tui.cli.context import no_database
from engage_tui.config import Settings
from engage_tui.domain.periods import year_months
from engage_tui.domain.t3 import t3_report
from engage_tui.domain.tables import Report
from engage_tui.errors import unknown_user
from engage_tui.store.compiled import load, run
from engage_tui.store.revisions import schema_problem

BUSY_TIMEOUT_S = 5.0


def monthly_report(settings: Settings, path: Path, year: int, fy: bool) -> Report:
    """T3 for a calendar (or financial) year, read straight from the SQLite file at `path`."""
    if not path.exists():
        raise no_database(path)
    statements, months = load(), year_months(year, fy)
    bounds = {"first": months[0].key, "last": months[-1].key}
    with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)) as connection:
        connection.execute("BEGIN")  # one snapshot for every statement below
        problem = schema_problem(_revision(connection), str(path))
        if problem is not None:
            raise problem
        actor = run(connection, statements, "actor", user=settings.user.strip().lower())
        if not actor or not actor[0][1]:
            raise unknown_user(settings.user)
        sums = {(key, category): minutes
                for key, category, minutes in run(connection, statements, "t3_sums", **bounds)}
        pending = run(connection, statements, "unapproved", **bounds)[0][0]
    return t3_report(year, fy, sums, pending)


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no such table: not an engage database
        return None
    return row[0] if row else None
