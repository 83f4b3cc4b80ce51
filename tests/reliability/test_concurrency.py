"""Several officers on one SQLite file: nothing lost, nobody sees "database is locked", and a month
approved in the middle of it all keeps exactly the figures it was approved with."""

import sqlite3
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from engage_tui.domain.people import add_person
from engage_tui.store.models import Entry, MonthReturn
from tests.conftest import sup

pytestmark = pytest.mark.sqlite_only  # the shared-file case: locks, kills

WRITERS, ENTRIES, IMPORTED = 8, 400, 25


@pytest.fixture
def officers(store):
    with store.write() as session:
        for name in ("Officer 0", "Officer 1"):
            add_person(session, sup(session), name)
    return store


def _start(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.workers", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_eight_writers_and_an_approval_lose_nothing(officers, db_path, tmp_path):
    start_at = time.time() + 2.0
    files = []
    for n in range(WRITERS):
        path = tmp_path / f"import{n}.csv"
        path.write_text(
            "officer,date,hours\n"
            + "".join(f"Officer 1,2020-04-{i % 28 + 1:02d},{n + i + 1}m\n" for i in range(IMPORTED))
        )
        files.append(path)
    writers = [
        _start(["writer", str(db_path), str(n), str(ENTRIES), str(start_at), str(files[n])])
        for n in range(WRITERS)
    ]
    approver = _start(["approver", str(db_path), str(start_at), "20"])
    results = [p.communicate(timeout=180) for p in [*writers, approver]]
    for (out, err), process in zip(results, [*writers, approver], strict=False):
        assert process.returncode == 0, (out, err)
        assert "locked" not in err and "Traceback" not in err
    landed = sum(int(out.split()[0]) for out, _ in results[:-1])
    refused = sum(int(out.split()[1]) for out, _ in results[:-1])
    print(f"landed {landed}, refused after approval {refused}")
    assert refused > 0, "the approval should land while writers are still writing"
    with officers.read() as session:
        stored = session.scalar(select(func.count()).select_from(Entry))
        approved = session.scalars(select(MonthReturn)).one()
        officer0_may = session.scalar(
            select(func.sum(Entry.minutes)).where(
                Entry.officer_id == approved.officer_id, Entry.month_key == 202005
            )
        )
    assert stored == landed + WRITERS * IMPORTED  # every write that said yes is there
    assert approved.state == "approved"
    # no row slipped into the approved month after its figures were frozen
    assert officer0_may > 0 and officer0_may == approved.community_minutes + approved.cyp_minutes


def test_a_lock_held_too_long_is_a_clear_refusal_in_bounded_time(cli, store, db_path):
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        result = cli("hours", "add", "--date", "2020-01-01", "--hours", "1")
        elapsed = time.monotonic() - began
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.code == 1
    assert result.err.startswith("error: database busy")
    assert elapsed < 5 + 1 + 2  # the busy timeout, a second, and the interpreter's start
    assert cli("hours", "list", "--format", "csv").out.strip().count("\n") == 0
