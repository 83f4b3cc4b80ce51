"""The row under a DataTable's cursor, by its key (every table keys its rows by what they show)."""

from __future__ import annotations

from textual.widgets import DataTable


def row_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return None if key is None else str(key)
