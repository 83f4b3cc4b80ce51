"""PROVISIONAL wherever an unapproved month is counted, in every format a script or a person reads:
the title (PROVISIONAL first) and notes above the table for people, the first header for CSV and TSV,
and the CSV return's first header and file name."""

import csv
import io

import pytest

from engage_tui.domain.events import EventDraft, add_event
from engage_tui.domain.people import add_area, add_person
from tests.conftest import acting, sup

MARKED = "[PROVISIONAL: not every month approved]"


@pytest.mark.parametrize(
    "fmt, title",
    [
        ("table", "PROVISIONAL — Cohesion officers' engagement hours by calendar year"),
        ("plain", "PROVISIONAL — Cohesion officers' engagement hours by calendar year"),
        ("grid", "PROVISIONAL — Cohesion officers' engagement hours by calendar year"),
        ("rst", "PROVISIONAL — Cohesion officers' engagement hours by calendar year"),
        ("markdown", "## PROVISIONAL — Cohesion officers' engagement hours by calendar year"),
        ("github", "## PROVISIONAL — Cohesion officers' engagement hours by calendar year"),
        ("html", "<h2>PROVISIONAL — Cohesion officers&#x27; engagement hours by calendar year</h2>"),
        (
            "latex",
            r"\noindent\textbf{PROVISIONAL — Cohesion officers' engagement hours by calendar year}\par",
        ),
    ],
)
def test_the_annual_table_is_provisional_in_every_format_for_people(cli, demo_store, fmt, title):
    result = cli("report", "annual", "--format", fmt)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == title
    note = next(
        i
        for i, line in enumerate(lines)
        if "8 officer-month(s) with hours are not yet approved (2017)" in line
    )
    header = next(i for i, line in enumerate(lines) if "Community (Hours)" in line)
    assert 0 < note < header  # the note too comes before the table
    assert "2350" in result.out and "196" in result.out


@pytest.mark.parametrize("fmt, sep", [("csv", ","), ("tsv", "\t")])
def test_scripts_read_it_in_the_first_header(cli, demo_store, fmt, sep):
    for args in (("annual",), ("monthly", "--year", "2017"), ("rollup", "--by", "area", "--period", "year")):
        lines = cli("report", *args, "--format", fmt).out.splitlines()
        assert lines[0].split(sep)[0].strip().endswith(MARKED), args
    rows = list(csv.reader(io.StringIO(cli("report", "annual", "--format", "csv").out)))
    assert rows[1:] == [["2017", "2350", "196"], ["TOTAL", "2350", "196"]]


def test_rollups_and_t3_on_the_terminal_start_with_the_mark(cli, demo_store):
    rolled = cli(
        "report", "rollup", "--by", "officer", "--period", "quarter", "--from", "2017"
    ).out.splitlines()
    assert (
        rolled[0] == "PROVISIONAL — Cohesion officers' hours by officer and quarter (calendar), "
        "2017-01-01 to 2017-12-31"
    )
    assert rolled[1] == "PROVISIONAL: 8 officer-month(s) with hours are not yet approved"
    spring = cli("report", "rollup", "--by", "officer", "--period", "quarter", "--from", "Q1 2017").out
    assert "PROVISIONAL" not in spring  # January to March 2017 are approved for everyone
    t3 = cli("report", "monthly", "--year", "2017", "--format", "github").out.splitlines()
    assert t3[:3] == [
        "## PROVISIONAL — Cohesion officers' monthly engagement hours, 2017",
        "",
        "- PROVISIONAL: 8 officer-month(s) with hours are not yet approved",
    ]


def test_the_annual_return_says_so_in_its_first_header_and_its_name(cli, demo_store, tmp_path):
    written = cli("export", "annual", "--fy")
    assert written.code == 0
    path = written.out.split()[1]
    assert "/annual-fy-provisional-" in path
    with open(path, encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    assert rows[0][0] == f"Year {MARKED}"
    assert rows[1:] == [["2016/17", "855", "50"], ["2017/18", "1495", "146"], ["TOTAL", "2350", "196"]]


@pytest.fixture
def show(cli, store):
    """Ann's three hours at a show in May 2020, not yet approved."""
    with store.write() as session:
        add_area(session, sup(session), "Crook", "West")
        add_person(session, sup(session), "Ann Officer", area="Crook", login="ann")
        add_event(
            session,
            acting(session, "ann"),
            EventDraft(
                "2020-05-09", "community event", "Crook show", area="Crook", officers=("Ann Officer:3",)
            ),
        )
    return cli


def test_the_events_report_is_provisional_until_the_month_is_approved(show):
    args = ("report", "events", "--by", "type", "--from", "2020")
    table = show(*args).out.splitlines()
    assert table[0] == "PROVISIONAL — Community events by type, 2020-01-01 to 2020-12-31"
    assert table[1] == "PROVISIONAL: 1 officer-month(s) with hours are not yet approved"
    markdown = show(*args, "--format", "markdown").out
    assert markdown.startswith("## PROVISIONAL — Community events by type")
    assert show(*args, "--format", "csv").out.startswith(f"Type {MARKED},Events,Officer hours")
    assert show("return", "submit", "--month", "2020-05", user="ann").code == 0
    assert show("return", "approve", "--officer", "Ann Officer", "--month", "2020-05").code == 0
    approved = show(*args).out
    assert approved.startswith("Community events by type") and "PROVISIONAL" not in approved
    assert show(*args, "--format", "csv").out.startswith("Type,Events,Officer hours")
