"""Periods on the command line as the reports write them: `--from`/`--to` and `--period` take
`2013-14`, `Quarter 4 (Jan-Mar) 2021/22`, `quarter one 2013-14`…, and an unreadable one is refused
in one line that lists what is accepted."""

import csv
import io

import pytest


def _rollup(cli, *bounds: str) -> list[list[str]]:
    result = cli(
        "report", "rollup", "--by", "category", "--period", "quarter", "--fy", *bounds, "--format", "csv"
    )
    assert result.code == 0, result.err
    return list(csv.reader(io.StringIO(result.out)))


@pytest.mark.parametrize(
    "bounds",
    [
        ("--from", "quarter one 2017-18", "--to", "Quarter 3 (Oct-Dec) 2017/18"),
        ("--from", "Q1 2017-18", "--to", "Q3 2017/18"),
        ("--from", "2017-04-01", "--to", "2017 Q4"),  # calendar Q4 2017 ends on 31 December too
    ],
)
def test_rollup_between_quarters_as_the_reports_write_them(cli, demo_store, bounds):
    rows = _rollup(cli, *bounds)
    assert rows[0][1:] == ["Q1 2017/18", "Q2 2017/18", "Q3 2017/18", "Total"]
    assert rows[-1] == ["TOTAL", "873", "606", "162", "1641"]


def test_a_dashed_financial_year_and_the_printed_quarter(cli, demo_store):
    rows = _rollup(cli, "--from", "2017-18")  # one bound alone is that whole period
    assert rows[0][1:] == ["Q1 2017/18", "Q2 2017/18", "Q3 2017/18", "Q4 2017/18", "Total"]
    assert rows[-1][-1] == "1641"
    later = _rollup(cli, "--from", "Quarter 4 (Jan-Mar) 2021/22")
    assert later[0][1:] == ["Q4 2021/22", "Total"]
    month = _rollup(cli, "--from", "2017-10")  # YYYY-MM stays a month
    assert month[0][1:] == ["Q3 2017/18", "Total"] and month[-1][-1] == "162"


def test_the_pack_takes_a_financial_year_with_a_dash(cli, demo_store, tmp_path):
    result = cli("pack", "--period", "2017-18", "--out", str(tmp_path))
    assert result.code == 0, result.err
    assert "2017-18" in result.out


@pytest.mark.parametrize(
    "args, lead",
    [
        (("report", "rollup", "--by", "area", "--period", "year", "--from", "last spring"), "from"),
        (("report", "events", "--by", "type", "--to", "Oct 2017"), "to"),
        (("report", "pact-attendance", "--from", "FY17"), "from"),
    ],
)
def test_an_unreadable_period_is_one_line_listing_the_forms(cli, demo_store, args, lead):
    refused = cli(*args)
    assert refused.code == 1 and refused.out == ""
    assert len(refused.err.splitlines()) == 1
    assert refused.err.startswith(f"error: {lead}: '{args[-1]}' is not a day or a period; write a day")
    assert "Quarter 4 (Jan-Mar) 2021/22" in refused.err and "2021-22" in refused.err


def test_a_period_that_is_not_one_is_refused_with_why(cli, demo_store):
    wrong = cli(
        "report", "rollup", "--by", "area", "--period", "year", "--from", "Quarter 1 (Jan-Mar) 2021/22"
    )
    assert (
        wrong.code == 1
        and wrong.err == "error: from: 'Quarter 1 (Jan-Mar) 2021/22' is not a period: Q1 2021/22 is Apr-Jun\n"
    )
    plan = cli("pack", "--period", "2015-17")
    assert plan.code == 1
    assert plan.err == "error: period: '2015-17' is neither a month (01–12) nor a financial year (2015-16)\n"
