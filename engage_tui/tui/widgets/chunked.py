"""Filling a DataTable a chunk at a time: the first screenful at once, the rest between frames.

A DataTable row costs tens of microseconds to build, so a month of 16,000 entries added in one go
freezes the app for a second. Added in chunks from the event loop, the table is on screen and
usable at once and the rest arrive while the user reads; a newer fill of the same table supersedes
an unfinished one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from time import perf_counter
from typing import TypeVar
from weakref import WeakKeyDictionary

from textual.widgets import DataTable

from engage_tui.tui.widgets.rows import row_key

T = TypeVar("T")
Add = Callable[[DataTable, T], object]
"""Adds one item's row (what it returns, such as the row key, is not used)."""
FIRST = 60
"""Rows added at once: a screenful on a tall terminal."""
BUDGET = 0.004
"""Seconds of adding rows a frame after the first: when next idle the table measures the rows it took
in (about three times as long) and works out every row's place, then draws. An 8-column table of
16,000 rows filled in 2.1 s holding the loop up to 68 ms a frame at 8 ms; at 4 ms, 2.8 s and 47 ms.
Fixed chunks of 200 held it ≈120 ms a frame at 1M, whatever the rows cost."""

_fills: WeakKeyDictionary[DataTable, object] = WeakKeyDictionary()  # a table → its newest fill


def fill_in_chunks(
    table: DataTable,
    items: Sequence[T],
    add: Add[T],
    done: Callable[[], None] | None = None,
) -> None:
    """Clear `table`, then `add(table, item)` for every item: FIRST now, then for BUDGET seconds after
    each refresh of the screen; `done` runs once every row is in. After a refresh, not on the table's
    own queue: the queue would run every chunk back to back, and the table measures the rows it took
    in only when idle (≈110 ms a thousand rows), so a 3,300-row list held the loop 1.5 s at once."""
    token = object()
    _fills[table] = token
    table.clear()

    def step(start: int) -> None:
        if _fills.get(table) is not token:
            return  # a newer fill took over
        stop, began = start, perf_counter()
        while stop < len(items) and _another(start, stop, began):
            add(table, items[stop])
            stop += 1
        if stop < len(items):
            table.call_after_refresh(step, stop)
        else:
            _fills.pop(table, None)
            if done is not None:
                done()

    step(0)
    table.refresh_bindings()  # rows came, so keys that act on the row under the cursor can act


def _another(start: int, stop: int, began: float) -> bool:
    """Another row this frame: the first FIRST at once; after that at least one a frame, then more
    while within BUDGET."""
    if start == 0:
        return stop < FIRST
    return stop == start or perf_counter() - began < BUDGET


def filling() -> bool:
    """Some table is still taking in rows between frames."""
    return bool(_fills)


def refill_keeping_cursor(table: DataTable, items: Sequence[T], add: Add[T]) -> None:
    """`fill_in_chunks`, then the cursor back on the row it was on (by key) once every row is in: a
    dialog closing or a reload must not move it to row 1, or the next key acts on the wrong row."""
    keep = row_key(table)

    def back_to_it() -> None:
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))

    fill_in_chunks(table, items, add, back_to_it)
