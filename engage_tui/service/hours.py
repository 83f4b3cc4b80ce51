"""Logging engagement time: an entry's add, edit and delete, and the hours import (a month as My
month shows it is `months.Months`, read before SQLAlchemy loads)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from engage_tui.domain import hours, imports
from engage_tui.domain.entries import EntryDraft, EntryRow
from engage_tui.domain.imports import ImportResult
from engage_tui.domain.people import find_person
from engage_tui.domain.periods import Month
from engage_tui.service.core import Core
from engage_tui.store.engine import bulk_load


class Hours:
    def __init__(self, core: Core) -> None:
        self.core = core

    def add(self, draft: EntryDraft) -> EntryRow:
        """Log a new entry for the officer named, or for the acting person when none is."""
        with self.core.write() as (session, actor):
            entry_id = hours.add_entry(session, actor, replace(draft, officer=draft.officer or actor.name))
            return hours.get_entry(session, entry_id)

    def edit(self, entry_id: int, changes: dict[str, str]) -> EntryRow:
        with self.core.write() as (session, actor):
            return hours.edit_entry(session, actor, entry_id, changes)

    def delete(self, entry_id: int) -> EntryRow:
        with self.core.write() as (session, actor):
            return hours.delete_entry(session, actor, entry_id)

    def get(self, entry_id: int) -> EntryRow:
        with self.core.read() as (session, _actor):
            return hours.get_entry(session, entry_id)

    def draft(self, entry_id: int) -> EntryDraft:
        """An entry as a form shows it; refused for time an event or a meeting logged."""
        with self.core.read() as (session, _actor):
            return hours.draft_of(session, entry_id)

    def entries(self, officer: str | None = None, month: Month | None = None) -> list[EntryRow]:
        with self.core.read() as (session, _actor):
            officer_id = find_person(session, officer).id if officer else None
            return hours.list_entries(session, officer_id, month)

    def import_file(
        self, path: Path, dry_run: bool = False, sheet: str | None = None, force: str | None = None
    ) -> ImportResult:
        """A CSV file, or a workbook's `sheet` (its first by default), whole or not at all; `force`
        (a reason) imports rows already imported again, on purpose.

        The file is read before any transaction and checked in a read transaction; only the insert
        (and a re-check of what may have changed meanwhile) holds the write lock. A dry run never
        takes it."""
        file = imports.open_import(path, sheet)
        with self.core.read() as (session, actor):
            prepared = imports.prepare_hours(session, actor, file, force)
        del file  # the bytes are not needed to insert: a million rows' file is 50 MB
        if dry_run:
            return prepared.result(None, prepared.earlier)
        with bulk_load(), self.core.write() as (session, actor):
            return imports.store_hours(session, actor, prepared)
