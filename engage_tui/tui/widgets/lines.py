"""A DataTable's body lines drawn straight from its cells: the picture DataTable draws, in a fraction of
the time.

DataTable renders every cell through Rich's full pipeline (a padded, styled renderable measured and
split into lines) and keys its caches on a counter that every added row bumps, so a table taking in
rows between frames drew every visible cell again each frame: 50-90 ms a frame for a 14-column table
on a 160x50 screen, most of the event loop's longest stalls. Here the styles are looked up once a
frame (`Palette`), and a cell of plain text is cut or padded to its column in a few string operations;
a cell with styled spans, tabs or wide overflow goes through Rich's `Text.wrap`, as DataTable's does.
A test holds every line to DataTable's own, segment for segment. Tables that are not the simple case
(row labels, rows taller than one line) and rows holding a renderable other than text are left to
DataTable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.protocol import is_renderable
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.coordinate import Coordinate
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.widgets import DataTable

NULL = Style.null()
EMPTY = Text("", end="")
Component = tuple[Style, Style]
"""The cursor's and the mouse's styles for a cell, and the colours laid over the cell's own."""


@dataclass(frozen=True)
class Palette:
    """The styles one frame's lines are drawn with. Looked up per cell, the widget's own style alone
    (which walks its ancestors) took a third of the time."""

    console: Console
    base: Style
    even: Style
    odd: Style
    fixed_row: Style
    fixed: Style
    background: Color
    components: dict[tuple[bool, bool, bool], Component]
    """(fixed column, under the mouse, under the cursor) → the cell's component styles."""

    @classmethod
    def of(cls, table: DataTable) -> Palette:
        row = table.get_component_styles
        fixed = row("datatable--fixed").rich_style
        return cls(
            console=table.app.console,
            base=table.rich_style,
            even=row("datatable--even-row").rich_style,
            odd=row("datatable--odd-row").rich_style,
            fixed_row=fixed,
            fixed=fixed + Style.from_meta({"fixed": True}),
            background=table.background_colors[1],
            components={
                (fixed, mouse, cursor): _component(table, fixed, mouse, cursor)
                for fixed in (False, True)
                for mouse in (False, True)
                for cursor in (False, True)
            },
        )

    def row(self, table: DataTable, row_index: int) -> Style:
        if row_index < table.fixed_rows:
            return self.fixed_row
        if table.zebra_stripes:
            return self.odd if row_index % 2 else self.even
        return self.base


def _component(table: DataTable, is_fixed: bool, on_mouse: bool, on_cursor: bool) -> Component:
    """As DataTable styles a cell under its cursor or the mouse: the cursor's colours laid over the
    cell's own (its `cursor_*_priority` "css", the default), a fixed column's cursor its own."""
    style = Style()
    if on_mouse and table.show_cursor:
        style += table.get_component_rich_style("datatable--hover")
    if on_cursor and table.show_cursor:
        style += table.get_component_rich_style("datatable--cursor")
        if is_fixed:
            style += table.get_component_rich_style("datatable--fixed-cursor")
    post = Style.from_color(color=style.color) if table.cursor_foreground_priority == "css" else NULL
    if table.cursor_background_priority == "css":
        post += Style.from_color(bgcolor=style.bgcolor)
    return style, post


def body_line(table: DataTable, palette: Palette, row_index: int, hover: bool) -> Strip | None:
    """Row `row_index` of `table` as a Strip as wide as the table, scrolled as it is; `hover` says
    whether the table shows where the mouse is. None if a cell holds a renderable other than text,
    which only DataTable draws."""
    columns = table.ordered_columns
    cells = table.get_row_at(row_index)
    cursor, mouse, kind = table.cursor_coordinate, table.hover_coordinate, table.cursor_type
    row_style = palette.row(table, row_index)
    fixed_count, pad = table.fixed_columns, table.cell_padding
    pinned = row_index < table.fixed_rows
    fixed: list[Segment] = []
    scrollable: list[Segment] = []
    used = 0
    for index, column in enumerate(columns):
        is_fixed = index < fixed_count
        on_cursor = _highlighted(kind, cursor.row, cursor.column, row_index, index)
        on_mouse = hover and _highlighted(kind, mouse.row, mouse.column, row_index, index)
        width = column.get_render_width(table)
        base = (palette.fixed if is_fixed else row_style) + Style.from_meta(
            {"row": row_index, "column": index}
        )
        text = _text(cells[index] if index < len(cells) else None)
        if text is None:
            return None
        segments = _cell(
            palette.console,
            text,
            width - 2 * pad,
            pad,
            base,
            palette.components[is_fixed or pinned, on_mouse, on_cursor],
        )
        if is_fixed:
            fixed.extend(segments)
        else:
            scrollable.extend(segments)
            used += width
    scrollable.append(_extension(table, palette, row_style, row_index, hover, table.size.width - used))
    line = Strip(fixed + list(Strip(scrollable).crop(table.scroll_offset.x, None)))
    return line.adjust_cell_length(table.size.width, palette.base).simplify()


class KeptLines:
    """Body lines kept from one frame to the next. A table taking in rows between frames changes
    size each frame, and DataTable then draws every line in view again, though the rows in view are
    the same (a 1,200-row grid filling at 1M: ≈12 ms a frame of ≈14). A line is drawn again when its
    cells (by identity), the cursor or the mouse on its row, or anything the whole frame is drawn
    with (styles, widths, scroll, size) changed. Only lines near the view are kept, so scrolling
    through a long table does not keep a line for every row."""

    def __init__(self) -> None:
        self.frame: tuple[object, ...] | None = None
        self.lines: dict[int, tuple[list[object], tuple[object, object], Strip]] = {}

    def start(self, table: DataTable, palette: Palette, hover: bool) -> None:
        """A new frame: the kept lines go if it is drawn with anything different."""
        frame = (
            palette,
            hover,
            table.scroll_offset.x,
            table.size.width,
            tuple(column.get_render_width(table) for column in table.ordered_columns),
            table.cursor_type,
            table.cursor_coordinate.column if table.cursor_type == "column" else None,
            table.hover_coordinate.column if table.cursor_type == "column" and hover else None,
            table.fixed_columns,
            table.fixed_rows,
            table.cell_padding,
            table.zebra_stripes,
        )
        if frame != self.frame:
            self.frame, self.lines = frame, {}
        top, rows = table.scroll_offset.y, table.size.height
        if len(self.lines) > 3 * rows:  # scrolled far: keep a screenful either side of the view
            self.lines = {row: kept for row, kept in self.lines.items() if top - rows <= row < top + 2 * rows}

    def line(self, table: DataTable, palette: Palette, row_index: int, hover: bool) -> Strip | None:
        """`body_line`, or the line kept for the row when nothing it is drawn from changed."""
        cells = table.get_row_at(row_index)
        marks = (
            _on_row(table.cursor_type, table.cursor_coordinate, row_index),
            hover and _on_row(table.cursor_type, table.hover_coordinate, row_index),
        )
        kept = self.lines.get(row_index)
        if kept is not None and kept[1] == marks and _same(kept[0], cells):
            return kept[2]
        line = body_line(table, palette, row_index, hover)
        if line is not None:
            self.lines[row_index] = (cells, marks, line)
        return line


def _on_row(kind: str, at: Coordinate, row_index: int) -> object:
    """What of the cursor (or the mouse) at `at` shows on row `row_index`."""
    if kind == "cell":
        return at.column if at.row == row_index else None
    return kind == "row" and at.row == row_index


def _same(kept: list[object], cells: list[object]) -> bool:
    return len(kept) == len(cells) and all(a is b for a, b in zip(kept, cells, strict=True))


def _highlighted(kind: str, cursor_row: int, cursor_column: int, row: int, column: int) -> bool:
    if kind == "cell":
        return (cursor_row, cursor_column) == (row, column)
    if kind == "row":
        return cursor_row == row
    if kind == "column":
        return cursor_column == column
    return False


def _cell(
    console: Console, text: Text, inner: int, pad: int, base: Style, styles: Component
) -> list[Segment]:
    """One cell: its text cut or padded to `inner` cells, between the table's cell padding."""
    component, post = styles
    pre = base + component
    outer = pre + post
    pads = " " * pad
    if inner < 1:  # Rich draws nothing narrower than a cell: the padding alone
        return [Segment(pads * 2, outer)] if pad else []
    plain = _plain(text, inner)
    if plain is not None:
        styled, unstyled = plain
        if not text.style:
            return [Segment(f"{pads}{styled}{unstyled}{pads}", outer)]
        own = pre + console.get_style(text.style) + post
        return [
            Segment(t, style)
            for t, style in ((pads, outer), (styled, own), (unstyled, outer), (pads, outer))
            if t
        ]
    no_wrap = text.no_wrap is not False  # a text's own choice over the table's one-line rows, as Rich picks
    lines = text.wrap(
        console,
        inner,
        justify=text.justify or "default",
        overflow=text.overflow or "fold",
        no_wrap=no_wrap,
        tab_size=(console.tab_size if text.tab_size is None else text.tab_size) or 8,
    )
    line = Text("\n").join(lines[:1])  # as Rich renders a Text: its own style laid on as a span
    body = Segment.adjust_line_length(list(line.render(console, end="")), inner, pad=True)
    spacer = Segment(pads)
    return [Segment(s.text, pre + (s.style or NULL) + post) for s in (spacer, *body, spacer) if s.text]


def _plain(text: Text, inner: int) -> tuple[str, str] | None:
    """A one-line text without spans, justified in `inner` cells as Rich's `Lines.justify` does: the
    part that carries the text's own style and the padding that does not (only `default` leaves
    some). None when Rich must do it (spans, tabs, wrapping, other justifications or overflows, a
    `default` text wider than the cell)."""
    plain, justify = text.plain, text.justify or "default"
    if (
        text.spans
        or "\t" in plain
        or justify not in ("default", "left", "right", "center")
        or text.overflow == "ignore"
        or text.no_wrap is False
    ):
        return None
    if justify == "default":
        room = inner - cell_len(plain)
        return None if room < 0 else (plain, " " * room)
    if justify != "left":
        plain = plain.rstrip()
    plain = _truncated(plain, inner, text.overflow or "fold")
    room = inner - cell_len(plain)
    if room < 0:
        return None
    left = room // 2 if justify == "center" else room if justify == "right" else 0
    return " " * left + plain + " " * (room - left), ""


def _truncated(plain: str, width: int, overflow: str) -> str:
    if cell_len(plain) <= width:
        return plain
    if overflow == "ellipsis":
        return set_cell_size(plain, width - 1) + "…"
    return set_cell_size(plain, width)


def _text(value: object) -> Text | None:
    """A cell's value as DataTable shows it on a line of its own: strings read as markup (plain when
    they could hold none), floats to two places, its first line only; an empty one without its style
    (DataTable puts a blank text in its place). None for a renderable other than text."""
    if isinstance(value, Text):
        text = value.split("\n", allow_blank=True)[0] if "\n" in value.plain else value
        return text if value else EMPTY
    if value is None or isinstance(value, str):
        line = (value or "").split("\n", 1)[0]
        text = Text(line, end="") if "[" not in line and ":" not in line else Text.from_markup(line, end="")
        return text if text else EMPTY
    if isinstance(value, float):
        return Text(f"{value:.2f}", end="")
    return None if is_renderable(value) else Text(str(value), end="")


def _extension(
    table: DataTable, palette: Palette, row: Style, row_index: int, hover: bool, room: int
) -> Segment:
    """The row's style carried to the table's right edge."""
    if table.cursor_type == "row":
        on_mouse = hover and table.hover_coordinate.row == row_index
        component, _ = palette.components[False, on_mouse, row_index == table.cursor_coordinate.row]
        style = row + component
    elif row.bgcolor is not None:
        faded = Color.from_rich_color(row.bgcolor).blend(palette.background, factor=0.25)
        style = Style.from_color(color=row.color, bgcolor=faded.rich_color)
    else:
        style = Style.from_color(row.color, row.bgcolor)
    return Segment(
        " " * max(room, 0), style + Style.from_meta({"row": row_index, "column": 0, "out_of_bounds": True})
    )
