"""Returns: officers × months with each return's state, a chase list, and approve / send back /
reopen on the cell under the cursor (supervisors)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Static

from engage_tui.domain import returns
from engage_tui.domain.periods import Month, year_months
from engage_tui.domain.returns import ReturnRow
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.screens.base import DataScreen
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.table import Table

# A word and a symbol for each state, so the grid reads without colour too.
SHOWN = {
    "not started": ("·", "dim"),
    "draft": ("draft", ""),
    "submitted": ("▲ sub", "bold yellow"),
    "approved": ("✓ ok", "green"),
    "sent back": ("↩ back", "bold red"),
    "reopened": ("↺ reop", "yellow"),
}


class ReturnsScreen(DataScreen):
    BINDINGS = [
        Binding("a", "approve", "Approve", id="return.approve"),
        Binding("b", "send_back", "Send back", id="return.send_back"),
        Binding("r", "reopen", "Reopen", id="return.reopen"),
        Binding("left_square_bracket", "shift(-1)", "Prev year", id="returns.prev"),
        Binding("right_square_bracket", "shift(1)", "Next year", id="returns.next"),
    ]

    year: reactive[int | None] = reactive(None, init=False)
    states: dict[tuple[str, Month], ReturnRow] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="returns-title", markup=False)
        yield Table(id="grid", cursor_type="cell", zebra_stripes=True)
        yield Static(id="chase", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.call(
            self.engage.service.reports.latest_entry_date,
            lambda latest: setattr(self, "year", (latest or self.engage.settings.today()).year),
            group="latest",
        )

    def reload(self) -> None:
        if self.year is not None:
            self.refresh_grid()

    def watch_year(self) -> None:
        self.refresh_grid()

    def refresh_grid(self) -> None:
        """Every officer's state in each month of the year, loaded in a thread."""
        year = self.year or self.engage.settings.today().year
        months = year_months(year)
        self.call(
            lambda: self.engage.service.returns.year(months), lambda rows: self._show(year, months, rows)
        )

    def _show(self, year: int, months: list[Month], rows: list[ReturnRow]) -> None:
        """A row per officer, a column per month."""
        self.states = {(r.officer, r.month): r for r in rows}
        table = self.query_one("#grid", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Officer", key="officer")
        for month in months:
            table.add_column(month.name[:3], key=str(month))
        for officer in sorted({name for name, _ in self.states}, key=str.lower):
            cells = [SHOWN[self.states[(officer, m)].state] for m in months]
            table.add_row(Text(officer), *(Text(label, style=style) for label, style in cells), key=officer)
        self.query_one("#returns-title", Static).update(f"Monthly returns, {year}")
        if table.row_count:
            table.cursor_coordinate = cursor
        self._show_chase()

    def selected(self) -> tuple[str, Month] | None:
        """(officer, month) under the cursor, or None on the officer column or an empty grid."""
        table = self.query_one("#grid", DataTable)
        if not table.row_count or table.cursor_column == 0:
            return None
        row_key, column_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value), Month.parse(str(column_key.value))

    def _show_chase(self) -> None:
        chosen = self.selected()
        month = chosen[1] if chosen else self.app_month()
        owing = returns.chase_list([r for (_, m), r in self.states.items() if m == month])
        names = ", ".join(f"{r.officer} ({r.state})" for r in sorted(owing, key=lambda r: r.officer))
        self.query_one("#chase", Static).update(f"Still to submit for {month.label}: {names or 'nobody'}")

    def app_month(self) -> Month:
        today = self.engage.settings.today()
        year = self.year or today.year
        return Month(year, today.month if today.year == year else 12)

    def on_data_table_cell_highlighted(self) -> None:
        if self.states:
            self._show_chase()

    def action_shift(self, years: int) -> None:
        if self.year is not None:
            self.year += years

    def _act(self, act: Callable[..., ReturnRow], *extra: str) -> None:
        chosen = self.selected()
        if chosen is None:
            self.notify("Move the cursor onto a month of an officer", severity="warning")
            return
        officer, month = chosen

        def changed(row: ReturnRow) -> None:
            self.notify(f"{row.month.label} of {row.officer} is now {row.state}", markup=False)
            self.refresh_grid()

        self.call(lambda: act(officer, month, *extra), changed, load=False)

    def action_approve(self) -> None:
        self._act(self.engage.service.returns.approve)

    def _with_reason(self, act: Callable[..., ReturnRow], question: str) -> None:
        if self.selected() is None:
            self.notify("Move the cursor onto a month of an officer", severity="warning")
            return

        def given(reason: str | None) -> None:
            if reason:
                self._act(act, reason)

        self.app.push_screen(Ask(question, "", returns.check_reason), given)

    def action_send_back(self) -> None:
        self._with_reason(self.engage.service.returns.send_back, "Send back: what should the officer change?")

    def action_reopen(self) -> None:
        self._with_reason(self.engage.service.returns.reopen, "Reopen: why must this approved month change?")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("approve", "send_back", "reopen"):
            return self.engage.is_supervisor
        return True

    def palette_commands(self) -> Iterable[SystemCommand]:
        if self.engage.is_supervisor:
            yield SystemCommand("return: approve the selected month", "", self.action_approve)
            yield SystemCommand("return: send the selected month back…", "", self.action_send_back)
            yield SystemCommand("return: reopen the selected month…", "", self.action_reopen)
