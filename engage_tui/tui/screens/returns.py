"""Returns: officers × months with each return's state, a chase list, and approve / send back /
reopen on the cell under the cursor (supervisors)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.coordinate import Coordinate
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Static

from engage_tui.domain import returns
from engage_tui.domain.durations import format_hours
from engage_tui.domain.periods import Month, financial_year_of, parse_period, year_label, year_months
from engage_tui.domain.return_moves import NOT_STARTED, move_refused, own_approval
from engage_tui.domain.returns import ReturnRow
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.screens.base import DataScreen
from engage_tui.tui.widgets.chunked import fill_in_chunks
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.table import Table
from engage_tui.tui.widgets.wrapped import Wrapped

SHOWN = {
    "not started": ("·", "dim"),
    "draft": ("✎", ""),
    "submitted": ("▲", "bold yellow"),
    "approved": ("✓", "green"),
    "sent back": ("↩", "bold red"),
    "reopened": ("↺", "yellow"),
}
"""A symbol for each state, so that a year of months and a name fit in 80 columns and read without
colour; the legend under the grid says what each means."""
LEGEND = "  ".join(f"{symbol} {state}" for state, (symbol, _style) in SHOWN.items())


class ReturnsScreen(DataScreen):
    BINDINGS = [
        Binding("A", "approve", "Approve", id="return.approve", tooltip="approve the month under the cursor"),
        Binding(
            "B", "send_back", "Send back", id="return.send_back", tooltip="send the month back, saying why"
        ),
        Binding("O", "reopen", "Reopen", id="return.reopen", tooltip="reopen an approved month, saying why"),
        Binding("left_square_bracket", "shift(-1)", "Prev", id="returns.prev", tooltip="the year before"),
        Binding("right_square_bracket", "shift(1)", "Next", id="returns.next", tooltip="the year after"),
        Binding("g", "go_to", "Go to", id="returns.goto", tooltip="go to a year or financial year"),
    ]

    year: reactive[int | None] = reactive(None, init=False)
    fy = False
    states: dict[tuple[str, Month], ReturnRow] = {}
    latest: Month | None = None
    """The latest entry's month, where the grid opens when this month is not in its year."""
    aim: Month | None = None
    """A month typed with `g`, where the cursor goes once its year is filled in."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="returns-title", markup=False)
        yield Table(id="grid", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield Static(id="return-cell", markup=False)
        yield Static(LEGEND, id="legend", markup=False)
        with VerticalScroll(id="chase-box", can_focus=True):
            yield Wrapped(id="chase")
        yield Footer()

    def on_mount(self) -> None:
        self.call(self.engage.service.reports.latest_entry_month, self._open_on, group="latest")

    def _open_on(self, latest: Month | None) -> None:
        self.latest = latest
        self.year = latest.year if latest else self.engage.settings.today().year

    def reload(self) -> None:
        if self.year is not None:
            self.refresh_grid()

    def watch_year(self) -> None:
        self.refresh_grid()

    def refresh_grid(self) -> None:
        """Everyone's state in each month of the year (calendar or financial), loaded in a thread."""
        year, fy = self.year or self.engage.settings.today().year, self.fy
        months = year_months(year, fy)
        self.call(
            lambda: self.engage.service.returns.year(months), lambda rows: self._show(year, fy, months, rows)
        )

    def _show(self, year: int, fy: bool, months: list[Month], rows: list[ReturnRow]) -> None:
        """A row per person, a column per month (a load overtaken by another year's is dropped)."""
        if (year, fy) != (self.year or self.engage.settings.today().year, self.fy):
            return
        self.states = {(r.officer, r.month): r for r in rows}
        table = self.query_one("#grid", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Officer", key="officer")
        for month in months:
            table.add_column(month.name[:3], key=str(month))
        self.query_one("#returns-title", Static).update(f"Monthly returns, {year_label(year, fy)}")

        def add(grid: DataTable, officer: str) -> None:
            cells = [SHOWN[self._state(officer, m).state] for m in months]
            grid.add_row(Text(officer), *(Text(label, style=style) for label, style in cells), key=officer)

        def cursor_back() -> None:
            if table.row_count and self.aim in months:
                table.cursor_coordinate = Coordinate(cursor.row, months.index(self.aim) + 1)
            elif table.row_count:
                month_now = months.index(self.app_month()) + 1  # first opened: this month, not the names
                table.cursor_coordinate = cursor if cursor.column else Coordinate(cursor.row, month_now)
            self.aim = None
            self._show_cell()

        fill_in_chunks(table, sorted({name for name, _ in self.states}, key=str.lower), add, cursor_back)

    def _state(self, officer: str, month: Month) -> ReturnRow:
        """The return of `officer` for `month`, or one not started where the grid holds none."""
        return self.states.get((officer, month)) or ReturnRow(officer, month, NOT_STARTED, 0, "")

    def selected(self) -> tuple[str, Month] | None:
        """(officer, month) under the cursor, or None on the officer column or an empty grid."""
        table = self.query_one("#grid", DataTable)
        if not table.row_count or table.cursor_column == 0:
            return None
        row_key, column_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value), Month.parse(str(column_key.value))

    def _show_cell(self) -> None:
        """The cell under the cursor in words, and who still owes that month's return."""
        chosen = self.selected()
        month = chosen[1] if chosen else self.app_month()
        if chosen:
            row = self._state(*chosen)
            hours = f", {format_hours(row.minutes, 2)} h logged" if row.minutes else ""
            why = f": {row.reason}" if row.reason else ""
            said = f"{row.officer}, {month.label}: {row.state}{hours}{why}"
        else:
            said = "Move onto a month to see its return"
        self.query_one("#return-cell", Static).update(said)
        owing = returns.chase_list([r for (_, m), r in self.states.items() if m == month])
        names = ", ".join(f"{r.officer} ({r.state})" for r in sorted(owing, key=lambda r: r.officer))
        self.query_one("#chase", Wrapped).update(f"Still to submit for {month.label}: {names or 'nobody'}")

    def app_month(self) -> Month:
        """This month if the year shown holds it, else the latest entry's if it does, else the
        year's last."""
        months = year_months(self.year or self.engage.settings.today().year, self.fy)
        today = Month.of(self.engage.settings.today())
        return next((m for m in (today, self.latest) if m in months), months[-1])

    def on_data_table_cell_highlighted(self) -> None:
        if self.states:
            self._show_cell()

    def action_shift(self, years: int) -> None:
        if self.year is not None:
            self.year += years

    def action_go_to(self) -> None:
        """The year (or financial year) that holds a period typed as the reports write it."""

        def chosen(answer: str | None) -> None:
            if answer:
                period = parse_period(answer)
                self.fy, self.aim = period.fy, None if period.kind == "year" else period.last
                start = period.first
                year = financial_year_of(start.first_day) if period.fy else start.year
                if year == self.year:
                    self.refresh_grid()
                self.year = year

        shown = year_label(self.year or self.engage.settings.today().year, self.fy)
        self.app.push_screen(
            Ask("Returns of the year (2017, or 2021/22 from April)", shown, parse_period), chosen
        )

    def hides(self, action: str) -> bool:
        return action in MOVES and not self.engage.is_supervisor

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """Why a return key cannot act on the cell under the cursor (not a supervisor, not a month,
        or a month whose state does not allow it)."""
        if action not in MOVES:
            return None
        if not self.engage.is_supervisor:
            return "Only a supervisor approves, sends back or reopens returns"
        chosen = self.selected()
        if chosen is None:
            return "Move the cursor onto a month of an officer"
        row = self._state(*chosen)
        actor = self.engage.actor
        if action == "approve" and row.officer in (actor.name, actor.real_name):
            refused = own_approval(row.officer)
            return refused[:1].upper() + refused[1:]
        return move_refused(MOVES[action], row.state, row.month, row.officer, self.engage.settings.today())

    def _act(self, act: Callable[..., ReturnRow], question: str, title: str, *extra: str) -> None:
        """Ask first (No by default), naming the officer and the month; then change it in a thread."""
        chosen = self.selected()
        if chosen is None:
            return
        officer, month = chosen

        def changed(row: ReturnRow) -> None:
            self.notify(f"{row.month.label} of {row.officer} is now {row.state}", markup=False)
            self.refresh_grid()

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.call(lambda: act(officer, month, *extra), changed, load=False)

        said = question.format(month=month.label, officer=officer, reason=" ".join(extra))
        self.app.push_screen(Confirm(said, title, title.removesuffix(" the return")), confirmed)

    def action_approve(self) -> None:
        self._act(
            self.engage.service.returns.approve,
            "Approve {month} of {officer}? Its figures are then frozen until a supervisor reopens it.",
            "Approve the return",
        )

    def _with_reason(self, act: Callable[..., ReturnRow], move: str) -> None:
        """The reason first (naming the month), then the confirmation that quotes it."""
        chosen = self.selected()
        if chosen is None:
            return
        officer, month = chosen
        ask, question, title = REASONS[move]

        def given(reason: str | None) -> None:
            if reason:
                self._act(act, question, title, reason)

        self.app.push_screen(
            Ask(ask.format(month=month.label, officer=officer), "", returns.check_reason), given
        )

    def action_send_back(self) -> None:
        self._with_reason(self.engage.service.returns.send_back, "send back")

    def action_reopen(self) -> None:
        self._with_reason(self.engage.service.returns.reopen, "reopen")


MOVES = {"approve": "approve", "send_back": "send back", "reopen": "reopen"}
"""The screen's actions and the return moves they make."""
REASONS = {
    "send back": (
        "Send {month} of {officer} back: what should the officer change?",
        "Send {month} of {officer} back, saying: {reason}?",
        "Send back the return",
    ),
    "reopen": (
        "Reopen {month} of {officer}: why must this approved month change?",
        "Reopen {month} of {officer}, saying: {reason}? Its figures are unfrozen until approved again.",
        "Reopen the return",
    ),
}
