"""No malformed value or file gets past validation or shows a traceback: property-based tests over
the parsers and the import, and the named bad files through the real CLI."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from engage_tui.domain.durations import MAX_MINUTES, parse_hours
from engage_tui.domain.imports import import_hours
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


def test_awkward_but_valid_file_through_the_cli(cli, team, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_bytes(
        b'\xef\xbb\xbfofficer,date,hours,notes\r\nAnn Officer,2020-01-02,1.5,"one, two\r\nthree"\r\n'
    )
    result = cli("import", "hours", str(path))
    assert result.code == 0 and "imported 1 entries" in result.out


@pytest.mark.parametrize(
    "argv, code, says",
    [
        (("hours", "edit", "99999999999999999999", "--hours", "2"), 2, "is too large"),
        (("pact", "issue", "update", "99999999999999999999", "--status", "closed"), 2, "is too large"),
        (("audit", "--limit", "99999999999999999999"), 2, "is too large"),
        (("report", "pact-cost", "--rate", "pc=1e999999999"), 1, "rate: '1e999999999' must be more than 0"),
        (("report", "pact-attendance", "--threshold", "99999999999999999999"), 1, "threshold:"),
        (("hours", "delete", "99999999999999999999"), 2, "is too large (at most 9223372036854775807)"),
        (("hours", "delete", "²"), 2, "'²' is not a whole number from 1"),
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
    ],
)
def test_numbers_too_big_for_the_database_are_refused_by_name(cli, team, argv, code, says):
    result = cli(*argv)
    assert (result.code, result.err.startswith("error: "), "unexpected" in result.err) == (code, True, False)
    assert says in result.err
