"""The command line as cold processes: T3, export entries (time and peak memory) and a 100,000-row
import, each against a stdlib floor doing the same job on the same data, ours and the floor in turn.

    python benchmarks/bench_cli.py 1000000
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

from bench_import import BULK, FLOOR
from common import PY, Row, alternate_processes, db_for, engage, fresh, import_file, process, ratio_row

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
IMPORTED = 100_000


def main(size: int, runs: int = 5) -> list[Row]:
    db = db_for(size)
    print(f"--- {size:,} entries")
    ours, floor, _, _ = alternate_processes(
        engage(db, "report", "monthly", "--year", "2023", "--format", "csv"),
        [PY, "-c", T3_FLOOR, str(db)],
        runs,
    )
    rows = [ratio_row("engage report monthly (cold process)", ours, floor, 2.5)]

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "entries.csv"
        ours, floor, our_peak, floor_peak = alternate_processes(
            engage(db, "export", "entries", "--out", str(out)),
            [PY, "-c", EXPORT_FLOOR, str(db), str(out)],
            max(1, runs // 2),
            before=lambda: out.unlink(missing_ok=True),
        )
    rows.append(ratio_row("engage export entries", ours, floor, 1.5, "s"))
    print(f"{'':<44} peak memory ours {our_peak:.0f} MB, floor {floor_peak:.0f} MB (target <= 100 MB, flat)")
    rows.append(
        Row("… its peak memory", f"{our_peak:.0f} MB", f"{floor_peak:.0f} MB", None, "<= 100 MB, flat")
    )

    source = import_file(IMPORTED)
    ours, floor = [], []
    with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
        copy = Path(tmp) / "import.sqlite3"
        for _ in range(max(1, runs // 2)):  # ours and the floor in turn, each into a fresh copy
            ours.append(process(engage(fresh(db, copy), "import", "hours", str(source)))[0])
            floor.append(process([PY, "-c", FLOOR, str(fresh(db, copy)), str(source), json.dumps(BULK)])[0])
    rows.append(ratio_row(f"engage import hours, {IMPORTED:,} rows into it", ours, floor, 1.3, "s"))
    print(f"{'':<44} {IMPORTED / statistics.median(ours):,.0f} rows/s")
    return rows


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100000"]:
        main(int(arg))
