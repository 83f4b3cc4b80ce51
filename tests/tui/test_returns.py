"""Returns in the TUI: the officer submits and withdraws; the supervisor approves, sends back with a
reason, and reads the chase list; the audit screen verifies the chain."""

from dataclasses import replace

import pytest
from textual.notifications import Notify
from textual.widgets import DataTable, Static

from engage_tui.domain import returns
from engage_tui.domain.directory import set_person_active
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.periods import Month, year_months
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.entry_form import EntryForm
from engage_tui.tui.screens.returns import ReturnsScreen
from engage_tui.tui.widgets.chunked import FIRST
from engage_tui.tui.widgets.wrapped import Wrapped
from tests.conftest import sup
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


@pytest.mark.on_server
async def test_supervisor_approves_and_sends_back(demo_app, demo_store):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReturnsScreen)
        assert _cell(pilot.app, "Amira Khan", "2017-10") == "▲"
        await _goto(pilot, "Amira Khan", "2017-10")
        chase = pilot.app.screen.query_one("#chase", Wrapped).text
        assert chase.startswith("Still to submit for October 2017: Ben Walton (draft)")
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert _cell(pilot.app, "Amira Khan", "2017-10") == "✓"
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
        assert _cell(pilot.app, "Carla Nowak", "2017-10") == "↩"
        said = str(pilot.app.screen.query_one("#return-cell", Static).content)
        assert said.startswith("Carla Nowak, October 2017: sent back, ") and said.endswith(
            "h logged: add the school visit"
        )
    with demo_store.read() as session:
        carla = next(r for r in returns.status(session, Month(2017, 10)) if r.officer == "Carla Nowak")
    assert (carla.state, carla.reason) == ("sent back", "add the school visit")


async def test_a_supervisors_own_return_is_refused_before_asking(demo_app, demo_store):
    """Approving one's own return is refused at once, saying why, rather than after "Approve?"."""
    with demo_store.write() as session:
        add_entry(session, sup(session), EntryDraft("sup", "2017-09-04", "2"))
        returns.submit(session, sup(session), Month(2017, 9))
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        await _goto(pilot, "sup", "2017-09")
        assert pilot.app.screen.check_action("approve", ()) is None  # dimmed in the key bar
        await pilot.press("A")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, Confirm)
        said = [str(n.message) for n in pilot.app._notifications]
        assert "Nobody approves their own return (sup); ask another supervisor" in said


def _errors(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


async def test_a_supervisor_who_logs_hours_and_people_who_left_have_rows(demo_app, demo_store):
    """Once a supervisor logs hours their own return is on the grid (no error); someone who left
    keeps the rows of the year they worked in; the title follows ] and [."""
    with demo_store.write() as session:
        add_entry(session, sup(session), EntryDraft("sup", "2017-11-02", "2"))
        set_person_active(session, sup(session), "Harry Bell", False)
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert _errors(pilot.app) == []
        assert _title_of(pilot.app) == "Monthly returns, 2017"
        assert _cell(pilot.app, "sup", "2017-11") == "✎" and _cell(pilot.app, "sup", "2017-01") == "·"
        assert _cell(pilot.app, "Harry Bell", "2017-01") == "✓"
        await _goto(pilot, "sup", "2017-11")
        said = str(pilot.app.screen.query_one("#return-cell", Static).content)
        assert said == "sup, November 2017: draft, 2.00 h logged"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert _title_of(pilot.app) == "Monthly returns, 2018"
        grid = pilot.app.screen.query_one("#grid", DataTable)
        names = {str(grid.get_row_at(r)[0]) for r in range(grid.row_count)}
        assert "Harry Bell" not in names and "sup" not in names and "Amira Khan" in names
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert _title_of(pilot.app) == "Monthly returns, 2017" and _errors(pilot.app) == []


async def test_the_grid_reads_at_80_columns(demo_app):
    """Names whole beside a symbol for each month; the legend says what the symbols mean; the chase
    list scrolls when it is longer than its three lines."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        grid = pilot.app.screen.query_one("#grid", DataTable)
        assert grid.fixed_columns == 1 and "Ellen Rutherford" in {
            str(grid.get_row_at(r)[0]) for r in range(grid.row_count)
        }
        legend = str(pilot.app.screen.query_one("#legend", Static).content)
        assert "✓ approved" in legend and "▲ submitted" in legend and "· not started" in legend
        box = pilot.app.screen.query_one("#chase-box")
        await _goto(pilot, "Ben Walton", "2017-10")
        assert box.max_scroll_y > 0  # ten names owe October: more than three lines
        box.focus()
        await pilot.press("down")
        await settle(pilot)
        assert box.scroll_y > 0


def _title_of(app) -> str:
    return str(app.screen.query_one("#returns-title", Static).content)


@pytest.mark.on_server
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


async def test_a_grid_of_many_officers_shows_a_screenful_at_once_and_the_rest_between_frames(demo_app):
    """A force's 1,200 officers: the first screenful at once, the rest between frames, and the
    cursor on this month once every row is in (issue 20.2)."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        screen = pilot.app.screen
        rows = list(screen.states.values())
        many = [replace(r, officer=f"{r.officer} #{n}") for n in range(150) for r in rows]
        screen._show(2017, False, year_months(2017, False), many)
        grid = screen.query_one("#grid", DataTable)
        officers = len({r.officer for r in many})
        assert grid.row_count == FIRST < officers
        await settle(pilot)
        assert grid.row_count == officers
        assert grid.cursor_column == 10  # October, this month in the frozen today


async def test_the_chase_list_is_drawn_again_only_when_the_month_under_the_cursor_changes(demo_app):
    """A long chase list is wrapped and drawn whole at each update: moving between officers in the same
    month leaves it as it is."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        chase = pilot.app.screen.query_one("#chase", Wrapped)
        await _goto(pilot, "Amira Khan", "2017-10")
        october = chase.lines(chase.size.width)
        await _goto(pilot, "Ben Walton", "2017-10")
        assert chase.lines(chase.size.width) is october
        await _goto(pilot, "Ben Walton", "2017-09")
        assert chase.text.startswith("Still to submit for September 2017")
