"""Run every benchmark at one size and print one table: each measure, ours and the floor (run in
turn, ours then the floor, each repetition), the ratio and the target.

    python -m benchmarks --size 100k
    python -m benchmarks --size 1M            # under 20 minutes on the 2-core machine
    python -m benchmarks --size 1M --only import,lag
    python -m benchmarks --size 1M --only pg   # PostgreSQL: starts a throwaway server (fsync on)

The database for a size is made on first use (`generate.py`); so is the lag probe's (`bench_lag.py`).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the scripts import one another by their own names

SUITES = ("queries", "cli", "tui", "xlsx", "import", "lag", "pg")


def size_of(text: str) -> int:
    """`100k`, `1M`, `5M` or a number of entries."""
    units = {"k": 1_000, "m": 1_000_000}
    text = text.strip().lower().replace(",", "").replace("_", "")
    if text[-1:] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", help="entries in the database: 100k, 1M, 5M (default 100k)")
    parser.add_argument("--only", help=f"a comma-separated choice of {', '.join(SUITES)}")
    parser.add_argument("--runs", type=int, default=5, help="repetitions of ours and the floor (default 5)")
    args = parser.parse_args(argv)
    size = size_of(args.size)
    chosen = args.only.split(",") if args.only else list(SUITES)
    common = import_module("common")
    if not common.DATA.joinpath(f"engage-{size}.sqlite3").exists():
        import_module("generate").generate(size)
    runs = {
        "queries": lambda: import_module("bench_queries").main(size),
        "cli": lambda: import_module("bench_cli").main(size, args.runs),
        "tui": lambda: import_module("bench_tui").main(size, args.runs),
        "xlsx": lambda: import_module("bench_xlsx").main(size, args.runs),
        "import": lambda: import_module("bench_import").main(size, max(1, args.runs // 2 + 1)),
        "lag": lambda: import_module("bench_lag").main(size),
        "pg": lambda: import_module("bench_pg").main(size, max(1, args.runs // 2 + 1)),
    }
    began = time.perf_counter()
    rows, took = [], {}
    for name in chosen:
        run: Callable[[], list] = runs[name]
        start = time.perf_counter()
        try:
            rows += run()
        except Exception as failure:  # one suite's failure still leaves the others' figures
            rows.append(common.Row(f"{name}: FAILED", f"{type(failure).__name__}: {failure}"))
        took[name] = time.perf_counter() - start
    minutes = (time.perf_counter() - began) / 60
    print()
    print(
        common.table(
            rows,
            f"{size:,} entries ({minutes:.1f} minutes: "
            + ", ".join(f"{n} {s / 60:.1f}" for n, s in took.items())
            + ")",
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
