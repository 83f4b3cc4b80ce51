"""Community events: add, edit, delete and list them, and the events import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from engage_tui.domain import events
from engage_tui.domain.events import EventDraft, EventRow
from engage_tui.domain.imports import open_import
from engage_tui.service.core import Core


class Events:
    def __init__(self, core: Core) -> None:
        self.core = core

    def add(self, draft: EventDraft) -> int:
        with self.core.write() as (session, actor):
            return events.add_event(session, actor, draft)

    def edit(self, event_id: int, changes: dict[str, object]) -> EventRow:
        with self.core.write() as (session, actor):
            return events.edit_event(session, actor, event_id, changes)

    def delete(self, event_id: int) -> EventRow:
        with self.core.write() as (session, actor):
            return events.delete_event(session, actor, event_id)

    def draft(self, event_id: int) -> EventDraft:
        with self.core.read() as (session, _actor):
            return events.draft_of(session, event_id)

    def find(
        self,
        start: date | None = None,
        end: date | None = None,
        area: str | None = None,
        type_: str | None = None,
    ) -> list[EventRow]:
        with self.core.read() as (session, _actor):
            return events.list_events(session, start, end, area, type_)

    def latest_date(self) -> date | None:
        with self.core.read() as (session, _actor):
            return events.latest_event_date(session)

    def import_file(
        self, path: Path, dry_run: bool = False, sheet: str | None = None, force: str | None = None
    ) -> int:
        """Read before any transaction, checked in a read transaction, stored in a write one (a dry
        run never takes the write lock); returns the number of events."""
        file = open_import(path, sheet)
        with self.core.read() as (session, actor):
            prepared = events.prepare_events(session, actor, file, force)
        if dry_run:
            return len(prepared.rows)
        with self.core.write() as (session, actor):
            return events.store_events(session, actor, prepared)
