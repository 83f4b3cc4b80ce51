"""The PACT screen: T1 and T2 for a day chosen by typing it."""

from textual.widgets import DataTable, Input

from engage_tui.tui.screens.pact import PactScreen


async def test_pact_screen_shows_t1_and_t2_for_a_day(demo_app):
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PactScreen)
        await pilot.press("g")
        await pilot.pause()
        pilot.app.screen.query_one("#answer", Input).value = "2015-12-31"
        await pilot.press("enter")
        await pilot.pause()
        t1 = pilot.app.screen.query_one("#t1", DataTable)
        assert [str(c) for c in t1.get_row_at(t1.row_count - 1)][:2] == ["TOTAL", "170"]
        t2 = pilot.app.screen.query_one("#t2", DataTable)
        assert [str(c) for c in t2.get_row_at(0)] == ["PCSO", "31.84", "6120", "194,860.80"]
