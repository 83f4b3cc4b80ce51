"""Community events: officers' time at an event is their entries, counted once, kept in step."""

import pytest
from sqlalchemy import func, select

from engage_tui.domain.events import (
    EventDraft,
    add_event,
    delete_event,
    edit_event,
    get_event,
    import_events,
    list_events,
)
from engage_tui.domain.hours import list_entries
from engage_tui.domain.people import add_area, add_person
from engage_tui.domain.reports import monthly
from engage_tui.errors import EngageError, ImportRefused
from engage_tui.store.models import Entry
from tests.conftest import sup

SHOW = EventDraft(
    "2021-08-14",
    "community event",
    "Wolsingham Show",
    area="Crook",
    audiences=("rural and farming communities", "general public"),
    officers=("Ann Officer:3", "Bob Officer:2:30"),
    reached="400",
)


@pytest.fixture
def team(store):
    with store.write() as session:
        add_area(session, sup(session), "Crook", "West")
        add_person(session, sup(session), "Ann Officer", area="Crook")
        add_person(session, sup(session), "Bob Officer")
    return store


def _t3_august(store):
    with store.read() as session:
        row = monthly(session, 2021).rows[7]
    return row[1], row[2]


def test_event_time_appears_exactly_once_in_t3(team):
    with team.write() as session:
        event_id = add_event(session, sup(session), SHOW)
    assert _t3_august(team) == (330, None)
    with team.read() as session:
        entries = list_entries(session)
        row = get_event(session, event_id)
    assert sorted((e.officer, e.minutes, e.category, e.area) for e in entries) == [
        ("Ann Officer", 180, "community", "Crook"),
        ("Bob Officer", 150, "community", "Crook"),
    ]
    assert row.minutes == 330 and row.reached == 400 and len(row.audiences) == 2


def test_edit_and_delete_keep_the_entries_in_step(team):
    with team.write() as session:
        event_id = add_event(session, sup(session), SHOW)
        edit_event(session, sup(session), event_id, {"officers": ("Ann Officer:1",), "date": "2021-09-01"})
    assert _t3_august(team) == (None, None)
    with team.read() as session:
        assert [(e.minutes, e.date.isoformat()) for e in list_entries(session)] == [(60, "2021-09-01")]
    with team.write() as session:
        delete_event(session, sup(session), event_id)
    with team.read() as session:
        assert session.scalar(select(func.count()).select_from(Entry)) == 0
        assert list_events(session) == []


def test_category_follows_the_audiences_unless_an_officer_says_otherwise(team):
    school = EventDraft(
        "2021-03-02",
        "school session",
        "Cyber safety",
        audiences=("C&YP",),
        officers=("Ann Officer:1", "Bob Officer:1:community"),
    )
    with team.write() as session:
        add_event(session, sup(session), school)
    with team.read() as session:
        assert sorted((e.officer, e.category) for e in list_entries(session)) == [
            ("Ann Officer", "cyp"),
            ("Bob Officer", "community"),
        ]


@pytest.mark.parametrize(
    "change, says",
    [
        ({"reached": "-5"}, "reached"),
        ({"title": " "}, "title"),
        ({"area": "Nowhere"}, "area"),
        ({"officers": ("Nobody:1",)}, "unknown officer"),
        ({"officers": ("Ann Officer:-1",)}, "negative"),
        ({"date": "2021-02-30"}, "not a date"),
        ({"end_date": "2021-08-01"}, "before"),
        ({"type": "fair"}, "unknown event type"),
        ({"officers": ("Ann Officer:1", "ann officer:2")}, "twice"),
    ],
)
def test_bad_events_refused_and_nothing_stored(team, change, says):
    from dataclasses import replace

    with pytest.raises(EngageError, match=says), team.write() as session:
        add_event(session, sup(session), replace(SHOW, **change))
    with team.read() as session:
        assert list_events(session) == [] and list_entries(session) == []


def test_import_events_whole_or_not_at_all(team, tmp_path):
    good = (
        "date,type,title,area,audience,officers,reached,notes\n"
        "2021-05-01,coffee morning,Coffee with PCSOs,Crook,older people;general public,"
        "Ann Officer:1.5;Bob Officer:0:45,25,\n"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(good + "2021-05-02,coffee morning,Another,Crook,,Ann Officer:x,,\n")
    with pytest.raises(ImportRefused) as refused, team.write() as session:
        import_events(session, sup(session), bad)
    assert any(line.startswith("row 3, officers: 'x'") for line in refused.value.lines())
    path = tmp_path / "events.csv"
    path.write_text(good)
    with team.write() as session:
        assert import_events(session, sup(session), path) == 1
    with team.read() as session:
        (event,) = list_events(session)
    assert event.minutes == 135 and event.audiences == ["general public", "older people"]


def test_events_summary_counts_each_event_once_in_total(team):
    from datetime import date

    from engage_tui.domain.reports import events_summary

    with team.write() as session:
        add_event(session, sup(session), SHOW)
        add_event(
            session,
            sup(session),
            EventDraft(
                "2021-09-02",
                "coffee morning",
                "Coffee",
                audiences=("general public",),
                officers=("Ann Officer:1",),
                reached="20",
            ),
        )
    with team.read() as session:
        by_audience = events_summary(session, "audience", date(2021, 1, 1), date(2021, 12, 31))
        by_type = events_summary(session, "type", date(2021, 1, 1), date(2021, 12, 31))
    assert by_audience.rows == [
        ["general public", 2, 390, 420],
        ["rural and farming communities", 1, 330, 400],
        ["TOTAL", 2, 390, 420],
    ]
    assert [r[0][:14] for r in by_type.rows] == ["coffee morning", "community even", "TOTAL"]


def test_a_period_without_events_reads_no_entries(store):
    """No event, no lookup of the entries they logged: an empty IN list is no index lookup, and
    SQLite scanned every entry for it (2 s at a million entries, on opening the Events screen)."""
    from datetime import date

    from sqlalchemy import event

    sent: list[str] = []

    def record(_connection, _cursor, statement, *_rest) -> None:
        sent.append(statement)

    with store.read() as session:
        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", record)
        try:
            assert list_events(session, date(2030, 1, 1), date(2030, 1, 31)) == []
        finally:
            event.remove(engine, "before_cursor_execute", record)
    assert sent and not any("FROM entries" in statement for statement in sent)
