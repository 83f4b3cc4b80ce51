"""`engage import hours` at force scale: a file of as many rows as the database holds, imported into
it, against its floor — raw `executemany` of the same rows into the same schema (WAL,
`synchronous=FULL`, the entry indexes and the frozen-month triggers) in one transaction, with the
bulk-load cache — alternating ours and the floor each repetition. Then each choice measured on its
own, for the floor and for engage (in process, phases timed): the page cache, the temporary store in
memory, rebuilding the secondary indexes, sorting the rows by index order; and the row checks alone.

    python benchmarks/bench_import.py 1000000      # 1,000,000 rows into the 1,000,000-entry database
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

from common import PY, Row, db_for, engage, fresh, import_file, imported, process

FLOOR = """
import csv, json, sqlite3, sys, time
from datetime import datetime, timezone
db_path, csv_path, options = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
began = time.perf_counter()
db = sqlite3.connect(db_path, isolation_level=None)
db.execute("PRAGMA synchronous = FULL")
if options.get("cache"):
    db.execute(f"PRAGMA cache_size = -{options['cache']}")
if options.get("temp"):
    db.execute("PRAGMA temp_store = MEMORY")
people = {name: (id_, area) for name, id_, area in db.execute("SELECT name, id, area_id FROM people")}
stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
with open(csv_path, newline="") as f:
    rows = csv.reader(f)
    next(rows)
    data = [(*people[r[0]], r[1], int(r[1][:4] + r[1][5:7]), int(r[3][:-1]), r[2], r[7]) for r in rows]
if options.get("sort"):
    data.sort(key=lambda r: (r[0], r[3], r[5]))
db.execute("BEGIN IMMEDIATE")
indexes = []
if options.get("rebuild"):
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                         "AND name IN ('ix_entries_month_cover', 'ix_entries_officer_month')").fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
db.executemany("INSERT INTO entries (officer_id, area_id, date, month_key, minutes, category, notes, "
               f"created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, '{stamp}')", data)
for _, sql in indexes:
    db.execute(sql)
db.execute("COMMIT")
print(json.dumps({"seconds": time.perf_counter() - began}))
"""

OURS = """
import json, sys, time
from pathlib import Path
began = time.perf_counter()
from engage_tui.domain import imports
from engage_tui.domain.people import require_actor
from engage_tui.store import Store
from engage_tui.store.engine import BulkSettings, bulk_load
db_path, csv_path, options = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
store = Store(f"sqlite:///{db_path}")
imported = time.perf_counter()
file = imports.open_import(Path(csv_path))
read = time.perf_counter()
parsed = sum(1 for _ in file.cells(imports.HOURS_COLUMNS, imports.HOURS_REQUIRED))
parse = time.perf_counter() - read
read = time.perf_counter()
with store.read() as session:
    actor = require_actor(session, "bench")
    prepared = imports.prepare_hours(session, actor, file)
del file
checked = time.perf_counter()
settings = BulkSettings(cache_kib=options.get("cache"), temp_in_memory=options.get("temp", False))
bulk = imports.BulkLoad(rebuild_at=options.get("rebuild_at"), sort=options.get("sort", False))
with bulk_load(settings), store.write() as session:
    imports.store_hours(session, actor, prepared, bulk)
stored = time.perf_counter()
print(json.dumps({"rows": prepared.rows, "parse": parse, "prepare": checked - read,
                  "store": stored - checked, "seconds": stored - began - parse}))
"""

BULK = {"cache": 200_000, "temp": True}
"""The floor's settings: the bulk-load cache of issue 21 (engage's own is `store.engine.BULK_CACHE_KIB`)."""


def _floor(db: Path, source: Path, options: dict) -> list[str]:
    return [PY, "-c", FLOOR, str(db), str(source), json.dumps(options)]


def timed_process(argv: list[str]) -> tuple[float, float, dict]:
    """Wall seconds, peak memory (MB) and the JSON it printed (if any) of one cold process."""
    seconds, peak, out = process(argv, capture=True)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    return seconds, peak, json.loads(lines[-1]) if lines else {}


FLOOR_CHOICES = (
    ("untuned", {}),
    ("+ cache 200 MB", {"cache": 200_000}),
    ("+ temp in memory (the floor)", BULK),
    ("+ two covering indexes rebuilt", {**BULK, "rebuild": True}),
    ("+ rows sorted by index order", {**BULK, "sort": True}),
)


def _our_choices() -> tuple[tuple[str, dict], ...]:
    from engage_tui.store.engine import BULK_CACHE_KIB

    shipped = {"cache": BULK_CACHE_KIB, "temp": True, "rebuild_at": 0.5}
    return (
        (f"as shipped (cache {BULK_CACHE_KIB // 1000} MB, temp in memory, rebuilt)", shipped),
        ("without the cache", {**shipped, "cache": None}),
        ("without temp in memory", {**shipped, "temp": False}),
        ("with the 200 MB cache", {**shipped, "cache": 200_000}),
        ("indexes kept (not rebuilt)", {**shipped, "rebuild_at": None}),
        ("+ rows sorted by index order", {**shipped, "sort": True}),
    )


def main(size: int, reps: int = 3) -> list[Row]:
    """`imported(size)` rows into the `size`-entry database: the headline, then each choice alone."""
    db = db_for(size)
    count = imported(size)
    source = import_file(count)
    print(f"--- importing {count:,} rows into {size:,} entries")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
        copy = Path(tmp) / "import.sqlite3"
        ours, floor, peaks = [], [], []
        for _ in range(reps):  # ours and the floor in turn, each into a fresh copy
            seconds, peak, _ = timed_process(engage(fresh(db, copy), "import", "hours", str(source)))
            ours.append(seconds)
            peaks.append(peak)
            floor.append(timed_process(_floor(fresh(db, copy), source, BULK))[0])
        ratio = statistics.median(ours) / statistics.median(floor)
        mine, theirs = statistics.median(ours), statistics.median(floor)
        print(
            f"engage import hours (cold process)          {mine:6.2f} s ({count / mine:,.0f} rows/s)  "
            f"floor {theirs:6.2f} s ({count / theirs:,.0f} rows/s)  ratio {ratio:.2f}x (target <= 1.3x)"
        )
        print(f"{'':<45}peak memory {max(peaks):.0f} MB (target <= 400 MB)")
        rows.append(
            Row(
                f"`engage import hours`, {count:,} rows into {size:,}",
                f"{mine:.1f} s, {count / mine:,.0f} rows/s",
                f"{theirs:.1f} s, {count / theirs:,.0f} rows/s",
                ratio,
                "<= 1.3x",
            )
        )
        rows.append(Row("… its peak memory", f"{max(peaks):.0f} MB", "", None, "<= 400 MB"))

        print("the floor, one choice at a time (whole process):")
        for name, options in FLOOR_CHOICES:
            seconds, peak, _ = timed_process(_floor(fresh(db, copy), source, options))
            print(f"  {name:<43}{seconds:6.2f} s  {count / seconds:9,.0f} rows/s  peak {peak:4.0f} MB")
            rows.append(
                Row(f"floor {name}", "", f"{seconds:.1f} s, {count / seconds:,.0f} rows/s, {peak:.0f} MB")
            )

        print("engage, one choice at a time (in process: parse, checks, then the store under the lock):")
        for name, options in _our_choices():
            _, peak, phases = timed_process(
                [PY, "-c", OURS, str(fresh(db, copy)), str(source), json.dumps(options)]
            )
            done = phases["rows"]
            checks = (phases["prepare"] - phases["parse"]) * 1e6 / done
            print(
                f"  {name:<43}{phases['seconds']:6.2f} s: parse {phases['parse'] * 1e6 / done:.2f} us/row, "
                f"checks {checks:.2f} us/row, store {phases['store']:.2f} s; peak {peak:.0f} MB"
            )
            rows.append(
                Row(
                    f"engage {name}",
                    f"{phases['seconds']:.1f} s: parse {phases['parse'] * 1e6 / done:.1f} + checks "
                    f"{checks:.1f} us/row, store {phases['store']:.1f} s, {peak:.0f} MB",
                )
            )
    return rows


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100000"]:
        main(int(arg))
