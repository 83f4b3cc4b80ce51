"""Every hours report says PROVISIONAL while an officer-month it counts is not approved, counted in
one aggregation over exactly the entries it sums; and says nothing once they are all approved."""

from datetime import date

import pytest

from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.events import EventDraft, add_event
from engage_tui.domain.hours import add_entry
from engage_tui.domain.pact import add_series, pact_actual_cost
from engage_tui.domain.pact_meetings import MeetingDraft, add_meeting
from engage_tui.domain.people import add_area, add_person
from engage_tui.domain.periods import Month
from engage_tui.domain.reports import annual, events_summary, monthly, rollup
from engage_tui.domain.returns import approve, submit
from engage_tui.domain.tables import PROVISIONAL_MARK
from tests.conftest import sup


@pytest.fixture
def team(store):
    """Ann has approved hours in March 2019 and draft hours in March and May 2020 (one at an event),
    Ben draft hours in June 2020."""
    with store.write() as session:
        actor = sup(session)
        add_area(session, actor, "Crook", "West")
        add_person(session, actor, "Ann Officer", area="Crook")
        add_person(session, actor, "Ben Walton", area="Crook")
        add_entry(session, actor, EntryDraft("Ann Officer", "2019-03-04", "2"))
        submit(session, actor, Month(2019, 3), "Ann Officer")
        approve(session, actor, "Ann Officer", Month(2019, 3))
        add_entry(session, actor, EntryDraft("Ann Officer", "2020-03-04", "1:30"))
        add_event(
            session,
            actor,
            EventDraft(
                "2020-05-09", "community event", "Crook show", area="Crook", officers=("Ann Officer:3",)
            ),
        )
        add_entry(session, actor, EntryDraft("Ben Walton", "2020-06-10", "2"))
    return store


def _approve(store, officer: str, month: Month) -> None:
    with store.write() as session:
        submit(session, sup(session), month, officer)
        approve(session, sup(session), officer, month)


def test_the_annual_table_is_provisional_and_names_the_years(team):
    with team.read() as session:
        calendar, financial = annual(session), annual(session, fy=True)
    assert calendar.unapproved == 3 and calendar.provisional
    assert calendar.notes == ["PROVISIONAL: 3 officer-month(s) with hours are not yet approved (2020)"]
    assert calendar.banner() == f"{PROVISIONAL_MARK} — Cohesion officers' engagement hours by calendar year"
    assert financial.notes == [  # March 2020 is in 2019/20, May and June in 2020/21
        "PROVISIONAL: 3 officer-month(s) with hours are not yet approved (2019/20, 2020/21)"
    ]
    for officer, month in (("Ann Officer", Month(2020, 3)), ("Ann Officer", Month(2020, 5))):
        _approve(team, officer, month)
    with team.read() as session:
        assert annual(session).unapproved == 1
        assert annual(session, fy=True).notes[0].endswith("are not yet approved (2020/21)")
    _approve(team, "Ben Walton", Month(2020, 6))
    with team.read() as session:
        final = annual(session)
    assert (final.unapproved, final.provisional, final.notes) == (0, False, [])
    assert final.banner() == final.title and "PROVISIONAL" not in final.headers(units=True)[0]


def test_a_rollup_counts_the_months_of_its_window(team):
    with team.read() as session:
        whole = rollup(session, "officer", "month", date(2020, 1, 1), date(2020, 12, 31))
        spring = rollup(session, "officer", "quarter", date(2020, 1, 1), date(2020, 3, 31))
        old = rollup(session, "officer", "year", date(2019, 1, 1), date(2019, 12, 31))
    assert whole.unapproved == 3 and whole.notes == [
        "PROVISIONAL: 3 officer-month(s) with hours are not yet approved"
    ]
    assert spring.unapproved == 1 and spring.banner().startswith(
        "PROVISIONAL — Cohesion officers' hours by officer"
    )
    assert (old.unapproved, old.notes, old.banner()) == (0, [], old.title)  # March 2019 is approved
    assert whole.tidy().provisional and whole.tidy().notes == whole.notes


def test_the_events_report_counts_the_hours_at_its_events_only(team):
    with team.read() as session:
        year = events_summary(session, "type", date(2020, 1, 1), date(2020, 12, 31))
        before = events_summary(session, "type", date(2020, 1, 1), date(2020, 4, 30))
    assert year.unapproved == 1  # Ann's May at the show; her March and Ben's June are not at events
    assert year.notes == ["PROVISIONAL: 1 officer-month(s) with hours are not yet approved"]
    assert (before.unapproved, before.provisional) == (0, False)
    _approve(team, "Ann Officer", Month(2020, 5))
    with team.read() as session:
        assert not events_summary(session, "type", date(2020, 1, 1), date(2020, 12, 31)).provisional
        assert annual(session).unapproved == 2  # the rest still counts where it is counted


def test_the_actual_cost_of_pact_counts_the_officers_hours_at_the_meetings(team):
    with team.write() as session:
        add_series(session, sup(session), "Crook", "Crook PACT", start=date(2020, 1, 1), schedule="last tue")
        add_meeting(
            session,
            sup(session),
            MeetingDraft(series="Crook PACT", date="2020-07-28", public="5", officers=("Ben Walton:pcso",)),
        )
    with team.read() as session:
        july = pact_actual_cost(session, date(2020, 7, 1), date(2020, 7, 31))
        june = pact_actual_cost(session, date(2020, 6, 1), date(2020, 6, 30))
    assert july.unapproved == 1 and july.notes[-1].startswith("PROVISIONAL: 1 officer-month(s)")
    assert june.unapproved == 0 and not any("PROVISIONAL" in n for n in june.notes)


def test_t3_keeps_its_note_and_its_figures(demo_store):
    with demo_store.read() as session:
        t3 = monthly(session, 2017)
    assert t3.unapproved == 8 and t3.notes == [
        "PROVISIONAL: 8 officer-month(s) with hours are not yet approved"
    ]
    assert t3.display_rows()[-1] == ["TOTAL", "2350", "196"]
