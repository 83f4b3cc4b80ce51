"""The panel pack: every table of a Police and Crime Panel report for a period, read in one
transaction by the service, written as one workbook (read back with openpyxl) and one Markdown file."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest

from engage_tui.config import Settings
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.events import EventDraft, add_event
from engage_tui.domain.hours import add_entry
from engage_tui.domain.markdown import markdown_table
from engage_tui.domain.method import report_rules
from engage_tui.domain.pack import pack_path, parse_comparison, write_pack
from engage_tui.domain.people import add_area, add_person
from engage_tui.domain.periods import parse_period
from engage_tui.errors import EngageError
from engage_tui.service import Service
from tests.conftest import PRINTED_T3, SUPERVISOR, sup

CALENDAR_SHEETS = [
    "T1 PACT meetings by area",
    "T2 PACT cost a year",
    "T2 PACT actual cost",
    "T3 hours 2017",
    "Hours by area",
    "Hours by locality",
    "PACT attendance",
    "PACT issues",
    "Events by type",
    "Events by audience",
    "Returns",
    "Method",
]


def _service(store, db_url, tmp_path) -> Service:
    return Service(Settings(db_url, SUPERVISOR, tmp_path / "exports", date(2017, 10, 20)), store)


def _half_up(value: float) -> int:
    return int(Decimal(repr(value)).quantize(Decimal(1), ROUND_HALF_UP))


def _table(sheet) -> tuple[list[str], list[tuple]]:
    """A report's sheet: its header (row 2) and its rows, up to the blank row before the notes."""
    header = [c.value for c in sheet[2]]
    rows = []
    for row in sheet.iter_rows(min_row=3, values_only=True):
        if all(v is None for v in row):
            break
        rows.append(row)
    return header, rows


def _every_cell(book):
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def pack_2017(demo_store, db_url, tmp_path):
    service = _service(demo_store, db_url, tmp_path)
    pack = service.reports.pack(parse_period("2017"))
    workbook, markdown = write_pack(pack, tmp_path / "pack.xlsx")
    return pack, openpyxl.load_workbook(workbook), markdown.read_text(encoding="utf-8")


def test_a_calendar_pack_has_a_sheet_a_table_and_t3_as_printed(pack_2017):
    _, book, _ = pack_2017
    assert book.sheetnames == CALENDAR_SHEETS  # no T4 without --baseline/--compare
    header, rows = _table(book["T3 hours 2017"])
    assert header[0] == "Month" and len(rows) == 13
    shown = [[r[0], *("" if v is None else str(_half_up(v)) for v in r[1:])] for r in rows]
    assert shown == PRINTED_T3  # 2350 and 196, November and December blank
    for column in (1, 2):
        months = [r[column] for r in rows[:-1] if r[column] is not None]
        assert sum(months) == pytest.approx(rows[-1][column], abs=1e-9)  # a SUM equals the TOTAL cell
    t1 = _table(book["T1 PACT meetings by area"])[1]
    assert t1[-1][:2] == ("TOTAL", 88)  # as of 2017-12-31
    assert "as of 2017-12-31" in book["T2 PACT cost a year"]["A1"].value
    assert all(cell.data_type != "f" for cell in _every_cell(book))


def test_t2_has_a_row_at_the_mix_of_ranks_that_attended_in_the_period(pack_2017):
    """T2's estimate, its mix and the actual cost: the mix is each rank's share of the hours logged at
    the period's meetings, as the actual-cost sheet counts them, in whole percent."""
    _, book, _ = pack_2017
    hours = {r[0]: r[2] for r in _table(book["T2 PACT actual cost"])[1] if r[0] != "TOTAL"}
    shares = {rank: round(100 * minutes / sum(hours.values())) for rank, minutes in hours.items()}
    mixed = _table(book["T2 PACT cost a year"])[1][-1]
    assert mixed[0] == "Mix: " + ", ".join(f"{share}% {rank}" for rank, share in shares.items())
    rates = {r[0]: r[1] for r in _table(book["T2 PACT cost a year"])[1][:-1]}
    blended = sum(share / 100 * rates[rank] for rank, share in shares.items())
    assert mixed[1] == pytest.approx(blended, abs=1e-6) and len(shares) == 2


def test_the_rollups_are_per_quarter_for_a_year_and_their_columns_sum_to_total(pack_2017):
    _, book, _ = pack_2017
    for name, first in (("Hours by area", "Area"), ("Hours by locality", "Locality")):
        header, rows = _table(book[name])
        assert header == [first, "Q1 2017", "Q2 2017", "Q3 2017", "Q4 2017", "Total"]
        assert rows[-1][0] == "TOTAL"
        for column in range(1, 6):
            cells = [r[column] for r in rows[:-1] if r[column] is not None]
            assert sum(cells) == pytest.approx(rows[-1][column], abs=1e-9)
        assert _half_up(rows[-1][5]) == 2350 + 196  # community and C&YP, everyone's


def test_the_method_sheet_says_the_period_and_each_reports_rule(pack_2017):
    pack, book, _ = pack_2017
    method = [(item, text) for item, text in book["Method"].iter_rows(min_row=2, values_only=True)]
    found = dict(method)
    assert found["Period"] == "2017" and found["As of"] == "2017-12-31"
    assert found["Generated by"] and found["Database"] and found["engage version"]
    counted = [text for item, text in method if item == "Unapproved officer-months counted"]
    hours = {name: report for name, report in pack.sheets if report.unapproved is not None}
    assert counted == [str(report.unapproved) for report in hours.values()]  # each sheet of hours its own
    assert hours["Hours by area"].unapproved == 8  # October 2017, not yet approved for eight officers
    assert hours["Events by type"].unapproved == 0  # the demo's hours are not at events
    rules = [text for item, text in method if item == "Rule"]
    for name, report in pack.sheets:
        assert (f"Sheet {name}", report.title) in method
        assert all(rule in rules for rule in report_rules(report)), name
    assert any("2350" in rule and "exact minutes" in rule for rule in rules)  # T3's rule in words
    assert any("one transaction" in rule for rule in rules)


def test_the_returns_sheet_has_each_officer_by_month(pack_2017):
    _, book, _ = pack_2017
    header, rows = _table(book["Returns"])
    assert header[:3] == ["Officer", "Jan 2017", "Feb 2017"]
    assert header[-2:] == ["Months approved", "Hours logged"]
    amira = next(r for r in rows if r[0] == "Amira Khan")
    assert (amira[1], amira[10], amira[12], amira[13]) == ("approved", "submitted", "not started", 9)
    total = rows[-1]
    assert (total[1], total[10], total[13]) == ("24 of 24", "0 of 24", 216)  # everyone's returns
    # the cohesion officers', PCSOs' and PCs' hours, from exact minutes (their rounded 2546 + 1661 + 665
    # would say 4872)
    assert _half_up(total[14]) == 4871


def test_a_financial_pack_shows_t3_for_the_financial_year(demo_store, db_url, tmp_path):
    pack = _service(demo_store, db_url, tmp_path).reports.pack(parse_period("2017-18"))
    book = openpyxl.load_workbook(write_pack(pack, tmp_path / "fy.xlsx")[0])
    assert "T3 hours 2017-18" in book.sheetnames
    _, rows = _table(book["T3 hours 2017-18"])
    assert rows[0][0] == "April 2017" and rows[-2][0] == "March 2018"
    assert [_half_up(v) for v in rows[-1][1:]] == [1495, 146]
    header, _ = _table(book["Hours by area"])
    assert header[1:] == ["Q1 2017/18", "Q2 2017/18", "Q3 2017/18", "Q4 2017/18", "Total"]
    assert book["T1 PACT meetings by area"]["A1"].value.startswith("PACT meetings by area, as of 2018-03-31")


def test_a_quarter_pack_is_per_month(demo_store, db_url, tmp_path):
    pack = _service(demo_store, db_url, tmp_path).reports.pack(parse_period("Q2 2017/18"))
    names = dict(pack.sheets)
    assert [c.title for c in names["Hours by area"].columns[1:]] == ["2017-07", "2017-08", "2017-09", "Total"]
    assert [c.title for c in names["Returns"].columns[1:4]] == ["Jul 2017", "Aug 2017", "Sep 2017"]
    assert "T3 hours 2017-18" in names  # the financial year the quarter is in


def test_t4_only_with_both_survey_periods(demo_store, db_url, tmp_path):
    reports = _service(demo_store, db_url, tmp_path).reports
    pack = reports.pack(parse_period("2017"), "baseline", "2013-14 Q1")
    book = openpyxl.load_workbook(write_pack(pack, tmp_path / "t4.xlsx")[0])
    assert book.sheetnames.index("T4 confidence") == 4
    t4 = book["T4 confidence"]
    fear = [c.value for c in t4[13][:4]]  # East's scores: 3.9 to 3.7, lower is better
    assert fear == ["Fear", 3.9, 3.7, "Improved"]
    method = " ".join(str(v) for row in book["Method"].iter_rows(values_only=True) for v in row)
    assert "lower is better for Fear" in method
    with pytest.raises(EngageError, match="give --baseline and --compare together"):
        reports.pack(parse_period("2017"), "Baseline", None)


def test_the_pack_is_read_in_one_transaction(demo_store, db_url, tmp_path):
    service = _service(demo_store, db_url, tmp_path)
    opened = []
    read = service.core.read

    def counted():
        opened.append(1)
        return read()

    service.core.read = counted
    service.reports.pack(parse_period("2017"), "Baseline", "2013-14 Q1")
    assert len(opened) == 1


def test_the_markdown_has_every_table_under_its_title_with_its_notes(pack_2017):
    pack, _, text = pack_2017
    titles = [line for line in text.splitlines() if line.startswith("## ")]
    assert titles == [f"## {report.heading()}" for _, report in pack.sheets] + ["## Method"]
    assert text.startswith("# Police and Crime Panel pack: 2017\n")
    assert "| TOTAL     |                               2350 |                           196 |" in text
    assert "- an area's count includes its Super PACTs" in text  # T1's note under its table
    assert "| Rule " in text and "exact minutes" in text


def test_markdown_cells_keep_a_pipe_and_a_line_break_in_their_cell(store, db_url, tmp_path):
    with store.write() as session:
        add_area(session, sup(session), "Ferry | Hill", "North | East")
        add_person(session, sup(session), "Pat Officer", area="Ferry | Hill")
        add_entry(session, sup(session), EntryDraft("Pat Officer", "2017-05-02", "2:30", area="Ferry | Hill"))
        add_event(
            session,
            sup(session),
            EventDraft("2017-06-01", "coffee morning", "Tea", audiences=("older people",), reached="9"),
        )
    pack = _service(store, db_url, tmp_path).reports.pack(parse_period("Q2 2017"))
    _, markdown = write_pack(pack, tmp_path / "pipes.xlsx")
    text = markdown.read_text(encoding="utf-8")
    assert "| Ferry \\| Hill |" in text and "| North \\| East |" in text
    assert "| coffee morning |" in text and "| older people |" in text
    last = markdown_table(["a"], [["one\ntwo | three"]], [False]).splitlines()[-1]
    assert last == "| one<br>two \\| three |"


def test_the_pack_is_written_whole_or_not_at_all(demo_store, db_url, tmp_path):
    pack = _service(demo_store, db_url, tmp_path).reports.pack(parse_period("2017-10"))
    folder = tmp_path / "out"
    (folder / "pack.xlsx").mkdir(parents=True)  # a folder where the workbook should go
    with pytest.raises(EngageError, match="out: cannot write"):
        write_pack(pack, folder / "pack.xlsx")
    assert [p.name for p in folder.iterdir()] == ["pack.xlsx"]  # no Markdown, no partial file
    with pytest.raises(EngageError, match=r"does not end \.xlsx"):
        write_pack(pack, folder / "pack.csv")


def test_the_default_name_says_what_and_when(tmp_path):
    path = pack_path(tmp_path, parse_period("Q1 2021/22"))
    assert path.parent == tmp_path and path.name.startswith("panel-pack-Q1-2021-22-")
    assert path.suffix == ".xlsx"


def test_the_survey_periods_to_compare():
    known = ["Baseline", "2013-14 Q1", "Wave 2, spring"]
    assert parse_comparison("", known) is None
    assert parse_comparison("baseline, 2013-14 q1", known) == ("Baseline", "2013-14 Q1")
    assert parse_comparison("Baseline,Wave 2, spring", known) == ("Baseline", "Wave 2, spring")
    for bad in ("Baseline", "Baseline, nope", "Baseline 2013-14 Q1"):
        with pytest.raises(EngageError, match="BASELINE, COMPARE"):
            parse_comparison(bad, known)
