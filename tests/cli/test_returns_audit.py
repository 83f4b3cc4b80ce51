"""`engage return …` and `engage audit` as scripts run them."""

import csv
import io
from datetime import date

import pytest

from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.people import add_person
from engage_tui.domain.periods import Month
from tests.conftest import acting, sup


@pytest.fixture
def team(cli, store):
    with store.write() as session:
        add_person(session, sup(session), "Ann Officer", login="ann")
        add_entry(session, acting(session, "ann"), EntryDraft("Ann Officer", "2020-05-04", "2"))
    return cli


def test_return_status_for_a_year_has_everyone_who_logged(team):
    """The Returns screen's grid on the command line: the supervisor's own hours and a person who has
    left have rows; every month of the year is there; a month is not a year."""
    assert team("hours", "add", "--officer", "sup", "--date", "2020-06-01", "--hours", "1.5").code == 0
    assert team("officer", "retire", "Ann Officer").code == 0
    shown = team("return", "status", "--year", "2020", "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(shown)))
    assert len(rows) == 24 and {r["officer"] for r in rows} == {"Ann Officer", "sup"}
    mine = {r["month"]: (r["state"], r["hours"]) for r in rows if r["officer"] == "sup"}
    assert mine["2020-06"] == ("draft", "1.50") and mine["2020-01"] == ("not started", "0.00")
    fy = list(
        csv.DictReader(io.StringIO(team("return", "status", "--year", "2021/22", "--format", "csv").out))
    )
    assert fy == []  # nobody active logged in 2021/22, and Ann has left
    refused = team("return", "status", "--year", "2020-06")
    assert refused.code == 1 and refused.err.startswith("error: year: '2020-06' is a month (2020-06)")


def test_return_workflow(team):
    assert team("return", "submit", "--month", "2020-05", user="ann").out.strip() == (
        "May 2020 of Ann Officer is now submitted"
    )
    locked = team("hours", "add", "--date", "2020-05-05", "--hours", "1", user="ann")
    assert locked.code == 1 and "is submitted" in locked.err
    own = team("return", "approve", "--officer", "Ann Officer", "--month", "2020-05", user="ann")
    assert own.code == 1 and own.err.startswith("error: user: Ann Officer is an officer")
    assert team("return", "approve", "--officer", "ann officer", "--month", "2020-05").code == 0
    status = team("return", "status", "--month", "2020-05", "--format", "csv").out
    assert next(iter(csv.DictReader(io.StringIO(status))))["state"] == "approved"
    no_reason = team("return", "reopen", "--officer", "Ann Officer", "--month", "2020-05")
    assert no_reason.code == 2  # --reason is required
    assert (
        team(
            "return", "reopen", "--officer", "Ann Officer", "--month", "2020-05", "--reason", "wrong day"
        ).code
        == 0
    )
    assert team("hours", "add", "--date", "2020-05-05", "--hours", "1", user="ann").code == 0


def test_a_month_not_begun_is_neither_submitted_nor_approved(team):
    """Time may be logged ahead (with a warning), but approving next month now would lock the officer
    out of it when it comes: the refusal names the month, and nothing changes."""
    ahead = Month.of(date.today()).shift(1)
    logged = team("hours", "add", "--date", f"{ahead}-01", "--hours", "1", user="ann")
    assert logged.code == 0 and "in the future" in logged.err
    for args in (["submit"], ["approve", "--officer", "Ann Officer"]):
        refused = team("return", *args, "--month", str(ahead), user="ann" if args == ["submit"] else "sup")
        assert refused.code == 1 and refused.err == (
            f"error: month: {ahead.label} has not begun (today is {date.today():%-d %B %Y}): "
            "its return comes once its time is in\n"
        )
    status = team("return", "status", "--month", str(ahead), "--format", "csv").out
    assert next(iter(csv.DictReader(io.StringIO(status))))["state"] == "draft"


def test_send_back_and_withdraw(team):
    team("return", "submit", "--month", "2020-05", user="ann")
    assert team("return", "withdraw", "--month", "2020-05", user="ann").code == 0
    again = team("return", "withdraw", "--month", "2020-05", user="ann")
    assert again.code == 1 and "is draft; cannot make it draft" in again.err
    team("return", "submit", "--month", "2020-05", user="ann")
    assert (
        team(
            "return", "send-back", "--officer", "Ann Officer", "--month", "2020-05", "--reason", "split it"
        ).code
        == 0
    )
    assert "split it" in team("return", "status").out


def test_audit_lists_and_verifies(team):
    trail = team("audit", "--user", "ann", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(trail.out)))
    assert [(r["action"], r["entity"]) for r in rows] == [("create", "entries")]
    verified = team("audit", "verify")
    assert verified.code == 0 and "hash chain verified" in verified.out


def test_audit_verify_fails_on_tampering(team, db_url):
    from sqlalchemy import create_engine, text

    from tests.domain.test_returns_audit import DROP_AUDIT_TRIGGER

    engine = create_engine(db_url)
    with engine.begin() as raw:
        raw.execute(text(DROP_AUDIT_TRIGGER[engine.dialect.name]))
        raw.execute(text("UPDATE audit_log SET actor = 'nobody' WHERE id = (SELECT min(id) FROM audit_log)"))
    engine.dispose()
    result = team("audit", "verify")
    assert result.code == 1 and result.err.startswith("error: audit: the trail or the data was altered")
    assert "\n  1 of " in result.err and "rows fail the hash chain" in result.err


def test_unknown_user_reads_nothing(team):
    result = team("report", "monthly", "--year", "2020", user="stranger")
    assert result.code == 1 and "is not a person in this database" in result.err


def test_export_of_an_unapproved_year_is_provisional(team, tmp_path):
    out = tmp_path / "t3.csv"
    team("export", "monthly", "--year", "2020", "--out", str(out))
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "PROVISIONAL" in header
    assert "PROVISIONAL: 1 officer-month" in team("report", "monthly", "--year", "2020").out


def test_a_checkpoint_kept_elsewhere_shows_the_trail_cut(team, db_url, tmp_path):
    from sqlalchemy import create_engine, text

    mark = tmp_path / "mark.json"
    made = team("audit", "checkpoint", "--out", str(mark))
    assert made.code == 0 and made.out.startswith("audit checkpoint: ") and mark.exists()
    token = made.out.splitlines()[1].split()[0]
    assert team("audit", "verify", "--checkpoint", str(mark)).code == 0
    engine = create_engine(db_url)
    with engine.begin() as raw:
        raw.execute(
            text(
                {
                    "sqlite": "DROP TRIGGER audit_log_no_delete",
                    "postgresql": "ALTER TABLE audit_log DISABLE TRIGGER USER",
                }[engine.dialect.name]
            )
        )
        raw.execute(text("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)"))
    engine.dispose()
    for given in (str(mark), token):
        result = team("audit", "verify", "--checkpoint", given)
        assert result.code == 1 and "1 row was removed from the end" in result.err
    bad = team("audit", "verify", "--checkpoint", "12:nothex")
    assert bad.code == 1 and bad.err.startswith("error: checkpoint: '12:nothex' is neither ROWS:HASH")
