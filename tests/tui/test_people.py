"""Issue 22.8, the People screen: supervisors add, rename, retire and restore people and areas, keep
localities and vocabularies, and never delete what records use — each change audited, through the
same directory calls as the CLI."""

import json
from dataclasses import replace

import pytest
from textual.notifications import Notify
from textual.widgets import DataTable, Input, Select, Static

from engage_tui.domain.audit import list_audit
from engage_tui.domain.directory import list_area_uses, list_term_uses
from engage_tui.domain.jobs import history
from engage_tui.domain.people import list_people
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.fields_form import FieldsForm
from engage_tui.tui.screens.people import PeopleScreen
from engage_tui.tui.widgets.chunked import FIRST
from tests.tui.conftest import settle


async def _open(pilot) -> PeopleScreen:
    await settle(pilot)
    await pilot.press("0")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PeopleScreen)
    return pilot.app.screen


def _column(table: DataTable, index: int) -> list[str]:
    return [str(table.get_row_at(r)[index]) for r in range(table.row_count)]


async def _form(pilot, **values: str) -> None:
    form = pilot.app.screen
    assert isinstance(form, FieldsForm)
    for name, value in values.items():
        widget = form.query_one(f"#{name}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


@pytest.mark.on_server
async def test_people_listed_added_renamed_and_retired(demo_app, demo_store):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        people = screen.query_one("#people", DataTable)
        assert "Amira Khan" in _column(people, 0)
        assert [str(c) for c in people.get_row_at(0)][2:4] == ["officer", "co"]  # role, job today
        detail = str(screen.query_one("#people-detail", Static).content)
        assert detail.startswith("Amira Khan · officer · login amira") and "job history" in detail
        await pilot.press("a")
        await settle(pilot)
        await _form(pilot, name="Ivy Newcomer", login="ivy", area="Crook")
        assert pilot.app.screen is screen and "Ivy Newcomer" in _column(people, 0)
        people.move_cursor(row=_row_of(people, "Ivy Newcomer"))
        await pilot.press("e")
        await settle(pilot)
        assert pilot.app.screen.query_one("#login", Input).disabled  # identity is not changed here
        await _form(pilot, name="Ivy Newman")
        assert "Ivy Newman" in _column(people, 0)
        await pilot.press("R")
        await settle(pilot)
        confirm = pilot.app.screen
        assert isinstance(confirm, Confirm)
        assert str(confirm.query_one("#confirm-question", Static).content).startswith("Retire Ivy Newman?")
        await pilot.press("y")
        await settle(pilot)
        assert str(people.get_row_at(_row_of(people, "Ivy Newman"))[5]) == "retired"
    with demo_store.read() as session:
        ivy = next(p for p in list_people(session) if p.name == "Ivy Newman")
        assert (ivy.login, ivy.area, ivy.active) == ("ivy", "Crook", False)
        changes = list_audit(session, limit=4)
    assert [(c.action, c.entity) for c in changes] == [
        ("update", "people"),
        ("update", "people"),
        ("create", "person_jobs"),
        ("create", "people"),
    ]
    assert json.loads(changes[1].after or "")["name"] == "Ivy Newman"


def _row_of(table: DataTable, name: str) -> int:
    return _column(table, 0).index(name)


async def test_areas_moved_and_localities_kept_and_what_is_used_never_deleted(demo_app, demo_store):
    messages = []
    async with demo_app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        screen = await _open(pilot)
        await pilot.press("l")
        await settle(pilot)
        areas = screen.query_one("#areas", DataTable)
        areas.move_cursor(row=areas.get_row_index("Crook"))
        await pilot.press("e")
        await settle(pilot)
        await _form(pilot, locality="Weardale")
        assert "Weardale" in _column(screen.query_one("#localities", DataTable), 0)
        await pilot.press("delete")  # an area is retired, never deleted
        await settle(pilot)
        assert pilot.app.screen is screen
        localities = screen.query_one("#localities", DataTable)
        localities.focus()
        localities.move_cursor(row=localities.get_row_index("East"))
        await pilot.press("delete", "y")  # East has areas: the domain refuses
        await settle(pilot)
        assert "East" in _column(localities, 0)
    notices = [m.notification.message for m in messages if isinstance(m, Notify)]
    assert "An area is never deleted, so its records stay whole: retire it (R)" in notices
    assert any(n.startswith("locality: East is used by 4 areas and 26 scores") for n in notices)
    with demo_store.read() as session:
        crook = next(a for a in list_area_uses(session) if a.name == "Crook")
    assert crook.locality == "Weardale" and crook.uses > 0


async def test_a_word_nothing_uses_is_deleted_one_in_use_is_renamed(demo_app, demo_store):
    messages = []
    async with demo_app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        screen = await _open(pilot)
        await pilot.press("w")
        await settle(pilot)
        screen.query_one("#kind-filter", Select).value = "audience"
        await settle(pilot)
        terms = screen.query_one("#terms", DataTable)
        assert set(_column(terms, 0)) == {"audience"}
        terms.focus()
        terms.move_cursor(row=terms.get_row_index("audience|councillors"))
        await pilot.press("delete")
        await settle(pilot)
        assert "'councillors'" in str(pilot.app.screen.query_one("#confirm-question", Static).content)
        await pilot.press("y")
        await settle(pilot)
        assert "councillors" not in _column(terms, 1)
        terms.move_cursor(row=terms.get_row_index("audience|older people"))
        await pilot.press("delete", "y")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await _form(pilot, name="older residents")
        assert "older residents" in _column(terms, 1)
    notices = [m.notification.message for m in messages if isinstance(m, Notify)]
    assert any(n.startswith("audience: 'older people' is used by") for n in notices)
    with demo_store.read() as session:
        words = {t.name: t.uses for t in list_term_uses(session, "audience")}
    assert "councillors" not in words and words["older residents"] > 0


async def test_an_officer_is_told_the_people_screen_is_for_supervisors(officer_app):
    messages = []
    async with officer_app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, PeopleScreen)
    notices = [m.notification.message for m in messages if isinstance(m, Notify)]
    assert notices == ["Only a supervisor keeps the people, areas and vocabularies"]


@pytest.mark.on_server
async def test_a_job_chosen_on_adding_and_changed_from_a_day(demo_app, demo_store):
    """The form's Job: a PCSO added as one; later a cohesion officer from a day, the days before
    keeping their job (as `officer change --job --from` records it); a job change that would move
    an approved month's hours is refused in the form, which keeps what was typed."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        people = screen.query_one("#people", DataTable)
        await pilot.press("a")
        await settle(pilot)
        await _form(pilot, name="Zoe Newcomer", login="zoe", job="pcso")
        row = people.get_row_at(_row_of(people, "Zoe Newcomer"))
        assert str(row[3]) == "pcso"
        people.move_cursor(row=_row_of(people, "Zoe Newcomer"))
        await pilot.press("e")
        await settle(pilot)
        await _form(pilot, job="co", job_from="2017-10-01")
        assert (
            pilot.app.screen is screen and str(people.get_row_at(_row_of(people, "Zoe Newcomer"))[3]) == "co"
        )
        people.move_cursor(row=_row_of(people, "Amira Khan"))
        await pilot.press("e")
        await settle(pilot)
        await _form(pilot, job="pcso", job_from="2017-01-01")
        form = pilot.app.screen
        assert isinstance(form, FieldsForm)  # refused: January to September are approved
        assert form.query_one("#job", Select).value == "pcso"
        said = str(form.query_one("#form-status", Static).content)
        assert "approved" in said and "Amira Khan" in said, said
    with demo_store.read() as session:
        zoe = next(p for p in list_people(session) if p.name == "Zoe Newcomer")
        assert [(j.job, j.effective_from.isoformat()) for j in history(session, zoe.id)] == [
            ("pcso", "1900-01-01"),
            ("co", "2017-10-01"),
        ]


async def test_a_vocabulary_word_retires_and_is_no_longer_offered(demo_app, demo_store):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        await pilot.press("w")
        await settle(pilot)
        words = screen.query_one("#terms", DataTable)
        words.move_cursor(row=words.get_row_index("audience|older people"))
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert str(words.get_row_at(words.get_row_index("audience|older people"))[3]) == "retired"
        offered = screen.engage.service.people.vocabulary().audiences
    assert "older people" not in offered and "faith groups" in offered
    with demo_store.read() as session:
        assert {t.name: t.active for t in list_term_uses(session, "audience")}["older people"] is False


async def test_a_force_of_people_shows_a_screenful_at_once_and_the_rest_between_frames(demo_app):
    """Thousands of people never hold the app: a screenful at once, the rest between frames, the
    cursor back on the person it was on (issue 20.2)."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        people = screen.query_one("#people", DataTable)
        await pilot.press("down", "down")
        await settle(pilot)
        on = _column(people, 0)[people.cursor_row]
        view = screen.view
        crowd = [replace(p, id=10_000 + n, name=f"Zed {n:04}") for n in range(1500) for p in view.people[:1]]
        screen._show(replace(view, people=[*view.people, *crowd]))
        assert people.row_count == FIRST < len(view.people) + len(crowd)
        await settle(pilot)
        assert people.row_count == len(view.people) + len(crowd)
        assert _column(people, 0)[people.cursor_row] == on
