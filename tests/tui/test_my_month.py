"""My month, driven as an officer would: keys in, widgets read back."""

from contextlib import closing

import pytest
from textual.widgets import DataTable, Input, Static

from engage_tui.domain.hours import list_entries
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.entry_form import EntryForm
from tests.conftest import sup
from tests.tui.conftest import settle


def _totals(app) -> str:
    return str(app.screen.query_one("#month-totals", Static).content)


async def _save(pilot) -> None:
    """Press save and wait for the save's worker thread to finish."""
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


async def _adding(pilot) -> None:
    """My month shown, then its add form open."""
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)


async def _type(pilot, field: str, text: str) -> None:
    widget = pilot.app.screen.query_one(f"#{field}", Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)


@pytest.mark.on_server
async def test_typing_an_entry_updates_table_and_totals(officer_app):
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Ann Officer — October 2017" in str(pilot.app.screen.query_one("#month-title").content)
        assert _totals(pilot.app).startswith("0 entries ") and "Total 0.00 h" in _totals(pilot.app)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EntryForm)
        assert pilot.app.screen.query_one("#date", Input).value == "2017-10-20"
        await _type(pilot, "hours", "2:30")
        await _type(pilot, "audience", "GRT")
        await _type(pilot, "notes", "[PACT] stall")
        await _save(pilot)
        assert not isinstance(pilot.app.screen, EntryForm)
        table = pilot.app.screen.query_one("#entries", DataTable)
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)][:2] == ["Fri 20", "2.50"]
        assert str(table.get_row_at(0)[-1]) == "[PACT] stall"  # user text is not markup
        assert "Community 2.50 h" in _totals(pilot.app) and "Total 2.50 h" in _totals(pilot.app)
        assert _totals(pilot.app).startswith("1 entry ")  # not "1 entries"


async def test_bad_value_is_marked_and_the_form_keeps_what_was_typed(officer_app, team_store):
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await _adding(pilot)
        await _type(pilot, "hours", "25")
        await _type(pilot, "notes", "long day")
        await settle(pilot)
        error = pilot.app.screen.query_one("#hours-error", Static)
        assert error.display and "more than 24 hours" in str(error.content)
        await _save(pilot)
        form = pilot.app.screen
        assert isinstance(form, EntryForm)
        assert form.query_one("#hours", Input).has_class("-invalid")
        assert form.query_one("#notes", Input).value == "long day"
        await _type(pilot, "hours", "1.5")
        await _save(pilot)
        assert not isinstance(pilot.app.screen, EntryForm)
    with team_store.read() as session:
        assert [e.minutes for e in list_entries(session)] == [90]


async def test_a_refused_field_is_focused_to_be_mended_and_its_refusal_goes_once_edited(officer_app):
    """After a refused save the cursor waits after the refused text (not over all of it, where the
    next key would type over it), and the status line stops saying a refusal once its field changes."""
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await _adding(pilot)
        await _type(pilot, "hours", "7abc")
        await _type(pilot, "notes", "kept")
        await _save(pilot)
        form = pilot.app.screen
        hours = form.query_one("#hours", Input)
        status = form.query_one("#form-status", Static)
        assert hours.has_focus and str(status.content).startswith("Hours: '7abc'")
        await pilot.press("backspace", "backspace", "backspace")
        await settle(pilot)
        assert hours.value == "7"
        assert str(status.content) == ""
        await _type(pilot, "audience", "martians")
        await _save(pilot)
        audience = form.query_one("#audience", Input)
        assert audience.has_focus and audience.has_class("-invalid")
        await pilot.press("backspace")
        await settle(pilot)
        assert audience.value == "martian" and not audience.has_class("-invalid")
        assert str(status.content) == "" and not form.query_one("#audience-error", Static).display


async def test_with_two_refusals_the_cursor_goes_where_the_first_is_said(officer_app):
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await _adding(pilot)
        await _type(pilot, "audience", "martians")
        await _save(pilot)
        form = pilot.app.screen
        marked = [w.id for w in form.query(".-invalid")]
        assert "hours" in marked and "audience" in marked
        assert str(form.query_one("#form-status", Static).content).startswith("Hours: ")
        assert form.query_one("#hours", Input).has_focus


async def test_ctrl_q_quits_from_any_dialog_but_a_form_which_says_so_first(officer_app):
    """ctrl+q quits everywhere — the key help open too — except over a form holding what was typed,
    where it says how to leave the form instead of losing it."""
    from engage_tui.tui.dialogs.key_help import KeyHelp

    async with officer_app.run_test(size=(100, 30)) as pilot:
        await _adding(pilot)
        await _type(pilot, "notes", "half a thought")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EntryForm) and pilot.app.is_running
        said = [str(n.message) for n in pilot.app._notifications]
        assert said[-1] == (
            "Save the form (ctrl+s) or cancel it (escape) first: quitting now would lose what is typed"
        )
        assert pilot.app.screen.query_one("#notes", Input).value == "half a thought"
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert isinstance(pilot.app.screen, KeyHelp)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not pilot.app.is_running


async def test_ctrl_q_under_the_too_small_notice_still_keeps_a_forms_typing(officer_app):
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await _adding(pilot)
        await _type(pilot, "notes", "half a thought")
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert pilot.app.is_running
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert pilot.app.screen.query_one("#notes", Input).value == "half a thought"


async def test_time_an_event_logged_is_refused_before_asking_to_delete_it(officer_app, team_store):
    from engage_tui.domain.events import EventDraft, add_event

    with team_store.write() as session:
        event = add_event(
            session,
            sup(session),
            EventDraft("2017-10-05", "community event", "Fair", officers=("Ann Officer:2",)),
        )
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert pilot.app.screen.query_one("#entries", DataTable).row_count == 1
        await pilot.press("delete")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert not isinstance(pilot.app.screen, Confirm)
        said = [str(n.message) for n in pilot.app._notifications]
        assert any(
            f"is time logged by event {event}; change it with the event (the Events screen" in n for n in said
        )
    with team_store.read() as session:
        assert len(list_entries(session)) == 1


async def test_unknown_audience_is_refused_by_the_domain_at_its_field(officer_app):
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await _adding(pilot)
        await _type(pilot, "hours", "1")
        await _type(pilot, "audience", "martians")
        await _save(pilot)
        form = pilot.app.screen
        assert isinstance(form, EntryForm)
        assert "unknown audience 'martians'" in str(form.query_one("#audience-error", Static).content)
        assert form.query_one("#audience", Input).value == "martians"


async def test_future_date_is_warned_not_refused(officer_app):
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await _adding(pilot)
        await _type(pilot, "date", "2017-12-01")
        await settle(pilot)
        assert "in the future" in str(pilot.app.screen.query_one("#date-error", Static).content)


@pytest.mark.on_server
async def test_edit_delete_and_month_keys(officer_app):
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await _adding(pilot)
        await _type(pilot, "date", "2017-09-30")
        await _type(pilot, "hours", "1")
        await _save(pilot)
        # saving an entry in another month shows that month
        assert "September 2017" in str(pilot.app.screen.query_one("#month-title").content)
        await pilot.press("e")
        await settle(pilot)
        assert pilot.app.screen.query_one("#hours", Input).value == "1:00"
        await _type(pilot, "hours", "0:45")
        await _save(pilot)
        assert "Total 0.75 h" in _totals(pilot.app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "October 2017" in str(pilot.app.screen.query_one("#month-title").content)
        await pilot.press("left_square_bracket", "delete")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert pilot.app.screen.query_one("#entries", DataTable).row_count == 0
        assert "Total 0.00 h" in _totals(pilot.app)


async def test_officer_cannot_open_another_officers_month(officer_app):
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert "Ann Officer" in str(pilot.app.screen.query_one("#month-title").content)


@pytest.mark.on_server
async def test_a_database_failure_becomes_a_notice_and_keeps_the_form(officer_app, team_store):
    from sqlalchemy import text

    async with officer_app.run_test(size=(100, 30)) as pilot:
        await _adding(pilot)
        await _type(pilot, "hours", "1")
        with team_store.engine.begin() as raw:  # something outside the app breaks the store
            raw.execute(text("ALTER TABLE entries RENAME TO entries_gone"))
        await _save(pilot)
        assert pilot.app.is_running
        form = pilot.app.screen
        assert isinstance(form, EntryForm) and form.query_one("#hours", Input).value == "1"


async def test_supervisor_opens_an_officers_month_by_name_and_date(demo_app, demo_store):
    from engage_tui.domain.hours import month_of
    from engage_tui.domain.people import find_person
    from engage_tui.domain.periods import Month

    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("1", "o")
        await settle(pilot)
        await pilot.press(*"amira", "enter")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        pilot.app.screen.query_one("#answer", Input).value = ""
        await pilot.press(*"2017-13")
        await settle(pilot)
        assert "is neither a month" in str(pilot.app.screen.query_one("#ask-error", Static).content)
        await pilot.press("backspace", "backspace", *"03", "enter")
        await settle(pilot)
        assert "Amira Khan — March 2017" in str(pilot.app.screen.query_one("#month-title").content)
        with demo_store.read() as session:
            totals = month_of(session, find_person(session, "Amira Khan").id, Month(2017, 3)).totals
        table = pilot.app.screen.query_one("#entries", DataTable)
        shown = sum(round(float(str(table.get_row_at(i)[1])) * 60) for i in range(table.row_count))
        assert shown == sum(totals.values()) > 0


@pytest.mark.sqlite_only
async def test_a_busy_database_shows_saving_and_retries_then_saves(team_store, db_path, db_url, tmp_path):
    import sqlite3

    from engage_tui.store import Store
    from engage_tui.tui.app import build_app
    from tests.tui.conftest import settings_for

    store = Store(f"sqlite:///{db_path}", busy_timeout_ms=300)
    app = build_app(settings_for(db_url, tmp_path, "ann"), store)
    holder = sqlite3.connect(db_path, isolation_level=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await _adding(pilot)
        await _type(pilot, "hours", "1:15")
        holder.execute("BEGIN IMMEDIATE")  # another officer's long write
        await pilot.press("ctrl+s")
        await pilot.pause(0.45)  # mid-save: the worker is still waiting for the lock
        status = str(pilot.app.screen.query_one("#form-status", Static).content)
        assert status == "saving…" or status.startswith("database busy — retrying")
        assert isinstance(pilot.app.screen, EntryForm)
        holder.execute("ROLLBACK")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, EntryForm)
        assert "Total 1.25 h" in _totals(pilot.app)
    holder.close()
    store.dispose()


async def test_resizing_keeps_the_app_and_the_form(officer_app):
    from engage_tui.tui.dialogs.too_small import TooSmall

    async with officer_app.run_test(size=(200, 50)) as pilot:
        await _adding(pilot)
        await _type(pilot, "hours", "2:45")
        await _type(pilot, "notes", "half typed")
        for size in ((80, 24), (60, 20)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
        assert isinstance(pilot.app.screen, TooSmall)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, EntryForm)
        assert form.query_one("#hours", Input).value == "2:45"
        assert form.query_one("#notes", Input).value == "half typed"


async def test_a_big_month_is_on_screen_at_once_and_fills_in_chunks(officer_app, team_store):
    """1,234 entries: the first screenful is there at once, the rest arrive between frames, and a
    newer fill (the next month) supersedes the unfinished one."""
    from datetime import date

    from engage_tui.domain.hours import EntryValues
    from engage_tui.domain.imports import store_batch
    from engage_tui.domain.people import find_person, require_actor
    from engage_tui.tui.widgets.chunked import FIRST

    with team_store.write() as session:
        ann = find_person(session, "Ann Officer")
        rows = [
            EntryValues(
                ann.id, date(2017, 10, 1 + n % 28), 1 + n % 90, "community", ann.area_id, None, None, f"n{n}"
            )
            for n in range(1234)
        ]
        store_batch(session, require_actor(session, "ann"), "hours", "test", "big-month", rows)
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#entries", DataTable)
        screen = pilot.app.screen
        assert table.row_count == 1234  # the whole month, once the app has settled
        screen._fill(pilot.app.service.months.view(ann.id, screen.month).entries, None)
        assert table.row_count == FIRST  # a fill: the first screenful at once, the rest to come
        await settle(pilot)
        assert table.row_count == 1234
        screen._fill(pilot.app.service.months.view(ann.id, screen.month).entries, None)
        await pilot.press("right_square_bracket")  # next month: empty, and the old fill must stop
        await settle(pilot)
        assert table.row_count == 0


@pytest.mark.sqlite_only
@pytest.mark.parametrize("saves", [True, False])
async def test_after_the_app_quits_the_database_file_alone_holds_what_was_saved(
    team_store, db_path, db_url, tmp_path, saves
):
    """SQLite folds its -wal file into the database as the last connection closes — unless that one is
    read-only. Someone copying the file after everyone has quit must not lose the day's entries; and a
    session that only read leaves no -wal or -shm beside the file either."""
    import shutil
    import sqlite3

    from engage_tui.tui.app import build_app
    from tests.tui.conftest import settings_for

    team_store.dispose()
    app = build_app(settings_for(db_url, tmp_path, "ann"))  # its own store, as `engage` opens it
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):  # the warm-up starts once the first screen's loads are done
            if app.warm.is_set():
                break
            await pilot.pause(0.05)
        assert app.warm.is_set()  # the store is open: the read-only prober and the pool
        if saves:
            await pilot.press("a")
            await settle(pilot)
            await _type(pilot, "hours", "1:15")
            await _save(pilot)
            assert "Total 1.25 h" in _totals(pilot.app)
    app.service.close()  # as `engage` does when the app ends
    assert sorted(p.name for p in db_path.parent.glob(f"{db_path.name}*")) == [db_path.name]
    alone = tmp_path / "copied.sqlite3"
    shutil.copy(db_path, alone)
    with closing(sqlite3.connect(alone)) as copied:
        assert copied.execute("SELECT sum(minutes) FROM entries").fetchone()[0] == (75 if saves else None)


async def test_a_refused_load_says_so_in_the_title_not_loading_for_ever(officer_app, team_store):
    """Ann is marked as left while her app is open: the next load is refused, the notice says why,
    and the title no longer claims the month is on its way."""
    from textual.notifications import Notify

    from engage_tui.domain.directory import set_person_active
    from tests.conftest import sup

    messages = []
    async with officer_app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await settle(pilot)
        with team_store.write() as session:
            set_person_active(session, sup(session), "Ann Officer", False)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        title = str(pilot.app.screen.query_one("#month-title", Static).content)
        assert title == "Ann Officer — October 2017 — not loaded (ctrl+r tries again)"
    refusals = [m.notification.message for m in messages if isinstance(m, Notify)]
    assert any(said.startswith("user: 'ann' is not a person") for said in refusals), refusals
