"""The app's DataTable: rows added after it was first drawn show at their measured widths.

Textual measures new rows when a table is next idle, but lines it drew before that stay in its line
cache (whose key does not hold the column widths), so a month filled in after the first frame could
show `Janua` and `Mon` until something else moved. Once the measuring changes the table's size, the
drawn lines are thrown away and drawn again.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import DataTable


class Table(DataTable[object]):
    def watch_virtual_size(self, old: Size, new: Size) -> None:
        if new.width != old.width:
            self.notify_style_update()  # clears the line caches and repaints
