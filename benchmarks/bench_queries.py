"""T3 and the officer × month rollup for one year, in process, against raw sqlite3 on a plain index
on date (the floor: what a competent hand-written query on a naive schema costs), ours and the floor
in turn. T3 also against the same answer by hand on engage's own schema: each entry joined to its
officer's job on its day, which the plain sum does not do.

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
T3_JOB_FLOOR = """
WITH spans AS (
    SELECT person_id, job, effective_from AS start,
           lead(effective_from) OVER (PARTITION BY person_id ORDER BY effective_from) AS until
    FROM person_jobs
)
SELECT e.month_key, e.category, sum(e.minutes)
FROM entries e JOIN spans s ON s.person_id = e.officer_id AND s.start <= e.date
     AND (s.until IS NULL OR s.until > e.date)
WHERE s.job = 'co' AND e.month_key BETWEEN ? AND ?
GROUP BY 1, 2
"""
"""T3 as engage counts it (each entry under its officer's job on its day), by hand on engage's own
schema and indexes: the floor of the job join."""
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
    same = sqlite3.connect(path)
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
            "T3 monthly, one year, against the job join by hand",
            *alternate(
                ours_t3, lambda: same.execute(T3_JOB_FLOOR, (YEAR * 100 + 1, YEAR * 100 + 12)).fetchall()
            ),
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
    same.close()
    return rows


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100000"]:
        main(int(arg))
