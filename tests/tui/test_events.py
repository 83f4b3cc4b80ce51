"""The Events screen: log an event with audiences and officers' hours in one form; its time shows
once in T3; a bad value is refused in the form with everything kept."""

import pytest
from textual.widgets import DataTable, Input, SelectionList, Static

from engage_tui.domain.reports import monthly
from engage_tui.tui.dialogs.event_form import EventForm
from engage_tui.tui.screens.events import EventsScreen
from tests.tui.conftest import settle


async def _fill(pilot, field: str, text: str) -> None:
    widget = pilot.app.screen.query_one(f"#{field}", Input)
    widget.value = text
    await settle(pilot)


@pytest.mark.on_server
async def test_add_an_event_through_the_form(demo_app, demo_store):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EventsScreen)
        await pilot.press("a")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, EventForm)
        await _fill(pilot, "date", "2017-11-04")
        await _fill(pilot, "type", "community event")
        await _fill(pilot, "title", "Wolsingham Show")
        await _fill(pilot, "area", "Crook")
        await _fill(pilot, "reached", "-4")
        form.query_one("#audiences", SelectionList).select("general public")
        form.query_one("#add-officer", Input).focus()
        await pilot.press(*"Amira Khan:3", "enter")
        await settle(pilot)
        assert form.query_one("#officers", DataTable).row_count == 1
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EventForm)  # refused, everything kept
        assert str(form.query_one("#form-status", Static).content).startswith("Reached: ")  # as labelled
        await _fill(pilot, "end_date", "2017-11-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(form.query_one("#form-status", Static).content).startswith(
            "Until: 2017-11-01 is before the event's date"
        )
        await _fill(pilot, "end_date", "")
        assert form.query_one("#title", Input).value == "Wolsingham Show"
        await _fill(pilot, "reached", "400")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EventsScreen)
        table = pilot.app.screen.query_one("#events", DataTable)
        row = [str(c) for c in table.get_row_at(0)]
        assert row[1] == "Wolsingham Show" and row[2].startswith("community event")
        assert row[3:] == ["Crook", "general public", "Amira Khan", "3.00", "400"]
    with demo_store.read() as session:
        assert monthly(session, 2017).rows[10][1] == 180  # November: the event's 3 h, once
