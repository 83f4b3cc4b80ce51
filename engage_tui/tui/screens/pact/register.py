"""The Register tab: every series, retired ones last, filtered by area; `a` adds a series, `R`
retires the one under the cursor from a day, `r` (or enter) records a meeting of it (supervisors
change the register; the service refuses anyone else)."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Select

from engage_tui.domain.pact import SeriesRow
from engage_tui.domain.periods import parse_date
from engage_tui.domain.tables import Report
from engage_tui.service.people import Vocabulary
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.dialogs.series_form import SeriesDraft, SeriesForm
from engage_tui.tui.screens.pact.parts import PactTab, area_filter, table
from engage_tui.tui.widgets.table import cut

CHANGES = ("register", "due", "tables")


class RegisterTab(PactTab):
    TABLE = "register"
    BINDINGS = [
        Binding("r", "record", "Record", id="series.record", tooltip="record a meeting of the series"),
        Binding(
            "enter", "record", "Open", id="series.open", show=False, tooltip="record a meeting of the series"
        ),
        Binding("a", "add_series", "Add", id="series.add", tooltip="add a series to the register"),
        Binding("R", "retire_series", "Retire", id="series.retire", tooltip="retire the series from a day"),
    ]
    ROW = "series"
    ON_ROW = ("record", "retire_series")

    def hides(self, action: str) -> bool:
        return action in ("add_series", "retire_series") and not self.engage.is_supervisor

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if self.hides(action):
            return "Only a supervisor changes the register"
        return super().why_not(action, parameters)

    def parts(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield from area_filter("register-area-filter")
        yield from table(
            "register",
            "Area",
            "Series",
            "Schedule",
            "Frequency",
            "Super",
            "Start",
            "Retired",
            elastic={"Area": 1, "Series": 2},
        )

    @on(Select.Changed, "#register-area-filter")
    def _filtered(self) -> None:
        self.reload_when_shown()

    def load(self) -> None:
        area = self.filter("register-area-filter")
        self.call(lambda: self.engage.service.pact.series(area=area), self._loaded)

    def _loaded(self, register: list[SeriesRow]) -> None:
        def row(grid: DataTable, s: SeriesRow) -> None:
            grid.add_row(
                cut(s.area),
                cut(s.name),
                s.schedule,
                s.frequency,
                "yes" if s.super_pact else "",
                s.start.isoformat(),
                s.retired.isoformat() if s.retired else "",
                key=s.name,
            )

        self.refill(sorted(register, key=lambda s: s.retired is not None), row)  # retired ones last

    def report(self) -> Report | None:
        return None  # the screen exports T1, the register as the report counts it

    def action_record(self) -> None:
        self.screen.recorder.record(self.selected() or "", "")  # type: ignore[attr-defined]

    def on_data_table_row_selected(self) -> None:
        self.run_worker(self.app.run_action("record", self))

    def action_add_series(self) -> None:
        pact = self.engage.service.pact

        def save(draft: SeriesDraft) -> int:
            return pact.add_series(
                draft.area,
                draft.name,
                draft.frequency,
                draft.super_pact,
                draft.venue,
                parse_date(draft.start, "start"),
                draft.schedule,
            ).id

        def opened(words: Vocabulary) -> None:
            self.app.push_screen(
                SeriesForm(words.areas, self.engage.settings.today().isoformat(), save), self._added
            )

        self.call(self.engage.service.people.vocabulary, opened, group="form")

    def _added(self, series_id: int | None) -> None:
        if series_id is not None:
            self.notify("Added the series to the register")
            self.view.changed(*CHANGES)

    def action_retire_series(self) -> None:
        """Retire the series under the cursor from a day; its history stays."""
        name = self.selected()
        if name is None:
            return

        def chosen(answer: str | None) -> None:
            if answer:
                day = parse_date(answer)
                self.call(
                    lambda: self.engage.service.pact.retire_series(name, day),
                    lambda row: self._retired(row.name, day),
                    load=False,
                )

        self.app.push_screen(
            Ask(f"Retire {name} from (YYYY-MM-DD)", self.engage.settings.today().isoformat(), parse_date),
            chosen,
        )

    def _retired(self, name: str, day: date) -> None:
        self.notify(f"Retired {name} from {day}", markup=False)
        self.view.changed(*CHANGES)
