"""PACT: the register and dated settings, meetings as they happen, the issues raised at them, which
meetings are due or missing, and the PACT imports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from engage_tui.domain import pact, pact_due, pact_issues, pact_meeting_import, pact_meetings, settings
from engage_tui.domain.pact import SeriesRow
from engage_tui.domain.pact_due import DueMeeting
from engage_tui.domain.pact_issues import IssueRow
from engage_tui.domain.pact_meetings import MeetingDraft, MeetingRow
from engage_tui.domain.settings import SettingRow
from engage_tui.service.core import Core


@dataclass(frozen=True)
class MeetingsView:
    """The meetings of a span, and the attendance below which one is poorly attended."""

    meetings: list[MeetingRow]
    threshold: int


class Pact:
    def __init__(self, core: Core) -> None:
        self.core = core

    # the register and settings
    def add_series(
        self,
        area: str,
        name: str,
        frequency: str = "monthly",
        super_pact: bool = False,
        venue: str = "",
        start: date | None = None,
        schedule: str = "",
    ) -> SeriesRow:
        with self.core.write() as (session, actor):
            return pact.add_series(
                session, actor, area, name, frequency, super_pact, venue, start or self.core.today(), schedule
            )

    def retire_series(self, name: str, day: date) -> SeriesRow:
        with self.core.write() as (session, actor):
            return pact.retire_series(session, actor, name, day)

    def series(self, on: date | None = None, area: str | None = None) -> list[SeriesRow]:
        with self.core.read() as (session, _actor):
            return pact.list_series(session, on, area)

    def set_setting(self, key: str, value: str, effective_from: date | None = None) -> SettingRow:
        with self.core.write() as (session, actor):
            return settings.set_setting(session, actor, key, value, effective_from or self.core.today())

    def settings(self) -> list[SettingRow]:
        with self.core.read() as (session, _actor):
            return settings.list_settings(session)

    # meetings
    def add_meeting(self, draft: MeetingDraft) -> int:
        with self.core.write() as (session, actor):
            return pact_meetings.add_meeting(session, actor, draft, today=self.core.today())

    def edit_meeting(self, meeting_id: int, changes: dict[str, object]) -> MeetingRow:
        with self.core.write() as (session, actor):
            return pact_meetings.edit_meeting(session, actor, meeting_id, changes, self.core.today())

    def delete_meeting(self, meeting_id: int) -> MeetingRow:
        with self.core.write() as (session, actor):
            return pact_meetings.delete_meeting(session, actor, meeting_id)

    def check_deletable(self, meeting_id: int) -> MeetingRow:
        """Refuses at once (before a confirmation) a meeting that cannot be deleted."""
        with self.core.read() as (session, _actor):
            return pact_meetings.check_deletable(session, meeting_id)

    def meeting(self, meeting_id: int) -> MeetingRow:
        with self.core.read() as (session, _actor):
            return pact_meetings.get_meeting(session, meeting_id)

    def meeting_draft(self, meeting_id: int) -> MeetingDraft:
        with self.core.read() as (session, _actor):
            return pact_meetings.draft_of(session, meeting_id)

    def meetings(
        self,
        start: date | None = None,
        end: date | None = None,
        area: str | None = None,
        series: str | None = None,
        below: int | None = None,
    ) -> list[MeetingRow]:
        with self.core.read() as (session, _actor):
            return pact_meetings.list_meetings(session, start, end, area, series, below)

    def meetings_view(self, start: date, end: date) -> MeetingsView:
        """The meetings of a span with the threshold in force at its end, as attendance counts them."""
        with self.core.read() as (session, _actor):
            return MeetingsView(
                pact_meetings.list_meetings(session, start, end), pact.attendance_threshold(session, end)
            )

    def latest_meeting(self) -> date | None:
        with self.core.read() as (session, _actor):
            return pact.latest_meeting(session)

    def due(
        self, start: date | None = None, end: date | None = None, area: str | None = None
    ) -> list[DueMeeting]:
        """What the schedules expected from `start` to `end` (default: around today); missing or
        upcoming is judged against today whatever the span."""
        today = self.core.today()
        default_start, default_end = pact_due.due_window(today)
        with self.core.read() as (session, _actor):
            return pact_due.due_meetings(session, start or default_start, end or default_end, today, area)

    # issues
    def add_issue(
        self,
        series: str,
        day: str,
        text: str,
        theme: str,
        owner: str = "",
        referral: str = "",
        status: str = "open",
        outcome: str = "",
    ) -> int:
        with self.core.write() as (session, actor):
            return pact_issues.add_issue(
                session, actor, series, day, text, theme, owner, referral, status, outcome
            )

    def update_issue(self, issue_id: int, changes: dict[str, str]) -> IssueRow:
        with self.core.write() as (session, actor):
            return pact_issues.update_issue(session, actor, issue_id, changes)

    def delete_issue(self, issue_id: int) -> IssueRow:
        with self.core.write() as (session, actor):
            return pact_issues.delete_issue(session, actor, issue_id)

    def issue(self, issue_id: int) -> IssueRow:
        with self.core.read() as (session, _actor):
            return pact_issues.get_issue(session, issue_id)

    def issues(
        self, area: str | None = None, status: str | None = None, series: str | None = None
    ) -> list[IssueRow]:
        with self.core.read() as (session, _actor):
            return pact_issues.list_issues(session, area, status, series)

    def to_report_back(self, series: str, before: date, heard_at: int | None = None) -> list[IssueRow]:
        with self.core.read() as (session, _actor):
            return pact_issues.to_report_back(session, series, before, heard_at)

    # imports
    # Their rows depend on earlier rows (a series retired by name, meetings of new series), so each
    # is checked as it is stored, under the write lock; the file is read and parsed before it.
    def import_series(
        self, path: Path, dry_run: bool = False, sheet: str | None = None, force: str | None = None
    ) -> int:
        file = pact.read_series(path, sheet)
        with self.core.write() as (session, actor):
            return pact.import_series(session, actor, file, dry_run, force)

    def import_meetings(
        self, path: Path, dry_run: bool = False, sheet: str | None = None, force: str | None = None
    ) -> int:
        file = pact_meeting_import.read_meetings(path, sheet)
        with self.core.write() as (session, actor):
            today = self.core.today()
            return pact_meeting_import.import_meetings(session, actor, file, dry_run, today, force)
