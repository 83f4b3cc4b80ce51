"""Issue 22.7, the Audit screen: enter opens a record whole — who (and as whom), when, what, every field
before and after, its hash — and the trail is filtered by person, table and day."""

from datetime import UTC, datetime

import pytest
from textual.widgets import DataTable, Input, Select, Static

from engage_tui.domain.audit import list_audit
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.people import require_actor, tell_server
from engage_tui.tui.dialogs.audit_record import AuditRecordDialog
from engage_tui.tui.screens.audit import AuditScreen
from engage_tui.tui.widgets.chunked import FIRST
from tests.conftest import sup
from tests.tui.conftest import settle


async def _open(pilot) -> AuditScreen:
    await settle(pilot)
    await pilot.press("9")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AuditScreen)
    return pilot.app.screen


def _acted_as_amira(store) -> int:
    """A change made by the supervisor acting as Amira: the newest record."""
    with store.write() as session:
        me, amira = sup(session), require_actor(session, "amira")
        acting = type(me)(amira.id, amira.name, amira.role, me.id, me.name)
        tell_server(session, acting)
        add_entry(session, acting, EntryDraft("Amira Khan", "2017-11-02", "2", notes="a long note " * 12))
    with store.read() as session:
        return list_audit(session, limit=1)[0].id


async def test_enter_opens_a_record_whole(demo_app, demo_store):
    newest = _acted_as_amira(demo_store)
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        trail = screen.query_one("#audit", DataTable)
        assert trail.coordinate_to_cell_key(trail.cursor_coordinate).row_key.value == str(newest)
        await pilot.press("enter")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, AuditRecordDialog)
        head = str(dialog.query_one("#record-head", Static).content)
        assert f"Audit record {newest}" in head and "Who   sup acting as Amira Khan" in head
        assert "What  create entries" in head
        fields = dialog.query_one("#record-fields", DataTable)
        rows = {
            str(fields.get_row_at(r)[1]): [str(c) for c in fields.get_row_at(r)]
            for r in range(fields.row_count)
        }
        assert rows["minutes"] == ["•", "minutes", "", "120"]
        assert rows["notes"][3] == ("a long note " * 12).strip()  # whole, however long
        assert len(str(dialog.query_one("#record-hash", Static).content).split()[1]) == 64
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen


@pytest.mark.on_server
async def test_filters_by_person_table_and_day(demo_app, demo_store):
    _acted_as_amira(demo_store)
    today = datetime.now(UTC).date().isoformat()  # the trail keeps real time
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        trail = screen.query_one("#audit", DataTable)
        everything = trail.row_count
        screen.query_one("#who-filter", Select).value = "Amira Khan"
        await settle(pilot)
        assert trail.row_count == 1
        screen.query_one("#who-filter", Select).clear()
        screen.query_one("#table-filter", Select).value = "people"
        await settle(pilot)
        assert 0 < trail.row_count < everything
        assert {str(trail.get_row_at(r)[3]).split()[0] for r in range(trail.row_count)} == {"people"}
        await pilot.press("g")
        await settle(pilot)
        assert pilot.app.screen.query_one("#answer", Input).value == "2017-10-20"  # today, prefilled
        pilot.app.screen.query_one("#answer", Input).value = "2001"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#day-filter", Input).value == "2001" and trail.row_count == 0
        screen.query_one("#day-filter", Input).value = today
        await settle(pilot)
        assert trail.row_count > 0
        title = str(screen.query_one("#audit-title", Static).content)
        assert f"anyone, people, {today}" in title


async def test_the_trail_shows_a_screenful_at_once_and_the_rest_between_frames(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        trail = screen.query_one("#audit", DataTable)
        rows = screen.engage.service.audit.find(limit=1000)
        screen._show(rows, (None, None, None))
        assert trail.row_count == FIRST < len(rows)
        await settle(pilot)
        assert trail.row_count == len(rows)


async def test_opening_the_screen_loads_it_once_and_coming_back_loads_it_again(demo_app, monkeypatch):
    """Textual resumes a newly opened screen twice in a row: the screen answers the first only (the
    second restyled it all again and started its loads a second time); coming back loads it afresh."""
    loads = []
    reload = AuditScreen.reload
    monkeypatch.setattr(AuditScreen, "reload", lambda screen: loads.append(screen) or reload(screen))
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        assert loads == [screen]
        assert screen.query_one("#audit", DataTable).row_count > 0
        await pilot.press("1")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, AuditScreen)
        await _open(pilot)
        assert loads == [screen, screen]
