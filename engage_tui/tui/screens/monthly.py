"""Monthly hours (T3) for a year, calendar or financial, as the table the reports print and as bars."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Static

from engage_tui.domain.periods import Month, Period, financial_year_of, parse_period, year_label
from engage_tui.domain.tables import Report
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.screens.job_report import JOB_KEY, JobReportScreen
from engage_tui.tui.screens.report_screen import report_title
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.month_bars import Bar, MonthBars
from engage_tui.tui.widgets.table import Table
from engage_tui.tui.work import LOADING

SHORT_HEADERS = ("Month", "Community (h)", "C&YP (h)")


class MonthlyScreen(JobReportScreen):
    """T3: a row per month (blank where nothing was logged), TOTAL from exact minutes."""

    BINDINGS = [
        Binding("left_square_bracket", "shift(-1)", "Prev", id="year.prev", tooltip="the year before"),
        Binding("right_square_bracket", "shift(1)", "Next", id="year.next", tooltip="the year after"),
        Binding("g", "go_to", "Go to", id="year.goto", tooltip="go to a year or financial year"),
        Binding("f", "toggle_fy", "Cal/FY", id="year.fy", tooltip="calendar ⇄ financial year"),
        JOB_KEY,
    ]

    year: reactive[int | None] = reactive(None, init=False)
    fy: reactive[bool] = reactive(False, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(LOADING, id="report-title", markup=False)
        with Horizontal(id="monthly-body"):
            yield Table(id="t3", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="bars-box"):
                yield MonthBars(id="bars")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#t3", DataTable)
        for title in SHORT_HEADERS:
            table.add_column(title, key=title)
        self.call(self.engage.service.reports.latest_entry_month, self._open_on, group="latest")

    def _open_on(self, latest: Month | None) -> None:
        """The year of the latest entry (else this year): loading it is the first load."""
        self.year = latest.year if latest else self.engage.settings.today().year

    def reload(self) -> None:
        """Reloads the report on return (the first load waits for the latest year)."""
        if self.year is not None:
            self.refresh_report()

    def watch_year(self) -> None:
        self.refresh_report()

    def watch_fy(self) -> None:
        self.refresh_report()

    def build(self) -> Callable[[], Report]:
        year, fy, job = self.year or self.engage.settings.today().year, self.fy, self.job
        return lambda: self.engage.service.reports.monthly(year, fy, job=job)

    def show(self, report: Report) -> None:
        self.query_one("#report-title", Static).update(report_title(report))
        table = self.query_one("#t3", DataTable)
        row = table.cursor_row
        table.clear()
        for cells in report.display_rows():
            label, community, cyp = cells
            style = "bold" if label == "TOTAL" else ""
            table.add_row(
                Text(label, style=style),
                Text(community, justify="right", style=style),
                Text(cyp, justify="right", style=style),
                key=label,
            )
        table.move_cursor(row=min(row, table.row_count - 1))
        self.query_one("#bars", MonthBars).bars = tuple(
            Bar(str(label), _minutes(community), _minutes(cyp)) for label, community, cyp in report.rows[:-1]
        )

    def action_shift(self, years: int) -> None:
        if self.year is not None:
            self.year += years

    def action_toggle_fy(self) -> None:
        """Switch calendar ⇄ financial year: 2017 ⇄ 2017/18 (April 2017 to March 2018)."""
        self.fy = not self.fy

    def action_go_to(self) -> None:
        """The year (calendar, or financial as 2021/22) that holds a period typed as the reports write it."""

        def chosen(answer: str | None) -> None:
            if answer:
                self.year, self.fy = year_of(parse_period(answer))

        shown = year_label(self.year or self.engage.settings.today().year, self.fy)
        self.app.push_screen(Ask(GO_TO, shown, parse_period), chosen)


GO_TO = "Show the year (2017, or 2021/22 from April; a month or quarter shows its year)"


def year_of(period: Period) -> tuple[int, bool]:
    """The year a period falls in, and whether it is a financial one (as the period was written)."""
    return (financial_year_of(period.start) if period.fy else period.first.year), period.fy


def _minutes(cell: object) -> int | None:
    """A T3 cell as the bars draw it: minutes, or None where nothing was logged."""
    return cell if isinstance(cell, int) else None
