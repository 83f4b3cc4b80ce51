"""What a person may paste into a form (issue 19.3): thousands of digits, other scripts' digits, control
characters, a megabyte of text — pasted into every field of the entry, event and PACT meeting forms and
saved. The app stays up, says which field is wrong in the form, keeps what was pasted, and stores
nothing."""

import pytest
from sqlalchemy import func, select
from textual import events
from textual.widgets import Input

from engage_tui.store.models import Entry
from engage_tui.tui.dialogs.form import FormScreen
from tests.tui.conftest import settle

PASTES = {
    "digits": "9" * 5000,
    "arabic digits": "٣",
    "control characters": "1\x00\x1b[2J\x07",
    "a megabyte": "x" * 1_000_000,
}


async def _paste_everywhere(pilot, text: str) -> FormScreen:
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    for field in form.query(Input):
        if field.disabled:
            continue
        field.value = ""
        field.focus()
        await pilot.pause()
        field.post_message(events.Paste(text))
        await pilot.pause()
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    return form


def _entries(store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(Entry))


@pytest.mark.parametrize("pasted", PASTES)
async def test_an_entry_form_survives_any_paste(officer_app, team_store, pasted):
    before = _entries(team_store)
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = await _paste_everywhere(pilot, PASTES[pasted])
        assert pilot.app.screen is form and pilot.app.is_running  # still open: refused, not crashed
        status = str(form.query_one("#form-status").content)
        assert status and "unexpected" not in status
        assert form.query_one("#notes", Input).value  # what was pasted is kept
    assert _entries(team_store) == before


@pytest.mark.parametrize("screen_key, form_key", [("6", "a"), ("5", "r")])
async def test_event_and_meeting_forms_survive_thousands_of_digits(demo_app, screen_key, form_key):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(screen_key)
        await settle(pilot)
        await pilot.press(form_key)
        await settle(pilot)
        form = await _paste_everywhere(pilot, PASTES["digits"])
        assert pilot.app.screen is form and pilot.app.is_running
        status = str(form.query_one("#form-status").content)
        assert status and "unexpected" not in status
