"""The app's DataTable: rows added after it was first drawn show at their measured widths; long text
is cut with an ellipsis to fit the width and shown whole in a detail line.

Textual measures new rows when a table is next idle, but lines it drew before that stay in its line
cache (whose key does not hold the column widths), so a month filled in after the first frame could
show `Janua` and `Mon` until something else moved. Once the measuring changes the table's size, the
drawn lines are thrown away and drawn again.

Columns named `elastic` (with a weight) share the width the other columns leave: each as wide as its
longest cell when everything fits, else cut with `…` ("school session (cyber-crime, bullying, …" would
push the rest off an 80-column screen). The row under the cursor shows its cut cells whole in the
Static named by `detail` (and as the table's tooltip).

Its body lines are drawn by `lines.body_line`, six times faster than DataTable's own and the same
picture; the mouse's highlight follows DataTable's rule (shown when the mouse moves over a cell,
hidden by DataTable's own cursor actions) through public hooks.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import DataTable, Static
from textual.widgets.data_table import CellType, RowKey

from engage_tui.tui.widgets.lines import KeptLines, Palette, body_line

MIN_WIDTH = 6
"""The narrowest an elastic column is cut to."""


def cut(value: object, justify: str = "left", style: str = "") -> Text:
    """User text for a cell: never read as markup, on one line, ending `…` where the column cuts it."""
    text = "" if value is None else str(value).replace("\n", " ")
    return Text(text, justify=justify, style=style, overflow="ellipsis", no_wrap=True)  # type: ignore[arg-type]


def _hides_hover(action: Callable[[DataTable], None]) -> Callable[[Table], None]:
    """DataTable's `action`, after hiding the mouse's highlight: the actions DataTable hides it in (the
    keyboard has taken over), and only those — another key leaves it, as DataTable does."""

    def hide_then_act(table: Table) -> None:
        table.hover_shown = False
        action(table)

    return hide_then_act


class Table(DataTable[object]):
    def __init__(
        self,
        *,
        elastic: dict[str, int] | None = None,
        detail: str | None = None,
        id: str | None = None,
        **options,
    ) -> None:
        self.elastic = elastic or {}
        """Column key → its share of the width left (cut with … when it is short)."""
        self.detail = detail
        """The id of the Static that shows the cut cells of the row under the cursor whole."""
        self.full: dict[str, dict[str, str]] = {}
        """Row key → the full text of its elastic cells, by column key."""
        self.one_line = True
        """Every row one line high and unlabelled: its lines are drawn by `body_line`."""
        self.hover_shown = False
        """The mouse's cell is highlighted: since the mouse last moved over a cell, until one of DataTable's
        own actions moves the cursor (DataTable's private rule, followed here through public hooks)."""
        self.palette: Palette | None = None
        """The styles of the frame being drawn."""
        self.kept = KeptLines()
        super().__init__(id=id, **options)  # last: a table without a header resizes in here

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        """New rows measured (or columns): the elastic columns share the width again, and lines
        drawn at the old widths are drawn again."""
        if self.fit():
            self.virtual_size = Size(self.columns_width(), new.height)  # comes back here, fitted
        elif new.width != old.width:
            self.notify_style_update()  # clears the line caches and repaints
        self.show_detail()

    def add_row(
        self,
        *cells: CellType,
        height: int | None = 1,
        key: str | None = None,
        label: object = None,
    ) -> RowKey:
        row_key = super().add_row(*cells, height=height, key=key, label=label)  # type: ignore[arg-type]
        self.one_line = self.one_line and height == 1 and label is None
        if self.elastic and row_key.value is not None:
            columns = [c.key.value for c in self.ordered_columns]
            self.full[row_key.value] = {
                str(column): str(cell.plain if isinstance(cell, Text) else cell)
                for column, cell in zip(columns, cells, strict=False)
                if column in self.elastic
            }
        return row_key

    def clear(self, columns: bool = False) -> Table:
        self.full, self.one_line = {}, True
        super().clear(columns)
        return self

    def render_lines(self, crop: Region) -> list[Strip]:
        self.palette = Palette.of(self)
        self.kept.start(self, self.palette, self.hover_shown)
        try:
            return super().render_lines(crop)
        finally:
            self.palette = None

    def render_line(self, y: int) -> Strip:
        """Body lines of a table of one-line rows from `body_line`; the header, and any other table,
        as DataTable draws them."""
        header = self.header_height if self.show_header else 0
        if y < header or not self.one_line:
            return super().render_line(y)
        row_index = y - header + (0 if y < header + self.fixed_rows else self.scroll_offset.y)
        if row_index >= self.row_count:
            return Strip.blank(self.size.width, self.rich_style)
        if self.palette is None:  # drawn outside a frame
            line = body_line(self, Palette.of(self), row_index, self.hover_shown)
        else:
            line = self.kept.line(self, self.palette, row_index, self.hover_shown)
        return super().render_line(y) if line is None else line

    def on_mouse_move(self, event: events.MouseMove) -> None:
        meta = event.style.meta
        self.hover_shown = bool(meta) and (self.cursor_type == "row" or not meta.get("out_of_bounds", False))

    def on_click(self) -> None:
        self.hover_shown = True

    def on_leave(self) -> None:
        self.hover_shown = False

    def watch_cursor_type(self, old: str, new: str) -> None:
        self.hover_shown = False
        super().watch_cursor_type(old, new)

    action_cursor_up = _hides_hover(DataTable.action_cursor_up)
    action_cursor_down = _hides_hover(DataTable.action_cursor_down)
    action_cursor_left = _hides_hover(DataTable.action_cursor_left)
    action_cursor_right = _hides_hover(DataTable.action_cursor_right)
    action_page_up = _hides_hover(DataTable.action_page_up)
    action_page_down = _hides_hover(DataTable.action_page_down)
    action_page_left = _hides_hover(DataTable.action_page_left)
    action_page_right = _hides_hover(DataTable.action_page_right)
    action_scroll_top = _hides_hover(DataTable.action_scroll_top)
    action_scroll_bottom = _hides_hover(DataTable.action_scroll_bottom)
    action_scroll_home = _hides_hover(DataTable.action_scroll_home)
    action_scroll_end = _hides_hover(DataTable.action_scroll_end)
    action_select_cursor = _hides_hover(DataTable.action_select_cursor)

    def on_resize(self) -> None:
        if self.fit():
            self.virtual_size = Size(self.columns_width(), self.virtual_size.height)
            self.notify_style_update()
        self.show_detail()

    def columns_width(self) -> int:
        """The table's width at its columns' widths now (it shows no row labels)."""
        return sum(column.get_render_width(self) for column in self.ordered_columns)

    def fit(self) -> bool:
        """Share the width the other columns leave among the elastic ones; True if a width changed."""
        if not self.elastic or not self.size.width:
            return False
        pad = 2 * self.cell_padding
        elastic = [c for c in self.ordered_columns if c.key.value in self.elastic]
        others = sum(c.get_render_width(self) for c in self.ordered_columns if c not in elastic)
        room = self.scrollable_content_region.width - 1 - others - pad * len(elastic)
        widths = share(
            room, {str(c.key.value): (c.content_width, self.elastic[str(c.key.value)]) for c in elastic}
        )
        changed = False
        for column in elastic:
            width = widths[str(column.key.value)]
            if column.auto_width or column.width != width:
                column.auto_width, column.width, changed = False, width, True
        return changed

    def cut_cells(self, row_key: str) -> list[tuple[str, str]]:
        """The row's cells that its columns cut now: (column title, full text)."""
        full = self.full.get(row_key, {})
        cut: list[tuple[str, str]] = []
        for column in self.ordered_columns:
            text = full.get(str(column.key.value))
            if text and len(text) > column.width:
                cut.append((column.label.plain, text))
        return cut

    def show_detail(self) -> None:
        """The cut cells of the row under the cursor, whole, in the detail line and the tooltip."""
        if not self.detail or not self.is_attached:
            return
        row_key = self.cursor_key()
        text = " · ".join(f"{title}: {value}" for title, value in self.cut_cells(row_key)) if row_key else ""
        for line in self.screen.query(f"#{self.detail}").results(Static):
            line.update(Text(text, overflow="ellipsis"))
        self.tooltip = text or None

    def cursor_key(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return None if key is None else str(key)

    def on_data_table_row_highlighted(self) -> None:
        self.show_detail()

    def on_data_table_cell_highlighted(self) -> None:
        self.show_detail()


def share(room: int, wanted: dict[str, tuple[int, int]]) -> dict[str, int]:
    """Widths for columns wanting (width, weight) out of `room`: each its share by weight, a column
    wanting less than its share getting just that and leaving the rest to the others (never below
    MIN_WIDTH)."""
    widths: dict[str, int] = {}
    pending = sorted(wanted, key=lambda k: wanted[k][0] / max(wanted[k][1], 1))
    while pending:
        weights = sum(wanted[k][1] for k in pending)
        key = pending.pop(0)
        width, weight = wanted[key]
        fair = room * weight // weights if weights else room
        widths[key] = max(MIN_WIDTH, min(width, fair))
        room -= widths[key]
    return widths
