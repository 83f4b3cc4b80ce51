"""Names match as a person reads them in any alphabet, and an id once given is never given again."""

import sqlite3
from datetime import date

import pytest
from sqlalchemy import text

from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry, delete_entry
from engage_tui.domain.pact import add_series
from engage_tui.domain.pact_meetings import find_series
from engage_tui.domain.people import add_area, add_person, find_area, find_person
from engage_tui.domain.vocab import add_term, find_term
from engage_tui.errors import EngageError
from engage_tui.store.keys import name_key
from tests.conftest import sup
from tests.domain.test_store import _migrate


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("ÉMILE ÖZTÜRK", "Émile Öztürk"),
        ("e\u0301mile o\u0308ztu\u0308rk", "Émile Öztürk"),  # combining accents, as some keyboards type
        ("Émile\u200b  Öztürk ", "Émile Öztürk"),  # a zero-width space and doubled spaces
        ("ΣΟΦΊΑ ΠΑΠΑΔΟΠΟΎΛΟΥ", "Σοφία Παπαδοπούλου"),
        ("ЁЛКИН", "Ёлкин"),
        ("STRASSE", "Straße"),
        ("ＡＮＮ", "Ann"),  # full-width letters
    ],
)
def test_the_key_of_a_name_ignores_case_and_form(typed, stored):
    assert name_key(typed) == name_key(stored)


def test_people_areas_series_and_terms_match_in_any_case_and_accent(store):
    with store.write() as session:
        add_area(session, sup(session), "Ōtaki & Brancepeth")
        add_person(session, sup(session), "Émile Öztürk")
        add_series(session, sup(session), "ōtaki & brancepeth", "Ōtaki PACT", start=date(2020, 1, 1))
        add_term(session, sup(session), "audience", "Société Générale staff")
    with store.read() as session:
        assert find_person(session, "émile öztürk").name == "Émile Öztürk"
        assert find_area(session, "ŌTAKI & BRANCEPETH").name == "Ōtaki & Brancepeth"
        assert find_series(session, "ŌTAKI pact").name == "Ōtaki PACT"
        assert find_term(session, "audience", "SOCIÉTÉ GÉNÉRALE STAFF").name == "Société Générale staff"


@pytest.mark.parametrize(
    "add, says",
    [
        (lambda s: add_person(s, sup(s), "ÉMILE ÖZTÜRK"), "name: 'Émile Öztürk' already exists"),
        (lambda s: add_area(s, sup(s), "ŌTAKI & BRANCEPETH"), "area: 'Ōtaki & Brancepeth' already exists"),
        (lambda s: add_term(s, sup(s), "audience", "SOCIÉTÉ GÉNÉRALE STAFF"), "already"),
    ],
)
def test_a_name_already_there_in_another_case_is_refused(store, add, says):
    with store.write() as session:
        add_area(session, sup(session), "Ōtaki & Brancepeth")
        add_person(session, sup(session), "Émile Öztürk")
        add_term(session, sup(session), "audience", "Société Générale staff")
    with pytest.raises(EngageError, match=says), store.write() as session:
        add(session)


def test_an_id_is_never_given_twice(store):
    with store.write() as session:
        add_person(session, sup(session), "Ann Officer")
        first = add_entry(
            session, sup(session), EntryDraft(officer="Ann Officer", date="2020-01-02", hours="1")
        )
    with store.write() as session:
        delete_entry(session, sup(session), first)
    with store.write() as session:
        again = add_entry(
            session, sup(session), EntryDraft(officer="Ann Officer", date="2020-01-02", hours="1")
        )
    assert again > first


AUDITED = ("people", "areas", "entries", "returns", "audit_log", "events", "pact_meetings", "person_jobs")


def test_every_audited_table_on_sqlite_never_reuses_an_id(store, db_path):
    if store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's sequences never give a number twice")
    with sqlite3.connect(db_path) as raw:
        tables = {
            name: sql for name, sql in raw.execute("SELECT name, sql FROM sqlite_master WHERE type='table'")
        }
    assert [name for name in AUDITED if "AUTOINCREMENT" not in tables[name]] == []


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_the_migration_names_rows_whose_names_now_collide(store, capsys):
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the collision is made through SQLite's ASCII-only lower()")
    _migrate(store, "downgrade", "0008")
    with store.engine.begin() as connection:  # under 0008 these were two people
        for name in ("Émile Öztürk", "ÉMILE ÖZTÜRK"):
            connection.execute(
                text(
                    "INSERT INTO people (name, role, active, created_at) "
                    "VALUES (:name, 'officer', 1, '2020-01-01 00:00:00')"
                ),
                {"name": name},
            )
    _migrate(store, "upgrade", "head")
    said = capsys.readouterr().out
    assert "'ÉMILE ÖZTÜRK') has the same name as an earlier row" in said and "rename one of them" in said
    with store.read() as session:
        assert find_person(session, "émile öztürk").name == "Émile Öztürk"
