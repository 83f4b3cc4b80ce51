"""The PROVISIONAL badge on Monthly hours, Rollups and Annual: first on the title line, so that at
80 columns it always shows, and gone where every month counted is approved."""

from textual.geometry import Region
from textual.widgets import Input, Static

from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.screens.annual import AnnualScreen
from engage_tui.tui.screens.monthly import MonthlyScreen
from engage_tui.tui.screens.rollups import RollupsScreen
from tests.tui.conftest import settle

BADGE = " PROVISIONAL "


def _shown(pilot, title: str) -> str:
    """The title line as drawn (inside its padding of one): the characters that fit on the screen."""
    static = pilot.app.screen.query_one(title, Static)
    assert static.region.width == pilot.app.size.width
    line = static.render_lines(Region(0, 0, static.outer_size.width, 1))[0].text
    assert len(line) == pilot.app.size.width and line[0] == " "
    return line[1:]


async def _open(pilot, key: str) -> None:
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)


async def test_monthly_hours_shows_the_badge_at_80_columns_and_not_for_an_approved_year(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, "2")
        assert isinstance(pilot.app.screen, MonthlyScreen)
        line = _shown(pilot, "#report-title")
        assert line.startswith(BADGE + " Cohesion officers' monthly engagement hours")  # cut at the end
        badge = pilot.app.screen.query_one("#report-title", Static).content.spans[0]
        assert (badge.start, badge.end) == (0, len(BADGE)) and "$warning" in str(badge.style)
        await pilot.press("left_square_bracket")  # 2016: nothing logged, nothing pending
        await settle(pilot)
        assert _shown(pilot, "#report-title").startswith("Cohesion officers' monthly engagement hours, 2016")
        assert "PROVISIONAL" not in _shown(pilot, "#report-title")


async def test_rollups_badge_follows_the_window(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, "3")
        assert isinstance(pilot.app.screen, RollupsScreen)
        assert _shown(pilot, "#rollup-title").startswith(
            BADGE + " Cohesion officers' hours by officer and month"
        )
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Ask)
        pilot.app.screen.query_one("#answer", Input).value = "Q1 2017"  # Jan–Mar 2017: all approved
        await pilot.press("enter")
        await settle(pilot)
        assert _shown(pilot, "#rollup-title").startswith(
            "Cohesion officers' hours by officer and month (calendar), 2016-04-01"
        )
        await pilot.press("right_square_bracket")  # one month on: April 2017, approved too
        await settle(pilot)
        assert "PROVISIONAL" not in _shown(pilot, "#rollup-title")
        await pilot.press(*["right_square_bracket"] * 6)  # to October 2017: not approved for all
        await settle(pilot)
        assert _shown(pilot, "#rollup-title").startswith(BADGE)


async def test_annual_shows_the_badge_calendar_and_financial(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, "4")
        assert isinstance(pilot.app.screen, AnnualScreen)
        assert (
            _shown(pilot, "#annual-title").rstrip()
            == BADGE + " Cohesion officers' engagement hours by calendar year"
        )
        await pilot.press("f")
        await settle(pilot)
        assert _shown(pilot, "#annual-title").startswith(
            BADGE + " Cohesion officers' engagement hours by financial year"
        )
