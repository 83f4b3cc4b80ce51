"""The command line as scripts use it: the real `engage` run as a subprocess on a real file."""

import csv
import io
import os
import shlex
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from engage_tui.domain.people import add_area, add_person
from tests.conftest import DEMO_ENTRIES, PRINTED_T3, SUPERVISOR, sup


@pytest.fixture
def ready(cli, store):
    """An initialised database (cloned, not re-migrated) with one area and one officer."""
    with store.write() as session:
        add_area(session, sup(session), "Consett", "North")
        add_person(session, sup(session), "Ann Officer", area="Consett", login="ann")
    return cli


def test_commands_before_init_say_how(cli):
    result = cli("hours", "list")
    assert result.code == 1
    assert result.err.startswith("error: ") and "create it with: engage init" in result.err
    assert result.err.count("\n") == 1


def test_init_twice_is_harmless(cli):
    first = cli("init")
    assert first.code == 0 and "sup is its first supervisor" in first.out
    second = cli("init")
    assert second.code == 0 and "up to date" in second.out


def test_demo_reproduces_t3(cli):
    assert cli("init", "--demo").code == 0
    assert "already loaded" in cli("init", "--demo").out
    result = cli("report", "monthly", "--year", "2017", "--format", "csv")
    assert result.code == 0
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0] == [  # October 2017 is not yet approved for every officer
        "Month [PROVISIONAL: not every month approved]",
        "Total Community Engagement (Hours)",
        "Total C&YP Engagement (Hours)",
    ]
    assert rows[1:] == PRINTED_T3


def test_hours_add_list_edit_delete(ready):
    added = ready(
        "hours",
        "add",
        "--officer",
        "ann officer",
        "--date",
        "2020-03-04",
        "--hours",
        "2:30",
        "--audience",
        "GRT",
        "--note",
        "[PACT] follow-up",
    )
    assert added.code == 0 and added.out.strip().isdigit()
    entry = added.out.strip()
    listed = ready("hours", "list", "--month", "2020-03", "--format", "csv")
    row = next(iter(csv.DictReader(io.StringIO(listed.out))))
    assert (row["id"], row["officer"], row["hours"], row["area"], row["notes"]) == (
        entry,
        "Ann Officer",
        "2.50",
        "Consett",
        "[PACT] follow-up",
    )
    assert ready("hours", "edit", entry, "--hours", "3").code == 0
    assert "3.00" in ready("hours", "list", "--officer", "Ann Officer").out
    assert ready("hours", "delete", entry).code == 0
    assert ready("hours", "delete", entry).err == f"error: id: there is no entry {entry}\n"


def test_officer_logs_own_time_by_default(ready):
    added = ready("hours", "add", "--date", "2020-03-04", "--hours", "1", user="ann")
    assert added.code == 0
    assert "Ann Officer" in ready("hours", "list").out


def test_refusals_are_one_error_line_and_change_nothing(ready):
    for args in (
        ["hours", "add", "--officer", "Ann Offcer", "--date", "2020-03-04", "--hours", "1"],
        ["hours", "add", "--officer", "Ann Officer", "--date", "2020-02-30", "--hours", "1"],
        ["hours", "add", "--officer", "Ann Officer", "--date", "2020-03-04", "--hours", "25"],
        ["hours", "add", "--officer", "Ann Officer", "--date", "2020-03-04", "--hours", "-1"],
        ["hours", "add", "--officer", "Ann Officer", "--date", "2020-03-04", "--hours", "1:75"],
        ["area", "add", "consett"],
        ["report", "monthly", "--year", "2017", "--precision", "9"],
    ):
        result = ready(*args)
        assert result.code == 1, args
        assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
    assert ready("hours", "list", "--format", "csv").out.strip().count("\n") == 0


def test_acting_as_an_unknown_person_changes_nothing(ready):
    result = ready("hours", "add", "--date", "2020-03-04", "--hours", "1", user="stranger")
    assert result.code == 1 and result.err.startswith("error: user: 'stranger' is not a person")
    assert ready("hours", "list", "--format", "csv").out.count("\n") == 1  # the header only
    assert ready("officer", "add", "X", user="ann").err.startswith("error: user: Ann Officer is an officer")


def test_usage_errors_exit_2(ready):
    result = ready("hours", "add", "--hours", "1")
    assert result.code == 2 and result.err.startswith("error: the following arguments are required")
    assert ready("report", "monthly", "--year", "2017", "--format", "nope").code == 2


def test_future_date_is_warned(ready):
    result = ready("hours", "add", "--officer", "Ann Officer", "--date", "2099-01-01", "--hours", "1")
    assert result.code == 0 and "warning: date 2099-01-01 is in the future" in result.err


def test_import_all_or_nothing_then_duplicate_refused(ready, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(
        "officer,date,category,hours,area,audience,activity,notes\n"
        "Ann Officer,2020-01-02,cyp,1.5,,C&YP,school session,\n"
        "Ann Officer,2020-01-03,,0:45,Consett,,,\n"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(good.read_text() + "Ann Officer,2020-01-04,,lots,,,,\n")
    refused = ready("import", "hours", str(bad))
    assert refused.code == 1 and "row 4, hours: 'lots'" in refused.err
    assert ready("import", "hours", "--dry-run", str(good)).out.startswith("dry run: 2 entries")
    assert ready("import", "hours", str(good)).code == 0
    again = ready("import", "hours", str(good))
    assert again.code == 1 and "already imported as import #" in again.err
    report = ready("report", "monthly", "--year", "2020", "--precision", "2", "--format", "csv").out
    assert "January,0.75,1.50" in report


@pytest.mark.parametrize(
    "fmt, marker",
    [("table", "TOTAL"), ("markdown", "|"), ("github", "|"), ("tsv", "\t"), ("html", "<table>")],
)
def test_report_formats(ready, fmt, marker):
    result = ready("report", "monthly", "--year", "2020", "--format", fmt)
    assert result.code == 0 and marker in result.out


def test_export_monthly_and_entries(cli, demo_store, tmp_path):
    out = tmp_path / "t3.csv"
    assert cli("export", "monthly", "--year", "2017", "--out", str(out)).code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][1] == "Total Community Engagement (Hours) [hours, 0 dp, rounded half up]"
    assert rows[-1] == ["TOTAL", "2350", "196"]
    entries = tmp_path / "entries.csv"
    result = cli("export", "entries", "--out", str(entries))
    assert result.code == 0 and f"{DEMO_ENTRIES} entries" in result.out


def test_export_default_lands_in_exports_folder(cli, demo_store, tmp_path):
    result = cli("export", "monthly", "--year", "2017", "--fy")
    assert result.code == 0
    written = result.out.split()[1]
    assert written.startswith(str(tmp_path / "exports" / "monthly-2017-18-")) and written.endswith(".csv")


def test_every_command_has_help(cli):
    for args in (
        ["--help"],
        ["hours", "add", "--help"],
        ["report", "monthly", "--help"],
        ["import", "hours", "--help"],
        ["export", "entries", "--help"],
    ):
        result = cli(*args)
        assert result.code == 0 and "usage:" in result.out


def test_confidence_report_and_survey_import(cli, demo_store, tmp_path):
    wide = cli(
        "report",
        "confidence",
        "--baseline",
        "Baseline",
        "--compare",
        "2013-14 Q1",
        "--wide",
        "--format",
        "csv",
    )
    rows = list(csv.reader(io.StringIO(wide.out)))
    assert rows[11] == [
        "Fear",
        "3.9",
        "3.7",
        "Improved",
        "3.3",
        "4.2",
        "Worsened",
        "3.2",
        "3.5",
        "Worsened",
        "3.4",
        "4.5",
        "Worsened",
    ]
    wave = tmp_path / "q2.csv"
    wave.write_text("locality,variable,period,score\nEast,Fear,2013-14 Q2,3.7\n")
    assert cli("import", "survey", str(wave)).out.strip() == "imported 1 scores"
    long = cli("report", "confidence", "--baseline", "Q1", "--compare", "Q2", "--format", "csv")
    assert long.out.splitlines()[1] == "East,Fear,3.7,3.7,No Change"
    unknown = cli("report", "confidence", "--baseline", "Q9", "--compare", "Q2")
    assert unknown.code == 1 and unknown.err.startswith("error: baseline: unknown survey period 'Q9'")
    out = tmp_path / "t4.csv"
    assert (
        cli(
            "export", "confidence", "--baseline", "Baseline", "--compare", "Q1", "--wide", "--out", str(out)
        ).code
        == 0
    )
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].startswith("CONFIDENCE,6.9,7.4,Improved")
    added = cli("survey", "variable", "add", "Satisfaction")
    assert added.code == 0 and "higher is better" in added.out


def test_rollup_annual_and_their_exports(cli, demo_store, tmp_path):
    rolled = cli(
        "report",
        "rollup",
        "--by",
        "category",
        "--period",
        "quarter",
        "--fy",
        "--from",
        "2017/18",
        "--format",
        "csv",
    )
    rows = list(csv.reader(io.StringIO(rolled.out)))
    assert rows[0] == [
        "Category [PROVISIONAL: not every month approved]",
        "Q1 2017/18",
        "Q2 2017/18",
        "Q3 2017/18",
        "Q4 2017/18",
        "Total",
    ]
    assert rows[-1] == ["TOTAL", "873", "606", "162", "", "1641"]
    annual = cli("report", "annual", "--format", "csv").out.splitlines()
    assert annual == [
        "Year [PROVISIONAL: not every month approved],Community (Hours),C&YP (Hours)",
        "2017,2350,196",
        "TOTAL,2350,196",
    ]
    out = tmp_path / "tidy.csv"
    assert (
        cli(
            "export",
            "rollup",
            "--by",
            "officer",
            "--period",
            "month",
            "--from",
            "2017-10",
            "--layout",
            "tidy",
            "--precision",
            "2",
            "--out",
            str(out),
        ).code
        == 0
    )
    table = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert table[0][0].startswith("Officer [PROVISIONAL") and table[0][1] == "Period"
    assert table[0][2] == "Hours [hours, 2 dp, rounded half up]"
    assert len(table) == 9 and all(row[1] == "2017-10" for row in table[1:])
    bad = cli("report", "rollup", "--by", "officer", "--period", "month", "--from", "Q5 2017")
    assert bad.code == 1 and bad.err.startswith("error: from: 'Q5 2017' is not a period")


def test_events_through_the_cli(ready):
    added = ready(
        "event",
        "add",
        "--date",
        "2020-06-06",
        "--type",
        "coffee morning",
        "--title",
        "Coffee [PACT] morning",
        "--area",
        "Consett",
        "--audience",
        "older people",
        "--officer",
        "Ann Officer:2:30",
        "--reached",
        "30",
    )
    assert added.code == 0 and added.out.strip().isdigit()
    listed = list(csv.DictReader(io.StringIO(ready("event", "list", "--format", "csv").out)))
    assert (listed[0]["title"], listed[0]["hours"], listed[0]["reached"]) == (
        "Coffee [PACT] morning",
        "2.50",
        "30",
    )
    t3 = ready("report", "monthly", "--year", "2020", "--precision", "1", "--format", "csv").out
    assert "June,2.5," in t3
    refused = ready(
        "event", "add", "--date", "2020-06-06", "--type", "coffee morning", "--title", "x", "--reached", "-1"
    )
    assert refused.code == 1 and refused.err.startswith("error: reached:")
    assert ready("event", "delete", added.out.strip()).code == 0
    assert "June" in ready("report", "monthly", "--year", "2020", "--format", "csv").out


def test_doctor_speaks_of_the_database_in_use(cli, store, db_url):
    result = cli("doctor")
    assert result.code == 0
    expected = "SQLite library" if db_url.startswith("sqlite") else "database server: PostgreSQL"
    assert expected in result.out


def test_pact_register_and_its_tables(cli, demo_store):
    t1 = list(
        csv.reader(io.StringIO(cli("report", "pact-areas", "--as-of", "2018-01-04", "--format", "csv").out))
    )
    assert t1[-1] == ["TOTAL", "88", "2"] and t1[12] == ["Darlington", "9", "2"]
    cost = cli(
        "report", "pact-cost", "--meetings-per-month", "125", "--rate", "pc=68.906667", "--format", "csv"
    ).out.splitlines()
    assert cost[1:] == ["PCSO,31.84,4500,143280.00", "PC,68.906667,4500,310080.00"]
    assert (
        cli(
            "pact",
            "series",
            "add",
            "--area",
            "Crook",
            "--name",
            "Tow Law PACT",
            "--frequency",
            "bimonthly",
            "--start",
            "2020-01-01",
        ).code
        == 0
    )
    assert cli("pact", "series", "retire", "Tow Law PACT", "--date", "2021-01-01").code == 0
    refused = cli("pact", "series", "add", "--area", "Atlantis", "--name", "X")
    assert refused.code == 1 and refused.err.startswith("error: area: unknown area 'Atlantis'")
    assert cli("setting", "set", "rate.pc", "70", "--from", "2019-04-01").code == 0
    assert (
        "PC,70,3168,221760.00" in cli("report", "pact-cost", "--as-of", "2019-05-01", "--format", "csv").out
    )


def test_pact_meetings_issues_and_their_tables(cli, store, tmp_path):
    assert cli("area", "add", "Crook").code == 0
    assert cli("officer", "add", "Pat Sloane", "--area", "Crook").code == 0
    assert (
        cli(
            "pact",
            "series",
            "add",
            "--area",
            "Crook",
            "--name",
            "Crook PACT",
            "--start",
            "2025-01-28",
            "--schedule",
            "last tuesday",
        ).out
        == "added Crook PACT (Crook, monthly, last tue)\n"
    )
    held = cli(
        "pact",
        "meeting",
        "add",
        "--series",
        "Crook PACT",
        "--date",
        "2025-11-25",
        "--public",
        "4",
        "--partners",
        "2",
        "--officer",
        "Pat Sloane:pcso",
        "--issue",
        "speeding: cars on Front St",
    )
    assert held.code == 0 and held.out.strip().isdigit()
    for args, message in (
        (("--public", "-1"), "error: public: '-1' is not a number of people"),
        (
            ("--public", "3", "--officer", "Pat Sloane:sergeant"),
            "error: officers: 'sergeant' is not a rank; give pcso, pc, inspector",
        ),
        (
            ("--public", "3", "--date", "2024-12-31"),
            "error: date: 2024-12-31 is before Crook PACT started (2025-01-28)",
        ),
    ):
        refused = cli("pact", "meeting", "add", "--series", "Crook PACT", "--date", "2025-12-30", *args)
        assert (refused.code, refused.err.splitlines()[0][: len(message)]) == (1, message)
    unknown = cli("pact", "meeting", "add", "--series", "Nowhere", "--date", "2025-12-30", "--public", "3")
    assert unknown.code == 1 and unknown.err.startswith("error: series: unknown series 'Nowhere'")
    issues = list(
        csv.DictReader(io.StringIO(cli("pact", "issue", "list", "--status", "open", "--format", "csv").out))
    )
    assert [(i["theme"], i["issue"]) for i in issues] == [("speeding", "cars on Front St")]
    assert (
        cli("pact", "issue", "update", issues[0]["id"], "--status", "resolved", "--referral", "LMAP").out
        == f"issue {issues[0]['id']}: resolved\n"
    )
    assert (
        cli(
            "pact",
            "meeting",
            "add",
            "--series",
            "Crook PACT",
            "--date",
            "2025-12-30",
            "--public",
            "0",
            "--reported-back",
            issues[0]["id"],
        ).code
        == 0
    )
    assert (
        cli("pact", "meeting", "add", "--series", "Crook PACT", "--date", "2026-01-27", "--cancelled").code
        == 0
    )
    due = cli("pact", "due", "--from", "2025-11-01", "--to", "2026-03-31", "--format", "csv").out
    assert due.splitlines()[1:] == [
        "2025-11-25,Crook,Crook PACT,held,1",
        "2025-12-30,Crook,Crook PACT,held,2",
        "2026-01-27,Crook,Crook PACT,cancelled,3",
        "2026-02-24,Crook,Crook PACT,missing,",
        "2026-03-31,Crook,Crook PACT,missing,",
    ]
    attendance = cli("report", "pact-attendance", "--from", "2025", "--format", "csv").out.splitlines()
    assert attendance == [
        "Area,Meetings held,Public attendance,Average public attendance,Partner attendance,Meetings below 5",
        "Crook,2,4,2.0,2,2",
        "TOTAL,2,4,2.0,2,2",
    ]
    actual = cli("report", "pact-actual", "--from", "2025", "--format", "csv").out.splitlines()
    assert actual[1:] == ["PCSO,1,3,95.52", "TOTAL,1,3,95.52"]
    assert cli("pact", "meeting", "edit", held.out.strip(), "--officer", "Pat Sloane:pcso:2:30").code == 0
    precise = cli("report", "pact-actual", "--from", "2025", "--precision", "1", "--format", "csv")
    assert precise.out.splitlines()[1:] == ["PCSO,1,2.5,79.60", "TOTAL,1,2.5,79.60"]
    entry = next(csv.DictReader(io.StringIO(cli("hours", "list", "--format", "csv").out)))["id"]
    assert cli("hours", "edit", entry, "--hours", "1").err == (
        f"error: id: entry {entry} is time logged by PACT meeting {held.out.strip()}; change it with the "
        f"meeting (PACT's Meetings tab, or engage pact meeting edit {held.out.strip()})\n"
    )
    assert "Pat Sloane" in cli("hours", "list", "--month", "2025-11").out  # the time is an entry
    by_area = cli("report", "pact-issues", "--format", "csv").out.splitlines()
    assert by_area == ["Area,Open,In hand,Resolved,Closed,Total", "Crook,,,1,,1", "TOTAL,,,1,,1"]
    out = tmp_path / "attendance.csv"
    assert cli("export", "pact-attendance", "--from", "2025", "--out", str(out)).code == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[1] == "Crook,2,4,2.0,2,2"


def test_pact_imports_are_all_or_nothing(cli, store, tmp_path):
    assert cli("area", "add", "Crook").code == 0
    series = tmp_path / "series.csv"
    series.write_text(
        "area,name,frequency,super,venue,start,schedule,retired\n"
        "Crook,Crook PACT,monthly,no,Civic Hall,2025-01-28,last tue,\n"
        "Crook,Tow Law PACT,bimonthly,yes,,2025-01-07,,\n"
    )
    assert cli("import", "pact-series", str(series)).out == "imported 2 series\n"
    meetings = tmp_path / "meetings.csv"
    meetings.write_text(
        "series,date,public,partners,officers,cancelled,notes,issues\n"
        "Crook PACT,2025-02-25,5,1,,,,ASB: noise at night;parking: school run\n"
        "Tow Law PACT,2025-01-07,-2,,,,,\n"
    )
    refused = cli("import", "pact-meetings", str(meetings))
    assert refused.code == 1
    assert (
        refused.err.splitlines()[1].strip() == "row 3, public: '-2' is not a number of people (0 to 100,000)"
    )
    assert cli("pact", "meeting", "list", "--format", "csv").out.splitlines()[1:] == []
    meetings.write_text(meetings.read_text().replace(",-2,", ",2,"))
    assert cli("import", "pact-meetings", str(meetings)).out == "imported 2 meetings\n"
    assert len(cli("pact", "issue", "list", "--format", "csv").out.splitlines()) == 3
    again = cli("import", "pact-meetings", str(meetings))
    assert again.code == 1 and "already imported" in again.err


def test_a_reader_that_stops_early_gets_no_error(demo_store, db_url, tmp_path):
    """`engage hours list | head -1`: the closed pipe ends the command quietly, as it does cat."""
    env = {**os.environ, "ENGAGE_DB": db_url, "ENGAGE_USER": SUPERVISOR}
    command = f"{shlex.quote(sys.executable)} -m engage_tui hours list | head -1"
    done = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert (done.stdout.count("\n"), done.stderr) == (1, "")


def test_poorly_attended_meetings_issue_delete_ranges_and_out(cli, store, tmp_path):
    assert cli("area", "add", "Crook").code == 0
    assert (
        cli("pact", "series", "add", "--area", "Crook", "--name", "Crook PACT", "--start", "2025-01-28").code
        == 0
    )
    for day, public in (("2025-02-25", "2"), ("2025-03-25", "9")):
        assert (
            cli("pact", "meeting", "add", "--series", "Crook PACT", "--date", day, "--public", public).code
            == 0
        )
    below = cli("pact", "meeting", "list", "--below", "5", "--format", "csv").out.splitlines()
    assert [row.split(",")[1] for row in below[1:]] == ["2025-02-25"]
    issue = cli(
        "pact",
        "issue",
        "add",
        "--series",
        "Crook PACT",
        "--date",
        "2025-02-25",
        "--text",
        "typo",
        "--theme",
        "ASB",
    ).out.strip()
    meeting = below[1].split(",")[0]
    assert "delete those issues first" in cli("pact", "meeting", "delete", meeting).err
    assert cli("pact", "issue", "delete", issue).out.startswith(f"deleted issue {issue} (Crook PACT")
    assert cli("pact", "meeting", "delete", meeting).code == 0
    backwards = cli("report", "pact-attendance", "--from", "2026", "--to", "2025")
    assert (backwards.code, backwards.err) == (
        1,
        "error: to: 2025-12-31 is before from: 2026-01-01; give the earlier day first\n",
    )
    into_folder = cli("export", "pact-areas", "--out", str(tmp_path))
    assert into_folder.code == 0 and len(list(tmp_path.glob("pact-areas-*.csv"))) == 1
    nowhere = cli("export", "pact-areas", "--out", str(tmp_path / "no" / "such" / "t1.csv"))
    assert (nowhere.code, nowhere.err) == (
        1,
        f"error: out: there is no folder {tmp_path / 'no' / 'such'}; give an existing one\n",
    )
    assert not (tmp_path / "no").exists()


def test_exports_write_workbooks_by_format_or_by_name(cli, demo_store, tmp_path):
    by_format = cli("export", "monthly", "--year", "2017", "--format", "xlsx", "--out", str(tmp_path))
    assert by_format.code == 0, by_format.err
    written = Path(by_format.out.split()[1])
    assert written.suffix == ".xlsx" and "provisional" in written.name
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == ["monthly", "Method"]
    assert dict(book["Method"].iter_rows(min_row=2, max_row=4, values_only=True))["Generated by"]
    by_name = cli("export", "entries", "--out", str(tmp_path / "entries.xlsx"))
    assert by_name.code == 0 and by_name.out.strip().endswith(f"({DEMO_ENTRIES} entries)")
    assert openpyxl.load_workbook(tmp_path / "entries.xlsx").sheetnames == ["Entries", "Method"]
    clash = cli("export", "entries", "--format", "csv", "--out", str(tmp_path / "entries.xlsx"))
    assert clash.code == 1 and clash.err.startswith("error: out: entries.xlsx does not end .csv")
