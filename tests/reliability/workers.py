"""Processes the reliability tests start: each writes through the real domain layer on one file."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.imports import import_hours
from engage_tui.domain.people import require_actor
from engage_tui.errors import EngageError
from engage_tui.store import Store


def wait_for(start_at: float) -> None:
    """All workers start writing at the same moment."""
    while time.time() < start_at:
        time.sleep(0.001)


def writer(db: str, number: int, entries: int, start_at: float, csv_file: str) -> None:
    """Import a file, then add entries one transaction each until the approval has refused a few
    (or `entries` are done); prints how many landed and how many were refused."""
    # Eight writers in tight loops on two shared cores are far busier than a unit: SQLite's lock is not
    # fair, so under a loaded CI machine one may wait past the 5 s default without anything being wrong.
    store = Store(f"sqlite:///{db}", busy_timeout_ms=20_000)
    wait_for(start_at)
    refused, tried = 0, 0
    with store.write() as session:
        import_hours(session, require_actor(session, "sup"), Path(csv_file))
    for i in range(entries):
        if refused >= 3:
            break
        tried += 1
        try:
            with store.write() as session:
                actor = require_actor(session, "sup")
                add_entry(
                    session,
                    actor,
                    EntryDraft(f"Officer {number % 2}", f"2020-05-{i % 28 + 1:02d}", f"{i % 50 + 1}m"),
                )
        except EngageError as refusal:  # the approved month: expected, and never a lock error
            if "busy" in refusal.message:
                raise
            refused += 1
    print(f"{tried - refused} {refused}")


def approver(db: str, start_at: float, after: int) -> None:
    """Submit and approve Officer 0's May 2020 once `after` of its entries exist: mid-stream."""
    from sqlalchemy import func, select

    from engage_tui.domain import returns
    from engage_tui.domain.periods import Month
    from engage_tui.store.models import Entry, Person

    store = Store(f"sqlite:///{db}", busy_timeout_ms=60_000)  # SQLite's lock is not fair: wait
    wait_for(start_at)
    while True:
        with store.read() as session:
            if (
                session.scalar(
                    select(func.count())
                    .select_from(Entry)
                    .join(Person, Person.id == Entry.officer_id)
                    .where(Entry.month_key == 202005, Person.name == "Officer 0")
                )
                >= after
            ):
                break
        time.sleep(0.005)
    with store.write() as session:
        actor = require_actor(session, "sup")
        returns.submit(session, actor, Month(2020, 5), "Officer 0")
        returns.approve(session, actor, "Officer 0", Month(2020, 5))
    print("approved")


if __name__ == "__main__":
    role, *args = sys.argv[1:]
    if role == "writer":
        writer(args[0], int(args[1]), int(args[2]), float(args[3]), args[4])
    else:
        approver(args[0], float(args[1]), int(args[2]))
