"""Issue 22.9 and the event form: long labels are cut with … in tables and shown whole in the line
under them; officers added in the event form are in view at once."""

from textual.widgets import DataTable, Input, Static

from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.people import require_actor
from engage_tui.tui.dialogs.event_form import EventForm
from engage_tui.tui.widgets.table import Table, share
from tests.tui.conftest import settle

LONG = "school session (cyber-crime, bullying, grooming, sexting)"


def _log_long(store) -> None:
    with store.write() as session:
        add_entry(
            session,
            require_actor(session, "ann"),
            EntryDraft("Ann Officer", "2017-10-03", "2", audience="older people", activity=LONG),
        )


def _line(table: DataTable, row: int) -> str:
    """The row as drawn on screen."""
    return "".join(segment.text for segment in table.render_line(row + 1))  # under the header


async def test_a_long_label_is_cut_with_an_ellipsis_and_shown_whole_below(officer_app, team_store):
    _log_long(team_store)
    async with officer_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#entries", Table)
        drawn = _line(table, 0)
        assert "school session" in drawn and "…" in drawn and LONG not in drawn
        assert table.virtual_size.width <= table.size.width  # nothing pushed off the right
        detail = str(pilot.app.screen.query_one("#month-detail", Static).content)
        assert f"Activity: {LONG}" in detail
        assert table.tooltip == detail


async def test_a_wide_terminal_shows_it_whole_and_the_detail_line_empty(officer_app, team_store):
    _log_long(team_store)
    async with officer_app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#entries", Table)
        assert LONG in _line(table, 0)
        assert str(pilot.app.screen.query_one("#month-detail", Static).content) == ""


def test_the_width_left_is_shared_narrow_columns_first():
    assert share(60, {"a": (10, 1), "b": (10, 1)}) == {"a": 10, "b": 10}
    wanted = {"area": (8, 2), "notes": (100, 4), "activity": (57, 3)}
    assert share(40, wanted) == {"area": 8, "activity": 13, "notes": 19}  # area's share holds it whole
    assert share(30, wanted) == {"area": 6, "activity": 10, "notes": 14}  # cut by weight
    assert share(4, {"a": (50, 1)}) == {"a": 6}  # never narrower than MIN_WIDTH


async def test_an_officer_added_in_the_event_form_is_in_view_at_once(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, EventForm)
        form.query_one("#notes").focus()
        await pilot.press("tab", "tab")  # past the audiences, as a person reaches it
        await settle(pilot)
        line = form.query_one("#add-officer", Input)
        assert line.has_focus
        await pilot.press(*"Amira Khan:2", "enter")
        await settle(pilot)
        await pilot.pause(0.1)
        body, officers = form.query_one("#event-body"), form.query_one("#officers", DataTable)
        assert officers.row_count == 1
        assert body.region.contains_region(officers.region), (officers.region, body.region)  # all of it
        assert body.region.contains_region(line.region) and line.has_focus
