"""Returns in the TUI: the officer submits and withdraws; the supervisor approves, sends back with a
reason, and reads the chase list; the audit screen verifies the chain."""

from textual.notifications import Notify
from textual.widgets import DataTable, Static

from engage_tui.domain import returns
from engage_tui.domain.periods import Month
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.entry_form import EntryForm
from engage_tui.tui.screens.returns import ReturnsScreen
from tests.tui.conftest import settle


def _title(app) -> str:
    return str(app.screen.query_one("#month-title", Static).content)


async def test_officer_submits_and_withdraws_and_a_locked_month_greys_out_add(officer_app):
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "return not started" in _title(pilot.app)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)  # asks first
        await pilot.press("y")
        await settle(pilot)
        assert "return submitted" in _title(pilot.app)
        assert pilot.app.screen.check_action("add", ()) is None
        await pilot.press("a")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, EntryForm)
        await pilot.press("W", "y")
        await settle(pilot)
        assert "return draft" in _title(pilot.app)


def _cell(app, officer: str, month: str) -> str:
    table = app.screen.query_one("#grid", DataTable)
    return str(table.get_cell(officer, month))


async def _goto(pilot, officer: str, month: str) -> None:
    table = pilot.app.screen.query_one("#grid", DataTable)
    table.cursor_coordinate = (table.get_row_index(officer), table.get_column_index(month))
    await settle(pilot)


async def test_supervisor_approves_and_sends_back(demo_app, demo_store):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReturnsScreen)
        assert _cell(pilot.app, "Amira Khan", "2017-10") == "▲ sub"
        await _goto(pilot, "Amira Khan", "2017-10")
        chase = str(pilot.app.screen.query_one("#chase", Static).content)
        assert chase.startswith("Still to submit for October 2017: Ben Walton (draft)")
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert _cell(pilot.app, "Amira Khan", "2017-10") == "✓ ok"
        await _goto(pilot, "Carla Nowak", "2017-10")
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Ask)
        await pilot.press("enter")  # an empty reason is refused in place
        await settle(pilot)
        assert isinstance(pilot.app.screen, Ask)
        await pilot.press(*"add the school visit", "enter")
        await settle(pilot)
        assert "saying: add the school visit?" in str(pilot.app.screen.query_one("#confirm-question").content)
        await pilot.press("y")
        await settle(pilot)
        assert _cell(pilot.app, "Carla Nowak", "2017-10") == "↩ back"
    with demo_store.read() as session:
        carla = next(r for r in returns.status(session, Month(2017, 10)) if r.officer == "Carla Nowak")
    assert (carla.state, carla.reason) == ("sent back", "add the school visit")


async def test_audit_screen_lists_and_verifies(demo_app):
    messages = []
    async with demo_app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        table = pilot.app.screen.query_one("#audit", DataTable)
        assert table.row_count > 100
        await pilot.press("v")
        await settle(pilot)
    notices = [m.notification.message for m in messages if isinstance(m, Notify)]
    assert any(n.startswith("Intact:") and "hash chain verified" in n for n in notices)
