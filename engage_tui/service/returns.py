"""Monthly returns (submit, withdraw, approve, send back, reopen, their status) and the audit trail."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from engage_tui.domain import audit, audit_records, returns
from engage_tui.domain.audit import AuditRow, Verification
from engage_tui.domain.audit_records import AuditRecord
from engage_tui.domain.checkpoint import Checkpoint
from engage_tui.domain.integrity import changed_since_approval
from engage_tui.domain.periods import Month
from engage_tui.domain.returns import ReturnRow
from engage_tui.service.core import Core


class Returns:
    def __init__(self, core: Core) -> None:
        self.core = core

    def submit(self, month: Month, officer: str | None = None) -> ReturnRow:
        with self.core.write() as (session, actor):
            return returns.submit(session, actor, month, officer, self.core.today())

    def withdraw(self, month: Month, officer: str | None = None) -> ReturnRow:
        with self.core.write() as (session, actor):
            return returns.withdraw(session, actor, month, officer)

    def approve(self, officer: str, month: Month) -> ReturnRow:
        with self.core.write() as (session, actor):
            return returns.approve(session, actor, officer, month, self.core.today())

    def send_back(self, officer: str, month: Month, reason: str) -> ReturnRow:
        with self.core.write() as (session, actor):
            return returns.send_back(session, actor, officer, month, reason)

    def reopen(self, officer: str, month: Month, reason: str) -> ReturnRow:
        with self.core.write() as (session, actor):
            return returns.reopen(session, actor, officer, month, reason)

    def status(self, month: Month | None = None) -> list[ReturnRow]:
        with self.core.read() as (session, _actor):
            return returns.status(session, month)

    def year(self, months: list[Month]) -> list[ReturnRow]:
        """The Returns grid: everyone's state in each of `months`, from one snapshot."""
        with self.core.read() as (session, _actor):
            return returns.grid(session, months)


class Audit:
    def __init__(self, core: Core) -> None:
        self.core = core

    def trail(
        self, since: date | None = None, user: str | None = None, limit: int | None = None
    ) -> list[AuditRow]:
        with self.core.read() as (session, _actor):
            return audit.list_audit(session, since, user, limit)

    def find(
        self,
        person: str | None = None,
        table: str | None = None,
        start: date | None = None,
        end: date | None = None,
        limit: int | None = None,
    ) -> list[AuditRow]:
        """The trail newest first, by person (acting or acted as), table and days (the Audit screen)."""
        with self.core.read() as (session, _actor):
            return audit_records.find_audit(session, person, table, start, end, limit)

    def tables(self) -> list[str]:
        with self.core.read() as (session, _actor):
            return audit_records.audit_tables(session)

    def record(self, record_id: int) -> AuditRecord:
        """One change whole: who (and as whom), when, every field before and after, its hash."""
        with self.core.read() as (session, _actor):
            return audit_records.audit_record(session, record_id)

    def checkpoint(self) -> Checkpoint:
        """The trail's row count and head hash now, to keep somewhere the database's writers cannot."""
        with self.core.read() as (session, _actor):
            return audit.checkpoint(session)

    def verify(self, mark: Checkpoint | None = None) -> Verification:
        """The hash chain, nothing cut since `mark`, and every approved month holding its figures —
        read in one snapshot."""
        with self.core.read() as (session, _actor):
            found = audit.verify(session, mark)
            changed = changed_since_approval(session)
        return replace(found, problems=[*found.problems, *changed])
