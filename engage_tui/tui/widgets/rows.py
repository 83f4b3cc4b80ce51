"""DataTable helpers: the row under the cursor, by its key (every table keys its rows by what they
show), and a repaint once new rows are measured."""

from __future__ import annotations

from textual.widgets import DataTable


def row_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return None if key is None else str(key)


def repaint_when_measured(table: DataTable) -> None:
    """After rows are added to a table already on screen: a frame drawn before the table measured
    them (it does so when next idle) stays cached with the old column widths, cutting every cell; so
    prompt the measuring now and redraw after the next frame."""
    table.check_idle()
    table.call_after_refresh(table.notify_style_update)
