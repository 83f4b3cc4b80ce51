"""The command line as cold processes: T3, export entries (time and peak memory) and a 100,000-row
import, each against a stdlib floor doing the same job on the same data.

    python benchmarks/bench_cli.py 1000000
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import DATA, db_for, report

PY = sys.executable
T3_FLOOR = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
out = csv.writer(sys.stdout)
out.writerows(db.execute("SELECT month_key, category, sum(minutes) FROM entries "
                         "WHERE month_key BETWEEN 202301 AND 202312 GROUP BY 1, 2"))
"""
EXPORT_FLOOR = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", newline="") as f:
    out = csv.writer(f)
    out.writerows(db.execute("SELECT p.name, e.date, e.category, e.minutes / 60.0, a.name, au.name, "
                             "ac.name, e.notes FROM entries e JOIN people p ON p.id = e.officer_id "
                             "LEFT JOIN areas a ON a.id = e.area_id "
                             "LEFT JOIN terms au ON au.id = e.audience_id "
                             "LEFT JOIN terms ac ON ac.id = e.activity_id ORDER BY e.date, e.id"))
"""
IMPORT_FLOOR = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
officers = dict(db.execute("SELECT name, id FROM people"))
with open(sys.argv[2], newline="") as f:
    rows = csv.reader(f)
    next(rows)
    db.executemany("INSERT INTO entries (officer_id, date, month_key, minutes, category, notes, "
                   "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, '2020-01-01')",
                   ((officers[r[0]], r[1], int(r[1][:4] + r[1][5:7]), int(r[3][:-1]), r[2], r[7])
                    for r in rows))
db.commit()
"""


def run(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one cold process."""
    began = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env={**os.environ, "ENGAGE_USER": "bench"})
    _, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, argv
    return time.perf_counter() - began, usage.ru_maxrss


def runs(argv: list[str], times: int = 5) -> tuple[list[float], int]:
    results = [run(argv) for _ in range(times)]
    return [t for t, _ in results], max(m for _, m in results)


ENGAGE = Path(PY).with_name("engage")


def engage(db: Path, *args: str) -> list[str]:
    """The installed `engage` command, as a user runs it (`python -m` adds runpy's own imports)."""
    command = [str(ENGAGE)] if ENGAGE.exists() else [PY, "-m", "engage_tui"]
    return [*command, "--db", str(db), *args]


def import_file(rows: int) -> Path:
    path = DATA / f"import-{rows}.csv"
    if not path.exists():
        with path.open("w") as f:
            f.write("officer,date,category,hours,area,audience,activity,notes\n")
            for i in range(rows):
                f.write(
                    f"Officer {i % 1200:04d},2019-{i % 12 + 1:02d}-{i % 28 + 1:02d},community,"
                    f"{i % 397 + 7}m,,,,note {i}\n"
                )
    return path


def main(size: int) -> None:
    db = db_for(size)
    print(f"--- {size:,} entries")
    ours, _ = runs(engage(db, "report", "monthly", "--year", "2023", "--format", "csv"))
    floor, _ = runs([PY, "-c", T3_FLOOR, str(db)])
    report("engage report monthly (cold process)", ours, floor, 2.5)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "entries.csv"
        ours, our_peak = runs(engage(db, "export", "entries", "--out", str(out)), 3)
        out.unlink()
        floor, floor_peak = runs([PY, "-c", EXPORT_FLOOR, str(db), str(out)], 3)
    report("engage export entries", ours, floor, 1.5)
    print(
        f"{'':<44} peak memory ours {our_peak / 1024:.0f} MB, floor {floor_peak / 1024:.0f} MB "
        f"(target <= 100 MB, flat as N grows)"
    )

    rows = 100_000
    source = import_file(rows)
    ours, floor = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(3):
            copy = Path(tmp) / f"ours{n}.sqlite3"
            shutil.copy(db, copy)
            ours.append(run(engage(copy, "import", "hours", str(source)))[0])
            copy.unlink()
            shutil.copy(db, copy)
            floor.append(run([PY, "-c", IMPORT_FLOOR, str(copy), str(source)])[0])
            copy.unlink()
    report(f"engage import hours, {rows:,} rows", ours, floor, 8.0)
    print(f"{'':<44} {rows / statistics.median(ours):,.0f} rows/s (target >= 50,000)")


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100000"]:
        main(int(arg))
