"""Issue 20, stalls: the app's tables draw their body lines themselves (`widgets/lines.py`), six times
faster than DataTable; every line must be the one DataTable would have drawn, segment for segment —
text, colours, and the row and column the mouse reads from it."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input

from engage_tui.tui.widgets.table import Table

CELLS = [
    "plain",
    "[b]bold[/b] markup",
    ":warning: emoji code",
    "two\nlines",
    None,
    1234,
    12.5,
    Text("right", justify="right"),
    Text("centred", justify="center", style="italic"),
    Text("a long sentence cut with an ellipsis at the column's edge", overflow="ellipsis", justify="left"),
    Text("a long default text cropped at the edge of its column"),
    Text.assemble(("red", "red"), " and ", ("green", "green")),
    Text("tab\there"),
    Text("宽字符的单元格内容超出了列宽", justify="left"),
    Text("styled", style="bold underline"),
    Text("a right-justified text that overflows its column, ignored", justify="right", overflow="ignore"),
    "",
    Text("", justify="right", style="bold"),
    0,
]


class Tables(App[None]):
    def __init__(self, **options) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield Input(id="elsewhere")
        yield Table(id="t", **self.options)


def _fill(table: Table, rows: int = 40) -> None:
    table.add_column("key", key="key")
    for n, _ in enumerate(CELLS):
        table.add_column(f"c{n}", key=f"c{n}", width=12 if n in (9, 10, 13) else None)
    for r in range(rows):
        table.add_row(f"row {r}", *CELLS[r % 3 :], *CELLS[: r % 3], key=str(r))


def _same_as_datatable(table: Table) -> None:
    for y in range(table.size.height):
        ours, theirs = list(table.render_line(y)), list(DataTable.render_line(table, y))
        assert ours == theirs, f"line {y}"


@pytest.mark.parametrize(
    "options",
    [
        {"cursor_type": "row", "zebra_stripes": True},
        {"cursor_type": "cell", "zebra_stripes": True, "fixed_columns": 1},
        {"cursor_type": "cell", "zebra_stripes": True, "fixed_columns": 1, "fixed_rows": 2},
        {"cursor_type": "row", "fixed_rows": 1},
        {"cursor_type": "column"},
        {"cursor_type": "none", "cell_padding": 2},
        {"cursor_type": "cell", "show_header": False, "header_height": 2},
    ],
    ids=["row-zebra", "cell-fixed", "rows-pinned", "row-pinned", "column", "none-padded", "no-header"],
)
async def test_every_line_is_the_one_datatable_draws(options):
    app = Tables(**options)
    async with app.run_test(size=(100, 24)) as pilot:
        table = app.query_one(Table)
        _fill(table)
        table.focus()
        await pilot.pause()
        assert table.one_line
        _same_as_datatable(table)  # focused, cursor at the top

        table.move_cursor(row=7, column=3)
        table.scroll_to(x=30, y=5, animate=False)
        await pilot.pause()
        _same_as_datatable(table)  # cursor moved, scrolled both ways

        await pilot.hover(Table, offset=(40, 6))  # the mouse over a cell
        await pilot.pause()
        assert table.hover_shown
        _same_as_datatable(table)

        app.query_one("#elsewhere").focus()  # blurred: the cursor's colours change
        await pilot.pause()
        _same_as_datatable(table)


async def test_a_key_hides_the_mouse_highlight_as_datatable_does():
    app = Tables(cursor_type="cell")
    async with app.run_test(size=(100, 24)) as pilot:
        table = app.query_one(Table)
        _fill(table)
        table.focus()
        await pilot.hover(Table, offset=(40, 6))
        await pilot.press("down")
        assert not table.hover_shown
        _same_as_datatable(table)


async def test_rows_taller_than_a_line_are_left_to_datatable():
    app = Tables(cursor_type="row")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(Table)
        table.add_columns("keys", "what")
        table.add_row("ctrl+q", Text("quit\nthe app"), height=None)
        await pilot.pause()
        assert not table.one_line
        _same_as_datatable(table)
        table.clear()
        assert table.one_line
