"""The annual table: a row per year, calendar or financial, community and C&YP hours."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Static

from engage_tui.domain.job_titles import JOB_TITLES
from engage_tui.domain.tables import Report
from engage_tui.tui.screens.job_report import BY_JOB, EVERYONE, JOB_KEY, JobReportScreen
from engage_tui.tui.screens.report_screen import report_title
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.table import Table
from engage_tui.tui.work import LOADING


class AnnualScreen(JobReportScreen):
    BINDINGS = [
        Binding("f", "toggle_fy", "Cal/FY", id="annual.fy", tooltip="calendar ⇄ financial years"),
        JOB_KEY,
    ]
    JOB_CHOICES = (*JOB_TITLES, EVERYONE, BY_JOB)

    fy: reactive[bool] = reactive(False, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(LOADING, id="annual-title", markup=False)
        yield Table(id="annual", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def watch_fy(self) -> None:
        self.refresh_report()

    def build(self) -> Callable[[], Report]:
        fy, job, by_job = self.fy, self.job_or_everyone, self.job == BY_JOB
        return lambda: self.engage.service.reports.annual(fy, job, by_job)

    def show(self, report: Report) -> None:
        self.query_one("#annual-title", Static).update(report_title(report))
        table = self.query_one("#annual", DataTable)
        table.clear(columns=True)
        for index, column in enumerate(report.columns):
            table.add_column(column.title, key=str(index))
        for cells in report.display_rows():
            table.add_row(Text(cells[0]), *(Text(c, justify="right") for c in cells[1:]))

    def action_toggle_fy(self) -> None:
        self.fy = not self.fy
