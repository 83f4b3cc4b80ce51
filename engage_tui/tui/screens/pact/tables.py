"""The Tables tab: T1 and T2 for the day, attendance, actual cost and issues by area for its year —
each under its title; `x` exports the one with the cursor."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from engage_tui.domain.pact import parse_mix
from engage_tui.domain.pact_issues import open_by_area
from engage_tui.domain.tables import Report, number_of
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.screens.pact.parts import PactTab
from engage_tui.tui.widgets.table import Table
from engage_tui.tui.work import say_failure

REPORT_TABLES = {
    "t1": "pact-areas (T1)",
    "t2": "pact-cost (T2)",
    "attendance": "pact-attendance",
    "actual": "pact-actual",
    "by-area": "pact-issues",
}
"""The tables by id, with the name each exports as."""


class TablesTab(PactTab):
    """Its reports load with the screen (the title counts from them); its tables are built and filled
    when it is first shown."""

    TABLE = "t1"
    BINDINGS = [
        Binding(
            "M",
            "cost_mix",
            "Cost mix",
            id="pact.cost_mix",
            tooltip="T2 at a mix of ranks too (pcso=0.6,pc=0.4), as ¶7 of the report weighs it",
        )
    ]
    reports: dict[str, Report] = {}
    mix = ""
    """The blend of ranks T2 adds a row for (`pcso=0.6,pc=0.4`), as `report pact-cost --mix`; blank: none."""

    def parts(self) -> ComposeResult:
        with VerticalScroll(id="pact-body", can_focus=False):  # its tables take focus
            for table_id in REPORT_TABLES:
                yield Static(id=f"{table_id}-title", classes="table-title", markup=False)
                yield Table(id=table_id, cursor_type="row", zebra_stripes=True)
                if table_id == "t2":
                    yield Static(id="t2-note", markup=False)

    def builders(self) -> dict[str, Callable[[], Report]]:
        """Each table's service call: T1 and T2 for the day, the rest for its year."""
        reports, day, span, mix = self.engage.service.reports, self.as_of, self.year(), self.mix or None
        return {
            "t1": lambda: reports.pact_areas(day),
            "t2": lambda: reports.pact_cost(day, mix=mix),
            "attendance": lambda: reports.pact_attendance(span),
            "actual": lambda: reports.pact_actual(span),
            "by-area": reports.pact_issues,
        }

    def load(self) -> None:
        builders = self.builders()
        self.call(
            lambda: {table_id: build() for table_id, build in builders.items()},
            self._loaded,
            failed=self._failed,
        )

    def _failed(self, failure: BaseException) -> None:
        """Say why; a mix the day's rates cannot price is dropped and the tables shown without it."""
        say_failure(self, failure)
        if self.mix:
            self.mix = ""
            self.load()

    def _loaded(self, reports: dict[str, Report]) -> None:
        self.reports = reports
        if self.built:
            self._show()
        self.view.tab_loaded(
            "tables",
            series=int(number_of(reports["t1"].rows[-1][1])),
            open=sum(n for _, n in open_by_area(reports["by-area"])),
        )

    def on_built(self) -> None:
        super().on_built()
        if self.reports:
            self._show()

    def _show(self) -> None:
        for table_id, report in self.reports.items():
            fill(self.query_one(f"#{table_id}", DataTable), report)
        self.query_one("#t2-note", Static).update(self.reports["t2"].notes[0])

    def action_cost_mix(self) -> None:
        """Ask for the blend of ranks (checked as typed; blank for none), then show T2 with its row."""

        def chosen(answer: str | None) -> None:
            if answer is not None:
                self.mix = answer.strip()
                self.load()

        self.app.push_screen(Ask(MIX_QUESTION, self.mix, _mix_or_none), chosen)

    def open_by_area(self) -> list[tuple[str, int]]:
        return open_by_area(self.reports["by-area"]) if self.reports else []

    def report(self, table_id: str = "t1") -> Report | None:
        return self.reports.get(table_id)


MIX_QUESTION = "T2 at a mix of ranks: each rank's share of attendance, adding to 1 (blank: none)"


def _mix_or_none(text: str) -> object:
    """A mix as `report pact-cost --mix` reads it; blank is none."""
    return parse_mix(text) if text.strip() else None


def fill(grid: DataTable, report: Report) -> None:
    """A report into a table under its title: text left, figures right, user text never read as markup."""
    grid.screen.query_one(f"#{grid.id}-title", Static).update(report.title)
    grid.clear(columns=True)
    for index, column in enumerate(report.columns):
        grid.add_column(column.heading, key=str(index))
    for cells in report.display_rows():
        grid.add_row(
            *(
                Text(value, justify="left" if column.kind == "text" else "right")
                for value, column in zip(cells, report.columns, strict=False)
            )
        )
