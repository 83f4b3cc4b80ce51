"""No malformed value or file gets past validation or shows a traceback: property-based tests over
the parsers and the import, and the named bad files through the real CLI."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from engage_tui.domain.durations import MAX_MINUTES, parse_hours
from engage_tui.domain.imports import import_hours
from engage_tui.domain.pact import add_series
from engage_tui.domain.people import add_area, add_person
from engage_tui.domain.periods import parse_date, parse_period
from engage_tui.errors import EngageError
from engage_tui.store.models import Entry
from tests.conftest import sup

HEADER = b"officer,date,category,hours,area,audience,activity,notes\n"


@given(st.text(max_size=30))
def test_any_text_is_minutes_or_a_refusal(text):
    try:
        minutes = parse_hours(text)
    except EngageError as refusal:
        assert refusal.message.startswith("hours: ")
    else:
        assert 0 < minutes <= MAX_MINUTES


@given(st.text(max_size=20))
def test_any_text_is_a_date_or_a_refusal(text):
    try:
        parse_date(text)
    except EngageError as refusal:
        assert refusal.message.startswith("date: ")


@given(st.text(max_size=20))
def test_any_text_is_a_period_or_a_refusal(text):
    try:
        period = parse_period(text)
    except EngageError as refusal:
        assert refusal.message.startswith("period: ")
    else:
        assert period.first <= period.last


@pytest.fixture
def team(store):
    with store.write() as session:
        add_area(session, sup(session), "Consett")
        add_person(session, sup(session), "Ann Officer")
        add_series(session, sup(session), "Consett", "Consett PACT", start=date(2019, 1, 1))
    return store


ROW = st.lists(
    st.sampled_from(
        [
            "Ann Officer",
            "ann officer",
            "Nobody",
            "2020-01-02",
            "2020-13-01",
            "1.5",
            "1,5",
            "-2",
            "25",
            "2:30",
            "cyp",
            "C&YP",
            "kids",
            "Consett",
            "GRT",
            "martians",
            "=cmd",
            "'=x",
            '"q',
            '"a,b"',
            "\t",
            "",
            "é",
            "\x00",
            "\r",
            "\n",
            "caf\xe9",
        ]
    ),
    min_size=0,
    max_size=10,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.lists(ROW, max_size=6).map(
            lambda rows: HEADER + "".join(",".join(r) + "\n" for r in rows).encode("utf-8", "surrogatepass")
        ),
        st.lists(ROW, max_size=6).map(
            lambda rows: HEADER + "".join(";".join(r) + "\r\n" for r in rows).encode("latin-1", "replace")
        ),
    )
)
def test_any_bytes_import_whole_or_are_refused_whole(team, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "in.csv"
    path.write_bytes(data)
    with team.read() as session:
        before = session.scalar(select(func.count()).select_from(Entry))
    try:
        with team.write() as session:
            result = import_hours(session, sup(session), path)
    except EngageError as refusal:
        assert refusal.lines() and all(isinstance(line, str) for line in refusal.lines())
        with team.read() as session:
            assert session.scalar(select(func.count()).select_from(Entry)) == before
    else:
        with team.read() as session:
            assert session.scalar(select(func.count()).select_from(Entry)) == before + result.rows


GOOD = "Ann Officer,2020-01-02,community,1.5,Consett,GRT,coffee morning,ok\n"


@pytest.mark.parametrize(
    "name, body, says",
    [
        ("empty", b"", "empty"),
        ("wrong header", b"who,when,how long\nAnn,2020-01-01,1\n", "header must name"),
        ("missing column", b"officer,date\nAnn Officer,2020-01-01\n", "header must name"),
        ("binary junk", bytes(range(256)) * 4, "not UTF-8"),
        ("NUL bytes", HEADER + GOOD.replace("ok", "o\x00k").encode(), "NUL"),
        ("unterminated quote", HEADER + b'Ann Officer,2020-01-02,,1,,,,"never closed\n', "quote"),
        ("too many cells", HEADER + GOOD.replace("ok", "ok,extra").encode(), "cells but the header"),
        ("latin-1", HEADER + GOOD.replace("ok", "caf\xe9").encode("latin-1"), "not UTF-8"),
        ("European decimals", b"officer;date;hours\nAnn Officer;2020-01-02;1,5\n", "use a point"),
        ("out of range", HEADER + GOOD.replace("1.5", "30").encode(), "more than 24 hours"),
        ("unknown names", HEADER + GOOD.replace("Ann Officer", "Ann Oficer").encode(), "did you mean"),
        ("control characters", HEADER + GOOD.replace("ok", "o\x07k").encode(), "control characters"),
        (
            "a column twice",
            b"officer,date,hours,hours\nAnn Officer,2020-01-02,1,2\n",
            "row 1: a column is named twice ('hours' is columns 3 and 4)",
        ),
        (
            "a column twice by case and spaces",
            b"officer, Officer ,date,hours\nAnn Officer,Nobody,2020-01-02,1\n",
            "('officer' is columns 1 and 2)",
        ),
    ],
)
def test_named_bad_files_through_the_cli(cli, team, tmp_path, name, body, says):
    path = tmp_path / "bad.csv"
    path.write_bytes(body)
    result = cli("import", "hours", str(path))
    assert result.code == 1, name
    assert result.err.startswith("error: ") and says in result.err, result.err
    with team.read() as session:
        assert session.scalar(select(func.count()).select_from(Entry)) == 0


@pytest.mark.parametrize(
    "kind, header", [("events", "date,type,Title,title"), ("survey", "locality,variable,period,score,SCORE")]
)
def test_every_import_refuses_a_column_named_twice(cli, team, tmp_path, kind, header):
    path = tmp_path / "twice.csv"
    path.write_text(header + "\n")
    result = cli("import", kind, str(path))
    assert result.code == 1 and "a column is named twice" in result.err and "unexpected" not in result.err


def test_a_bad_number_does_not_stop_the_rest_of_the_file_being_checked(cli, team, tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text(
        "officer,date,hours\n"
        f"Ann Officer,2020-01-02,{'9' * 5000}\n"
        "Ann Officer,2020-01-03,٣\n"
        "Ann Oficer,2020-01-04,1\n"
        "Ann Officer,2020-01-05,１.5\n"
        "Ann Officer,2020-01-06,1\n",
        encoding="utf-8",
    )
    result = cli("import", "hours", str(path))
    lines = [line.strip() for line in result.err.splitlines()]
    assert result.code == 1 and lines[0].endswith("4 problem(s); nothing was imported")
    assert [line.split(",")[0] for line in lines[1:]] == ["row 2", "row 3", "row 4", "row 5"]
    assert "(5,000 characters) is more than 24 hours" in lines[1] and len(result.err) < 1000


def test_awkward_but_valid_file_through_the_cli(cli, team, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_bytes(
        b'\xef\xbb\xbfofficer,date,hours,notes\r\nAnn Officer,2020-01-02,1.5,"one, two\r\nthree"\r\n'
    )
    result = cli("import", "hours", str(path))
    assert result.code == 0 and "imported 1 entries" in result.out


DIGITS = "9" * 5000
MAX_ID = "9,223,372,036,854,775,807"


@pytest.mark.parametrize(
    "argv, code, says",
    [
        (("hours", "edit", "99999999999999999999", "--hours", "2"), 2, f"not a whole number (1 to {MAX_ID})"),
        (
            ("pact", "issue", "update", "99999999999999999999", "--status", "closed"),
            2,
            "not a whole number (1 to",
        ),
        (
            ("audit", "--limit", "99999999999999999999"),
            2,
            f"'99999999999999999999' is not a whole number (1 to {MAX_ID})",
        ),
        (
            ("hours", "delete", DIGITS),
            2,
            "'999999999999999999999999'… (5,000 characters) is not a whole number",
        ),
        (("hours", "delete", "²"), 2, "'²' is not a whole number (1 to"),
        (("hours", "delete", "٣"), 2, "(type the digits 0-9)"),
        (
            ("report", "pact-cost", "--rate", "pc=1e999999999"),
            1,
            "rate: '1e999999999' is not a number from 0 to 1,000,000",
        ),
        (("report", "pact-cost", "--rate", f"pc={DIGITS}"), 1, "(5,000 characters) is more than 1,000,000"),
        (("report", "pact-cost", "--meetings-per-month", "１.5"), 1, "(type the digits 0-9)"),
        (
            ("report", "pact-attendance", "--threshold", "1000000"),
            1,
            "threshold: 1000000 is not 1 to 100,000",
        ),
        (("report", "pact-attendance", "--threshold", "99999999999999999999"), 2, "is not a whole number"),
        (("report", "monthly", "--year", "٢٠١٧"), 2, "'٢٠١٧' is not a whole number (type the digits 0-9)"),
        (("report", "monthly", "--year", DIGITS), 2, "(5,000 characters) is not a whole number"),
        (("report", "monthly", "--year", "2017", "--precision", "𝟑"), 2, "(type the digits 0-9)"),
        (
            ("hours", "add", "--officer", "Ann Officer", "--date", "2020-01-02", "--hours", DIGITS),
            1,
            "hours: '999999999999999999999999'… (5,000 characters) is more than 24 hours",
        ),
        (
            ("hours", "add", "--officer", "Ann Officer", "--date", "2020-01-02", "--hours", "٣"),
            1,
            "hours: '٣' is not a time; write 2.5, 2:30 or 150m (type the digits 0-9)",
        ),
        (
            ("hours", "add", "--officer", "Ann Officer", "--date", "2020-01-02", "--hours", "１.5"),
            1,
            "(type the digits 0-9)",
        ),
        (
            (
                "event",
                "add",
                "--date",
                "2020-01-02",
                "--type",
                "community event",
                "--title",
                "Fair",
                "--reached",
                DIGITS,
            ),
            1,
            "reached: '999999999999999999999999'… (5,000 characters) is not a number of people "
            "(0 to 10,000,000)",
        ),
        (
            (
                "event",
                "add",
                "--date",
                "2020-01-02",
                "--type",
                "community event",
                "--title",
                "Fair",
                "--reached",
                "²",
            ),
            1,
            "reached: '²' is not a number of people (0 to 10,000,000) (type the digits 0-9)",
        ),
        (
            (
                "event",
                "add",
                "--date",
                "2020-01-02",
                "--type",
                "community event",
                "--title",
                "Fair",
                "--reached",
                "99999999999999999999999",
            ),
            1,
            "reached: '99999999999999999999999' is not a number of people",
        ),
        (
            (
                "event",
                "add",
                "--date",
                "2020-01-02",
                "--type",
                "community event",
                "--title",
                "Fair",
                "--officer",
                f"Ann Officer:{DIGITS}",
            ),
            1,
            "officers: '999999999999999999999999'… (5,000 characters) is more than 24 hours",
        ),
        (
            (
                "pact",
                "meeting",
                "add",
                "--series",
                "Consett PACT",
                "--date",
                "2020-01-07",
                "--public",
                DIGITS,
            ),
            1,
            "public: '999999999999999999999999'… (5,000 characters) is not a number of people (0 to 100,000)",
        ),
        (
            (
                "pact",
                "meeting",
                "add",
                "--series",
                "Consett PACT",
                "--date",
                "2020-01-07",
                "--public",
                "3",
                "--partners",
                "𝟑",
            ),
            1,
            "partners: '𝟑' is not a number of people (0 to 100,000) (type the digits 0-9)",
        ),
        (
            (
                "pact",
                "meeting",
                "add",
                "--series",
                "Consett PACT",
                "--date",
                "2020-01-07",
                "--public",
                "3",
                "--officer",
                f"Ann Officer:pcso:{DIGITS}",
            ),
            1,
            "officers: '999999999999999999999999'… (5,000 characters)",
        ),
        (
            ("setting", "set", "rate.pc", DIGITS, "--from", "2020-01-01"),
            1,
            "rate.pc: '999999999999999999999999'… (5,000 characters) is more than 1,000,000",
        ),
        (
            ("setting", "set", "pact.attendance_threshold", "٣", "--from", "2020-01-01"),
            1,
            "(type the digits 0-9)",
        ),
        (
            ("event", "list", "--from", "2017-05", "--to", "2017-03"),
            1,
            "to: 2017-03-31 is before from: 2017-05-01",
        ),
        (
            ("export", "monthly", "--year", "2017", "--out", "/tmp/engage-no-such-folder/"),
            1,
            "out: there is no folder /tmp/engage-no-such-folder",
        ),
        (("report", "pact-cost", "--mix", "pcso=abc"), 1, "mix pcso: 'abc' is not a share from 0 to 1;"),
        (("report", "pact-cost", "--mix", "pcso=2"), 1, "mix pcso: '2' is more than 1 (the whole)"),
        (("report", "pact-cost", "--rate", "pc"), 1, "rate: 'pc': give RANK=POUNDS with a rank of"),
        (
            ("audit", "verify", "--checkpoint", "/tmp/engage-no-such-folder/mark.json"),
            1,
            "checkpoint: there is no file /tmp/engage-no-such-folder/mark.json",
        ),
        (("audit", "--user", "nobody"), 1, "user: no one is named 'nobody' or has that login"),
    ],
)
def test_numbers_refused_by_name_with_their_bounds(cli, team, argv, code, says):
    result = cli(*argv)
    assert (result.code, result.err.startswith("error: "), "unexpected" in result.err) == (code, True, False)
    assert says in result.err.splitlines()[0]
    assert len(result.err) < 400  # the value is quoted cut short, never all 5,000 digits
    with team.read() as session:
        assert session.scalar(select(func.count()).select_from(Entry)) == 0
