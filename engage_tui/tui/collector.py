"""Python's full garbage collections, moved out of the way of the keys.

A full collection walks every object the interpreter tracks. With a few large tables open that is half
a million objects, ≈0.4 s on the 2-core benchmark machine, started whenever an allocation happens to
tip the count: `bench_lag.py` at 1M counted 19 of them in one scripted session, each the longest
stall of its step. So, while the app runs:

- the automatic full collection is off; the young ones (a few ms each) stay automatic, so most
  garbage is still freed at once;
- what start-up made (modules, classes, the store's metadata) is frozen out of the walk once the app
  has warmed up — it lives as long as the process;
- the app runs the full collection itself when one is due (Python's own trigger: ten middle
  collections since the last) and nobody has pressed a key or moved the mouse for a while, nor is any
  load running — or regardless, once it is long overdue, so memory stays bounded in a busy session.

The app's end puts Python's own settings back.
"""

from __future__ import annotations

import gc
from time import monotonic

DUE = 10
"""Middle collections since the last full one: Python's default trigger."""
OVERDUE = 400
"""Collect even while the user is busy: memory must not grow without bound."""
QUIET = 3.0
"""Seconds without input before a due collection runs."""
NEVER = 2**30


class QuietCollector:
    def __init__(self) -> None:
        self.saved = gc.get_threshold()
        self.last_input = monotonic()

    def start(self) -> None:
        young, middle, _ = self.saved
        gc.set_threshold(young, middle, NEVER)

    def freeze(self) -> None:
        """What exists now lives as long as the app: never walked again."""
        gc.freeze()

    def input_seen(self) -> None:
        self.last_input = monotonic()

    def collect_if_due(self, busy: bool) -> bool:
        """Run the full collection if it is due and the app is quiet, or long overdue; True if it ran."""
        pending = gc.get_count()[2]
        quiet = not busy and monotonic() - self.last_input >= QUIET
        if pending >= OVERDUE or (pending >= DUE and quiet):
            gc.collect()
            return True
        return False

    def stop(self) -> None:
        gc.set_threshold(*self.saved)
        gc.unfreeze()
