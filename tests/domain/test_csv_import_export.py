"""CSV: the import engine's strictness, formula escaping, and export → import → export lossless."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import text

from engage_tui.domain.csvfiles import escape_cell, unescape_cell
from engage_tui.domain.demo import AREAS, OFFICERS, PCS, PCSOS
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.entry_export import entry_hours, export_entries
from engage_tui.domain.hours import add_entry, list_entries
from engage_tui.domain.imports import import_hours
from engage_tui.domain.people import add_area, add_person, require_actor
from engage_tui.domain.reports import monthly
from engage_tui.domain.setup import init_database
from engage_tui.errors import EngageError, ImportRefused
from engage_tui.store import Store
from tests.conftest import PRINTED_T3, SUPERVISOR, sup

HEADER = "officer,date,category,hours,area,audience,activity,notes\n"


@pytest.fixture
def team(store):
    with store.write() as session:
        add_area(session, sup(session), "Consett")
        add_person(session, sup(session), "Ann Officer")
    return store


def _import(store, actor, path, dry_run=False):
    with store.write() as session:
        return import_hours(session, actor, path, dry_run)


def _count(store):
    with store.read() as session:
        return len(list_entries(session))


@given(st.text())
@example("'=")  # a user's own quote before a formula start
@example("''+1")
def test_escape_round_trips(value):
    assert unescape_cell(escape_cell(value)) == value


@pytest.mark.parametrize("cell", ["=1+2", "+44", "-3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_escaped(cell):
    assert escape_cell(cell) == "'" + cell


def test_awkward_but_valid_file_imports(team, supervisor, tmp_path):
    path = tmp_path / "hours.csv"
    body = (
        "officer;date;hours;notes\r\n"
        'Ann Officer;2020-01-02;1.5;"met the vicar; then the ""youth"" club\r\nlater"\r\n'
        "ann officer;2020-01-03;0:45;'=not a formula\r\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + body.encode())
    result = _import(team, supervisor, path)
    assert (result.rows, result.minutes) == (2, 135)
    with team.read() as session:
        notes = [e.notes for e in list_entries(session)]
    assert notes == ['met the vicar; then the "youth" club\r\nlater', "=not a formula"]


@pytest.mark.parametrize(
    "body, problem",
    [
        (b"", "empty"),
        (b"name,when\nAnn,2020-01-01\n", "header must name"),
        (HEADER.encode() + b"Ann Officer,2020-01-01,,1\x00,,,,\n", "NUL"),
        (HEADER.encode() + "Ann Officer,2020-01-01,,1,,,,caf\xe9\n".encode("latin-1"), "not UTF-8"),
        (HEADER.encode() + b'Ann Officer,2020-01-01,,1,,,,"open\n', "quote"),
        (HEADER.encode() + b"Ann Officer,2020-01-01,,1,,,,,extra\n", "cells but the header"),
        (HEADER.encode(), "no rows"),
    ],
)
def test_malformed_files_refused_whole(team, supervisor, tmp_path, body, problem):
    path = tmp_path / "bad.csv"
    path.write_bytes(body)
    with pytest.raises(ImportRefused) as refused:
        _import(team, supervisor, path)
    assert problem in "\n".join(refused.value.lines())
    assert _count(team) == 0


def test_one_bad_row_refuses_the_file_and_lists_every_bad_row(team, supervisor, tmp_path):
    path = tmp_path / "hours.csv"
    path.write_text(
        HEADER + "Ann Officer,2020-01-01,,1,,,,\n"
        "Ann Officer,2020-01-02,,1;5,,,,\n"  # a semicolon inside a comma file
        "Nobody,2020-01-03,,-2,,,,\n"
    )
    with pytest.raises(ImportRefused) as refused:
        _import(team, supervisor, path)
    lines = refused.value.lines()
    assert any(line.startswith("row 3, hours: '1;5'") for line in lines)
    assert any(line.startswith("row 4, officer: unknown officer 'Nobody'") for line in lines)
    assert any(line.startswith("row 4, hours: '-2' is negative") for line in lines)
    assert _count(team) == 0


def test_european_decimal_gets_a_hint(team, supervisor, tmp_path):
    path = tmp_path / "hours.csv"
    path.write_text("officer;date;hours\nAnn Officer;2020-01-01;1,5\n")
    with pytest.raises(ImportRefused) as refused:
        _import(team, supervisor, path)
    assert "use a point" in refused.value.lines()[1]


def test_same_file_twice_is_refused_naming_the_first(team, supervisor, tmp_path):
    path = tmp_path / "hours.csv"
    path.write_text(HEADER + "Ann Officer,2020-01-01,,1,,,,\n")
    first = _import(team, supervisor, path)
    with pytest.raises(EngageError, match=f"already imported as import #{first.batch_id}"):
        _import(team, supervisor, path)
    assert _count(team) == 1


def test_dry_run_writes_nothing(team, supervisor, tmp_path):
    path = tmp_path / "hours.csv"
    path.write_text(HEADER + "Ann Officer,2020-01-01,,1,,,,\n")
    result = _import(team, supervisor, path, dry_run=True)
    assert result.rows == 1 and result.batch_id is None
    assert _count(team) == 0
    _import(team, supervisor, path)  # a dry run is not an import: the real one still lands
    assert _count(team) == 1


def test_entry_hours_are_bare_decimals():
    assert [entry_hours(m) for m in (150, 20, 60, 1)] == ["2.5", "0.3333", "1", "0.0167"]


def test_export_import_export_is_lossless(demo_store, tmp_path):
    first = tmp_path / "first.csv"
    with demo_store.read() as session:
        export_entries(session, first)
    other = Store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    init_database(other, SUPERVISOR, demo=False)
    with other.write() as session:  # same people, areas and vocabulary, no entries
        for area, locality in AREAS.items():
            add_area(session, sup(session), area, locality)
        for name in OFFICERS:
            add_person(session, sup(session), name)
        for job, names in (("pcso", PCSOS), ("pc", PCS)):
            for name in names:
                add_person(session, sup(session), name, job=job)
    with other.read() as session:
        actor = require_actor(session, SUPERVISOR)
    with other.write() as session:
        import_hours(session, actor, first)
    second = tmp_path / "second.csv"
    with other.read() as session:
        export_entries(session, second)
        assert monthly(session, 2017).display_rows() == PRINTED_T3
    other.dispose()
    assert first.read_bytes() == second.read_bytes()


@given(st.integers(min_value=1, max_value=1440))
def test_entry_hours_equal_the_exact_rounding(minutes):
    from engage_tui.domain.durations import hours_decimal

    assert entry_hours(minutes) == format(hours_decimal(minutes, 4).normalize(), "f")


def test_exported_dates_are_iso_whatever_the_servers_date_style(team, supervisor, tmp_path):
    """PostgreSQL casts a date to text in the session's DateStyle (25/11/2025 under SQL, DMY)."""
    with team.write() as session:
        add_entry(session, supervisor, EntryDraft("Ann Officer", "2025-11-25", "1:30"))
    path = tmp_path / "entries.csv"
    with team.read() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SET DateStyle = 'SQL, DMY'"))
        export_entries(session, path)
    assert "Ann Officer,2025-11-25,community,1.5," in path.read_text(encoding="utf-8-sig")


HOSTILE_NOTES = [
    "",
    "=1+1",
    "'=quoted already",
    "-5 degrees",
    "+44 7700 900000",
    "@channel",
    "\tindented",
    'a, b and "c"',
    "two\nlines",
    "two\r\nlines, windows",
    "\\.",
    "£ café — ünïcode",
    "'plain quote",
]


@pytest.mark.parametrize(
    "notes",
    [HOSTILE_NOTES, [note for note in HOSTILE_NOTES if "\n" not in note]],
    ids=["a newline in a note", "no newline in any cell"],
)
def test_postgresql_writes_the_entries_csv_the_python_writer_writes(store, db_url, tmp_path, notes):
    """On PostgreSQL the server writes the export (COPY): byte for byte what the row-by-row writer
    writes: formula escapes, blanks, quotes, newlines in a note, hours looked up; the line ends made
    CRLF both ways (`csvfiles._crlf`: line by line where a cell holds a newline, else in one go)."""
    if not db_url.startswith("postgresql"):
        pytest.skip("COPY is PostgreSQL's")
    from engage_tui.domain.entry_export import entries_copied, entries_written

    with store.write() as session:
        actor = sup(session)
        add_area(session, actor, "=Area")
        add_person(session, actor, "@Ann Officer", area="=Area")
        add_person(session, actor, "-Bob Officer")
        for minute, note in enumerate(notes, start=1):
            for officer in ("@Ann Officer", "-Bob Officer"):
                draft = EntryDraft(officer, f"2020-05-{minute:02d}", f"{minute * 37}m", notes=note)
                add_entry(session, actor, draft)
    with store.read() as session:
        assert entries_copied(session, tmp_path / "copied.csv") == 2 * len(notes)
        entries_written(session, tmp_path / "written.csv")
    assert (tmp_path / "copied.csv").read_bytes() == (tmp_path / "written.csv").read_bytes()
