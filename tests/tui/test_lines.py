"""Issue 20, stalls: the app's tables draw their body lines themselves (`widgets/lines.py`), six times
faster than DataTable; every line must be the one DataTable would have drawn, segment for segment —
text, colours, and the row and column the mouse reads from it."""

from __future__ import annotations

import pytest
from rich.panel import Panel
from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import DataTable, Input

from engage_tui.tui.widgets.lines import Palette, body_line
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
    Text("\nits first line empty", justify="left", style="on red"),
    Text("words that wrap, as the text asks", no_wrap=False),
    Text("a\tb", tab_size=2),
]


class Tables(App[None]):
    def __init__(self, **options) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield Input(id="elsewhere")
        yield Table(id="t", **self.options)


def _fill(table: Table, rows: int = 40) -> None:
    """Every kind of cell in every row (rotated), and every seventh row a renderable that only
    DataTable draws (that row is left to it)."""
    table.add_column("key", key="key")
    for n, _ in enumerate(CELLS):
        table.add_column(f"c{n}", key=f"c{n}", width=12 if n in (9, 10, 13) else None)
    table.add_column("renderable", key="renderable")
    for r in range(rows):
        other = Panel("boxed") if r % 7 == 0 else "text"
        table.add_row(f"row {r}", *CELLS[r % 3 :], *CELLS[: r % 3], other, key=str(r))


async def _same_as_datatable(pilot, table: Table) -> None:
    """Every line on screen equals DataTable's, scrolled across every column (and back), and some
    line was drawn by `body_line` rather than left to DataTable."""
    drawn, first_x = 0, table.scroll_offset.x
    for x in (*range(0, table.max_scroll_x, 50), table.max_scroll_x, first_x):
        table.scroll_to(x=x, animate=False)
        await pilot.pause()
        for y in range(table.size.height):
            ours, theirs = list(table.render_line(y)), list(DataTable.render_line(table, y))
            assert ours == theirs, f"line {y} scrolled to {x}"
            row = table.scroll_offset.y + y - (table.header_height if table.show_header else 0)
            if table.fixed_rows <= row < table.row_count:
                drawn += body_line(table, Palette.of(table), row, table.hover_shown) is not None
    assert drawn or not table.row_count, "no line was drawn by body_line"


@pytest.mark.parametrize(
    "options",
    [
        {"cursor_type": "row", "zebra_stripes": True},
        {"cursor_type": "cell", "zebra_stripes": True, "fixed_columns": 1},
        {"cursor_type": "cell", "zebra_stripes": True, "fixed_columns": 1, "fixed_rows": 2},
        {"cursor_type": "row", "fixed_rows": 1},
        {"cursor_type": "column"},
        {"cursor_type": "none", "cell_padding": 2},
        {"cursor_type": "cell", "cell_padding": 0},
        {"cursor_type": "cell", "show_header": False, "header_height": 2},
    ],
    ids=[
        "row-zebra",
        "cell-fixed",
        "rows-pinned",
        "row-pinned",
        "column",
        "none-padded",
        "unpadded",
        "no-header",
    ],
)
async def test_every_line_is_the_one_datatable_draws(options):
    app = Tables(**options)
    async with app.run_test(size=(100, 24)) as pilot:
        table = app.query_one(Table)
        _fill(table)
        table.focus()
        await pilot.pause()
        assert table.one_line
        await _same_as_datatable(pilot, table)  # focused, cursor at the top

        table.move_cursor(row=7, column=3)
        table.scroll_to(x=30, y=5, animate=False)
        await pilot.pause()
        await _same_as_datatable(pilot, table)  # cursor moved, scrolled both ways

        await pilot.hover(Table, offset=(40, 6))  # the mouse over a cell
        await pilot.pause()
        assert table.hover_shown
        await _same_as_datatable(pilot, table)

        app.query_one("#elsewhere").focus()  # blurred: the cursor's colours change
        await pilot.pause()
        await _same_as_datatable(pilot, table)


async def test_the_mouse_highlight_goes_when_datatable_hides_it_and_only_then():
    """DataTable hides it in its own cursor actions and when the cursor's kind changes; another key
    leaves it."""
    app = Tables(cursor_type="cell")
    async with app.run_test(size=(100, 24)) as pilot:
        table = app.query_one(Table)
        _fill(table)
        table.focus()
        await pilot.hover(Table, offset=(40, 6))
        await pilot.press("a")  # not one of the table's keys
        assert table.hover_shown
        await _same_as_datatable(pilot, table)
        await pilot.press("down")
        assert not table.hover_shown
        await _same_as_datatable(pilot, table)
        await pilot.hover(Table, offset=(40, 8))
        table.cursor_type = "row"
        await pilot.pause()
        assert not table.hover_shown
        await _same_as_datatable(pilot, table)
        await pilot.hover(Table, offset=(40, 6))
        table.action_page_down()  # from code, as a screen's own key might
        await pilot.pause()
        assert not table.hover_shown
        await _same_as_datatable(pilot, table)


@pytest.mark.parametrize("padding", [0, 1])
async def test_columns_too_narrow_for_any_text(padding):
    app = Tables(cursor_type="cell", cell_padding=padding)
    async with app.run_test(size=(60, 8)) as pilot:
        table = app.query_one(Table)
        spanned = Text("abc", justify="right", overflow="ellipsis")
        spanned.stylize("bold", 1, 2)
        for width in (0, 1, 2):
            table.add_column(f"w{width}", width=width)
        table.add_row(spanned, Text("ab", justify="left", style="on blue"), None)
        table.add_row("plain", spanned, Text("it", style="italic"))
        await pilot.pause()
        await _same_as_datatable(pilot, table)


async def test_rows_taller_than_a_line_are_left_to_datatable():
    app = Tables(cursor_type="row")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(Table)
        table.add_columns("keys", "what")
        table.add_row("ctrl+q", Text("quit\nthe app"), height=None)
        await pilot.pause()
        assert not table.one_line
        await _same_as_datatable(pilot, table)
        table.clear()
        assert table.one_line


def _frame(table: Table) -> list:
    """The table's whole picture as a frame draws it now (its kept lines included)."""
    table.refresh()
    return table.render_lines(Region(0, 0, *table.outer_size))


def _datatables(table: Table) -> list:
    """The same picture drawn by DataTable alone."""
    table.one_line = False
    try:
        return _frame(table)
    finally:
        table.one_line = True


async def test_lines_are_kept_while_rows_come_and_drawn_again_when_what_they_show_changes():
    """A filling table keeps the lines in view (they did not change); the cursor, the mouse, an
    updated cell, a scroll, the theme or focus draw them again — every frame DataTable's picture."""
    app = Tables(cursor_type="cell", zebra_stripes=True, fixed_columns=1)
    async with app.run_test(size=(100, 24)) as pilot:
        table = app.query_one(Table)
        _fill(table)
        table.focus()
        await pilot.pause()
        assert _frame(table) == _datatables(table)

        before = {row: kept[2] for row, kept in table.kept.lines.items()}
        _frame(table)
        for r in range(40, 60):  # rows below the view: the lines in view stay as drawn
            table.add_row(f"row {r}", *CELLS, "text", key=str(r))
        await pilot.pause()
        assert _frame(table) == _datatables(table)
        assert before and all(table.kept.lines[row][2] is line for row, line in before.items())

        changes = [
            lambda: table.move_cursor(row=3, column=2),
            lambda: table.update_cell("1", "c0", "[i]ital[/i] markup"),  # as wide: the widths stay
            lambda: table.scroll_to(x=30, animate=False),
            lambda: setattr(app, "theme", "textual-light"),
            lambda: app.query_one("#elsewhere").focus(),
        ]
        for change in changes:
            change()
            await pilot.pause()
            assert _frame(table) == _datatables(table)
        await pilot.hover(Table, offset=(40, 6))
        await pilot.pause()
        assert table.hover_shown and _frame(table) == _datatables(table)


async def test_scrolling_through_a_long_table_keeps_only_the_lines_near_the_view():
    app = Tables(cursor_type="row")
    async with app.run_test(size=(100, 24)) as pilot:
        table = app.query_one(Table)
        table.add_columns("n", "text")
        for n in range(600):
            table.add_row(str(n), f"row {n}", key=str(n))
        await pilot.pause()
        for y in range(0, 600, 15):
            table.scroll_to(y=y, animate=False)
            await pilot.pause()
            _frame(table)
        assert table.kept.lines and len(table.kept.lines) <= 4 * table.size.height
        assert _frame(table) == _datatables(table)
