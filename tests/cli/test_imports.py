"""Imports through the real command line: the same rows re-saved are refused as a repeat naming the
earlier import, `--force REASON` imports them again with the reason audited, a dry run and the checks
take no write lock, and a file of 100,000 unknown officers is refused in seconds."""

import csv
import io
import json
import re
import sqlite3
import time

import openpyxl
import pytest
from sqlalchemy import insert, text

from engage_tui.domain.people import add_person
from engage_tui.store.models import Person
from tests.conftest import sup

HEADER = "officer,date,category,hours,area,audience,activity,notes"
ROWS = [
    "Ann Officer,2020-01-02,community,1.5,,,,met the vicar",
    'Ann Officer,2020-01-03,cyp,0:45,,,,"two lines\r\nof notes"',
    "Bob Officer,2020-01-04,,2,,,,",
]


@pytest.fixture
def team(store):
    with store.write() as session:
        for name in ("Ann Officer", "Bob Officer"):
            add_person(session, sup(session), name)
    return store


def _write(path, text: str, bom: bool = False, newline: str = "\n") -> str:
    """`text` saved as an editor saves it: every line ending (in quoted cells too) made `newline`."""
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + re.sub(r"\r?\n", newline, text).encode())
    return str(path)


def _original(tmp_path) -> str:
    return _write(tmp_path / "hours.csv", "\n".join([HEADER, *ROWS]) + "\n")


def _workbook(path) -> str:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in csv.reader(io.StringIO("\n".join([HEADER, *ROWS]), newline="")):
        sheet.append(row)
    book.save(path)
    return str(path)


RESAVED = {
    "crlf": lambda tmp: _write(tmp / "crlf.csv", "\n".join([HEADER, *ROWS]) + "\n", newline="\r\n"),
    "bom": lambda tmp: _write(tmp / "bom.csv", "\n".join([HEADER, *ROWS]) + "\n", bom=True),
    "trailing blank lines": lambda tmp: _write(tmp / "blank.csv", "\n".join([HEADER, *ROWS]) + "\n\n,,,\n\n"),
    "header case and spacing": lambda tmp: _write(
        tmp / "header.csv",
        "\n".join([" Officer ,DATE,Category,  Hours,Area,Audience,Activity,NOTES", *ROWS]),
    ),
    "semicolons": lambda tmp: _write(
        tmp / "semi.csv",
        "\n".join([HEADER.replace(",", ";"), *(r.replace(",", ";").replace("1;5", "1.5") for r in ROWS)]),
    ),
    "xlsx": lambda tmp: _workbook(tmp / "hours.xlsx"),
}


def _count(cli) -> int:
    return len(list(csv.DictReader(io.StringIO(cli("hours", "list", "--format", "csv").out))))


@pytest.mark.parametrize("variant", list(RESAVED))
def test_the_same_rows_resaved_are_refused_naming_the_earlier_import(team, cli, tmp_path, variant):
    first = cli("import", "hours", _original(tmp_path))
    assert first.code == 0, first.err
    batch = first.out.split("import #")[1].split()[0]
    again = cli("import", "hours", RESAVED[variant](tmp_path))
    assert again.code == 1
    assert f"already imported as import #{batch} (" in again.err
    assert "hours.csv, 3 rows" in again.err and "by sup" in again.err
    assert "--force REASON" in again.err
    assert "unexpected" not in again.err
    assert _count(cli) == 3


def test_other_rows_are_not_a_repeat(team, cli, tmp_path):
    assert cli("import", "hours", _original(tmp_path)).code == 0
    changed = _write(tmp_path / "changed.csv", "\n".join([HEADER, *ROWS]).replace("1.5", "1.75") + "\n")
    assert cli("import", "hours", changed).code == 0
    assert _count(cli) == 6


def test_force_imports_again_and_the_audit_trail_keeps_the_reason(team, cli, tmp_path):
    first = cli("import", "hours", _original(tmp_path))
    batch = first.out.split("import #")[1].split()[0]
    resaved = RESAVED["crlf"](tmp_path)
    dry = cli("import", "hours", resaved, "--dry-run", "--force", "the first load was cut short")
    assert dry.code == 0 and f"again: the same rows as import #{batch}" in dry.out
    assert _count(cli) == 3
    forced = cli("import", "hours", resaved, "--force", "the first load was cut short")
    assert forced.code == 0, forced.err
    assert f"again: the same rows as import #{batch}" in forced.out
    assert _count(cli) == 6
    trail = cli("audit", "--format", "csv").out
    rows = csv.DictReader(io.StringIO(trail))
    imports = [json.loads(row["after"]) for row in rows if row["action"] == "import"]
    assert [i.get("forced") for i in imports] == ["the first load was cut short", None]  # newest first
    assert imports[0]["repeats_id"] == int(batch)
    # a third time, forced again, is a third import; unforced, it is refused naming the first
    assert cli("import", "hours", _original(tmp_path), "--force", "once more").code == 0
    refused = cli("import", "hours", _original(tmp_path))
    assert refused.code == 1
    assert f"import #{batch} (" in refused.err and "imported again on purpose 2 time(s)" in refused.err
    assert _count(cli) == 9
    assert cli("audit", "verify").code == 0


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_forced_repeats_survive_the_schema_going_down_and_up_again(team, cli, tmp_path):
    """0010 keeps a forced repeat as the rows' digest and a link to the first import; going down to
    0009 gives it that schema's digest of its own, and coming back links it again."""
    from engage_tui.store.migrate import migrate

    original = _original(tmp_path)
    assert cli("import", "hours", original).code == 0
    for reason in ("a second time", "a third time"):
        assert cli("import", "hours", original, "--force", reason).code == 0
    migrate(team, "downgrade", "0009")
    with team.engine.connect() as connection:
        digests = connection.execute(text("SELECT sha256 FROM import_batches ORDER BY id")).scalars().all()
    assert len(set(digests)) == 3  # 0009's unique index holds
    migrate(team, "upgrade", "head")
    refused = cli("import", "hours", original)
    assert refused.code == 1 and "imported again on purpose 2 time(s)" in refused.err
    assert _count(cli) == 9


def test_force_needs_a_reason(team, cli, tmp_path):
    result = cli("import", "hours", _original(tmp_path), "--force", "  ")
    assert result.code == 1 and "force: a reason" in result.err
    assert _count(cli) == 0


def test_other_imports_know_their_rows_again_too(team, cli, tmp_path):
    series = "area,name,frequency,start\nConsett,Consett PACT,monthly,2020-01-01\n"
    assert cli("area", "add", "Consett").code == 0
    assert cli("import", "pact-series", _write(tmp_path / "s.csv", series)).code == 0
    again = cli("import", "pact-series", _write(tmp_path / "s2.csv", series, bom=True, newline="\r\n"))
    assert again.code == 1 and "already imported as import #" in again.err
    events = "date,type,title,officers\n2020-02-01,coffee morning,Coffee,Ann Officer:1\n"
    assert cli("import", "events", _write(tmp_path / "e.csv", events)).code == 0
    again = cli("import", "events", _write(tmp_path / "e2.csv", events + "\n\n", newline="\r\n"))
    assert again.code == 1 and "already imported as import #" in again.err
    forced = cli("import", "events", _write(tmp_path / "e3.csv", events), "--force", "a second morning")
    assert forced.code == 0, forced.err
    assert len(cli("event", "list", "--format", "csv").out.splitlines()) == 3


@pytest.mark.sqlite_only
def test_a_dry_run_of_a_big_file_takes_no_write_lock(team, cli, db_path, tmp_path):
    rows = [f"Ann Officer,2020-{i % 12 + 1:02d}-{i % 28 + 1:02d},,{i % 90 + 1}m,,,," for i in range(100_000)]
    path = _write(tmp_path / "big.csv", "\n".join([HEADER, *rows]) + "\n")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock throughout
    try:
        began = time.monotonic()
        dry = cli("import", "hours", path, "--dry-run")
        assert dry.code == 0, dry.err
        assert "dry run: 100000 entries" in dry.out
        blocked = cli("import", "hours", path)  # a real import needs the lock, and says so
        assert blocked.code == 1 and "database busy" in blocked.err
        assert time.monotonic() - began < 60
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _count(cli) == 0


def test_a_hundred_thousand_unknown_officers_are_refused_in_seconds(store, cli, tmp_path):
    with store.write() as session:  # a force's worth of officers for "did you mean" to search
        officers = [{"name": f"Officer {i:04d}", "role": "officer"} for i in range(1200)]
        session.execute(insert(Person), officers)
    rows = [f"Officer {i:06d},2020-01-{i % 28 + 1:02d},,1,,,," for i in range(100_000)]  # none known
    path = _write(tmp_path / "unknown.csv", "\n".join([HEADER, *rows]) + "\n")
    began = time.monotonic()
    result = cli("import", "hours", path)
    seconds = time.monotonic() - began
    assert result.code == 1
    assert seconds < 20, f"took {seconds:.1f} s"
    lines = result.err.splitlines()
    assert "100000 problem(s); nothing was imported" in lines[0]
    assert "row 2, officer: unknown officer 'Officer 000000' (did you mean 'Officer 0000'" in lines[1]
    assert "row 21, officer: unknown officer 'Officer 000019' (did you mean" in lines[20]
    assert "… and 99980 more" in result.err
