"""Backups taken while others write are sound; the doctor reports what a shared file needs."""

import sqlite3
import subprocess
import sys
import time

import pytest

from engage_tui.store.maintenance import has_wal_reset_bug

pytestmark = pytest.mark.sqlite_only  # the shared-file case: backups and the doctor


def test_backup_while_another_process_writes(cli, demo_store, db_path, tmp_path):
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"""
import sqlite3, time
db = sqlite3.connect(r'{db_path}', timeout=10, isolation_level=None)
end = time.time() + 3
while time.time() < end:
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO terms (kind, name) VALUES ('activity', 'x' || random())")
    db.execute("COMMIT")
""",
        ]
    )
    time.sleep(0.5)
    copies = []
    for n in range(3):
        target = tmp_path / f"copy{n}.sqlite3"
        result = cli("backup", str(target))
        assert result.code == 0 and "backed up to" in result.out
        copies.append(target)
        time.sleep(0.3)
    writer.wait(timeout=30)
    for copy in copies:
        raw = sqlite3.connect(copy)
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("SELECT count(*) FROM entries").fetchone()[0] == 816
        raw.close()
    refused = cli("backup", str(copies[0]))
    assert refused.code == 1 and "already exists" in refused.err
    restored = cli("--db", str(copies[-1]), "report", "monthly", "--year", "2017", "--format", "csv")
    assert restored.out.splitlines()[-1] == "TOTAL,2350,196"


def test_doctor_reports_each_check(cli, store):
    result = cli("doctor")
    assert result.code == 0
    for name in (
        "SQLite library",
        "journal mode: wal",
        "foreign keys: on",
        "integrity check: ok",
        "permissions of engage.sqlite3",
    ):
        assert name in result.out


def test_wal_reset_bug_versions():
    assert has_wal_reset_bug((3, 40, 1)) and has_wal_reset_bug((3, 44, 5))
    assert not has_wal_reset_bug((3, 44, 6)) and has_wal_reset_bug((3, 45, 0))
    assert has_wal_reset_bug((3, 50, 6)) and not has_wal_reset_bug((3, 50, 7))
    assert has_wal_reset_bug((3, 51, 2)) and not has_wal_reset_bug((3, 51, 3))
