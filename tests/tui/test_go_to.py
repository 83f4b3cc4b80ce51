"""Issue 22.6: `g` on every screen with a period jumps to a month, year, financial year or quarter,
typed as the reports write it, with the current one offered."""

import pytest
from textual.widgets import Input, Static

from engage_tui.domain.periods import Month
from engage_tui.tui.app import PLACES
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.keys import Places, uses_of
from tests.tui.conftest import settle


async def _go(pilot, mode: str, typed: str) -> str:
    """Open `mode`, press g, say what it offered, and answer `typed`."""
    await pilot.app.switch_mode(mode)
    await settle(pilot)
    await pilot.press("g")
    await settle(pilot)
    assert isinstance(pilot.app.screen, Ask)
    answer = pilot.app.screen.query_one("#answer", Input)
    offered = answer.value
    answer.value = typed
    await pilot.press("enter")
    await settle(pilot)
    return offered


def test_every_screen_that_steps_through_periods_has_g():
    for place in PLACES:
        screen = Places.load(f"screens.{place.screen}")
        meanings = {u.meaning for u in uses_of(screen, "")}
        if "prev" in meanings:
            assert "goto" in meanings, place.mode


async def test_g_takes_any_period_on_every_screen(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert await _go(pilot, "month", "Q2 2017/18") == "2017-10"
        assert pilot.app.screen.month == Month(2017, 7)
        assert await _go(pilot, "monthly", "2021/22") == "2017"
        assert "2021/22" in str(pilot.app.screen.query_one("#report-title", Static).content)
        assert await _go(pilot, "rollups", "2016") == "2017-10"
        assert pilot.app.screen.last == Month(2016, 12)
        assert await _go(pilot, "events", "Q3 2017") == "2017"
        assert "Community events, Q3 2017:" in str(
            pilot.app.screen.query_one("#events-title", Static).content
        )
        assert await _go(pilot, "returns", "2016/17") == "2017"
        assert str(pilot.app.screen.query_one("#returns-title", Static).content) == "Monthly returns, 2016/17"
        columns = [c.label.plain for c in pilot.app.screen.query_one("#grid").ordered_columns]
        assert columns[1] == "Apr" and columns[-1] == "Mar"
        await _go(pilot, "pact", "2017-06")
        assert pilot.app.screen.as_of.isoformat() == "2017-06-30"


@pytest.mark.parametrize("typed", ["2017-13", "Q5 2017", "someday"])
async def test_g_refuses_what_is_not_a_period_in_place(demo_app, typed):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.app.switch_mode("month")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        pilot.app.screen.query_one("#answer", Input).value = typed
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Ask)
        assert str(pilot.app.screen.query_one("#ask-error", Static).content).startswith("period: ")


async def test_a_month_typed_on_returns_puts_the_cursor_on_it(demo_app):
    """`g 2016-05` shows 2016 with the cursor on May — not the column it was on — and the line under
    the grid says that month."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for typed, column in (("2016-05", "2016-05"), ("Q4 2016", "2016-12"), ("2015-02", "2015-02")):
            await _go(pilot, "returns", typed)
            await pilot.app.workers.wait_for_complete()
            await settle(pilot)
            grid = pilot.app.screen.query_one("#grid")
            assert grid.ordered_columns[grid.cursor_column].key.value == column, typed
            said = str(pilot.app.screen.query_one("#return-cell", Static).content)
            assert Month.from_key(int(column.replace("-", ""))).label in said
