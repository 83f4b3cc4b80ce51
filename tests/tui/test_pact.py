"""The PACT screen: what is due and missing, recording a meeting in one form, following up issues,
and the tables (T1, T2, attendance, actual cost) for a day."""

import csv
import io
from dataclasses import replace
from datetime import date

import pytest
from textual.widgets import DataTable, Input, Select, SelectionList, Static, TextArea

from engage_tui.domain.pact_issues import issues_by_area, list_issues, open_by_area
from engage_tui.domain.pact_meetings import list_meetings
from engage_tui.tui.dialogs.issue_form import IssueForm
from engage_tui.tui.dialogs.meeting_form import MeetingForm
from engage_tui.tui.screens.pact import PactScreen
from engage_tui.tui.screens.pact.due import DueTab
from engage_tui.tui.widgets.chunked import FIRST
from tests.tui.conftest import settle


def _cells(table: DataTable, row: int) -> list[str]:
    return [str(c) for c in table.get_row_at(row)]


async def _open(pilot) -> PactScreen:
    await pilot.press("5")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PactScreen)
    return pilot.app.screen


@pytest.mark.on_server
async def test_pact_screen_shows_t1_and_t2_for_a_day(demo_app):
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        await pilot.press("g")
        await settle(pilot)
        pilot.app.screen.query_one("#answer", Input).value = "2015-12-31"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t")
        t1 = screen.query_one("#t1", DataTable)
        assert _cells(t1, t1.row_count - 1)[:2] == ["TOTAL", "170"]
        assert _cells(screen.query_one("#t2", DataTable), 0) == ["PCSO", "31.84", "4500", "143,280.00"]
        attendance = screen.query_one("#attendance", DataTable)
        assert _cells(attendance, attendance.row_count - 1)[0] == "TOTAL"


async def test_t2_at_a_mix_of_ranks_is_the_command_lines(demo_app, cli):
    """`M` on the Tables tab asks for a mix, refuses shares that do not add to 1 in place, and adds
    T2's blended row as `report pact-cost --mix` prints it; blank takes it away."""
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        await pilot.press("g")
        await settle(pilot)
        pilot.app.screen.query_one("#answer", Input).value = "2015-12-31"
        await pilot.press("enter", "t")
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        pilot.app.screen.query_one("#answer", Input).value = "pcso=0.6,pc=0.5"
        await pilot.press("enter")
        await settle(pilot)
        assert "the shares add to 1.1, not 1" in str(pilot.app.screen.query_one("#ask-error", Static).content)
        pilot.app.screen.query_one("#answer", Input).value = "pcso=0.6,pc=0.4"
        await pilot.press("enter")
        await settle(pilot)
        t2 = screen.query_one("#t2", DataTable)
        shown = [_cells(t2, r) for r in range(t2.row_count)]
        await pilot.press("M")
        await settle(pilot)
        pilot.app.screen.query_one("#answer", Input).value = ""
        await pilot.press("enter")
        await settle(pilot)
        without = t2.row_count
    printed = cli(
        "report", "pact-cost", "--as-of", "2015-12-31", "--mix", "pcso=0.6,pc=0.4", "--format", "csv"
    )
    blended = list(csv.reader(io.StringIO(printed.out)))[-1]
    assert blended[0] == shown[-1][0] == "Mix: 60% PCSO, 40% PC"
    assert shown[-1][-1].replace(",", "") == blended[-1] == "210000.00"
    assert without == len(shown) - 1


@pytest.mark.on_server
async def test_record_a_missing_meeting_with_its_issues(demo_app, demo_store):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        due = screen.query_one("#due", DataTable)
        missing = next(r for r in range(due.row_count) if _cells(due, r)[3] == "missing")
        day, _, series, _ = _cells(due, missing)
        due.move_cursor(row=missing)
        await pilot.press("r")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, MeetingForm)
        assert (form.query_one("#series", Input).value, form.query_one("#date", Input).value) == (series, day)
        form.query_one("#public", Input).value = "-2"
        form.query_one("#issues", TextArea).text = "parking: vans on the green"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form  # refused: the form stays, everything typed kept
        assert form.query_one("#form-status", Static).content.startswith("Public: '-2'")
        assert form.query_one("#public", Input).has_class("-invalid")
        form.query_one("#public", Input).value = "7"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert f"{series}|{day}|" not in [k.value for k in due.rows]
        assert not screen.query("#meetings")  # a hidden tab is built and loads when it is shown
        await pilot.press("m")
        await settle(pilot)
        meetings = screen.query_one("#meetings", DataTable)
        rows = [_cells(meetings, r) for r in range(meetings.row_count)]
        assert [r[3] for r in rows if r[:2] == [day, series]] == ["7"]
    with demo_store.read() as session:
        held = list_meetings(session, series=series, start=date.fromisoformat(day))[0]
        assert (held.public, held.issues_raised) == (7, 1)


async def _record_after(pilot, series: str) -> SelectionList:
    """Open the form for a new meeting of `series` after the demo's last, and its report-back list."""
    await pilot.press("r")
    await settle(pilot)
    form = pilot.app.screen
    form.query_one("#series", Input).value = series
    form.query_one("#date", Input).value = "2017-10-19"
    await settle(pilot)
    return form.query_one("#reported", SelectionList)


async def test_the_form_lists_open_issues_to_report_back(demo_app, demo_store):
    with demo_store.read() as session:
        pending = list_issues(session, status="open")[0]
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        listing = await _record_after(pilot, pending.series)
        form = pilot.app.screen
        assert pending.id in [listing.get_option_at_index(i).value for i in range(listing.option_count)]
        listing.select(pending.id)
        form.query_one("#public", Input).value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
    with demo_store.read() as session:
        heard = next(i for i in list_issues(session, series=pending.series) if i.id == pending.id)
        assert heard.reported_back == date(2017, 10, 19)


@pytest.mark.on_server
async def test_follow_up_an_issue_from_the_filtered_list(demo_app, demo_store):
    with demo_store.read() as session:
        most, count = open_by_area(issues_by_area(session))[0]
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        await pilot.press("i")
        issues = screen.query_one("#issues", DataTable)
        assert {_cells(issues, r)[1] for r in range(issues.row_count)} == {"open", "in hand"}
        glance = str(screen.query_one("#issues-glance", Static).content)
        assert glance.startswith(f"Open by area: {most} {count} · ")
        screen.query_one("#issue-area-filter", Select).value = "Crook"
        await settle(pilot)
        first = str(issues.coordinate_to_cell_key(issues.cursor_coordinate).row_key.value)
        await pilot.press("enter")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, IssueForm)
        form.query_one("#status", Select).value = "resolved"
        form.query_one("#outcome", Input).value = "council moved the bins"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert first not in [k.value for k in issues.rows]  # no longer open
    with demo_store.read() as session:
        done = next(i for i in list_issues(session, status="resolved") if str(i.id) == first)
        assert (done.area, done.outcome) == ("Crook", "council moved the bins")


async def test_the_palette_opens_the_pact_tables_from_anywhere(demo_app):
    from textual.widgets import TabbedContent

    async def palette(command: str) -> None:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*command)
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot, 0.3)

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette("PACT tables")
        assert isinstance(pilot.app.screen, PactScreen)
        assert pilot.app.screen.query_one(TabbedContent).active == "tables-tab"
        await pilot.press("1")
        await palette("PACT cost (T2)")
        assert pilot.app.screen.focused.id == "t2"  # the one table, in view under its title
        assert pilot.app.screen.query_one("#pact-body").scroll_y > 0


async def test_add_a_series_and_retire_it_from_the_register(demo_app, demo_store):
    from textual.widgets import Select

    from engage_tui.domain.pact import list_series
    from engage_tui.tui.dialogs.series_form import SeriesForm

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        await pilot.press("s", "a")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, SeriesForm)
        for field, value in (
            ("area", "Atlantis"),
            ("name", "Tow Law PACT"),
            ("schedule", "last tue"),
            ("start", "2017-11-28"),
        ):
            form.query_one(f"#{field}", Input).value = value
        form.query_one("#frequency", Select).value = "bimonthly"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form
        assert str(form.query_one("#form-status", Static).content).startswith("Area: unknown area 'Atlantis'")
        form.query_one("#area", Input).value = "Crook"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        register = screen.query_one("#register", DataTable)
        register.move_cursor(row=register.get_row_index("Tow Law PACT"))
        await pilot.press("R")
        await settle(pilot)
        pilot.app.screen.query_one("#answer", Input).value = "2018-06-01"
        await pilot.press("enter")
        await settle(pilot)
    with demo_store.read() as session:
        added = next(s for s in list_series(session, area="Crook") if s.name == "Tow Law PACT")
    assert (added.frequency, added.schedule, added.retired) == ("bimonthly", "last tue", date(2018, 6, 1))


async def _on_meeting(pilot, screen: PactScreen, with_issues: bool, attended: bool | None = None) -> int:
    """The Meetings tab's cursor on the first meeting with (or without) issues raised, and (where
    `attended` says) with or without officers' hours logged; its id."""
    await pilot.press("m")
    meetings = screen.query_one("#meetings", DataTable)
    meetings.move_cursor(
        row=next(
            r
            for r in range(meetings.row_count)
            if bool(_cells(meetings, r)[5]) == with_issues
            and (attended is None or bool(_cells(meetings, r)[6]) == attended)
        )
    )  # the Issues and Officers columns
    return int(str(meetings.coordinate_to_cell_key(meetings.cursor_coordinate).row_key.value))


async def test_delete_a_meeting_without_issues_once_confirmed(demo_app, demo_store):
    from engage_tui.domain.pact_meetings import get_meeting
    from engage_tui.errors import NotFound

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        # no officers' hours: theirs would be in months already submitted
        meeting_id = await _on_meeting(pilot, screen, with_issues=False, attended=False)
        meetings = screen.query_one("#meetings", DataTable)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert str(meeting_id) not in [k.value for k in meetings.rows]
    with demo_store.read() as session, pytest.raises(NotFound):
        get_meeting(session, meeting_id)


async def test_a_meeting_with_issues_is_refused_before_asking_and_an_issue_can_be_deleted(
    demo_app, demo_store
):
    from engage_tui.domain.pact_issues import get_issue
    from engage_tui.errors import NotFound
    from engage_tui.tui.dialogs.confirm import Confirm

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        await _on_meeting(pilot, screen, with_issues=True)
        await pilot.press("delete")
        await settle(pilot)
        assert pilot.app.screen is screen  # refused at once: no question asked first
        await pilot.press("i")
        issues = screen.query_one("#issues", DataTable)
        issues.move_cursor(
            row=next(r for r in range(issues.row_count) if not _cells(issues, r)[7])
        )  # not heard
        issue_id = int(str(issues.coordinate_to_cell_key(issues.cursor_coordinate).row_key.value))
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert str(issue_id) not in [k.value for k in issues.rows]
    with demo_store.read() as session, pytest.raises(NotFound):
        get_issue(session, issue_id)


async def test_deleting_a_meeting_someone_else_deleted_says_so_and_carries_on(demo_app, demo_store):
    from engage_tui.domain.pact_meetings import delete_meeting
    from tests.conftest import sup

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        gone = await _on_meeting(pilot, screen, with_issues=False, attended=False)
        with demo_store.write() as session:
            delete_meeting(session, sup(session), gone)
        await pilot.press("delete")
        await settle(pilot)
        assert pilot.app.is_running and pilot.app.screen is screen


async def test_tables_scroll_with_the_cursor_and_filters_survive_a_dialog(demo_app):
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        due = screen.query_one("#due", DataTable)
        await pilot.press(*["down"] * 30)
        assert due.cursor_row == 30 and due.scroll_y > 0  # the row under the cursor is in view
        screen.query_one("#due-area-filter", Select).value = "Durham area"
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#due-area-filter", Select).value == "Durham area"
        assert {_cells(due, r)[1] for r in range(due.row_count)} == {"Durham area"}


async def test_space_ticks_the_first_issue_to_report_back_at_once(demo_app, demo_store):
    with demo_store.read() as session:
        pending = list_issues(session, status="open")[0]
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open(pilot)
        listing = await _record_after(pilot, pending.series)
        listing.focus()
        await pilot.press("space")
        assert listing.selected == [listing.get_option_at_index(0).value]


async def test_time_in_an_approved_month_is_refused_at_the_date_field(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open(pilot)
        await pilot.press("r")
        await settle(pilot)
        form = pilot.app.screen
        for field, value in (
            ("series", "Crook PACT 1"),
            ("date", "2017-03-15"),
            ("public", "4"),
            ("officers", "Amira Khan:pc"),
        ):
            form.query_one(f"#{field}", Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form
        assert "approved" in str(form.query_one("#form-status", Static).content)
        assert form.query_one("#date", Input).has_focus  # another day, or reopen the month
        assert form.query_one("#officers", Input).value == "Amira Khan:pc"  # kept


async def test_on_a_stale_database_the_screen_says_nothing_was_recorded_since(demo_store, db_url, tmp_path):
    from dataclasses import replace

    from engage_tui.tui.app import build_app
    from tests.tui.conftest import settings_for

    settings = replace(settings_for(db_url, tmp_path), today_override=date(2026, 11, 24))
    async with build_app(settings, demo_store).run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        title = str(screen.query_one("#pact-title", Static).content)
        due = screen.query_one("#due", DataTable)
        states = {_cells(due, r)[3] for r in range(due.row_count)}
    assert title.startswith("PACT 2017-10-10 (no meeting since) · 88 series")
    assert "missing" in states and "upcoming" not in states  # judged against today, not the day shown


async def test_closing_a_dialog_keeps_the_cursor_where_it_was(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        due = screen.query_one("#due", DataTable)
        await pilot.press("down", "down", "down")
        before = due.cursor_row
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert due.cursor_row == before == 3


async def test_the_due_list_filters_by_area(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        due = screen.query_one("#due", DataTable)
        assert len({_cells(due, r)[1] for r in range(due.row_count)}) > 1
        screen.query_one("#due-area-filter", Select).value = "Crook"
        await settle(pilot)
        assert due.row_count and {_cells(due, r)[1] for r in range(due.row_count)} == {"Crook"}


async def test_x_exports_the_table_in_view_and_the_footer_offers_each_tabs_actions(demo_app, tmp_path):
    from engage_tui.tui.widgets.footer import Footer

    async with demo_app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        offered = lambda: {k.shown.binding.description for k in pilot.app.screen.query_one(Footer).places}  # noqa: E731
        assert "Follow up" not in offered() and "Record" in offered()
        screen.query_one("#due-area-filter", Select).value = "Consett"
        await settle(pilot)
        screen.query_one("#due", DataTable).focus()
        await pilot.press("x")
        await pilot.press("i")
        await settle(pilot)
        assert "Follow up" in offered() and "Retire" not in offered()
        await pilot.press("x")
        await pilot.press("s")
        await settle(pilot)
        assert {"Add", "Retire", "Record"} <= offered()
        await pilot.press("t")
        screen.query_one("#actual", DataTable).focus()
        await pilot.press("x")
        await settle(pilot)
    written = {p.name.split("-2")[0]: p for p in (tmp_path / "exports").iterdir()}
    assert sorted(written) == ["pact-actual", "pact-due", "pact-issue-list-open-and-in-hand-all-areas"]
    due = written["pact-due"].read_text(encoding="utf-8-sig").splitlines()
    assert due[0] == "Date,Area,Series,State,Meeting"
    assert len(due) > 1 and all(",Consett," in line for line in due[1:])  # what the filtered tab shows


async def test_the_edit_form_shows_the_issues_reported_back_and_unticking_clears_one(demo_app, demo_store):
    from engage_tui.domain.pact_issues import update_issue
    from engage_tui.domain.pact_meetings import MeetingDraft, add_meeting
    from tests.conftest import sup

    with demo_store.write() as session:
        pending = list_issues(session, status="open")[0]
        meeting = add_meeting(
            session,
            sup(session),
            MeetingDraft(pending.series, "2017-10-19", "4", reported_back=(pending.id,)),
        )
        update_issue(session, sup(session), pending.id, {"status": "resolved"})  # heard, so no longer due
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        await pilot.press("m")
        meetings = screen.query_one("#meetings", DataTable)
        meetings.move_cursor(row=meetings.get_row_index(str(meeting)))
        await pilot.press("e")
        await settle(pilot)
        listing = pilot.app.screen.query_one("#reported", SelectionList)
        assert listing.selected == [pending.id]
        listing.deselect(pending.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
    with demo_store.read() as session:
        assert next(i for i in list_issues(session) if i.id == pending.id).reported_back is None


async def test_the_follow_up_form_rewords_retheme_and_says_what_an_empty_issue_needs(demo_app, demo_store):
    with demo_store.read() as session:
        issue = list_issues(session, area="Crook", status="open")[0]
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        await pilot.press("i")
        screen.query_one("#issue-area-filter", Select).value = "Crook"
        await settle(pilot)
        issues = screen.query_one("#issues", DataTable)
        issues.move_cursor(row=issues.get_row_index(str(issue.id)))
        await pilot.press("e")
        await settle(pilot)
        form = pilot.app.screen
        form.query_one("#text", Input).value = " "
        form.query_one("#theme", Select).value = "speeding"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(form.query_one("#form-status", Static).content) == "Issue: the issue's text is needed"
        form.query_one("#text", Input).value = "vans racing on Front St"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
    with demo_store.read() as session:
        changed = next(i for i in list_issues(session) if i.id == issue.id)
    assert (changed.text, changed.theme, changed.status) == ("vans racing on Front St", "speeding", "open")


async def test_a_long_due_list_shows_a_screenful_at_once_and_the_rest_between_frames(demo_app):
    """Thousands of rows never freeze the app: the tab's table fills a chunk at a time (issue 20.2),
    and every row is there once the loop has turned."""
    async with demo_app.run_test(size=(100, 30)) as pilot:
        screen = await _open(pilot)
        tab = screen.query_one(DueTab)
        many = [replace(d, series=f"{d.series} #{n}") for n in range(30) for d in tab.due]
        tab._loaded(many)
        table = screen.query_one("#due", DataTable)
        assert table.row_count == FIRST < len(tab.in_view())
        await settle(pilot)
        assert table.row_count == len(tab.in_view()) > 5000


async def test_opening_pact_loads_the_issues_only_once_they_are_shown(demo_app):
    """The Issues tab is built, and its issues loaded, when it is first shown — once, though its status
    filter reports its value as it mounts (at 1M, 5,000 issues had been loaded and filled behind the
    Due list before a person asked for them)."""
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        assert screen.query_one("#due", DataTable).row_count > 0
        assert not screen.query("#issues")
        pact, asked = demo_app.service.pact, []
        issues = pact.issues
        pact.issues = lambda *args: asked.append(args) or issues(*args)  # counts, then asks the store
        await pilot.press("i")
        await settle(pilot)
        assert screen.query_one("#issues", DataTable).row_count > 0
        assert asked == [(None, "open")]
        assert str(screen.query_one("#issues-glance", Static).content).startswith("Open by area: ")


async def test_the_register_filters_by_area_when_it_is_shown(demo_app):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        await pilot.press("s")
        await settle(pilot)
        register = screen.query_one("#register", DataTable)
        everyone = register.row_count
        screen.query_one("#register-area-filter", Select).value = "Crook"
        await settle(pilot)
        areas = {_cells(register, r)[0] for r in range(register.row_count)}
        assert areas == {"Crook"} and 0 < register.row_count < everyone


async def test_the_title_counts_from_the_tables_before_their_tab_is_built(demo_app, demo_store):
    """The Tables tab's reports load with the screen, for the title; its five tables are built and
    filled when it is first shown (opening PACT restyled them all, twice, before anyone looked)."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot)
        title = str(screen.query_one("#pact-title", Static).content)
        assert " series · " in title and " issues open" in title
        assert not screen.query("#t1")
        await pilot.press("t")
        await settle(pilot)
        t1 = screen.query_one("#t1", DataTable)
        assert t1.row_count > 0 and screen.focused is t1
        assert str(screen.query_one("#t2-note", Static).content)
        series = title.split(" series")[0].rsplit(" ", 1)[1]
        assert _cells(t1, t1.row_count - 1)[1] == series  # T1's TOTAL is the title's count
