"""Importing from a workbook sheet: the CSV import's rules, cells typed or not, formulas refused by their
reference, all or nothing, and export → import → export lossless through XLSX."""

from datetime import date, datetime, time

import openpyxl
import pytest

from engage_tui.domain.demo import AREAS, OFFICERS, PCS, PCSOS
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.entry_export import export_entries
from engage_tui.domain.hours import add_entry, list_entries
from engage_tui.domain.imports import import_hours
from engage_tui.domain.method import MethodInfo
from engage_tui.domain.pact import import_series, list_series
from engage_tui.domain.people import add_area, add_person, require_actor
from engage_tui.domain.reports import monthly
from engage_tui.domain.setup import init_database
from engage_tui.domain.survey import import_survey
from engage_tui.errors import EngageError, ImportRefused
from engage_tui.store import Store
from tests.conftest import DEMO_ENTRIES, PRINTED_T3, SUPERVISOR, sup

HEADER = ["officer", "date", "category", "hours", "area", "audience", "activity", "notes"]


@pytest.fixture
def team(store):
    with store.write() as session:
        add_area(session, sup(session), "Consett")
        add_person(session, sup(session), "Ann Officer")
    return store


def _book(path, sheets: dict[str, list[list]]):
    """A workbook as a person makes one: cells typed by what was typed into them."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _import(store, path, **kwargs):
    with store.write() as session:
        return import_hours(session, sup(session), path, **kwargs)


def _entries(store):
    with store.read() as session:
        return [(e.date, e.minutes, e.notes) for e in list_entries(session)]


def test_dates_typed_or_as_text_numbers_and_times_are_read_as_a_csv_holds_them(team, tmp_path):
    path = _book(
        tmp_path / "hours.xlsx",
        {
            "Hours": [
                HEADER,
                ["Ann Officer", datetime(2020, 1, 2), "community", 2, "Consett", None, None, "0012345"],
                ["ann officer", "2020-01-03", "cyp", 1.5, None, None, None, "1/2"],
                [],  # a blank row is skipped, as in CSV
                ["Ann Officer", date(2020, 1, 4), None, time(2, 30), None, None, None, 12345],
                ["Ann Officer", "2020-01-05", None, "0:20", None, None, None, "=not a formula"],
            ]
        },
    )
    sheet = path.parent / "typed.xlsx"
    book = openpyxl.load_workbook(path)
    book["Hours"]["D5"].number_format = "h:mm"  # a time typed as 2:30 is a time cell
    book["Hours"]["H6"].data_type = "s"  # text that starts with =, stored as text
    book.save(sheet)
    result = _import(team, sheet)
    assert (result.rows, result.minutes) == (4, 120 + 90 + 150 + 20)
    assert result.source == f"{sheet} [sheet Hours]"
    assert _entries(team) == [
        (date(2020, 1, 2), 120, "0012345"),
        (date(2020, 1, 3), 90, "1/2"),
        (date(2020, 1, 4), 150, "12345"),
        (date(2020, 1, 5), 20, "=not a formula"),
    ]


def test_a_formula_cell_is_refused_by_its_reference_with_every_bad_row_and_nothing_lands(team, tmp_path):
    path = _book(
        tmp_path / "hours.xlsx",
        {
            "Sheet1": [
                HEADER,
                ["Ann Officer", "2020-01-02", None, 1],
                ["Ann Officer", "2020-01-03", None, "=D2*2"],
                ["Nobody", "2020-01-04", None, 1],
                ["Ann Officer", "2020-13-01", None, 1, None, None, None, None, "stray"],
            ]
        },
    )
    with pytest.raises(ImportRefused) as refused:
        _import(team, path)
    assert refused.value.message.startswith(f"{path} [sheet Sheet1]: 3 problem(s)")
    problems = refused.value.problems
    assert problems[0] == "row 3: Sheet1!D3 holds a formula (=D2*2); paste it as a value"
    assert problems[1].startswith("row 4, officer:")
    assert problems[2] == "row 5: Sheet1!I5 holds 'stray' but the header has 8 columns"
    assert _entries(team) == []


def test_the_sheet_is_chosen_by_name_and_each_sheet_is_its_own_import(team, tmp_path):
    path = _book(
        tmp_path / "hours.xlsx",
        {
            "Notes": [["this sheet is not the import"]],
            "January": [HEADER, ["Ann Officer", "2020-01-02", None, 1]],
            "February": [[None], [None], HEADER, ["Ann Officer", "2020-02-03", None, 2]],
        },
    )
    with pytest.raises(ImportRefused, match=r"\[sheet Notes\]"):
        _import(team, path)  # the first sheet by default
    with pytest.raises(ImportRefused) as unknown:
        _import(team, path, sheet="March")
    assert unknown.value.problems == [
        "sheet: there is no sheet 'March'; the sheets are Notes, January, February"
    ]
    assert _import(team, path, sheet="january").rows == 1
    with pytest.raises(EngageError, match="already imported"):
        _import(team, path, sheet="January")
    assert _import(team, path, sheet="February", dry_run=True).batch_id is None
    assert _import(team, path, sheet="February").rows == 1
    assert [e[:2] for e in _entries(team)] == [(date(2020, 1, 2), 60), (date(2020, 2, 3), 120)]


def test_sheet_is_refused_for_a_csv_and_an_old_xls_is_refused_with_what_to_do(team, tmp_path):
    csv = tmp_path / "hours.csv"
    csv.write_text("officer,date,hours\nAnn Officer,2020-01-02,1\n")
    with pytest.raises(EngageError, match=r"sheet: .* is not an .xlsx workbook"):
        _import(team, csv, sheet="Sheet1")
    old = tmp_path / "hours.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    with pytest.raises(ImportRefused) as refused:
        _import(team, old)
    assert "save it as .xlsx" in refused.value.problems[0]


def test_every_import_reads_a_workbook(demo_store, tmp_path):
    survey = _book(
        tmp_path / "survey.xlsx",
        {
            "Scores": [
                ["Locality", "Variable", "Period", "Score"],
                ["East", "Fear", "2014-15 Q1", 3.5],
                ["West", "Fear", "2014-15 Q1", 4],
            ]
        },
    )
    series = _book(
        tmp_path / "series.xlsx",
        {
            "Register": [
                ["area", "name", "frequency", "start"],
                ["Consett", "Consett Blackhill PACT", "monthly", date(2019, 4, 1)],
            ]
        },
    )
    with demo_store.write() as session:
        assert import_survey(session, sup(session), survey) == 2
        assert import_series(session, sup(session), series) == 1
    with demo_store.read() as session:
        added = [s for s in list_series(session) if s.name == "Consett Blackhill PACT"]
    assert [s.start for s in added] == [date(2019, 4, 1)]


AWKWARD_NOTES = ("=1+1", "'=quoted", "0012345", "1/2", "-Huw", "'plain", "2.50")


def test_export_import_export_is_lossless_through_xlsx(demo_store, tmp_path):
    with demo_store.write() as session:
        for day, note in enumerate(AWKWARD_NOTES, start=1):
            add_entry(
                session, sup(session), EntryDraft(OFFICERS[0], f"2019-03-{day:02d}", "0:20", notes=note)
            )
    method = MethodInfo("demo", SUPERVISOR, datetime(2026, 12, 1))
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    with demo_store.read() as session:
        export_entries(session, first, method)
        export_entries(session, tmp_path / "first.csv")
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
    with other.write() as session:
        import_hours(session, require_actor(session, SUPERVISOR), first)
    with other.read() as session:
        export_entries(session, second, method)
        export_entries(session, tmp_path / "second.csv")
        assert monthly(session, 2017).display_rows() == PRINTED_T3
    other.dispose()
    assert (tmp_path / "first.csv").read_bytes() == (tmp_path / "second.csv").read_bytes()
    cells = [list(openpyxl.load_workbook(p)["Entries"].iter_rows(values_only=True)) for p in (first, second)]
    assert cells[0] == cells[1] and len(cells[0]) == DEMO_ENTRIES + len(AWKWARD_NOTES) + 1
