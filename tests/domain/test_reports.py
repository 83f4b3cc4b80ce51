"""T3: the monthly table, from exact minutes, rounded half up only for display."""

from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.people import add_person, find_person
from engage_tui.domain.periods import Month
from engage_tui.domain.reports import latest_entry_month, monthly
from tests.conftest import PRINTED_T3, sup


def test_demo_reproduces_t3_as_printed(demo_store):
    with demo_store.read() as session:
        assert monthly(session, 2017).display_rows() == PRINTED_T3


def test_printed_totals_are_not_the_sums_of_printed_rows(demo_store):
    with demo_store.read() as session:
        rows = monthly(session, 2017).display_rows()
    assert sum(int(r[1]) for r in rows[:10]) == 2349
    assert sum(int(r[2]) for r in rows[:10]) == 197


def _log(store, actor, officer, day, hours, category="community"):
    with store.write() as session:
        add_entry(session, actor, EntryDraft(officer=officer, date=day, hours=hours, category=category))


def test_total_comes_from_exact_minutes(store, supervisor):
    with store.write() as session:
        add_person(session, sup(session), "Ann Officer")
    _log(store, supervisor, "Ann Officer", "2019-01-10", "0:30")
    _log(store, supervisor, "Ann Officer", "2019-02-10", "0:30")
    with store.read() as session:
        rows = monthly(session, 2019).display_rows()
    assert rows[0][1] == "1" and rows[1][1] == "1"  # each 0.5 h rounds half up
    assert rows[-1][1] == "1"  # but 1.0 h in all, not 2
    assert rows[-1][2] == ""  # nothing C&YP logged: blank, not 0


def test_financial_year_and_officer_filter(store, supervisor):
    with store.write() as session:
        add_person(session, sup(session), "Ann Officer")
        add_person(session, sup(session), "Bob Officer")
    _log(store, supervisor, "Ann Officer", "2022-03-31", "1:00", "cyp")
    _log(store, supervisor, "Ann Officer", "2022-04-01", "2:00")
    _log(store, supervisor, "Bob Officer", "2022-04-02", "4:00")
    with store.read() as session:
        fy = monthly(session, 2022, fy=True)
        ann = find_person(session, "ann officer")
        ann_fy = monthly(session, 2022, fy=True, officer_id=ann.id, officer_name=ann.name)
        previous = monthly(session, 2021, fy=True)
    assert fy.rows[0][0] == "April 2022" and fy.rows[0][1] == 360
    assert ann_fy.rows[0][1] == 120 and "Ann Officer" in ann_fy.title
    assert previous.rows[11][0] == "March 2022" and previous.rows[11][2] == 60
    assert fy.period == "2022-23"


def test_precision_shows_decimals(store, supervisor):
    with store.write() as session:
        add_person(session, sup(session), "Ann Officer")
    _log(store, supervisor, "Ann Officer", "2019-01-10", "1:20")
    with store.read() as session:
        assert monthly(session, 2019).display_rows(2)[0][1] == "1.33"


def test_screens_open_on_the_month_of_the_latest_entry(store):
    """Screens open on the month of the latest entry, whatever order the days were logged in; an empty
    database has none."""
    with store.read() as session:
        assert latest_entry_month(session) is None
    with store.write() as session:
        add_person(session, sup(session), "Ann Officer")
        for day in ("2019-03-28", "2019-04-02", "2019-04-19", "2019-04-07", "2018-12-31"):
            add_entry(session, sup(session), EntryDraft(officer="Ann Officer", date=day, hours="1"))
    with store.read() as session:
        assert latest_entry_month(session) == Month(2019, 4)


def test_a_reports_cells_as_text_are_made_once_and_a_changed_copy_makes_its_own():
    """The app makes a report's text cells in the thread that built it, then shows them on the event
    loop: the second call must be the first's result, not the work again; `replace` starts afresh."""
    from dataclasses import replace

    from engage_tui.domain.tables import Column, Report

    report = Report("r", "R", [Column("Officer"), Column("Hours", "hours")], [["Ann", 90], ["TOTAL", 90]])
    first = report.display_rows()
    assert first == [["Ann", "2"], ["TOTAL", "2"]]
    assert report.display_rows() is first
    assert report.display_rows(1) == [["Ann", "1.5"], ["TOTAL", "1.5"]]
    assert replace(report, rows=[["Bob", 30]]).display_rows() == [["Bob", "1"]]
    assert report == replace(report)  # the cache takes no part in equality
