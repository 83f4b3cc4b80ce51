"""Make a benchmark database: 1,200 officers in 12 areas, N entries over 5 years, both categories,
odd minutes. Uses engage's own schema (engage init), then bulk-inserts with sqlite3 for speed.

    python benchmarks/generate.py 1000000      # writes benchmarks/data/engage-1000000.sqlite3
    python benchmarks/generate.py 500 --into DIR   # elsewhere (the test suite's check that it works)
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from common import DATA

from engage_tui.store.keys import name_key

OFFICERS, AREAS, YEARS, FIRST_DAY = 1200, 12, 5, date(2020, 1, 1)


def generate(size: int, into: Path = DATA) -> None:
    into.mkdir(exist_ok=True)
    path = into / f"engage-{size}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-m", "engage_tui", "--db", str(path), "--user", "bench", "init"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    db = sqlite3.connect(path)
    localities = [f"Locality {i}" for i in range(4)]
    db.executemany(
        "INSERT INTO localities (name, name_key) VALUES (?, ?)", [(n, name_key(n)) for n in localities]
    )
    db.executemany(
        "INSERT INTO areas (name, name_key, locality_id, active) VALUES (?, ?, ?, 1)",
        [(f"Area {i}", name_key(f"Area {i}"), i % 4 + 1) for i in range(AREAS)],
    )
    db.executemany(
        "INSERT INTO people (name, name_key, login, role, area_id, active, created_at) "
        "VALUES (?, ?, ?, 'officer', ?, 1, '2020-01-01')",
        [
            (f"Officer {i:04d}", name_key(f"Officer {i:04d}"), f"officer{i:04d}", i % AREAS + 1)
            for i in range(OFFICERS)
        ],
    )
    db.execute(  # every officer a cohesion officer from the beginning, so T3 counts their hours
        "INSERT INTO person_jobs (person_id, job, effective_from) "
        "SELECT id, 'co', '1900-01-01' FROM people WHERE role = 'officer'"
    )
    officers = [r[0] for r in db.execute("SELECT id FROM people WHERE role = 'officer'")]
    terms = [r[0] for r in db.execute("SELECT id FROM terms")]
    rng = random.Random(size)
    days = YEARS * 365

    def rows():
        for _ in range(size):
            day = FIRST_DAY + timedelta(days=rng.randrange(days))
            officer = rng.choice(officers)
            yield (
                officer,
                day.isoformat(),
                day.year * 100 + day.month,
                rng.randint(7, 397),
                "cyp" if rng.random() < 0.1 else "community",
                officer % AREAS + 1,
                rng.choice(terms),
                rng.choice(terms),
                "",
                1,
                "2020-01-01",
            )

    db.executemany(
        "INSERT INTO entries (officer_id, date, month_key, minutes, category, area_id, "
        "audience_id, activity_id, notes, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )
    db.commit()
    db.execute("ANALYZE")
    db.close()
    print(f"wrote {path} ({size:,} entries)")


if __name__ == "__main__":
    args = sys.argv[1:]
    folder = DATA
    if "--into" in args:
        at = args.index("--into")
        folder = Path(args[at + 1])
        del args[at : at + 2]
    for arg in args or ["100000"]:
        generate(int(arg), folder)
