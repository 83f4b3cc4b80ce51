"""The Monthly hours screen (T3) and the app shell: palette, modes, size guard."""

import pytest
from textual.widgets import DataTable, Static

from engage_tui.tui.dialogs.too_small import TooSmall
from engage_tui.tui.screens.monthly import MonthlyScreen
from engage_tui.tui.widgets.month_bars import MonthBars
from tests.conftest import PRINTED_T3
from tests.tui.conftest import settle


def _table(app) -> list[list[str]]:
    table = app.screen.query_one("#t3", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


@pytest.mark.on_server
async def test_t3_screen_shows_the_printed_table(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MonthlyScreen)
        assert _table(pilot.app) == PRINTED_T3
        bars = pilot.app.screen.query_one("#bars", MonthBars)
        assert [b.label for b in bars.bars][:2] == ["January", "February"] and len(bars.bars) == 12


async def test_year_keys_and_financial_year(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "f")
        await settle(pilot)
        title = str(pilot.app.screen.query_one("#report-title", Static).content)
        assert "hours, 2017/18" in title and title.startswith(" PROVISIONAL ")
        rows = _table(pilot.app)
        assert rows[0] == ["April 2017", "317", "21"] and rows[-1] == ["TOTAL", "1495", "146"]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert _table(pilot.app)[-1] == ["TOTAL", "855", "50"]  # Jan–Mar 2017


async def test_export_writes_the_csv_return(demo_app, tmp_path):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "x")
        await settle(pilot)
    written = list((tmp_path / "exports").glob("monthly-2017-*.csv"))
    assert len(written) == 1
    assert written[0].read_text(encoding="utf-8-sig").splitlines()[-1] == "TOTAL,2350,196"


async def test_palette_finds_every_screen_by_name(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, MonthlyScreen)  # a supervisor opens on the reports
        await pilot.press("1")
        await settle(pilot)
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert "go: My month" in titles and "go: Monthly hours (T3)" in titles
        assert (
            "hours: add an entry to this month" in titles
            and "return: submit the month to a supervisor" in titles
        )
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"monthly hours")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MonthlyScreen)


async def test_too_small_says_so_and_recovers(demo_app):
    async with demo_app.run_test(size=(70, 20)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(pilot.app.screen, TooSmall)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert not isinstance(pilot.app.screen, TooSmall)
