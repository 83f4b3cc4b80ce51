"""The fast read path: what a cold process reads first, without importing SQLAlchemy.

A cold process spends most of its time importing SQLAlchemy and mapping the models before its first
query (≈0.2 s on SQLite, ≈0.7 s with psycopg on PostgreSQL). For the report scripts run most — T3 for a
year (`engage report monthly`) — and for the app's first screen (who is acting, and an officer's month),
this path runs the statements SQLAlchemy compiled ahead (`compile_all` below, kept in
`store/compiled_<dialect>.json`) through the driver alone (`store.readers`), and shapes the rows with
the same functions the domain uses (`t3_report`, `month_view`). The checks are the same as every
command's: the database exists, its schema is this code's, the user is an active person (on a server,
the role connected is), and a server is told whom the app acts as. For T3, the month sums and the count
of unapproved months are two scans of a year's entries; they run at once on two connections (on a
server, the second reads the first's snapshot; on a file, if a change landed between their two
snapshots the count is taken again on the first).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from threading import Thread
from typing import Any

from engage_tui.config import Settings
from engage_tui.domain.actor import Actor, Someone, decide_actor
from engage_tui.domain.checkpoint import GENESIS, Checkpoint
from engage_tui.domain.csvfiles import HOURS_COLUMNS, write_csv_lines
from engage_tui.domain.entries import EntryRow, MonthView, month_view
from engage_tui.domain.periods import Month, year_months, year_span
from engage_tui.domain.rollup import check_rollup, rollup_report, sums_params, sums_statement, whole_months
from engage_tui.domain.t3 import t3_report
from engage_tui.domain.tables import Report
from engage_tui.service.identity import os_account
from engage_tui.store import compiled
from engage_tui.store.compiled import DIALECTS
from engage_tui.store.keys import name_key
from engage_tui.store.readers import Pair, Reader, ServerReader
from engage_tui.store.revisions import schema_problem


def monthly_report(settings: Settings, reader: Reader, year: int, fy: bool, job: str = "co") -> Report:
    """T3 for a calendar (or financial) year, read straight through the database's driver."""
    months = year_months(year, fy)
    bounds = {"first": months[0].key, "last": months[-1].key, "job": job}
    with reader.pair() as pair:
        acting = _checked(reader, pair[0], settings)
        sums, pending = _counted_beside(reader, pair, acting, "t3_sums", bounds, "unapproved", bounds)
    return t3_report(
        year, fy, {(key, category): int(minutes) for key, category, minutes in sums}, pending, job=job
    )


def rollup(
    settings: Settings,
    reader: Reader,
    by: str,
    kind: str,
    span: tuple[date, date] | None,
    fy: bool,
    job: str | None,
) -> Report:
    """Hours by group and period (`reports.rollup`), over the days asked for or the latest entry's
    year, read straight through the database's driver."""
    with reader.pair() as pair:
        connection = pair[0]
        acting = _checked(reader, connection, settings)
        if span is None:
            latest = reader.run(connection, "latest_month")[0][0]
            span = year_span(Month.from_key(latest) if latest else settings.today(), fy)
        start, end = span
        check_rollup(by, kind, start, end)
        whole = by == "officer" and job is not None and whole_months(start, end)
        params = sums_params(start, end, job)
        bounds = {"first": params["first"], "last": params["last"], "job": job}
        counted = "unapproved" if job is not None else "unapproved_all"
        sums, pending = _counted_beside(
            reader, pair, acting, sums_statement(by, job is not None, whole), params, counted, bounds
        )
    return rollup_report(by, kind, start, end, fy, job, sums, pending)


def export_entries(settings: Settings, reader: ServerReader, path: Path) -> int:
    """Every entry as CSV in the columns `import hours` reads, written by the server itself: the same
    bytes as the store's path (`entry_export.entries_copied`)."""
    with _snapshot(settings, reader) as (connection, _actor):
        return write_csv_lines(path, HOURS_COLUMNS, reader.copy_out(connection, "entries_csv"))


def checkpoint(settings: Settings, reader: Reader) -> tuple[Actor, Checkpoint]:
    """Who is acting and the audit trail's checkpoint (`audit.checkpoint`), for a workbook's Method
    sheet, from one checked snapshot."""
    with _snapshot(settings, reader) as (connection, acting):
        rows = reader.run(connection, "trail_rows")[0][0]
        head = reader.run(connection, "trail_head")
    return acting, Checkpoint(rows, head[0][0] if head else GENESIS)


def actor(settings: Settings, reader: Reader) -> Actor:
    """Who is acting, by the one actor rule, in a checked snapshot."""
    with _snapshot(settings, reader) as (_connection, who):
        return who


def officer_month(settings: Settings, reader: Reader, officer_id: int, month: Month) -> MonthView:
    """An officer's month as My month shows it (`hours.month_of`), from one checked snapshot."""
    params = {"officer": officer_id, "month": month.key}
    with _snapshot(settings, reader) as (connection, _actor):
        entries = [
            EntryRow(key, officer, _day(day), *rest)
            for key, officer, day, *rest in reader.run(connection, "month_entries", **params)
        ]
        totals = reader.run(connection, "month_totals", **params)
        returned = reader.run(connection, "month_return", **params)
    return month_view(entries, totals, returned[0] if returned else None)


def latest_entry_month(settings: Settings, reader: Reader) -> Month | None:
    """The latest entry's month (`reports.latest_entry_month`), where a supervisor's first screen opens."""
    with _snapshot(settings, reader) as (connection, _actor):
        key = reader.run(connection, "latest_month")[0][0]
    return None if key is None else Month.from_key(key)


@contextmanager
def _snapshot(settings: Settings, reader: Reader) -> Iterator[tuple[Any, Actor]]:
    """A read snapshot and who is acting in it: checked as every command checks."""
    with reader.snapshot() as connection:
        yield connection, _checked(reader, connection, settings)


def _checked(reader: Reader, connection: Any, settings: Settings) -> Actor:
    """The checks every command makes, in the connection's snapshot: the schema is this code's, and
    the one actor rule (`decide_actor`) on the people read with the precompiled statements; a server
    is told whom the app acts as, as the store tells it in every transaction."""
    revision = reader.revision(connection)
    problem = schema_problem(revision, reader.place, reader.tables(connection) if revision is None else ())
    if problem is not None:
        raise problem
    runner, act_as = reader.connected_as(connection) or os_account(), settings.user
    real = reader.run(connection, "by_login", login=runner.strip().lower())
    acted = reader.run(connection, "by_name", person=name_key(act_as)) if act_as else []
    acting = decide_actor(
        runner, Someone(*real[0]) if real else None, act_as, Someone(*acted[0]) if acted else None
    )
    reader.tell(connection, acting.id)
    return acting


def _day(value: date | str) -> date:
    """A day as the driver gives it: psycopg a date, sqlite3 its ISO text."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def _counted_beside(
    reader: Reader,
    pair: Pair,
    acting: Actor,
    name: str,
    params: dict[str, Any],
    counted: str,
    bounds: dict[str, Any],
) -> tuple[list[tuple], int]:
    """`name`'s rows, read on the first connection (checked: `acting` is who acts), while the second
    counts with `counted` (the unapproved officer-months a report is provisional by); counted again on
    the first where the second read another snapshot."""
    connection, beside, same = pair
    reader.tell(beside, acting.id)
    pending = _Pending(reader, beside, counted, bounds)
    pending.start()  # the drivers let go of the GIL while a query runs: the two scans overlap
    try:
        rows = reader.run(connection, name, **params)
    finally:  # closing `beside` under its running query would crash the process
        pending.join()
    if pending.error is not None:
        raise pending.error
    return rows, pending.count if same else reader.run(connection, counted, **bounds)[0][0]


class _Pending(Thread):
    """A count on a connection of its own."""

    def __init__(self, reader: Reader, connection: Any, name: str, bounds: dict[str, Any]) -> None:
        super().__init__(daemon=True)
        self.reader, self.connection, self.name, self.bounds = reader, connection, name, bounds
        self.count = 0
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.count = self.reader.run(self.connection, self.name, **self.bounds)[0][0]
        except Exception as failure:  # raised again in the caller's thread
            self.error = failure


def builders(dialect: str) -> dict[str, Callable[[], Any]]:
    """Each precompiled statement's name and the domain function that builds it; a server that
    writes CSV itself has the entries export's too."""
    from engage_tui.domain.audit import trail_head_query, trail_rows_query
    from engage_tui.domain.entry_export import entries_csv_query
    from engage_tui.domain.hours import month_entries_query, month_totals_query
    from engage_tui.domain.people import login_query, named_query
    from engage_tui.domain.reports import latest_month_query, rollup_statements, t3_sums
    from engage_tui.domain.returns import return_state_query, unapproved_query

    return (
        rollup_statements()
        | {
            "by_login": login_query,
            "by_name": named_query,
            "latest_month": latest_month_query,
            "month_entries": month_entries_query,
            "month_return": return_state_query,
            "month_totals": month_totals_query,
            "t3_sums": t3_sums,
            "unapproved": lambda: unapproved_query(job=True),
            "unapproved_all": unapproved_query,
            "trail_rows": trail_rows_query,
            "trail_head": trail_head_query,
        }
        | ({"entries_csv": entries_csv_query} if dialect == "postgresql" else {})
    )


def compile_all(dialect: str = "sqlite") -> dict[str, dict[str, Any]]:
    """Every statement in `dialect`'s SQL with named parameters (`:first` for sqlite3, `%(first)s`
    for psycopg), as the domain builds it now, with the values SQLAlchemy binds itself (a LIMIT, a
    status) beside it."""
    from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
    from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
    from sqlalchemy.engine import Dialect

    compiler: Dialect = sqlite_dialect(paramstyle="named") if dialect == "sqlite" else PGDialect_psycopg()
    statements = {}
    for name, build in builders(dialect).items():
        sql = build().compile(dialect=compiler, compile_kwargs={"render_postcompile": True})
        fixed = {key: value for key, value in sql.params.items() if value is not None}
        statements[name] = {"sql": str(sql), "fixed": fixed}
    return statements


if __name__ == "__main__":
    for dialect in DIALECTS:
        written = compiled.path(dialect)
        written.write_text(
            json.dumps(compile_all(dialect), indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"wrote {written}")
