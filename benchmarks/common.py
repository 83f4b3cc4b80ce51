"""Timing helpers shared by the benchmarks: several runs, ours and the floor in turn (so a busy
moment of a shared machine falls on both), median/min/max, the ratio to the floor, and the rows of
the one table `python -m benchmarks` prints."""

from __future__ import annotations

import compileall
import functools
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


@dataclass(frozen=True)
class Row:
    """One line of the summary table: a measure, ours and the floor as text, their ratio (None where
    there is no floor) and the target (a ratio, or words)."""

    measure: str
    ours: str
    floor: str = ""
    ratio: float | None = None
    target: str = ""

    @property
    def verdict(self) -> str:
        if self.ratio is None or not self.target.startswith("<="):
            return ""
        limit = float(self.target.removeprefix("<=").strip().rstrip("x×"))
        return "ok" if self.ratio <= limit else "OVER"


def alternate(ours: Callable[[], object], floor: Callable[[], object], runs: int = 5) -> tuple[list, list]:
    """Seconds for `runs` calls of each, ours then the floor each time (after one warm-up of each)."""
    ours()
    floor()
    mine, theirs = [], []
    for _ in range(runs):
        for fn, times in ((ours, mine), (floor, theirs)):
            began = time.perf_counter()
            fn()
            times.append(time.perf_counter() - began)
    return mine, theirs


LAUNCHER = """
import os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
began = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(out, "w") as f:
    f.write(f"{time.perf_counter() - began} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs a command and writes its wall seconds and peak memory. A child's peak as `wait4` reports it
is at least its parent's at the fork (Linux keeps the old image's high-water mark across exec), so a
benchmark process holding 150 MB would see every command it runs take 150 MB: this small launcher
forks the command instead, and its own few MB are all that can leak in."""


@functools.cache
def bytecode() -> None:
    """engage's modules compiled ahead, as an installed wheel has them (pip compiles on install, and
    Python writes them on first use). A machine that sets PYTHONDONTWRITEBYTECODE — this one does —
    would have an editable install compile every module it imports on every cold run: ≈50-80 ms of a
    command's time that no user's machine spends. Figures before 2026-12-02 (third session) carry it."""
    compileall.compile_dir(HERE.parent / "engage_tui", quiet=1)


def process(argv: list[str], env: dict | None = None, capture: bool = False) -> tuple[float, float, str]:
    """Wall seconds, peak resident memory (MB) and (if `capture`) the stdout of one cold run."""
    bytecode()
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as measured:
        done = subprocess.run(
            [sys.executable, "-c", LAUNCHER, measured.name, *argv],
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
            env=env or {**os.environ, "ENGAGE_USER": "bench"},
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"exit {done.returncode}: {' '.join(argv[:4])}")
        seconds, peak = measured.read().split()
    return float(seconds), int(peak) / 1024, done.stdout or ""


def alternate_processes(
    ours: list[str],
    floor: list[str],
    runs: int = 5,
    env: dict | None = None,
    before: Callable[[], object] | None = None,
) -> tuple[list[float], list[float], float, float]:
    """Cold runs of two commands in turn: their seconds, and each one's peak memory (MB); `before`
    runs ahead of every run (to remove an output file)."""
    mine, theirs, peaks = [], [], [0.0, 0.0]
    for _ in range(runs):
        for index, (argv, times) in enumerate(((ours, mine), (floor, theirs))):
            if before is not None:
                before()
            seconds, peak, _ = process(argv, env)
            times.append(seconds)
            peaks[index] = max(peaks[index], peak)
    return mine, theirs, peaks[0], peaks[1]


def ratio_row(name: str, ours: list[float], floor: list[float], target: float, unit: str = "ms") -> Row:
    """Print the line `report` prints and return it as a row of the summary."""
    report(name, ours, floor, target)
    ratio = statistics.median(ours) / statistics.median(floor)
    return Row(name, _short(ours, unit), _short(floor, unit), ratio, f"<= {target}x")


def _short(times: list[float], unit: str) -> str:
    median = statistics.median(times)
    return f"{median:.2f} s" if unit == "s" else f"{median * 1000:,.1f} ms"


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
    bytecode()
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
    again = f"run: python benchmarks/generate.py {size}"
    if not path.exists():
        sys.exit(f"no benchmark database for {size:,} entries; {again}")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        held = db.execute("SELECT count(*) FROM entries").fetchone()[0]
    if held != size:  # a generation cut short measures nothing
        sys.exit(f"{path} holds {held:,} entries, not {size:,}; {again}")
    return upgraded(path)


@functools.cache
def upgraded(path: Path) -> Path:
    """`path` at this engage's schema: a database generated before a migration is upgraded by `engage
    init` (once a process), and its WAL folded into the main file, which some benchmarks copy alone."""
    subprocess.run(engage(path, "--user", "bench", "init"), check=True, stdout=subprocess.DEVNULL)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


PY = sys.executable
ENGAGE = Path(PY).with_name("engage")


def engage(db: Path, *args: str) -> list[str]:
    """The installed `engage` command, as a user runs it (`python -m` adds runpy's own imports)."""
    command = [str(ENGAGE)] if ENGAGE.exists() else [PY, "-m", "engage_tui"]
    return [*command, "--db", str(db), *args]


def imported(size: int) -> int:
    """How many rows an import benchmark brings into a `size`-entry database: as many, up to a
    million (at 5M, a million into five: the growth that matters is the table's)."""
    return min(size, 1_000_000)


def import_file(rows: int) -> Path:
    """An `import hours` file of `rows` rows (1,200 officers, 2019, odd minutes, a note each)."""
    path = DATA / f"import-{rows}.csv"
    if not path.exists():
        DATA.mkdir(exist_ok=True)
        with path.open("w") as f:
            f.write("officer,date,category,hours,area,audience,activity,notes\n")
            for i in range(rows):
                f.write(
                    f"Officer {i % 1200:04d},2019-{i % 12 + 1:02d}-{i % 28 + 1:02d},community,"
                    f"{i % 397 + 7}m,,,,note {i}\n"
                )
    return path


def fresh(source: Path, copy: Path) -> Path:
    """`copy` made a fresh copy of the database `source` (and nothing left of an earlier one's WAL,
    which SQLite would read into the new copy and damage it)."""
    remove(copy)
    shutil.copy(source, copy)
    return copy


def remove(database: Path) -> None:
    """A database file and its -wal and -shm files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def table(rows: list[Row], title: str) -> str:
    """The summary as Markdown: one row a measure, ours, the floor, the ratio and the target."""
    lines = [
        f"### {title}",
        "",
        "| measure | ours | floor | ratio | target | |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        lines.append(f"| {row.measure} | {row.ours} | {row.floor} | {ratio} | {row.target} | {row.verdict} |")
    return "\n".join(lines)
