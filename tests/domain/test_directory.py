"""The directory (people, areas, localities, vocabularies): rename, move, retire, restore, take off what
nothing uses — supervisors only, nothing in use deleted, each change audited with before and after."""

import json

import pytest

from engage_tui.domain import directory
from engage_tui.domain.actor import Actor
from engage_tui.domain.audit import list_audit, verify
from engage_tui.domain.audit_records import audit_record, audit_tables, find_audit
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry, list_entries
from engage_tui.domain.people import add_area, add_person, list_areas, list_people, require_actor, tell_server
from engage_tui.domain.vocab import add_term, list_terms
from engage_tui.errors import EngageError
from tests.conftest import sup


@pytest.fixture
def team(store):
    with store.write() as session:
        add_area(session, sup(session), "Consett", "North")
        add_person(session, sup(session), "Ann Officer", area="Consett", login="ann")
        add_entry(
            session,
            sup(session),
            EntryDraft("Ann Officer", "2020-05-04", "1", audience="GRT", activity="door"),
        )
    return store


def _people(store):
    with store.read() as session:
        return {p.name: p for p in list_people(session)}


def _last_change(store):
    with store.read() as session:
        return list_audit(session, limit=1)[0]


def test_rename_a_person_keeps_their_records_and_records_the_change(team):
    with team.write() as session:
        row = directory.rename_person(session, sup(session), "ann officer", "Ann Smith")
    assert row.name == "Ann Smith" and row.area == "Consett"
    change = _last_change(team)
    assert (change.action, change.entity, change.entity_id) == ("update", "people", row.id)
    assert json.loads(change.before or "")["name"] == "Ann Officer"
    assert json.loads(change.after or "")["name"] == "Ann Smith"
    with team.read() as session:
        assert [e.officer for e in list_entries(session)] == ["Ann Smith"]
        assert verify(session).ok


def test_a_name_taken_is_refused_but_a_change_of_case_is_not(team):
    with team.write() as session:
        with pytest.raises(EngageError, match="'sup' already exists"):
            directory.rename_person(session, sup(session), "Ann Officer", "SUP")
    with team.write() as session:
        assert (
            directory.rename_person(session, sup(session), "Ann Officer", "Ann officer").name == "Ann officer"
        )
    with team.write() as session, pytest.raises(EngageError, match="nothing to change"):
        directory.rename_person(session, sup(session), "Ann officer", "Ann officer")


def test_only_a_supervisor_changes_the_directory(team):
    with team.write() as session:
        ann = require_actor(session, "ann")
        for change in (
            lambda: directory.rename_person(session, ann, "Ann Officer", "Ann S"),
            lambda: directory.set_area_active(session, ann, "Consett", False),
            lambda: directory.rename_term(session, ann, "audience", "GRT", "Travellers"),
            lambda: directory.add_locality(session, ann, "South"),
        ):
            with pytest.raises(EngageError, match="only a supervisor may"):
                change()


def test_retire_and_restore_a_person(team):
    with team.write() as session:
        assert not directory.set_person_active(session, sup(session), "Ann Officer", False).active
    assert not _people(team)["Ann Officer"].active
    with team.write() as session, pytest.raises(EngageError, match="already retired"):
        directory.set_person_active(session, sup(session), "Ann Officer", False)
    with team.write() as session:
        assert directory.set_person_active(session, sup(session), "Ann Officer", True).active
    with team.read() as session:
        assert [c.action for c in list_audit(session, limit=2)] == ["update", "update"]


def test_nobody_retires_themself_under_any_name(team):
    with team.write() as session, pytest.raises(EngageError, match="cannot retire yourself"):
        directory.set_person_active(session, sup(session), "sup", False)
    with team.write() as session:
        add_person(session, sup(session), "Sam Second", role="supervisor", login="sam")
    with team.write() as session:
        me = sup(session)
        as_sam = Actor(_people(team)["Sam Second"].id, "Sam Second", "supervisor", me.id, me.name)
        with pytest.raises(EngageError, match=r"cannot retire yourself \(sup\)"):
            directory.set_person_active(session, as_sam, "sup", False)
        directory.set_person_active(session, me, "Sam Second", False)


def test_areas_renamed_moved_and_retired_with_their_use_counted(team):
    with team.write() as session:
        directory.rename_area(session, sup(session), "Consett", "Consett and Stanley")
        directory.move_area(session, sup(session), "Consett and Stanley", "Derwentside")
        directory.set_area_active(session, sup(session), "Consett and Stanley", False)
    with team.read() as session:
        (area,) = directory.list_area_uses(session)
        assert (area.name, area.locality, area.active, area.uses) == (
            "Consett and Stanley",
            "Derwentside",
            False,
            2,
        )
        assert [a.locality for a in list_areas(session)] == ["Derwentside"]
        assert [e.area for e in list_entries(session)] == ["Consett and Stanley"]
    with team.write() as session, pytest.raises(EngageError, match="Consett and Stanley is retired"):
        directory.set_home_area(session, sup(session), "Ann Officer", "Consett and Stanley")
    with team.write() as session:
        directory.set_person_active(session, sup(session), "Ann Officer", False)
    with team.read() as session:  # no longer offered to new records
        assert directory.offered_areas(session) == [] and directory.offered_people(session) == ["sup"]


def test_a_locality_in_use_is_not_deleted(team):
    with team.write() as session, pytest.raises(EngageError, match="North is used by 1 areas"):
        directory.delete_locality(session, sup(session), "North")
    with team.write() as session:
        directory.add_locality(session, sup(session), "South")
        directory.rename_locality(session, sup(session), "South", "South West")
    with team.write() as session:
        assert directory.delete_locality(session, sup(session), "south west").name == "South West"
    with team.read() as session:
        assert [p.name for p in directory.list_localities(session)] == ["North"]
        assert [c.action for c in list_audit(session, limit=3)] == ["delete", "update", "create"]


def test_a_word_in_use_is_renamed_not_deleted(team):
    with team.write() as session, pytest.raises(EngageError, match="used by 1 record"):
        directory.delete_term(session, sup(session), "audience", "GRT")
    with team.write() as session:
        renamed = directory.rename_term(
            session, sup(session), "audience", "GRT", "Travelling communities", ""
        )
    assert (renamed.name, renamed.short, renamed.uses) == ("Travelling communities", None, 1)
    with team.read() as session:
        assert [e.audience for e in list_entries(session)] == ["Travelling communities"]
    with team.write() as session:
        add_term(session, sup(session), "theme", "litter")
    with team.write() as session:
        assert directory.delete_term(session, sup(session), "theme", "litter").uses == 0
    with team.read() as session:
        assert "litter" not in [t.name for t in list_terms(session, "theme")]
        assert _last_change(team).entity == "issue_terms"


def test_term_names_stay_unique_within_their_vocabulary(team):
    with team.write() as session, pytest.raises(EngageError, match="'older people' already exists"):
        directory.rename_term(session, sup(session), "audience", "GRT", "Older People")
    with team.read() as session:
        uses = {t.name: t.uses for t in directory.list_term_uses(session)}
    assert uses["Gypsy, Roma and Traveller communities"] == 1 and uses["older people"] == 0


def test_an_audit_record_whole_and_the_trail_filtered(team):
    with team.write() as session:
        directory.rename_area(session, sup(session), "Consett", "Consett Town")
    change = _last_change(team)
    with team.read() as session:
        whole = audit_record(session, change.id)
        assert (whole.action, whole.entity, whole.real, whole.acted_as) == ("update", "areas", None, None)
        changed = {f.field: (f.before, f.after) for f in whole.fields if f.changed}
        assert changed == {"name": ("Consett", "Consett Town"), "name_key": ("consett", "consett town")}
        assert len(whole.hash) == 64 and whole.prev_hash != whole.hash
        assert find_audit(session, table="areas")[0].id == change.id
        assert {r.entity for r in find_audit(session, table="people")} == {"people"}
        assert find_audit(session, person="ann") == []
        assert "areas" in audit_tables(session) and "entries" in audit_tables(session)
    with team.write() as session:
        me, ann = sup(session), require_actor(session, "ann")
        as_ann = Actor(ann.id, ann.name, ann.role, me.id, me.name)
        tell_server(session, as_ann)
        add_entry(session, as_ann, EntryDraft("Ann Officer", "2020-05-05", "2"))
    with team.read() as session:
        whole = audit_record(session, _last_change(team).id)
        assert (whole.actor, whole.real, whole.acted_as) == ("sup as Ann Officer", "sup", "Ann Officer")
        assert {f.field: f.before for f in whole.fields}["minutes"] == ""
        assert [r.entity for r in find_audit(session, person="ann")] == ["entries"]


def test_a_forms_changes_in_one_go(team):
    with team.write() as session:
        row = directory.edit_person(session, sup(session), "Ann Officer", {"name": "Ann Smith", "area": ""})
    assert (row.name, row.area) == ("Ann Smith", None)
    with team.write() as session:
        area = directory.edit_area(session, sup(session), "Consett", {"locality": "Derwentside"})
        term = directory.edit_term(session, sup(session), "audience", "GRT", {"short": "G&T"})
    assert area.locality == "Derwentside" and term.short == "G&T"
    with team.write() as session, pytest.raises(EngageError, match="login: cannot be changed here"):
        directory.edit_person(session, sup(session), "Ann Smith", {"login": "x"})
    with team.read() as session:
        entities = [c.entity for c in list_audit(session, limit=5)]
    assert entities == ["terms", "areas", "localities", "people", "people"]  # Derwentside is new
