"""The confidence survey: its variables, its periods (waves) and the survey import."""

from __future__ import annotations

from pathlib import Path

from engage_tui.domain import survey
from engage_tui.domain.imports import open_import
from engage_tui.domain.people import require_supervisor
from engage_tui.domain.survey import VariableRow
from engage_tui.service.core import Core


class Survey:
    def __init__(self, core: Core) -> None:
        self.core = core

    def add_variable(self, name: str, lower_is_better: bool = False) -> VariableRow:
        with self.core.write() as (session, actor):
            require_supervisor(actor, "add survey variables")
            return survey.add_variable(session, actor, name, lower_is_better)

    def variables(self) -> list[VariableRow]:
        with self.core.read() as (session, _actor):
            return survey.list_variables(session)

    def periods(self) -> list[str]:
        """The survey waves, in order."""
        with self.core.read() as (session, _actor):
            return survey.list_periods(session)

    def import_file(
        self, path: Path, dry_run: bool = False, sheet: str | None = None, force: str | None = None
    ) -> int:
        """Read before any transaction, checked in a read transaction, stored in a write one (a dry
        run never takes the write lock); returns the number of scores."""
        file = open_import(path, sheet)
        with self.core.read() as (session, actor):
            require_supervisor(actor, "import survey results")
            prepared = survey.prepare_survey(session, file, force)
        if dry_run:
            return len(prepared.rows)
        with self.core.write() as (session, actor):
            require_supervisor(actor, "import survey results")
            return survey.store_survey(session, actor, prepared)
