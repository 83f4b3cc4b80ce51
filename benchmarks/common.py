"""Timing helpers shared by the benchmarks: several runs, median/min/max, and the ratio to a floor."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def timed(fn: Callable[[], object], runs: int = 5) -> list[float]:
    """Seconds for each of `runs` calls (after one warm-up call)."""
    fn()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return times


def process_times(argv: list[str], runs: int = 5, env: dict | None = None) -> list[float]:
    """Seconds for each of `runs` cold runs of a command (stdout discarded)."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - began)
    return times


def report(name: str, ours: list[float], floor: list[float], target: float) -> None:
    """One line: our median/min/max, the floor's median, the ratio and whether it meets the target."""
    ratio = statistics.median(ours) / statistics.median(floor)
    verdict = "ok" if ratio <= target else "OVER TARGET"
    print(
        f"{name:<44} ours {_ms(ours)}  floor {statistics.median(floor) * 1000:8.1f} ms  "
        f"ratio {ratio:5.2f}x (target <= {target}x) {verdict}"
    )


def _ms(times: list[float]) -> str:
    return (
        f"median {statistics.median(times) * 1000:8.1f} ms "
        f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})"
    )


def db_for(size: int) -> Path:
    path = DATA / f"engage-{size}.sqlite3"
    if not path.exists():
        sys.exit(f"no benchmark database for {size:,} entries; run: python benchmarks/generate.py {size}")
    return path
