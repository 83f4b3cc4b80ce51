"""The Returns grid: a row for everyone with entries or a return in the year — supervisors and people
who have left included — and for every active officer, with a state in every month."""

from engage_tui.domain import directory, returns
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.people import add_person
from engage_tui.domain.periods import year_months
from tests.conftest import acting, sup


def _team(store) -> None:
    with store.write() as session:
        for name, login in (("Ann Officer", "ann"), ("Bob Leaver", "bob"), ("Cy Gone", "cy")):
            add_person(session, sup(session), name, login=login)
    with store.write() as session:
        add_entry(session, sup(session), EntryDraft("sup", "2020-03-09", "2"))
        add_entry(session, acting(session, "bob"), EntryDraft("Bob Leaver", "2020-02-11", "1:30"))
        returns.submit(session, acting(session, "bob"), year_months(2020, False)[1])
    with store.write() as session:
        for name in ("Bob Leaver", "Cy Gone"):
            directory.set_person_active(session, sup(session), name, False)


def test_everyone_with_hours_or_a_return_in_the_year_has_a_row_in_every_month(store):
    _team(store)
    months = year_months(2020, False)
    with store.read() as session:
        rows = returns.grid(session, months)
    people = {r.officer for r in rows}
    assert people == {"Ann Officer", "Bob Leaver", "sup"}  # Cy left with nothing in 2020
    assert len(rows) == len(people) * 12
    state = {(r.officer, r.month.month): (r.state, r.minutes) for r in rows}
    assert state["sup", 3] == ("draft", 120) and state["sup", 4] == ("not started", 0)
    assert state["Bob Leaver", 2] == ("submitted", 90)
    assert state["Ann Officer", 1] == ("not started", 0)


def test_a_year_without_them_leaves_out_those_who_have_left_and_the_supervisor(store):
    _team(store)
    with store.read() as session:
        rows = returns.grid(session, year_months(2021, True))  # 2021/22, April to March
    assert {r.officer for r in rows} == {"Ann Officer"}
    assert [r.month.key for r in rows] == [m.key for m in year_months(2021, True)]
