"""Issue 20, stalls: a long table fills a screenful at once, then only as many rows a frame as fit a
few milliseconds, however slow its rows are to build."""

import asyncio
import gc
import time

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from engage_tui.tui.widgets.chunked import FIRST, fill_in_chunks, filling
from engage_tui.tui.widgets.footer import Drawn, Footer

SLOW = 0.003  # seconds a row takes to build


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()


def _slow_row(table: DataTable, n: int) -> None:
    time.sleep(SLOW)
    table.add_row(str(n), key=str(n))


async def test_after_the_first_screenful_the_loop_is_held_only_a_few_milliseconds_a_frame():
    """Rows that take 3 ms each: 200 a frame held the loop 0.6 s; the budget keeps each frame short."""
    app = OneTable()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(DataTable)
        table.add_column("n")
        fill_in_chunks(table, range(400), _slow_row)
        assert table.row_count == FIRST
        longest = 0.0
        gc.disable()  # a full collection of the test process's objects is not the fill's doing
        try:
            while filling():
                began = time.perf_counter()
                await asyncio.sleep(0.001)
                longest = max(longest, time.perf_counter() - began)
        finally:
            gc.enable()
        await pilot.pause()
        assert longest < 0.25, longest
        assert [table.get_row_at(r)[0] for r in (0, 399)] == ["0", "399"]


class Keyed(App[None]):
    """A key that acts on the row under the cursor: dimmed while the table has no rows."""

    BINDINGS = [Binding("e", "edit", "Edit")]

    def compose(self) -> ComposeResult:
        yield DataTable()
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "edit" and not self.query_one(DataTable).row_count else True

    def action_edit(self) -> None:
        pass


def _edit(footer: Footer) -> Drawn:
    return next(place for place in footer.places if place.shown.binding.action == "edit")


async def test_a_key_for_the_row_under_the_cursor_lights_up_once_rows_come():
    """A fill tells the key bar that rows came: nothing else changed that makes Textual look again."""
    app = Keyed()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(DataTable)
        table.add_column("n")
        table.focus()
        await pilot.pause()
        footer = app.query_one(Footer)
        assert not _edit(footer).shown.enabled
        fill_in_chunks(table, range(5), lambda grid, n: grid.add_row(str(n)))
        await pilot.pause()
        await pilot.pause()
        assert _edit(footer).shown.enabled
