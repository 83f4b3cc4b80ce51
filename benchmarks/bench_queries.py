"""T3 and the officer × month rollup for one year, in process, against raw sqlite3 on a plain index
on date (the floor: what a competent hand-written query on a naive schema costs), ours and the floor
in turn.

    python benchmarks/bench_queries.py 1000000
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from datetime import date

from common import Row, alternate, db_for, ratio_row

from engage_tui.domain.reports import monthly, rollup
from engage_tui.store import Store

YEAR = 2023
T3_FLOOR = (
    "SELECT strftime('%m', date), category, sum(minutes) FROM entries "
    "WHERE date BETWEEN ? AND ? GROUP BY 1, 2"
)
ROLLUP_FLOOR = (
    "SELECT p.name, strftime('%Y-%m', e.date), sum(e.minutes) FROM entries e "
    "JOIN people p ON p.id = e.officer_id WHERE e.date BETWEEN ? AND ? GROUP BY 1, 2"
)


def floor_db(path):
    """A copy of the data with only a plain index on date, as a naive schema would have."""
    copy = path.with_name(path.stem + "-floor.sqlite3")
    if not copy.exists():
        shutil.copy(path, copy)
        db = sqlite3.connect(copy)
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries' AND sql IS NOT NULL"
        ).fetchall():
            db.execute(f"DROP INDEX {name}")
        db.execute("CREATE INDEX ix_floor_date ON entries (date)")
        db.execute("ANALYZE")
        db.commit()
        db.close()
    return copy


def main(size: int) -> list[Row]:
    path = db_for(size)
    store = Store(f"sqlite:///{path}")
    raw = sqlite3.connect(floor_db(path))
    bounds = (f"{YEAR}-01-01", f"{YEAR}-12-31")

    def ours_t3():
        with store.read() as session:
            return monthly(session, YEAR).rows

    def ours_rollup():
        with store.read() as session:
            return rollup(session, "officer", "month", date(YEAR, 1, 1), date(YEAR, 12, 31)).rows

    print(f"--- {size:,} entries")
    rows = [
        ratio_row(
            "T3 monthly, one year (in process)",
            *alternate(ours_t3, lambda: raw.execute(T3_FLOOR, bounds).fetchall()),
            1.0,
        ),
        ratio_row(
            "rollup officer x month, one year",
            *alternate(ours_rollup, lambda: raw.execute(ROLLUP_FLOOR, bounds).fetchall()),
            1.2,
        ),
    ]
    store.dispose()
    raw.close()
    return rows


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100000"]:
        main(int(arg))
