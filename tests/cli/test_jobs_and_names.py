"""Through the command line: jobs decide whose hours each table counts, names match in any alphabet,
T2 reads the register, and an id is never given twice."""

import csv
import io

import pytest


def _csv(result) -> list[list[str]]:
    assert result.code == 0, result.err
    return [row for row in csv.reader(io.StringIO(result.out)) if row]


@pytest.fixture
def unit(cli, store):
    """A cohesion officer and a PCSO who joins the cohesion unit in June, with hours either side."""
    assert cli("area", "add", "Crook").code == 0
    assert cli("officer", "add", "Ann Cohesion", "--area", "Crook").out.startswith("added officer Ann")
    added = cli("officer", "add", "Pat Quinn", "--area", "Crook", "--job", "PCSO")
    assert added.out.strip().endswith("pcso"), added.out
    for who in ("Ann Cohesion", "Pat Quinn"):
        for day in ("2019-01-10", "2019-07-10"):
            assert cli("hours", "add", "--officer", who, "--date", day, "--hours", "2").code == 0, who
    changed = cli("officer", "change", "pat quinn", "--job", "co", "--from", "2019-06-01")
    assert changed.out.strip() == "Pat Quinn is co from 2019-06-01"
    return cli


def test_officer_list_shows_the_job_today_and_jobs_the_history(unit):
    listed = {row[1]: row for row in _csv(unit("officer", "list", "--format", "csv"))}
    assert listed["name"][4] == "job"
    assert (listed["Ann Cohesion"][4], listed["Pat Quinn"][4], listed["sup"][4]) == ("co", "co", "sergeant")
    assert _csv(unit("officer", "jobs", "Pat Quinn", "--format", "csv")) == [
        ["job", "from"],
        ["pcso", "1900-01-01"],
        ["co", "2019-06-01"],
    ]


def test_t3_counts_each_entry_under_the_job_on_its_day(unit):
    t3 = _csv(unit("report", "monthly", "--year", "2019", "--format", "csv"))
    pcso = _csv(unit("report", "monthly", "--year", "2019", "--job", "pcso", "--format", "csv"))
    assert (t3[1][1], t3[7][1], t3[-1][1]) == ("2", "4", "6")  # January: Ann only; July: both
    assert (pcso[1][1], pcso[7][1], pcso[-1][1]) == ("2", "", "2")
    shown = unit("report", "monthly", "--year", "2019", "--job", "pcso")
    assert "PCSOs' monthly engagement hours, 2019" in shown.out.splitlines()[0]


def test_rollups_and_annual_group_by_job(unit):
    by_job = _csv(
        unit("report", "rollup", "--by", "job", "--period", "year", "--from", "2019", "--format", "csv")
    )
    assert by_job[1:] == [["co", "6", "6"], ["pcso", "2", "2"], ["TOTAL", "8", "8"]]
    pcso = _csv(
        unit(
            "report",
            "rollup",
            "--by",
            "officer",
            "--period",
            "year",
            "--from",
            "2019",
            "--job",
            "pcso",
            "--format",
            "csv",
        )
    )
    assert pcso[1:] == [["Pat Quinn", "2", "2"], ["TOTAL", "2", "2"]]
    annual = _csv(unit("report", "annual", "--by", "job", "--format", "csv"))
    assert annual[0][1:4] == ["Cohesion officers (Hours)", "PCSOs (Hours)", "Total"]
    assert annual[1] == ["2019", "6", "2", "8"]


def test_a_job_change_over_an_approved_month_is_refused_in_one_line(unit):
    assert unit("return", "submit", "--month", "2019-07", "--officer", "Pat Quinn").code == 0
    assert unit("return", "approve", "--officer", "Pat Quinn", "--month", "2019-07").code == 0
    refused = unit("officer", "change", "Pat Quinn", "--job", "pcso", "--from", "2019-07-01")
    assert refused.code == 1 and refused.err.startswith("error: from: 2019-07-01 would change")
    assert len(refused.err.strip().splitlines()) == 1
    bad = unit("officer", "change", "Pat Quinn", "--job", "detective", "--from", "2020-01-01")
    assert bad.code != 0 and "detective" in bad.err and "Traceback" not in bad.err


def test_names_match_in_any_case_and_form(cli, store):
    assert cli("area", "add", "Ōtaki & Brancepeth").code == 0
    twin = cli("area", "add", "ŌTAKI & BRANCEPETH")
    assert (twin.code, twin.err) == (1, "error: area: 'Ōtaki & Brancepeth' already exists\n")
    assert cli("officer", "add", "Émile Öztürk", "--area", "ōtaki & brancepeth").code == 0
    again = cli("officer", "add", "ÉMILE ÖZTÜRK")
    assert (again.code, again.err) == (1, "error: name: 'Émile Öztürk' already exists\n")
    logged = cli(
        "hours", "add", "--officer", "e\u0301mile o\u0308ztu\u0308rk", "--date", "2020-02-03", "--hours", "1"
    )
    assert logged.code == 0, logged.err
    mine = _csv(cli("report", "monthly", "--year", "2020", "--officer", "ÉMILE ÖZTÜRK", "--format", "csv"))
    assert mine[2] == ["February", "1", ""]
    unaccented = cli("report", "monthly", "--year", "2020", "--officer", "EMILE OZTURK")
    assert unaccented.code == 1 and "did you mean 'Émile Öztürk'?" in unaccented.err


def test_a_deleted_entrys_id_is_not_given_again(cli, store):
    assert cli("officer", "add", "Ann Officer").code == 0
    first = cli(
        "hours", "add", "--officer", "Ann Officer", "--date", "2020-02-03", "--hours", "1"
    ).out.strip()
    assert cli("hours", "delete", first).code == 0
    second = cli(
        "hours", "add", "--officer", "Ann Officer", "--date", "2020-02-03", "--hours", "1"
    ).out.strip()
    assert int(second) > int(first)


def test_t2_reproduces_both_printed_ranges_from_the_demo_with_no_options(cli, demo_store):
    now = _csv(cli("report", "pact-cost", "--as-of", "2018-01-04", "--format", "csv"))
    before = _csv(
        cli("report", "pact-cost", "--as-of", "2015-07-01", "--mix", "pcso=0.6,pc=0.4", "--format", "csv")
    )
    assert [row[3] for row in now[1:]] == ["100869.12", "218296.32"]
    assert [row[3] for row in before[1:]] == ["143280.00", "310080.00", "210000.00"]
    shown = cli("report", "pact-cost", "--as-of", "2018-01-04")
    assert "68.91" in shown.out and "68.906667" not in shown.out
    refused = cli("report", "pact-cost", "--mix", "pcso=0.5,pc=0.4")
    assert refused.code == 1 and refused.err.strip() == "error: mix: the shares add to 0.9, not 1"


def test_the_demos_neighbourhood_officers_cost_2017s_meetings_and_t3_stays(cli, demo_store):
    actual = _csv(cli("report", "pact-actual", "--from", "2017", "--format", "csv"))
    assert [row[0] for row in actual[1:]] == ["PCSO", "PC", "TOTAL"] and all(row[3] for row in actual[1:])
    assert _csv(cli("report", "monthly", "--year", "2017", "--format", "csv"))[-1] == ["TOTAL", "2350", "196"]
