"""The TUI: cold start to the first screen with data (My month of an officer, against a minimal
Textual app showing the same rows through stdlib `sqlite3`, in turn), a whole month into the table,
and saving an entry until its row appears.

    python benchmarks/bench_tui.py 1000000
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import statistics
import sys
import time
from datetime import date

from common import PY, Row, alternate_processes, db_for, ratio_row

MONTH = date(2023, 10, 15)
KEY = MONTH.year * 100 + MONTH.month
COLD_OURS = f"""
import sys
from dataclasses import replace
from datetime import date
from engage_tui.config import resolve
from engage_tui.tui.app import build_app
login, expected = sys.argv[2], int(sys.argv[3])
settings = resolve(db=sys.argv[1], user=login)
app = build_app(replace(settings, today_override=date.fromisoformat("{MONTH}")))

def check():  # the first frame with the month's rows (its first screenful) drawn
    table = app.screen.query("#entries")
    if table and table.first().row_count >= min(expected, 200) and "loading" not in str(
        app.screen.query_one("#month-title").content
    ):
        app.call_after_refresh(app.exit)
    else:
        app.set_timer(0.002, check)

app.call_later(check)
app.run(headless=True)
"""
COLD_FLOOR = f"""
import sqlite3, sys
from textual.app import App
from textual.widgets import DataTable
class Floor(App):
    def compose(self):
        yield DataTable()
    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("date", "minutes", "category")
        db = sqlite3.connect(sys.argv[1])
        table.add_rows(db.execute("SELECT e.date, e.minutes, e.category FROM entries e "
                                  "JOIN people p ON p.id = e.officer_id WHERE p.login = ? "
                                  "AND e.month_key = {KEY} ORDER BY e.date, e.id", (sys.argv[2],)))
        self.call_after_refresh(self.exit)
Floor().run(headless=True)
"""


def busiest(raw: sqlite3.Connection) -> tuple[str, int]:
    """The officer with the most entries in MONTH, and how many: the first screen both sides show."""
    login, count = raw.execute(
        f"SELECT p.login, count(*) FROM entries e JOIN people p ON p.id = e.officer_id "
        f"WHERE e.month_key = {KEY} AND p.login LIKE 'officer%' GROUP BY p.id ORDER BY 2 DESC, p.id LIMIT 1"
    ).fetchone()
    return login, count


def month_fill(size: int) -> list[Row]:
    """In process: a whole month (every officer's entries) into My month's table, and saving an entry
    until its row is in the table."""
    from textual.widgets import DataTable

    from engage_tui.config import Settings
    from engage_tui.domain.hours import EntryDraft
    from engage_tui.domain.periods import Month
    from engage_tui.store import Store
    from engage_tui.tui.app import build_app
    from engage_tui.tui.screens.my_month import MyMonthScreen

    path = db_for(size)
    store = Store(f"sqlite:///{path}")
    raw = sqlite3.connect(path)
    settings = Settings(f"sqlite:///{path}", "bench", path.parent, today_override=MONTH)
    whole = raw.execute(f"SELECT count(*) FROM entries WHERE month_key = {KEY}")
    whole_month = whole.fetchone()[0]
    rows: list[Row] = []

    async def measure() -> None:
        app = build_app(settings, store)
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.press("1")
            while not isinstance(app.screen, MyMonthScreen):
                await pilot.pause()
            screen = app.screen
            table = screen.query_one("#entries", DataTable)
            on_screen, every_row, saves = [], [], []
            for _ in range(3):
                entries = app.service.hours.entries(None, Month.of(MONTH))  # every officer's month
                began = time.perf_counter()
                screen._fill(entries, None)
                on_screen.append(time.perf_counter() - began)  # the first screenful, usable
                while table.row_count < len(entries):
                    await pilot.pause()
                every_row.append(time.perf_counter() - began)  # every row in, between frames
            raw_fetch = [_raw(raw, f"month_key = {KEY}") for _ in range(3)]
            screen.officer_id = 2
            await pilot.pause(0.5)
            for n in range(5):
                began = time.perf_counter()
                row = app.service.hours.add(EntryDraft("Officer 0000", MONTH.isoformat(), f"{n + 1}m"))
                screen._saved(row.id)
                while str(row.id) not in table.rows:
                    await asyncio.sleep(0.001)
                saves.append(time.perf_counter() - began)
                app.service.hours.delete(row.id)  # leave the benchmark database as it was
        rows.append(
            ratio_row(f"a whole month ({whole_month:,} entries) into the table", on_screen, raw_fetch, 5.0)
        )
        print(f"{'':<44} every row in (filled between frames): median {statistics.median(every_row):.2f} s")
        rows.append(Row("… every row in, between frames", f"{statistics.median(every_row):.2f} s"))
        print(
            f"{'saving an entry until its row appears':<44} median "
            f"{statistics.median(saves) * 1000:.1f} ms (max {max(saves) * 1000:.1f}; target <= 50 ms)"
        )
        rows.append(
            Row(
                "saving an entry until its row appears",
                f"{statistics.median(saves) * 1000:.1f} ms",
                "",
                None,
                "<= 50 ms",
            )
        )

    asyncio.run(measure())
    store.dispose()
    return rows


def _raw(raw: sqlite3.Connection, where: str) -> float:
    began = time.perf_counter()
    raw.execute(
        f"SELECT e.id, p.name, e.date, e.minutes, e.category, a.name, e.notes FROM entries e "
        f"JOIN people p ON p.id = e.officer_id LEFT JOIN areas a ON a.id = e.area_id "
        f"WHERE {where} ORDER BY e.date, e.id"
    ).fetchall()
    return time.perf_counter() - began


def main(size: int, runs: int = 5) -> list[Row]:
    path = db_for(size)
    print(f"--- {size:,} entries")
    env = {**os.environ, "TEXTUAL": ""}
    login, count = busiest(sqlite3.connect(path))
    ours, floor, _, _ = alternate_processes(
        [PY, "-c", COLD_OURS, str(path), login, str(count)],
        [PY, "-c", COLD_FLOOR, str(path), login],
        runs,
        env,
    )
    rows = [ratio_row(f"TUI cold start to My month with its {count} rows", ours, floor, 2.0)]
    return rows + month_fill(size)


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100000"]:
        main(int(arg))
