"""Rollups: hours per officer, area, locality, … by month, quarter or year, with the TOTAL row pinned,
the entries behind any cell on enter, and a sparkline of the selected row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Label, Select, Sparkline, Static

from engage_tui.domain.job_titles import JOB_TITLES
from engage_tui.domain.periods import Month, Period, parse_period, period_of
from engage_tui.domain.rollup import GROUPS
from engage_tui.domain.tables import Report, number_of
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.dialogs.entries import EntriesDialog
from engage_tui.tui.screens.job_report import EVERYONE, JOB_KEY, JobReportScreen
from engage_tui.tui.screens.report_screen import report_title
from engage_tui.tui.widgets.chunked import fill_in_chunks
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.table import Table, cut

KINDS = ("month", "quarter", "year")
WINDOW = {"month": 12, "quarter": 4, "year": 5}  # how many periods the screen shows at once
LABEL_WIDTH = 24
"""The narrowest the group column is cut to, at 80 columns."""


class RollupsScreen(JobReportScreen):
    AUTO_FOCUS = "#pivot"
    BINDINGS = [
        Binding(
            "enter", "open", "Open", id="rollup.open", show=False, tooltip="the entries behind the figure"
        ),
        Binding("left_square_bracket", "step(-1)", "Prev", id="rollup.prev", tooltip="one period earlier"),
        Binding("right_square_bracket", "step(1)", "Next", id="rollup.next", tooltip="one period later"),
        Binding("g", "go_to", "Go to", id="rollup.goto", tooltip="show the periods up to one typed"),
        Binding("f", "toggle_fy", "Cal/FY", id="rollup.fy", tooltip="calendar ⇄ financial year"),
        JOB_KEY,
    ]

    JOB_CHOICES = (*JOB_TITLES, EVERYONE)

    last: reactive[Month | None] = reactive(None, init=False)
    fy: reactive[bool] = reactive(False, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="rollup-pickers"):
            yield Label("By")
            yield Select([(g, g) for g in GROUPS], value="officer", allow_blank=False, id="by", compact=True)
            yield Label("per")
            yield Select([(k, k) for k in KINDS], value="month", allow_blank=False, id="kind", compact=True)
        yield Static(id="rollup-title", markup=False)
        yield Table(id="pivot", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield Static(id="spark-label", markup=False)
        yield Sparkline([], id="spark")
        yield Footer()

    def on_mount(self) -> None:
        self.call(self.engage.service.reports.latest_entry_month, self._open_on, group="latest")

    def _open_on(self, latest: Month | None) -> None:
        """The window ending with the month of the latest entry (else this month): the first load."""
        self.last = latest or Month.of(self.engage.settings.today())

    def reload(self) -> None:
        if self.last is not None:
            self.refresh_report()

    def watch_last(self) -> None:
        self.refresh_report()

    def watch_fy(self) -> None:
        self.refresh_report()

    @on(Select.Changed)
    def choice_changed(self) -> None:
        if self.last is not None:
            self.refresh_report()

    @property
    def by(self) -> str:
        return str(self.query_one("#by", Select).value)

    @property
    def kind(self) -> str:
        return str(self.query_one("#kind", Select).value)

    def window(self) -> tuple[date, date]:
        """The days shown: whole periods, ending with the one that holds `last`."""
        final = period_of(self.last or Month.of(self.engage.settings.today()), self.kind, self.fy)
        first = final.shift(1 - WINDOW[self.kind])
        return first.start, final.end

    def build(self) -> Callable[[], Report]:
        by, kind, span, fy, job = self.by, self.kind, self.window(), self.fy, self.job_or_everyone
        return lambda: self.engage.service.reports.rollup(by, kind, span, fy, job)

    def show(self, report: Report) -> None:
        self.query_one("#rollup-title", Static).update(report_title(report))
        table = self.query_one("#pivot", DataTable)
        table.clear(columns=True)
        shown = report.display_rows()
        for index, column in enumerate(report.columns):
            widest = max((len(row[index]) for row in shown), default=0)
            width = max(widest, len(column.title))
            if index == 0:  # a long activity is cut (whole in the line above the chart)
                width = min(width, max(LABEL_WIDTH, self.size.width // 3))
            table.add_column(column.title, key=str(index), width=width)
        fill_in_chunks(table, [shown[-1], *shown[:-1]], _add_group)  # TOTAL first, pinned as a fixed row
        table.fixed_rows = 1  # only once there is a row to pin: an empty table cannot draw one
        self._chart()

    def _chart(self) -> None:
        table = self.query_one("#pivot", DataTable)
        if not table.row_count or self.report is None:
            return
        group = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        row = next(r for r in self.report.rows if r[0] == group)
        values = [float(number_of(v)) / 60 for v in row[1:-1]]
        self.query_one("#spark", Sparkline).data = values
        self.query_one("#spark-label", Static).update(f"{group}: hours per {self.kind}")

    def on_data_table_cell_highlighted(self) -> None:
        self._chart()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a cell: the entries behind it, within the same days as the report."""
        group = str(event.cell_key.row_key.value)
        column = int(str(event.cell_key.column_key.value))
        if column == 0 or group == "TOTAL" or self.report is None:
            return
        start, end = self.window()
        title = self.report.columns[column].title
        if title != "Total":
            period = self._period(title)
            start, end = max(start, period.start), min(end, period.end)
        by, job = self.by, self.job_or_everyone
        self.call(
            lambda: self.engage.service.reports.rollup_entries(by, group, start, end, job),
            lambda entries: self.app.push_screen(EntriesDialog(f"{group}, {title}", entries)),
            group="drill",
        )

    def _period(self, label: str) -> Period:
        start, end = self.window()
        current = period_of(Month.of(start), self.kind, self.fy)
        while current.label != label and current.end < end:
            current = current.shift(1)
        return current

    def action_step(self, periods: int) -> None:
        """Move the window by whole periods of the kind shown."""
        size = {"month": 1, "quarter": 3, "year": 12}[self.kind]
        if self.last is not None:
            self.last = self.last.shift(periods * size)

    def action_go_to(self) -> None:
        """Show the window that ends with a period typed as the reports write it."""

        def chosen(answer: str | None) -> None:
            if answer:
                self.last = parse_period(answer).last

        self.app.push_screen(
            Ask(
                "Show up to (2017-10, 2017, 2021/22 or 2021-22, Q4 2021/22, Quarter 4 (Jan-Mar) 2021/22)",
                self._current(),
                parse_period,
            ),
            chosen,
        )

    def _current(self) -> str:
        """The last period shown, as the reports write it."""
        last = self.last or Month.of(self.engage.settings.today())
        return period_of(last, self.kind, self.fy).label

    def action_toggle_fy(self) -> None:
        self.fy = not self.fy

    def action_open(self) -> None:
        """The entries behind the figure under the cursor (enter)."""
        self.query_one("#pivot", DataTable).action_select_cursor()


def _add_group(table: DataTable, cells: list[str]) -> None:
    """A group's row: its name cut to the column, the figures right-aligned, TOTAL in bold."""
    style = "bold" if cells[0] == "TOTAL" else ""
    table.add_row(
        cut(cells[0], style=style), *(Text(c, justify="right", style=style) for c in cells[1:]), key=cells[0]
    )
