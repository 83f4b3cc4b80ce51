"""Rollups and Annual screens: pivot with TOTAL pinned, enter lists the entries behind a cell,
periods step and flip, and every report screen exports."""

from dataclasses import replace

import pytest
from textual.widgets import DataTable, Select, Sparkline

from engage_tui.tui.dialogs.entries import EntriesDialog
from engage_tui.tui.screens.rollups import RollupsScreen
from engage_tui.tui.widgets.chunked import FIRST
from tests.tui.conftest import settle


def _rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


@pytest.mark.on_server
async def test_rollup_pivot_drill_down_and_chart(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, RollupsScreen)
        table = screen.query_one("#pivot", DataTable)
        rows = _rows(table)
        assert rows[0][0] == "TOTAL" and table.fixed_rows == 1
        assert rows[0][-1] == "2546"  # Nov 2016 – Oct 2017, whole hours from exact minutes
        await pilot.press("down", "right", "right", "right")  # Amira Khan, 2017-01
        await settle(pilot)
        assert screen.query_one("#spark", Sparkline).data[2] > 0
        await pilot.press("enter")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, EntriesDialog)
        behind = sum(e.minutes for e in dialog.entries)
        assert {e.officer for e in dialog.entries} == {"Amira Khan"}
        assert {e.date.strftime("%Y-%m") for e in dialog.entries} == {"2017-01"}
        assert round(behind / 60) == int(rows[1][3])
        await pilot.press("escape")


async def test_rollup_quarters_flip_to_financial_and_step(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#kind", Select).value = "quarter"
        screen.query_one("#by", Select).value = "category"
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        table = screen.query_one("#pivot", DataTable)
        headers = [str(c.label) for c in table.columns.values()]
        assert headers[1:] == ["Q4 2016/17", "Q1 2017/18", "Q2 2017/18", "Q3 2017/18", "Total"]
        assert _rows(table)[0][1:] == ["905", "873", "606", "162", "2546"]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        headers = [str(c.label) for c in table.columns.values()]
        assert headers[1] == "Q3 2016/17"
        await pilot.press("g")
        await settle(pilot)
        pilot.app.screen.query_one("#answer").value = "2021/22"
        await pilot.press("enter")
        await settle(pilot)
        headers = [str(c.label) for c in table.columns.values()]
        assert headers[1:] == ["Q1 2021/22", "Q2 2021/22", "Q3 2021/22", "Q4 2021/22", "Total"]


async def test_annual_screen_and_export_from_a_report_screen(demo_app, tmp_path):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert _rows(pilot.app.screen.query_one("#annual", DataTable)) == [
            ["2017", "2350", "196"],
            ["TOTAL", "2350", "196"],
        ]
        await pilot.press("f")
        await settle(pilot)
        assert _rows(pilot.app.screen.query_one("#annual", DataTable))[0] == ["2016/17", "855", "50"]
        await pilot.press("x")
        await settle(pilot)
    written = list((tmp_path / "exports").glob("annual-fy-*.csv"))
    assert len(written) == 1
    assert written[0].read_text(encoding="utf-8-sig").splitlines()[1] == "2016/17,855,50"


async def test_a_pivot_of_many_groups_shows_a_screenful_at_once_and_the_rest_between_frames(demo_app):
    """1,200 officers' rows never hold the app: TOTAL and the first screenful at once, pinned and
    charted, the rest between frames (issue 20.2)."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = pilot.app.screen
        report = screen.report
        total, rows = report.rows[-1], report.rows[:-1]
        many = [[f"{row[0]} #{n}", *row[1:]] for n in range(200) for row in rows]
        screen.report = replace(report, rows=[*many, total])
        screen.show(screen.report)
        table = screen.query_one("#pivot", DataTable)
        assert table.row_count == FIRST < len(many)
        assert str(table.get_row_at(0)[0]) == "TOTAL" and table.fixed_rows == 1
        assert screen.query_one("#spark", Sparkline).data
        await settle(pilot)
        assert table.row_count == len(many) + 1
