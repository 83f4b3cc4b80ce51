"""Entries: one validation path, all bad fields at once, and who may log for whom."""

import pytest

from engage_tui.domain.counts import counted
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import (
    DraftInvalid,
    add_entry,
    delete_entry,
    edit_entry,
    get_entry,
    list_entries,
    month_of,
)
from engage_tui.domain.people import add_area, add_person, find_person, require_actor
from engage_tui.domain.periods import Month
from engage_tui.errors import EngageError, NotFound
from tests.conftest import sup


@pytest.fixture
def team(store):
    with store.write() as session:
        add_area(session, sup(session), "Consett", "North")
        add_person(session, sup(session), "Ann Officer", area="consett", login="ann")
        add_person(session, sup(session), "Bob Officer")
    return store


def test_add_defaults_area_and_category(team, supervisor):
    with team.write() as session:
        entry_id = add_entry(
            session,
            supervisor,
            EntryDraft("ann officer", "2020-05-01", "2:30", audience="GRT", activity="coffee"),
        )
    with team.read() as session:
        row = get_entry(session, entry_id)
    assert (row.officer, row.minutes, row.category, row.area) == ("Ann Officer", 150, "community", "Consett")
    assert row.audience == "Gypsy, Roma and Traveller communities"
    assert row.activity == "coffee morning"


def test_every_bad_field_is_reported_and_nothing_stored(team, supervisor):
    draft = EntryDraft("Ann Ofice", "2020-02-30", "25", category="kids", area="Nowhere", audience="martians")
    with pytest.raises(DraftInvalid) as refused, team.write() as session:
        add_entry(session, supervisor, draft)
    assert [e.field for e in refused.value.errors] == [
        "officer",
        "date",
        "hours",
        "category",
        "area",
        "audience",
    ]
    assert "did you mean 'Ann Officer'" in refused.value.message
    with team.read() as session:
        assert list_entries(session) == []


def test_officer_logs_only_their_own_time(team):
    with team.read() as session:
        ann = require_actor(session, "ann")
    with pytest.raises(EngageError, match="only log their own"), team.write() as session:
        add_entry(session, ann, EntryDraft("Bob Officer", "2020-05-01", "1"))
    with team.write() as session:
        add_entry(session, ann, EntryDraft("Ann Officer", "2020-05-01", "1"))


def test_edit_changes_only_given_fields_and_records_who(team, supervisor):
    with team.write() as session:
        entry_id = add_entry(
            session, supervisor, EntryDraft("Ann Officer", "2020-05-01", "1", notes="[PACT] notes")
        )
        row = edit_entry(session, supervisor, entry_id, {"hours": "1:45", "category": "C&YP"})
    assert (row.minutes, row.category, row.notes, row.date.isoformat()) == (
        105,
        "cyp",
        "[PACT] notes",
        "2020-05-01",
    )


def test_month_totals_and_delete(team, supervisor):
    with team.write() as session:
        first = add_entry(session, supervisor, EntryDraft("Ann Officer", "2020-05-01", "1"))
        add_entry(session, supervisor, EntryDraft("Ann Officer", "2020-05-09", "0:20", "cyp"))
        add_entry(session, supervisor, EntryDraft("Ann Officer", "2020-06-01", "3"))
    with team.read() as session:
        ann = find_person(session, "Ann Officer").id
        assert month_of(session, ann, Month(2020, 5)).totals == {"community": 60, "cyp": 20}
    with team.write() as session:
        delete_entry(session, supervisor, first)
    with team.read() as session:
        assert month_of(session, ann, Month(2020, 5)).totals == {"community": 0, "cyp": 20}
        assert len(list_entries(session, ann, Month(2020, 6))) == 1
    with pytest.raises(NotFound), team.write() as session:
        delete_entry(session, supervisor, first)


@pytest.mark.parametrize(
    ("count", "said"), [(0, "0 entries"), (1, "1 entry"), (2, "2 entries"), (16781, "16,781 entries")]
)
def test_a_count_of_entries_reads_as_words(count, said):
    assert counted(count, "entry", "entries") == said
    assert counted(count, "row") == said.replace("entries", "rows").replace("entry", "row")
