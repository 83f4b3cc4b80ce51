"""PACT: T1 (meetings by area) and T2 (the yearly cost by rank) for a day, side by side."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, Static

from engage_tui.domain.pact import pact_areas, pact_cost
from engage_tui.domain.periods import parse_date
from engage_tui.domain.reports import Report
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.screens.report_screen import ReportScreen


def fill(table: DataTable, report: Report) -> None:
    """A report into a table: text left, figures right, user text never read as markup."""
    table.clear(columns=True)
    for index, column in enumerate(report.columns):
        table.add_column(column.title, key=str(index))
    for cells in report.display_rows():
        table.add_row(*(Text(value, justify="left" if column.kind == "text" else "right")
                        for value, column in zip(cells, report.columns)))


class PactScreen(ReportScreen):
    """The x export writes T1; the palette's `export: pact …` commands name which."""

    AUTO_FOCUS = "#t1"
    BINDINGS = [Binding("g", "go_to", "As of…", id="pact.as_of")]

    as_of = reactive(None, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="pact-title", markup=False)
        with VerticalScroll(id="pact-body"):
            yield DataTable(id="t1", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="t2", cursor_type="row", zebra_stripes=True)
            yield Static(id="t2-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.as_of = self.app.settings.today()

    def on_screen_resume(self) -> None:
        self.refresh_tables()

    def watch_as_of(self) -> None:
        self.refresh_tables()

    def build(self) -> Report:
        with self.app.store.read() as session:
            return pact_areas(session, self.as_of)

    def refresh_tables(self) -> None:
        if self.as_of is None:
            return
        with self.app.reporting():
            with self.app.store.read() as session:
                t1, t2 = pact_areas(session, self.as_of), pact_cost(session, self.as_of)
            fill(self.query_one("#t1", DataTable), t1)
            fill(self.query_one("#t2", DataTable), t2)
            self.query_one("#pact-title", Static).update(f"PACT as of {self.as_of.isoformat()}: "
                                                         f"{t1.rows[-1][1]} meetings (g: another day)")
            self.query_one("#t2-note", Static).update(t2.notes[0])

    def action_go_to(self) -> None:
        def chosen(answer: str | None) -> None:
            if answer:
                self.as_of = parse_date(answer, "as_of")

        self.app.push_screen(Ask("PACT as of (YYYY-MM-DD)", self.as_of.isoformat(),
                                 lambda text: parse_date(text, "as_of")), chosen)
