"""Filling a DataTable a chunk at a time: the first screenful at once, the rest between frames.

A DataTable row costs tens of microseconds to build, so a month of 16,000 entries added in one go
freezes the app for a second. Added in chunks from the event loop, the table is on screen and
usable at once and the rest arrive while the user reads; a newer fill of the same table supersedes
an unfinished one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar
from weakref import WeakKeyDictionary

from textual.widgets import DataTable

T = TypeVar("T")
FIRST, CHUNK = 200, 1000

_fills: WeakKeyDictionary[DataTable, object] = WeakKeyDictionary()  # a table → its newest fill


def fill_in_chunks(
    table: DataTable,
    items: Sequence[T],
    add: Callable[[DataTable, T], None],
    done: Callable[[], None] | None = None,
) -> None:
    """Clear `table`, then `add(table, item)` for every item: FIRST now, CHUNK per later turn of the
    event loop; `done` runs once every row is in."""
    token = object()
    _fills[table] = token
    table.clear()

    def step(start: int, stop: int) -> None:
        if _fills.get(table) is not token:
            return  # a newer fill took over
        for item in items[start:stop]:
            add(table, item)
        if stop < len(items):
            table.call_later(step, stop, stop + CHUNK)
        else:
            _fills.pop(table, None)
            if done is not None:
                done()

    step(0, FIRST)
