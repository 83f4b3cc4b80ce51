"""A crash mid-import loses nothing and half-writes nothing: SIGKILL at several moments of a
100,000-row import leaves either every row or none, and a sound file."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from engage_tui.domain.people import add_person
from tests.conftest import sup

pytestmark = pytest.mark.sqlite_only  # the shared-file case: locks, kills

ROWS = 100_000


@pytest.fixture
def big_file(tmp_path):
    rng = random.Random(1)
    path = tmp_path / "big.csv"
    with path.open("w") as out:
        out.write("officer,date,category,hours,area,audience,activity,notes\n")
        for i in range(ROWS):
            out.write(
                f"Officer 0,20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-"
                f"{rng.randint(1, 28):02d},community,{rng.randint(1, 600)}m,,,,note {i}\n"
            )
    return path


def _counts(db_path) -> tuple[int, str]:
    raw = sqlite3.connect(db_path)
    try:
        return (
            raw.execute("SELECT count(*) FROM entries").fetchone()[0],
            raw.execute("PRAGMA integrity_check").fetchone()[0],
        )
    finally:
        raw.close()


@pytest.mark.parametrize("fraction", [0.3, 0.9])
def test_sigkill_mid_import_is_all_or_nothing(cli, store, db_path, big_file, fraction):
    with store.write() as session:
        add_person(session, sup(session), "Officer 0")
    env = {**os.environ, "ENGAGE_DB": str(db_path), "ENGAGE_USER": "sup"}
    began = time.monotonic()
    whole = subprocess.run(
        [sys.executable, "-m", "engage_tui", "import", "hours", "--dry-run", str(big_file)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    checking = time.monotonic() - began  # how long validation alone takes here
    assert "dry run: 100000 entries" in whole.stdout
    process = subprocess.Popen(
        [sys.executable, "-m", "engage_tui", "import", "hours", str(big_file)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(checking * (1 + fraction))  # into the insert phase, at several depths
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored, integrity = _counts(db_path)
    assert integrity == "ok"
    assert stored in (0, ROWS)
    again = cli("import", "hours", str(big_file))
    if stored == 0:  # nothing landed, so the same file imports cleanly now
        assert again.code == 0
    else:
        assert again.code == 1 and "already imported" in again.err
    assert _counts(db_path) == (ROWS, "ok")
