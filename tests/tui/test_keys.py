"""Issue 22, the keys: every screen's most used keys in the footer at 80×24 with the key help one `?`
away; a key that cannot act says why; what changes a return or deletes asks first (No by default);
one key, one meaning, and the README's table made from the bindings."""

from pathlib import Path

import pytest
from textual.notifications import Notify
from textual.widgets import DataTable, Input, Static

from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry, list_entries
from engage_tui.domain.people import require_actor
from engage_tui.domain.periods import Month
from engage_tui.domain.returns import state_of, submit
from engage_tui.tui.app import PLACES
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.entry_form import EntryForm
from engage_tui.tui.dialogs.key_help import KeyHelp
from engage_tui.tui.keys import MEANINGS, Places, key_table, meanings, readme_table, uses_of
from engage_tui.tui.screens.my_month import MyMonthScreen
from engage_tui.tui.screens.returns import ReturnsScreen
from engage_tui.tui.widgets.footer import Drawn, Footer
from tests.tui.conftest import settle

README = Path(__file__).resolve().parents[2] / "README.md"
OCTOBER = Month(2017, 10)


def _footer(app) -> list[Drawn]:
    """The keys on the key bar, each with the cells it covers."""
    return app.screen.query_one(Footer).places


def _notices(messages) -> list[str]:
    return [m.notification.message for m in messages if isinstance(m, Notify)]


def _log(store, login: str = "ann", day: str = "2017-10-03") -> None:
    with store.write() as session:
        add_entry(
            session, require_actor(session, login), EntryDraft("Ann Officer", day, "1:30", notes="stall")
        )


@pytest.mark.parametrize("place", PLACES, ids=[p.mode for p in PLACES])
async def test_at_80x24_each_footer_shows_its_first_keys_and_the_key_help(demo_app, place):
    """Each screen's first three keys (its most used, declared first), `? Keys` and quit, all within
    80 columns."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.app.switch_mode(place.mode)
        await settle(pilot)
        keys = _footer(pilot.app)
        shown = {k.shown.binding.key for k in keys}
        assert {"question_mark", "ctrl+q"} <= shown
        assert all(k.end <= 80 and k.end > k.start for k in keys), [
            (k.shown.binding.key, k.start, k.end) for k in keys
        ]
        screen = pilot.app.screen
        first = [u.keys[0] for u in uses_of(type(screen), "") if u.show and not screen.hides(u.action)][:3]
        assert set(first) <= shown, (first, shown)


async def test_my_month_at_80x24_shows_submit_and_withdraw(officer_app):
    async with officer_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        described = {k.shown.binding.description for k in _footer(pilot.app)}
        assert {"Add", "Edit", "Submit", "Withdraw", "Delete", "Keys", "Quit"} <= described


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_the_key_help_lists_every_key_of_the_screen(demo_app, key):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")  # PACT: the screen's keys and each tab's
        await settle(pilot)
        screen = pilot.app.screen
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(pilot.app.screen, KeyHelp)
        table = pilot.app.screen.query_one("#keys", DataTable)
        listed = {str(table.get_row_at(r)[0]) for r in range(table.row_count)}
        expected = {u.shown_keys for u in Places.screen_uses(type(screen), "") if u.noun != "go"}
        assert expected <= listed, expected - listed
        does = " ".join(str(table.get_row_at(r)[1]) for r in range(table.row_count))
        assert "Register tab: retire the series from a day" in does and "0 People" in does
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen


async def test_the_palette_names_every_action_of_the_screen(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for mode in ("month", "returns", "pact", "people", "audit"):
            await pilot.app.switch_mode(mode)
            await settle(pilot)
            screen = pilot.app.screen
            titles = {c.title for c in pilot.app.get_system_commands(screen)}
            for use in Places.screen_uses(type(screen), ""):
                if use.description and use.id not in screen.OWN_PALETTE and use.meaning != "open":
                    assert f"{use.noun}: {use.does}" in titles, (mode, use.id)
            if mode == "returns":
                assert "return: approve the month under the cursor" in titles


async def test_a_key_that_cannot_act_says_why(officer_app, team_store):
    _log(team_store)
    with team_store.write() as session:
        submit(session, require_actor(session, "ann"), OCTOBER)
    messages = []
    async with officer_app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await settle(pilot)
        for key in ("a", "e", "delete"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(pilot.app.screen, MyMonthScreen)  # nothing opened
        await pilot.press("S", "o", "0")
        await settle(pilot)
    notices = _notices(messages)
    locked = "October 2017 of Ann Officer is submitted: withdraw it first"
    assert notices[:3] == [locked] * 3
    assert notices[3] == "October 2017 of Ann Officer is submitted: withdraw it first to change it"
    assert notices[4:] == [
        "Only a supervisor can open another officer's month",
        "Only a supervisor keeps the people, areas and vocabularies",
    ]


async def test_submit_and_delete_ask_first_and_no_is_the_default(officer_app, team_store):
    _log(team_store)
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        confirm = pilot.app.screen
        assert isinstance(confirm, Confirm)
        said = str(confirm.query_one("#confirm-question", Static).content)
        assert said.startswith("Submit October 2017 of Ann Officer to a supervisor?")
        assert pilot.app.screen.focused.id == "no"
        await pilot.press("enter")  # the default: No
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        said = str(pilot.app.screen.query_one("#confirm-question", Static).content)
        assert said == "Delete Ann Officer's entry of Tue 03 October 2017: 1.50 h Community?"
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("delete", "escape")
        await settle(pilot)
        with team_store.read() as session:
            assert state_of(session, require_actor(session, "ann").id, OCTOBER)[0] == "draft"
            assert len(list_entries(session)) == 1
        await pilot.press("delete", "y")
        await settle(pilot)
    with team_store.read() as session:
        assert list_entries(session) == []


async def test_return_moves_ask_naming_the_month_and_say_why_not(demo_app, demo_store):
    messages = []
    async with demo_app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReturnsScreen)
        grid = pilot.app.screen.query_one("#grid", DataTable)
        grid.cursor_coordinate = (grid.get_row_index("Ben Walton"), grid.get_column_index("2017-10"))
        await settle(pilot)
        await pilot.press("A", "O")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReturnsScreen)  # a draft: neither asks
        grid.cursor_coordinate = (grid.get_row_index("Amira Khan"), grid.get_column_index("2017-10"))
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        said = str(pilot.app.screen.query_one("#confirm-question", Static).content)
        assert said.startswith("Approve October 2017 of Amira Khan?")
        await pilot.press("n")
        await settle(pilot)
    assert _notices(messages)[:2] == [
        "October 2017 of Ben Walton is draft: only a submitted month can be approved",
        "October 2017 of Ben Walton is draft: only an approved month can be reopened",
    ]
    with demo_store.read() as session:
        amira = require_actor(session, "amira").id
        assert state_of(session, amira, OCTOBER)[0] == "submitted"


async def test_an_entry_form_is_not_opened_by_a_key_meant_for_another_screen(officer_app):
    """`s` was submit; now it is the PACT Register tab only, and does nothing on My month."""
    async with officer_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s", "d", "w", "u")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MyMonthScreen)
        assert "return not started" in str(pilot.app.screen.query_one("#month-title").content)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EntryForm)
        assert pilot.app.screen.query_one("#date", Input).value == "2017-10-20"


def test_one_key_one_meaning_across_the_app():
    uses = Places.every_use()
    assert {key: verbs for key, verbs in meanings(uses).items() if len(verbs) > 1} == {}
    keys_of: dict[str, set[tuple[str, ...]]] = {}
    for use in uses:
        keys_of.setdefault(use.meaning, set()).add(use.keys)
    assert {verb: keys for verb, keys in keys_of.items() if len(keys) > 1} == {}
    assert keys_of["add"] == {("a",)} and keys_of["approve"] == {("A",)}
    assert keys_of["delete"] == {("delete",)} and keys_of["edit"] == {("e",)}


def test_a_meaning_shared_by_several_places_is_said_once():
    places: dict[str, set[str]] = {}
    for use in Places.every_use():
        if use.noun != "go":
            places.setdefault(use.meaning, set()).add(use.where)
    shared = {m for m, where in places.items() if len(where) > 1}
    assert shared <= set(MEANINGS), shared - set(MEANINGS)


def test_the_readme_key_table_is_made_from_the_bindings():
    assert readme_table(README.read_text(encoding="utf-8")) == key_table()


async def test_a_change_that_leaves_the_keys_as_they_are_does_not_redraw_the_footer(demo_app):
    """Changing year reloads the table and tells the footer its bindings changed; the keys it drew
    stay as they are (rebuilding them all is what held the loop), and a change that does alter them
    (another tab's keys) still shows."""
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer = pilot.app.screen.query_one(Footer)
        before = footer.drawn
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert footer.drawn is before and before is not None and len(before[0]) > 3
        await pilot.press("5", "i")  # PACT, its Issues tab: other keys, drawn anew
        await settle(pilot)
        assert "Follow up" in {k.shown.binding.description for k in _footer(pilot.app)}


async def test_a_key_on_the_key_bar_is_clicked_and_hovered_as_in_textuals_footer(demo_app):
    """One widget draws the key bar; a click on a key presses it, hovering shows what it does."""
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer = pilot.app.screen.query_one(Footer)
        keys = {k.shown.binding.description: k for k in footer.places}
        help_key = keys["Keys"]
        await pilot.hover(Footer, offset=(help_key.start + 1, 0))
        await settle(pilot)
        assert footer.hovered == help_key and footer.tooltip == "every key of this screen"
        await pilot.click(Footer, offset=(help_key.start + 1, 0))
        await settle(pilot)
        assert isinstance(pilot.app.screen, KeyHelp)


async def test_keys_for_the_row_under_the_cursor_light_up_once_a_tab_fills(demo_app):
    """A table that fills tells the key bar, so `e Edit` is not left dimmed over a row it can edit."""
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("5", "i", "m"):
            await pilot.press(key)
            await settle(pilot)
        footer = pilot.app.screen.query_one(Footer)
        edit = next(k for k in footer.places if k.shown.binding.description == "Edit")
        assert pilot.app.screen.query_one("#meetings", DataTable).row_count
        assert edit.shown.enabled
