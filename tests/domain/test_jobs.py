"""Whose hours count: each person's job, dated, decides which table their entries are in."""

from datetime import date

import pytest

from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.jobs import change_job, history
from engage_tui.domain.pact import add_series, pact_actual_cost
from engage_tui.domain.pact_meetings import MeetingDraft, _attendees, add_meeting
from engage_tui.domain.people import add_area, add_person, find_person, list_people
from engage_tui.domain.periods import Month
from engage_tui.domain.reports import annual, monthly, rollup
from engage_tui.domain.returns import approve, submit
from engage_tui.errors import EngageError
from tests.conftest import PRINTED_T3, SUPERVISOR, sup


def _log(store, officer: str, day: str, hours: str, category: str = "community") -> None:
    with store.write() as session:
        add_entry(
            session, sup(session), EntryDraft(officer=officer, date=day, hours=hours, category=category)
        )


@pytest.fixture
def unit(store):
    """A cohesion officer, a PCSO, and the supervisor, each with hours in 2019."""
    with store.write() as session:
        add_area(session, sup(session), "Crook")
        add_person(session, sup(session), "Ann Cohesion", area="Crook")
        add_person(session, sup(session), "Pat Pcso", area="Crook", job="pcso")
    for who in ("Ann Cohesion", "Pat Pcso", SUPERVISOR):
        _log(store, who, "2019-01-10", "2:00")
        _log(store, who, "2019-07-10", "3:00")
    return store


def test_a_person_has_a_job_from_the_day_they_are_added(unit):
    with unit.read() as session:
        jobs = {p.name: p.job for p in list_people(session, date(2019, 1, 1))}
    assert jobs == {"Ann Cohesion": "co", "Pat Pcso": "pcso", SUPERVISOR: "sergeant"}


def test_t3_counts_the_cohesion_officers_only(unit):
    with unit.read() as session:
        t3 = monthly(session, 2019)
        pcso = monthly(session, 2019, job="pcso")
        sergeant = monthly(session, 2019, job="sergeant")
    assert (t3.rows[0][1], t3.rows[6][1], t3.rows[-1][1]) == (120, 180, 300)
    assert pcso.rows[-1][1] == 300 and pcso.title.startswith("PCSOs' monthly engagement hours")
    assert sergeant.rows[-1][1] == 300  # the supervisor's own hours are in no one else's table
    assert t3.title.startswith("Cohesion officers' monthly engagement hours")


def test_a_change_of_job_counts_from_its_day_and_leaves_the_months_before(unit):
    with unit.write() as session:
        pat = find_person(session, "Pat Pcso")
        change_job(session, sup(session), pat, "co", date(2019, 6, 1))
    with unit.read() as session:
        t3 = monthly(session, 2019)
        pcso = monthly(session, 2019, job="pcso")
        jobs = [(j.job, j.effective_from) for j in history(session, pat.id)]
    assert (t3.rows[0][1], t3.rows[6][1]) == (120, 360)  # January as it was; July has Pat's 3 h too
    assert (pcso.rows[0][1], pcso.rows[6][1]) == (120, None)
    assert jobs == [("pcso", date(1900, 1, 1)), ("co", date(2019, 6, 1))]


def test_a_change_within_a_month_splits_that_month_by_day(unit):
    """T3 sums whole months by officer, and only the months a job changed mid-month day by day: a
    change on the 15th puts the 10th and the 20th of that month in different tables, and a job held
    from the 3rd to the 12th of one month counts only the days it was held."""
    for day, hours in (("2019-03-10", "1:00"), ("2019-03-20", "2:00"), ("2019-05-02", "0:30")):
        _log(unit, "Pat Pcso", day, hours)
    _log(unit, "Pat Pcso", "2019-05-05", "0:45")
    _log(unit, "Pat Pcso", "2019-05-20", "1:15")
    with unit.write() as session:
        pat = find_person(session, "Pat Pcso")
        change_job(session, sup(session), pat, "co", date(2019, 3, 15))
        change_job(session, sup(session), pat, "pcso", date(2019, 5, 3))
        change_job(session, sup(session), pat, "co", date(2019, 5, 12))
    with unit.read() as session:
        t3, pcso = monthly(session, 2019), monthly(session, 2019, job="pcso")
        years = {job: annual(session, job=job) for job in ("co", "pcso")}
        pivot = rollup(session, "officer", "month", date(2019, 1, 1), date(2019, 12, 31))
        by_days = rollup(session, "officer", "month", date(2019, 1, 1), date(2019, 12, 30))  # each entry
    assert (t3.rows[2][1], pcso.rows[2][1]) == (120, 60)  # March: the 20th is Pat's as a co
    assert (t3.rows[4][1], pcso.rows[4][1]) == (30 + 75, 45)  # May: the 2nd and 20th co, the 5th pcso
    assert (t3.rows[0][1], pcso.rows[0][1]) == (120, 120)  # January: Pat a PCSO the whole month
    assert (t3.rows[6][1], pcso.rows[6][1]) == (360, None)  # July: Pat a co the whole month
    assert [years[j].rows[0][1:] for j in ("co", "pcso")] == [t3.rows[-1][1:], pcso.rows[-1][1:]]
    assert (years["co"].unapproved, years["pcso"].unapproved) == (5, 3)
    pat = next(row for row in pivot.rows if row[0] == "Pat Pcso")
    assert (pat[1], pat[3], pat[5], pat[7]) == (None, 120, 105, 180) and pivot.rows == by_days.rows
    assert (t3.unapproved, pcso.unapproved) == (
        2 + 3,
        3,
    )  # officer-months: Ann's 2; Pat's Mar, May, Jul | Jan, Mar, May


def test_a_change_of_job_may_not_move_an_approved_months_hours(unit):
    with unit.write() as session:
        submit(session, sup(session), Month(2019, 7), "Pat Pcso")
        approve(session, sup(session), "Pat Pcso", Month(2019, 7))
    with (
        pytest.raises(
            EngageError,
            match="hours of July 2019 count in, and that month is approved; a supervisor must reopen",
        ),
        unit.write() as session,
    ):
        change_job(session, sup(session), find_person(session, "Pat Pcso"), "co", date(2019, 6, 1))
    with unit.write() as session:  # from August on, nothing approved moves
        change_job(session, sup(session), find_person(session, "Pat Pcso"), "co", date(2019, 8, 1))


def test_an_unknown_job_is_refused_by_name(unit):
    with pytest.raises(EngageError, match="job: 'detective' is not a job; give one of co, pcso"):
        with unit.write() as session:
            add_person(session, sup(session), "Dee Tective", job="detective")


def test_rollups_and_the_annual_table_take_a_job_or_group_by_it(unit):
    with unit.read() as session:
        cohesion = rollup(session, "officer", "year", date(2019, 1, 1), date(2019, 12, 31))
        everyone = rollup(session, "job", "year", date(2019, 1, 1), date(2019, 12, 31), job=None)
        by_job = annual(session, job=None, by_job=True)
        pcso_years = annual(session, job="pcso")
    assert [row[0] for row in cohesion.rows] == ["Ann Cohesion", "TOTAL"]
    assert everyone.rows == [
        ["co", 300, 300],
        ["pcso", 300, 300],
        ["sergeant", 300, 300],
        ["TOTAL", 900, 900],
    ]
    assert [c.title for c in by_job.columns] == [
        "Year",
        "Cohesion officers (Hours)",
        "PCSOs (Hours)",
        "Sergeants (Hours)",
        "Total",
    ]
    assert by_job.rows == [["2019", 300, 300, 300, 900], ["TOTAL", 300, 300, 300, 900]]
    assert pcso_years.rows == [["2019", 300, None], ["TOTAL", 300, None]]


def test_a_meetings_rank_defaults_to_the_job_on_its_day(unit):
    with unit.write() as session:
        add_series(session, sup(session), "Crook", "Crook PACT", start=date(2019, 1, 1))
        meeting = add_meeting(
            session,
            sup(session),
            MeetingDraft("Crook PACT", "2019-03-05", "6", officers=("pat pcso", "Ann Cohesion:pc:1:30")),
        )
        officers = _attendees(session, meeting)
    assert sorted((o.rank, o.minutes) for o in officers.values()) == [("pc", 90), ("pcso", 180)]
    with pytest.raises(EngageError, match="Ann Cohesion is co on the day, not a pcso, pc or inspector"):
        with unit.write() as session:
            add_meeting(
                session,
                sup(session),
                MeetingDraft("Crook PACT", "2019-04-02", "6", officers=("Ann Cohesion",)),
            )


def test_the_demo_keeps_t3_as_printed_with_neighbourhood_officers_at_its_meetings(demo_store):
    with demo_store.read() as session:
        t3 = monthly(session, 2017)
        actual = pact_actual_cost(session, date(2017, 1, 1), date(2017, 12, 31))
        pcso = monthly(session, 2017, job="pcso")
    assert t3.display_rows() == PRINTED_T3
    assert [row[0] for row in actual.rows] == ["PCSO", "PC", "TOTAL"]
    assert all(row[3] for row in actual.rows)  # every rank priced, so the total too
    assert pcso.rows[-1][1] == actual.rows[0][2]  # the PCSOs' hours are their meetings'
