"""Rollups: hours per officer, area, locality, … by month, quarter or year, with the TOTAL row pinned,
the entries behind any cell on enter, and a sparkline of the selected row."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Label, Select, Sparkline, Static

from engage_tui.domain.periods import Month, Period, parse_period, period_of
from engage_tui.domain.reports import GROUPS, latest_entry_date, rollup, rollup_entries
from engage_tui.domain.tables import Report
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.dialogs.entries import EntriesDialog
from engage_tui.tui.screens.report_screen import ReportScreen
from engage_tui.tui.widgets.footer import Footer

KINDS = ("month", "quarter", "year")
WINDOW = {"month": 12, "quarter": 4, "year": 5}  # how many periods the screen shows at once


class RollupsScreen(ReportScreen):
    AUTO_FOCUS = "#pivot"
    BINDINGS = [
        Binding("left_square_bracket", "step(-1)", "Earlier", id="rollup.earlier"),
        Binding("right_square_bracket", "step(1)", "Later", id="rollup.later"),
        Binding("f", "toggle_fy", "Calendar/FY", id="rollup.fy"),
        Binding("g", "go_to", "Go to period", id="rollup.goto"),
    ]

    last: reactive[Month] = reactive(Month(2000, 12), init=False)
    fy: reactive[bool] = reactive(False, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="rollup-pickers"):
            yield Label("By")
            yield Select([(g, g) for g in GROUPS], value="officer", allow_blank=False, id="by", compact=True)
            yield Label("per")
            yield Select([(k, k) for k in KINDS], value="month", allow_blank=False, id="kind",
                         compact=True)
        yield Static(id="rollup-title", markup=False)
        yield DataTable(id="pivot", cursor_type="cell", zebra_stripes=True, fixed_rows=1, fixed_columns=1)
        yield Static(id="spark-label", markup=False)
        yield Sparkline([], id="spark")
        yield Footer()

    def on_mount(self) -> None:
        with self.app.reporting(), self.app.store.read() as session:
            latest = latest_entry_date(session) or self.app.settings.today()
        self.last = Month.of(latest)

    def on_screen_resume(self) -> None:
        self.refresh_pivot()

    def watch_last(self) -> None:
        self.refresh_pivot()

    def watch_fy(self) -> None:
        self.refresh_pivot()

    @on(Select.Changed)
    def choice_changed(self) -> None:
        self.refresh_pivot()

    @property
    def by(self) -> str:
        return str(self.query_one("#by", Select).value)

    @property
    def kind(self) -> str:
        return str(self.query_one("#kind", Select).value)

    def window(self) -> tuple[date, date]:
        """The days shown: whole periods, ending with the one that holds `last`."""
        final = period_of(self.last, self.kind, self.fy)
        first = final.shift(1 - WINDOW[self.kind])
        return first.start, final.end

    def build(self) -> Report:
        start, end = self.window()
        with self.app.store.read() as session:
            return rollup(session, self.by, self.kind, start, end, self.fy)

    def refresh_pivot(self) -> None:
        with self.app.reporting():
            report = self.build()
            self.report = report
            self.query_one("#rollup-title", Static).update(
                report.title + ("  (provisional)" if report.provisional else ""))
            table = self.query_one("#pivot", DataTable)
            table.clear(columns=True)
            shown = report.display_rows()
            for index, column in enumerate(report.columns):
                widest = max((len(row[index]) for row in shown), default=0)
                table.add_column(column.title, key=str(index), width=max(widest, len(column.title)))
            for cells in [shown[-1], *shown[:-1]]:  # TOTAL first, pinned as a fixed row
                style = "bold" if cells[0] == "TOTAL" else ""
                table.add_row(Text(cells[0], style=style),
                              *(Text(c, justify="right", style=style) for c in cells[1:]), key=cells[0])
            self._chart()

    def _chart(self) -> None:
        table = self.query_one("#pivot", DataTable)
        if not table.row_count or not hasattr(self, "report"):
            return
        group = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        row = next(r for r in self.report.rows if r[0] == group)
        values = [float(v or 0) / 60 for v in row[1:-1]]
        self.query_one("#spark", Sparkline).data = values
        self.query_one("#spark-label", Static).update(f"{group}: hours per {self.kind}")

    def on_data_table_cell_highlighted(self) -> None:
        self._chart()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a cell: the entries behind it, within the same days as the report."""
        group = str(event.cell_key.row_key.value)
        column = int(str(event.cell_key.column_key.value))
        if column == 0 or group == "TOTAL":
            return
        start, end = self.window()
        title = self.report.columns[column].title
        if title != "Total":
            period = self._period(title)
            start, end = max(start, period.start), min(end, period.end)
        with self.app.reporting():
            with self.app.store.read() as session:
                entries = rollup_entries(session, self.by, group, start, end)
            self.app.push_screen(EntriesDialog(f"{group}, {title}", entries))

    def _period(self, label: str) -> Period:
        start, end = self.window()
        current = period_of(Month.of(start), self.kind, self.fy)
        while current.label != label and current.end < end:
            current = current.shift(1)
        return current

    def action_step(self, periods: int) -> None:
        """Move the window by whole periods of the kind shown."""
        size = {"month": 1, "quarter": 3, "year": 12}[self.kind]
        self.last = self.last.shift(periods * size)

    def action_go_to(self) -> None:
        """Show the window that ends with a period typed as the reports write it."""
        def chosen(answer: str | None) -> None:
            if answer:
                self.last = parse_period(answer).last

        self.app.push_screen(Ask("Show up to (2017-10, Q4 2021/22, 2021/22, 2017)", str(self.last),
                                 parse_period), chosen)

    def action_toggle_fy(self) -> None:
        self.fy = not self.fy

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield from super().palette_commands()
        yield SystemCommand("view: rollup calendar ⇄ financial", "", self.action_toggle_fy)
