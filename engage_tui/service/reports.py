"""Every report, as a `Report` of exact values: T1–T4, rollups, annual, events, the PACT tables, and the
entries export.

Loaded by a cold `engage report monthly` too, so it imports the domain (and SQLAlchemy) only inside
the methods that need them: T3, the rollups and (on a server) the entries' export are read by the
fast path before any store is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from engage_tui.domain.csvfiles import is_workbook
from engage_tui.domain.job_titles import check_job
from engage_tui.domain.periods import Month, Period, check_year, year_span
from engage_tui.domain.tables import Report
from engage_tui.service.core import Core
from engage_tui.store.readers import ServerReader

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from engage_tui.domain.actor import Actor
    from engage_tui.domain.checkpoint import Checkpoint
    from engage_tui.domain.entries import EntryRow
    from engage_tui.domain.method import MethodInfo
    from engage_tui.domain.pack import Pack

Span = tuple[date, date] | None
"""Days from and to, both given, or None for the year (calendar or financial) of the latest record."""


class Reports:
    def __init__(self, core: Core) -> None:
        self.core = core

    def monthly(self, year: int, fy: bool = False, officer: str | None = None, job: str = "co") -> Report:
        """T3 for a calendar or financial year: the hours of the people whose job on the day is `job`
        (cohesion officers), or of one officer."""
        check_year(year)
        job = check_job(job)
        reader = self.core.fast_path()
        if reader is not None and officer is None:
            from engage_tui.service.fast import monthly_report  # no SQLAlchemy in the process

            return monthly_report(self.core.settings, reader, year, fy, job)
        from engage_tui.domain.people import find_person
        from engage_tui.domain.reports import monthly

        with self.core.read() as (session, _actor):
            person = find_person(session, officer) if officer else None
            return monthly(
                session, year, fy, person.id if person else None, person.name if person else None, job
            )

    def latest_entry_month(self) -> Month | None:
        """The latest entry's month (where a report opens): a supervisor's first screen asks it."""
        reader = self.core.fast_path()
        if reader is not None:
            from engage_tui.service.fast import latest_entry_month as on_the_fast_path

            return on_the_fast_path(self.core.settings, reader)
        from engage_tui.domain.reports import latest_entry_month

        with self.core.read() as (session, _actor):
            return latest_entry_month(session)

    def rollup(
        self, by: str, kind: str, span: Span = None, fy: bool = False, job: str | None = "co"
    ) -> Report:
        """Hours by group and period, of the people doing `job` on the day (None: everyone)."""
        job = job and check_job(job)
        reader = self.core.fast_path()
        if reader is not None:
            from engage_tui.service.fast import rollup as on_the_fast_path

            return on_the_fast_path(self.core.settings, reader, by, kind, span, fy, job)
        from engage_tui.domain.reports import latest_entry_month, rollup

        with self.core.read() as (session, _actor):
            start, end = self._span(session, span, latest_entry_month, fy)
            return rollup(session, by, kind, start, end, fy, job)

    def rollup_entries(
        self, by: str, group: str, start: date, end: date, job: str | None = "co"
    ) -> list[EntryRow]:
        """The entries behind one cell of a rollup."""
        from engage_tui.domain.reports import rollup_entries

        with self.core.read() as (session, _actor):
            return rollup_entries(session, by, group, start, end, job)

    def annual(self, fy: bool = False, job: str | None = "co", by_job: bool = False) -> Report:
        """Hours per year of the people doing `job` on the day (None: everyone's), or a column per job."""
        from engage_tui.domain.reports import annual

        with self.core.read() as (session, _actor):
            return annual(session, fy, job and check_job(job), by_job)

    def events(self, by: str, span: Span = None) -> Report:
        from engage_tui.domain.events import latest_event_date
        from engage_tui.domain.reports import events_summary

        with self.core.read() as (session, _actor):
            return events_summary(session, by, *self._span(session, span, latest_event_date))

    def confidence(self, baseline: str, compared: str, wide: bool = False) -> Report:
        from engage_tui.domain.reports import confidence

        with self.core.read() as (session, _actor):
            return confidence(session, baseline, compared, wide)

    def pact_areas(self, as_of: date | None = None) -> Report:
        """T1: the series active on the day (default today), by area."""
        from engage_tui.domain.pact import pact_areas

        with self.core.read() as (session, _actor):
            return pact_areas(session, as_of or self.core.today())

    def pact_cost(
        self,
        as_of: date | None = None,
        meetings: Decimal | None = None,
        hours: Decimal | None = None,
        rates: dict[str, Decimal] | None = None,
        mix: str | dict[str, Decimal] | None = None,
    ) -> Report:
        """T2 from the register, hours and rates in force on the day, unless given; `mix`
        (`pcso=0.6,pc=0.4`) adds a row at that blend of ranks."""
        from engage_tui.domain.pact import pact_cost, parse_mix

        shares = parse_mix(mix) if isinstance(mix, str) else mix
        with self.core.read() as (session, _actor):
            return pact_cost(session, as_of or self.core.today(), meetings, hours, rates or {}, shares)

    def pact_attendance(self, span: Span = None, threshold: int | None = None, by: str = "area") -> Report:
        from engage_tui.domain.pact import latest_meeting, pact_attendance

        with self.core.read() as (session, _actor):
            return pact_attendance(session, *self._span(session, span, latest_meeting), threshold, by)

    def pact_actual(self, span: Span = None) -> Report:
        from engage_tui.domain.pact import latest_meeting, pact_actual_cost

        with self.core.read() as (session, _actor):
            return pact_actual_cost(session, *self._span(session, span, latest_meeting))

    def pact_issues(self, by: str = "area") -> Report:
        from engage_tui.domain.pact_issues import issues_by_area

        with self.core.read() as (session, _actor):
            return issues_by_area(session, by)

    def export_entries(self, path: Path, method: MethodInfo | None = None) -> int:
        """Every entry in the `import hours` columns (CSV, or a workbook with `method`); returns how
        many were written."""
        reader = self.core.fast_path()
        if isinstance(reader, ServerReader) and not is_workbook(path):
            from engage_tui.service.fast import export_entries as on_the_fast_path

            return on_the_fast_path(self.core.settings, reader, path)
        from engage_tui.domain.entry_export import export_entries

        with self.core.read() as (session, _actor):
            return export_entries(session, path, method)

    def method(self) -> MethodInfo:
        """Which database, who, when and the audit trail's checkpoint, for a workbook's Method sheet."""
        reader = self.core.fast_path()
        if reader is not None:
            from engage_tui.service.fast import checkpoint as on_the_fast_path

            return self._method(*on_the_fast_path(self.core.settings, reader))
        from engage_tui.domain.audit import checkpoint

        with self.core.read() as (session, actor):
            return self._method(actor, checkpoint(session))

    def _method(
        self, actor: Actor, mark: Checkpoint, period: Period | None = None, rules: tuple[str, ...] = ()
    ) -> MethodInfo:
        from datetime import datetime

        from engage_tui.domain.method import MethodInfo
        from engage_tui.store.opening import where

        return MethodInfo(
            where(self.core.settings.db_url),
            actor.label,
            datetime.now().astimezone(),
            period=period.label if period else "",
            as_of=period.end if period else None,
            rules=rules,
            checkpoint=mark.token,
        )

    def pack(self, period: Period, baseline: str | None = None, compared: str | None = None) -> Pack:
        """The Police and Crime Panel pack for `period` (T4 when both survey periods are given): every
        table read in one transaction, so they agree, with the Method the workbook and Markdown carry."""
        from engage_tui.domain.audit import checkpoint
        from engage_tui.domain.pack import Pack, pack_rules, pack_sheets

        with self.core.read() as (session, actor):
            sheets = pack_sheets(session, period, baseline, compared)
            method = self._method(actor, checkpoint(session), period, pack_rules(period))
            return Pack(period, sheets, method)

    def _span(
        self,
        session: Session,
        span: Span,
        latest: Callable[[Session], date | Month | None],
        fy: bool = False,
    ) -> tuple[date, date]:
        """The days asked for, or the year (calendar or financial) of the latest record's day or month
        (else today's)."""
        return span or year_span(latest(session) or self.core.today(), fy)
