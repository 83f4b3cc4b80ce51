"""The go-to dialogs read periods as the reports write them, with the same parser as the command line."""

from textual.widgets import DataTable, Input, Select, Static

from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.screens.rollups import RollupsScreen
from tests.tui.conftest import settle


def _headers(table: DataTable) -> list[str]:
    return [str(c.label) for c in table.columns.values()]


async def _go_to(pilot, typed: str) -> None:
    await pilot.press("g")
    await settle(pilot)
    assert isinstance(pilot.app.screen, Ask)
    pilot.app.screen.query_one("#answer", Input).value = typed
    await settle(pilot)


async def test_rollups_go_to_a_quarter_as_the_reports_write_it(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, RollupsScreen)
        screen.query_one("#kind", Select).value = "quarter"
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        table = screen.query_one("#pivot", DataTable)
        await _go_to(pilot, "Quarter 4 (Jan-Mar) 2021/22")
        await pilot.press("enter")
        await settle(pilot)
        assert _headers(table)[1:] == ["Q1 2021/22", "Q2 2021/22", "Q3 2021/22", "Q4 2021/22", "Total"]
        await _go_to(pilot, "quarter one 2017-18")
        await pilot.press("enter")
        await settle(pilot)
        assert _headers(table)[1:] == ["Q2 2016/17", "Q3 2016/17", "Q4 2016/17", "Q1 2017/18", "Total"]


async def test_rollups_go_to_refuses_in_the_dialog_and_keeps_what_was_typed(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await _go_to(pilot, "Quarter 1 (Jan-Mar) 2021/22")
        await pilot.press("enter")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, Ask)  # still open, with the reason
        error = str(dialog.query_one("#ask-error", Static).content)
        assert error.endswith("is not a period: Q1 2021/22 is Apr-Jun")
        assert dialog.query_one("#answer", Input).value == "Quarter 1 (Jan-Mar) 2021/22"
        dialog.query_one("#answer", Input).value = "2013-"
        await settle(pilot)
        assert "Quarter 4 (Jan-Mar) 2021/22" in str(dialog.query_one("#ask-error", Static).content)
        await pilot.press("escape")
