"""Backups taken while others write are sound; the doctor reports what a shared file needs."""

import os
import re
import sqlite3
import subprocess
import sys
import time

import pytest

from engage_tui.store.maintenance import has_wal_reset_bug
from engage_tui.store.revisions import HEAD
from tests.conftest import DEMO_ENTRIES
from tests.reliability.surroundings import corrupt, settled_copy, small_disk, unwritable

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
    db.execute("INSERT INTO terms (kind, name, name_key) SELECT 'activity', v, v "
               "FROM (SELECT 'x' || random() AS v)")
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
        assert raw.execute("SELECT count(*) FROM entries").fetchone()[0] == DEMO_ENTRIES
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
        f"schema: {HEAD}",
        "journal mode: wal",
        "foreign keys: on",
        "integrity check: ok",
        "permissions of engage.sqlite3",
        "free space: ",
    ):
        assert name in result.out


def test_wal_reset_bug_versions():
    assert has_wal_reset_bug((3, 40, 1)) and has_wal_reset_bug((3, 44, 5))
    assert not has_wal_reset_bug((3, 44, 6)) and has_wal_reset_bug((3, 45, 0))
    assert has_wal_reset_bug((3, 50, 6)) and not has_wal_reset_bug((3, 50, 7))
    assert has_wal_reset_bug((3, 51, 2)) and not has_wal_reset_bug((3, 51, 3))


def _ballast(db_path, megabytes: int) -> None:
    """Make the database big enough that a backup takes a while (its pages, not engage's rows)."""
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE ballast (b BLOB)")
    raw.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO ballast SELECT randomblob(1000000) FROM n",
        (megabytes,),
    )
    raw.commit()
    raw.close()


def _leftovers(folder, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if name in p.name)


def test_a_killed_backup_leaves_nothing_under_its_name_and_a_retry_works(
    cli, cli_env, demo_store, db_path, tmp_path
):
    _ballast(db_path, 150)
    target = tmp_path / "backups" / "engage.sqlite3"
    target.parent.mkdir()
    running = subprocess.Popen(
        [sys.executable, "-m", "engage_tui", "backup", str(target)],
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size for p in target.parent.glob(".engage.sqlite3.*.partial")):
        assert running.poll() is None and time.monotonic() < deadline, "the backup ended before it was killed"
        time.sleep(0.001)
    running.kill()
    assert running.wait() == -9
    assert not target.exists()  # the partial copy never had the final name
    retried = cli("backup", str(target))
    assert retried.code == 0 and "backed up to" in retried.out
    verified = cli("backup", "--verify", str(target))
    assert verified.code == 0 and f"entries {DEMO_ENTRIES:,}" in verified.out


def test_a_backup_that_fills_the_disk_leaves_no_file(cli, demo_store, db_path, tmp_path):
    with small_disk(tmp_path / "disk", "256k") as disk:
        target = disk / "engage.sqlite3"
        result = cli("backup", str(target))
        assert result.code == 1 and result.err.startswith(f"error: backup {target}: the disk is full")
        assert "unexpected" not in result.err and os.listdir(disk) == []  # no 0-byte file, no partial


def test_a_backup_into_a_read_only_folder_leaves_no_file(cli, store, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    with unwritable(folder):
        result = cli("backup", str(folder / "engage.sqlite3"))
    assert result.code == 1 and result.err.startswith(f"error: backup {folder / 'engage.sqlite3'}: ")
    assert "unexpected" not in result.err and os.listdir(folder) == []


@pytest.mark.parametrize(
    "spoil, says",
    [
        (lambda path: path.write_bytes(bytes(range(256)) * 64), "is not a SQLite database"),
        (lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]), "is damaged"),
        (corrupt, "fails its integrity check"),
        (lambda path: path.write_bytes(b""), "is empty: it is not a backup"),
        (lambda path: path.unlink(), "there is no file"),
    ],
)
def test_verify_names_what_is_wrong_with_a_backup(cli, demo_store, tmp_path, spoil, says):
    target = tmp_path / "copy.sqlite3"
    assert cli("backup", str(target)).code == 0
    spoil(target)
    result = cli("backup", "--verify", str(target))
    assert result.code == 1 and says in result.err and "unexpected" not in result.err, result.err
    assert len(result.err.splitlines()) == 1


def test_verify_refuses_another_applications_database(cli, tmp_path):
    other = tmp_path / "other.sqlite3"
    raw = sqlite3.connect(other)
    raw.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    raw.close()
    result = cli("backup", "--verify", str(other))
    assert result.code == 1 and "is not an engage database" in result.err


def test_doctor_fails_on_a_damaged_database_and_names_it(cli, demo_store, db_path, tmp_path):
    damaged = corrupt(settled_copy(db_path, tmp_path / "damaged.sqlite3"))
    result = cli("--db", str(damaged), "doctor")
    assert result.code == 1 and "unexpected" not in result.err
    assert re.search(r"^FAIL integrity check: [0-9,]+ problem\(s\), first: ", result.out, re.MULTILINE)
    assert result.out.splitlines()[-1].startswith("1 failed")


def test_doctor_fails_on_a_file_that_is_not_a_database(cli, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(bytes(range(256)) * 64)
    result = cli("--db", str(junk), "doctor")
    assert result.code == 1 and "unexpected" not in result.err
    assert f"FAIL database: cannot be read — {junk} is not a SQLite database" in result.out
    assert "free space:" in result.out  # the surroundings are still looked at


def test_doctor_warns_when_the_disk_is_nearly_full(cli, store, db_path, tmp_path):
    with small_disk(tmp_path / "disk", "4m") as disk:
        copy = settled_copy(db_path, disk / "engage.sqlite3")
        result = cli("--db", str(copy), "doctor")
    assert re.search(r"^WARN free space: 0\.0 GB on the disk of .*below 1\.0 GB", result.out, re.MULTILINE)
    assert result.code == 0  # a warning, not a failure
