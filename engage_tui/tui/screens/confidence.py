"""Confidence (T4): the survey in the report's layout, each movement in colour and with a symbol."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Label, Select, Static

from engage_tui.domain.survey import IMPROVED, NO_CHANGE, WORSENED
from engage_tui.domain.tables import Report
from engage_tui.errors import EngageError
from engage_tui.tui.screens.report_screen import ReportScreen
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.table import Table

MOVEMENT = {
    IMPROVED: ("▲ Improved", "green"),
    WORSENED: ("▼ Worsened", "red"),
    NO_CHANGE: ("= No Change", "dim"),
}


class ConfidenceScreen(ReportScreen):
    AUTO_FOCUS = "#t4"
    BINDINGS = [
        Binding(
            "b", "focus_picker('baseline')", "Baseline", id="confidence.baseline", tooltip="pick the baseline"
        ),
        Binding(
            "c",
            "focus_picker('compare')",
            "Compare",
            id="confidence.compare",
            tooltip="pick the period compared",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="pickers"):
            yield Label("From")
            yield Select([], id="baseline", allow_blank=True, compact=True)
            yield Label("to")
            yield Select([], id="compare", allow_blank=True, compact=True)
        yield Static(id="confidence-title", markup=False)
        yield Table(id="t4", cursor_type="cell", zebra_stripes=True, header_height=2, fixed_columns=1)
        yield Footer()

    def reload(self) -> None:
        self.call(self.engage.service.survey.periods, self._show_periods, group="periods")

    def _show_periods(self, periods: list[str]) -> None:
        for picker, default in (("baseline", 0), ("compare", -1)):
            select = self.query_one(f"#{picker}", Select)
            keep = select.value
            with select.prevent(Select.Changed):
                select.set_options([(p, p) for p in periods])
                if keep in periods:
                    select.value = keep
                elif periods:
                    select.value = periods[default]
        self.refresh_table()

    @on(Select.Changed)
    def period_changed(self) -> None:
        self.refresh_table()

    def action_focus_picker(self, picker: str) -> None:
        self.query_one(f"#{picker}", Select).focus()

    def _chosen(self) -> tuple[str, str] | None:
        baseline = self.query_one("#baseline", Select).value
        compared = self.query_one("#compare", Select).value
        if not isinstance(baseline, str) or not isinstance(compared, str):
            return None
        return baseline, compared

    def build(self) -> Callable[[], Report]:
        chosen = self._chosen()
        if chosen is None:
            raise EngageError("period: no survey results yet; import them with: engage import survey FILE")
        return lambda: self.engage.service.reports.confidence(*chosen, wide=True)

    def refresh_table(self) -> None:
        if self._chosen() is None:
            self.report = None
            self.query_one("#t4", DataTable).clear(columns=True)
            self.query_one("#confidence-title", Static).update(
                "No survey results yet: import them with `engage import survey FILE`"
            )
            return
        self.refresh_report()

    def show(self, report: Report) -> None:
        baseline, compared = self._chosen() or ("", "")
        self.query_one("#confidence-title", Static).update(report.title)
        table = self.query_one("#t4", DataTable)
        table.clear(columns=True)
        for index, column in enumerate(report.columns):
            table.add_column(
                column.title.replace(f" {compared}", "\n" + compared)
                .replace(f" {baseline}", "\n" + baseline)
                .replace(" Movement", "\nMovement"),
                key=str(index),
            )
        for cells in report.display_rows():
            table.add_row(
                *(
                    self._cell(value, column.kind, column.title)
                    for value, column in zip(cells, report.columns, strict=False)
                )
            )

    @staticmethod
    def _cell(value: str, kind: str, title: str) -> Text:
        if title.endswith("Movement") and value in MOVEMENT:
            label, style = MOVEMENT[value]
            return Text(label, style=style)
        return Text(value, justify="right" if kind == "score" else "left")
