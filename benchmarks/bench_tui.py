"""The TUI: cold start to the first screen with data, filling a month's DataTable (one officer's
month, and a whole month of ~16,000 entries), and saving an entry until its row appears.

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

from common import db_for, process_times, report

PY = sys.executable
COLD_OURS = """
import sys
from engage_tui.config import resolve
from engage_tui.tui.app import build_app
app = build_app(resolve(db=sys.argv[1], user="officer0001"))
app.call_after_refresh(lambda: app.call_after_refresh(app.exit))
app.run(headless=True)
"""
COLD_FLOOR = """
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
        table.add_rows(db.execute("SELECT date, minutes, category FROM entries WHERE officer_id = 2 "
                                  "AND month_key = 202310"))
        self.call_after_refresh(lambda: self.call_after_refresh(self.exit))
Floor().run(headless=True)
"""


def month_fill(size: int) -> None:
    """Fill the My month table in process, against a raw fetch of the same rows."""
    from textual.widgets import DataTable

    from engage_tui.config import Settings
    from engage_tui.domain.hours import EntryDraft, list_entries
    from engage_tui.domain.periods import Month
    from engage_tui.store import Store
    from engage_tui.tui.app import build_app
    from engage_tui.tui.screens.my_month import MyMonthScreen

    path = db_for(size)
    store = Store(f"sqlite:///{path}")
    raw = sqlite3.connect(path)
    settings = Settings(f"sqlite:///{path}", "bench", path.parent, today_override=date(2023, 10, 15))
    whole_month = raw.execute("SELECT count(*) FROM entries WHERE month_key = 202310").fetchone()[0]

    async def measure() -> None:
        app = build_app(settings, store)
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.press("1")  # a supervisor opens on Monthly hours
            await pilot.pause()
            screen: MyMonthScreen = app.screen
            screen.officer_id = 2
            await pilot.pause()
            ours_one, ours_all, every_row, saves = [], [], [], []
            for _ in range(5):
                began = time.perf_counter()
                screen.refresh_entries()
                ours_one.append(time.perf_counter() - began)
            floor_one = [_raw(raw, "officer_id = 2 AND month_key = 202310") for _ in range(5)]
            table = screen.query_one("#entries", DataTable)
            for _ in range(3):
                began = time.perf_counter()
                with store.read() as session:
                    rows = list_entries(session, None, Month(2023, 10))
                screen._fill(rows)
                ours_all.append(time.perf_counter() - began)  # on screen, usable
                while table.row_count < len(rows):
                    await pilot.pause()
                every_row.append(time.perf_counter() - began)  # every row in, between frames
            floor_all = [_raw(raw, "month_key = 202310") for _ in range(3)]
            screen.refresh_entries()
            for n in range(5):
                began = time.perf_counter()
                entry_id = screen._store_new(EntryDraft("Officer 0000", "2023-10-15", f"{n + 1}m"))
                screen._saved(entry_id)
                assert str(entry_id) in screen.query_one("#entries", DataTable).rows
                saves.append(time.perf_counter() - began)
        report("My month: one officer's month into the table", ours_one, floor_one, 5.0)
        report(f"a whole month ({whole_month:,} entries) into the table", ours_all, floor_all, 5.0)
        print(
            f"{'':<44} every row in (filled between frames): median "
            f"{statistics.median(every_row) * 1000:.0f} ms"
        )
        print(
            f"{'saving an entry until its row appears':<44} median "
            f"{statistics.median(saves) * 1000:.1f} ms (max {max(saves) * 1000:.1f}; target <= 50 ms)"
        )

    asyncio.run(measure())


def _raw(raw: sqlite3.Connection, where: str) -> float:
    began = time.perf_counter()
    raw.execute(
        f"SELECT e.id, p.name, e.date, e.minutes, e.category, a.name, e.notes FROM entries e "
        f"JOIN people p ON p.id = e.officer_id LEFT JOIN areas a ON a.id = e.area_id "
        f"WHERE {where} ORDER BY e.date, e.id"
    ).fetchall()
    return time.perf_counter() - began


def main(size: int) -> None:
    path = db_for(size)
    print(f"--- {size:,} entries")
    env = {**os.environ, "TEXTUAL": ""}
    report(
        "TUI cold start to the first screen with data",
        process_times([PY, "-c", COLD_OURS, str(path)], 5, env),
        process_times([PY, "-c", COLD_FLOOR, str(path)], 5, env),
        1.5,
    )
    month_fill(size)


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100000"]:
        main(int(arg))
