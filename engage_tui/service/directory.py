"""The directory a supervisor keeps (people, areas, localities, vocabularies): rename, move, retire,
restore, and take off what nothing uses — each its own transaction, each change audited by the domain."""

from __future__ import annotations

from dataclasses import dataclass

from engage_tui.domain import directory, jobs, people
from engage_tui.domain.directory import AreaUse, LocalityRow, TermUse
from engage_tui.domain.jobs import JobRow
from engage_tui.domain.people import AreaRow, PersonRow
from engage_tui.service.core import Core


@dataclass(frozen=True)
class DirectoryView:
    """Everything the People screen lists, from one snapshot."""

    people: list[PersonRow]
    areas: list[AreaUse]
    localities: list[LocalityRow]
    terms: list[TermUse]
    jobs: dict[int, list[JobRow]]  # each person's jobs, oldest first, by id


class Directory:
    def __init__(self, core: Core) -> None:
        self.core = core

    def view(self) -> DirectoryView:
        with self.core.read() as (session, _actor):
            return DirectoryView(
                people.list_people(session, self.core.today()),
                directory.list_area_uses(session),
                directory.list_localities(session),
                directory.list_term_uses(session),
                jobs.histories(session),
            )

    def rename_person(self, name: str, new_name: str) -> PersonRow:
        with self.core.write() as (session, actor):
            return directory.rename_person(session, actor, name, new_name)

    def set_home_area(self, name: str, area: str | None) -> PersonRow:
        with self.core.write() as (session, actor):
            return directory.set_home_area(session, actor, name, area)

    def set_person_active(self, name: str, active: bool) -> PersonRow:
        with self.core.write() as (session, actor):
            return directory.set_person_active(session, actor, name, active)

    def edit_person(self, name: str, changes: dict[str, str]) -> PersonRow:
        """The People screen's form: `name`, `area` ("" for none), in one transaction."""
        with self.core.write() as (session, actor):
            return directory.edit_person(session, actor, name, changes)

    def rename_area(self, name: str, new_name: str) -> AreaRow:
        with self.core.write() as (session, actor):
            return directory.rename_area(session, actor, name, new_name)

    def move_area(self, name: str, locality: str | None) -> AreaRow:
        with self.core.write() as (session, actor):
            return directory.move_area(session, actor, name, locality)

    def set_area_active(self, name: str, active: bool) -> AreaRow:
        with self.core.write() as (session, actor):
            return directory.set_area_active(session, actor, name, active)

    def edit_area(self, name: str, changes: dict[str, str]) -> AreaRow:
        """The People screen's form: `name`, `locality` ("" for none), in one transaction."""
        with self.core.write() as (session, actor):
            return directory.edit_area(session, actor, name, changes)

    def add_locality(self, name: str) -> LocalityRow:
        with self.core.write() as (session, actor):
            return directory.add_locality(session, actor, name)

    def rename_locality(self, name: str, new_name: str) -> LocalityRow:
        with self.core.write() as (session, actor):
            return directory.rename_locality(session, actor, name, new_name)

    def delete_locality(self, name: str) -> LocalityRow:
        with self.core.write() as (session, actor):
            return directory.delete_locality(session, actor, name)

    def localities(self) -> list[LocalityRow]:
        with self.core.read() as (session, _actor):
            return directory.list_localities(session)

    def rename_term(self, kind: str, name: str, new_name: str, short: str | None = None) -> TermUse:
        with self.core.write() as (session, actor):
            return directory.rename_term(session, actor, kind, name, new_name, short)

    def edit_term(self, kind: str, name: str, changes: dict[str, str]) -> TermUse:
        """The People screen's form: `name`, `short` ("" takes it off)."""
        with self.core.write() as (session, actor):
            return directory.edit_term(session, actor, kind, name, changes)

    def set_term_active(self, kind: str, name: str, active: bool) -> TermUse:
        with self.core.write() as (session, actor):
            return directory.set_term_active(session, actor, kind, name, active)

    def delete_term(self, kind: str, name: str) -> TermUse:
        with self.core.write() as (session, actor):
            return directory.delete_term(session, actor, kind, name)
