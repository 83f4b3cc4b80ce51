"""The Confidence screen: the report's layout, movement with a symbol, period pickers."""

from textual.widgets import DataTable, Select

from engage_tui.tui.screens.confidence import ConfidenceScreen
from tests.tui.conftest import settle


async def test_confidence_screen_shows_t4_and_follows_the_pickers(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfidenceScreen)
        table = pilot.app.screen.query_one("#t4", DataTable)
        fear = [str(c) for c in table.get_row_at(10)]
        assert fear[:4] == ["Fear", "3.9", "3.7", "▲ Improved"] and fear[6] == "▼ Worsened"
        pilot.app.screen.query_one("#compare", Select).value = "Baseline"
        await settle(pilot)
        assert {str(table.get_row_at(i)[3]) for i in range(table.row_count)} == {"= No Change"}
