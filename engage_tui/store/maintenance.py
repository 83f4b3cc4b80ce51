"""Keeping a shared SQLite file healthy: online backups, checking a backup, and the doctor's checks.

A backup is written under a temporary name beside its target, checked (`PRAGMA integrity_check`),
flushed to the disk and only then given its name, so a backup that is killed, or that fills the disk,
leaves nothing under the name a person would restore from.

The WAL-reset bug: SQLite before 3.44.6, 3.50.7 and 3.51.3 (in their lines) can corrupt a WAL
database when several connections write and checkpoint at once; engage's whole point is several
officers writing one file, so the doctor warns about it.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sqlalchemy import text

from engage_tui.errors import Damaged, EngageError, ReadOnly, StorageError
from engage_tui.store.engine import Store
from engage_tui.store.failures import disk_full, explain
from engage_tui.store.migrate import survey
from engage_tui.store.revisions import HEAD, REVISIONS, schema_problem

FIXED_IN = ((3, 44, 6), (3, 50, 7), (3, 51, 3))
GB = 1024**3
COUNTED = ("people", "areas", "entries", "events", "pact_meetings", "pact_issues", "returns", "audit_log")
"""The tables whose rows `verify_backup` reports, so a person sees the backup holds what they expect."""
FAIL, WARN = "FAIL", "WARN"


@dataclass(frozen=True)
class Check:
    name: str
    value: str
    ok: bool
    advice: str = ""
    level: str = FAIL  # what a check that is not ok is: a failure (the doctor exits 1) or a warning

    @property
    def failed(self) -> bool:
        return not self.ok and self.level == FAIL


def has_wal_reset_bug(version: tuple[int, ...]) -> bool:
    """True for SQLite versions before the fix in their release line (3.44.6, 3.50.7, 3.51.3)."""
    if version < (3, 44, 6):
        return True
    if version < (3, 45, 0):
        return False
    if version < (3, 50, 7):
        return True
    return (3, 51, 0) <= version < (3, 51, 3)


def backup(store: Store, target: Path) -> int:
    """Copy the database with SQLite's online backup API (a consistent snapshot while others write)
    to `target`, atomically; returns the size of the copy in bytes."""
    if not store.is_sqlite:
        raise EngageError("backup: this is a server database; use its own tools (pg_dump)", field="file")
    if target.exists():
        raise EngageError(f"file: {target} already exists; give a new file name", field="file")
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    with _explained(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))  # the umask's mode
    try:
        with _explained(target):
            _copy(store, partial)
        _publish(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


@contextmanager
def _explained(target: Path) -> Iterator[None]:
    """Failures writing a backup, told against its target: a full disk, a read-only folder."""
    where = f"backup {target}"
    try:
        yield
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise disk_full(where, target.parent) from None
        raise ReadOnly(
            f"{where}: cannot write in {target.parent} ({error.strerror or error}); nothing was "
            "written. Choose a folder you may write, or ask for access"
        ) from None
    except sqlite3.Error as error:
        refusal = explain(error, where, target)
        if refusal is None:
            raise
        raise refusal from None


def _copy(store: Store, partial: Path) -> None:
    """The online backup into `partial`, made one self-contained file, checked, and on the disk."""
    with store.explained():
        raw = store.engine.raw_connection()
    try:
        copy = sqlite3.connect(partial)
        try:
            cast(sqlite3.Connection, raw.driver_connection).backup(copy, pages=1024)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            problems = _integrity(copy.execute)
        finally:
            copy.close()
    finally:
        raw.close()
    if problems:
        raise Damaged(
            f"backup: the copy failed its integrity check ({_summary(problems)}); nothing was "
            "written — run engage doctor on the database"
        )
    with partial.open("rb") as written:
        os.fsync(written.fileno())


def _publish(partial: Path, target: Path) -> None:
    """Give the finished copy its name, never over a file that appeared meanwhile, and make the name
    itself survive a power cut."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise EngageError(f"file: {target} already exists; give a new file name", field="file") from None
    except OSError:  # a filesystem without hard links
        if target.exists():
            raise EngageError(f"file: {target} already exists; give a new file name", field="file") from None
        os.rename(partial, target)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _integrity(execute: Callable) -> list[str]:
    """The problems `PRAGMA integrity_check` finds, one a line; none when it says ok."""
    lines = [
        line for (row,) in execute("PRAGMA integrity_check").fetchall() for line in str(row).splitlines()
    ]
    return [] if lines == ["ok"] else [line for line in lines if not line.startswith("*** in database")]


def _summary(problems: list[str]) -> str:
    first = problems[0] if len(problems[0]) <= 80 else problems[0][:80] + "…"
    return f"{len(problems):,} problem(s), first: {first}"


@dataclass(frozen=True)
class BackupCheck:
    path: Path
    schema: str
    rows: dict[str, int]

    @property
    def current(self) -> bool:
        return self.schema == HEAD


def verify_backup(path: Path) -> BackupCheck:
    """Open a backup read-only and check it can be restored: a SQLite file, sound pages, an engage
    schema this engage knows; with the rows of its main tables. Refuses, naming the fault, otherwise."""
    if not path.is_file():
        raise EngageError(f"file: there is no file {path}", field="file")
    if path.stat().st_size == 0:
        raise Damaged(f"{path} is empty: it is not a backup", field="file")
    store = Store("sqlite:///" + str(path.resolve()))
    try:
        revision, tables = survey(store)
        with store.probe() as connection:
            problems = _integrity(connection.exec_driver_sql)
            if problems:
                raise Damaged(
                    f"{path} fails its integrity check ({_summary(problems)}); it cannot be "
                    "restored — use an earlier backup"
                )
            problem = schema_problem(revision, str(path), tables)
            if problem is not None and revision not in REVISIONS:  # an older schema: init upgrades it
                raise problem
            rows = {
                table: int(connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0)
                for table in COUNTED
                if table in tables
            }
    finally:
        store.dispose()
    return BackupCheck(path, revision or "", rows)


def _permissions(path: Path) -> Check:
    info = path.stat()
    mode = stat.filemode(info.st_mode)
    group_writable = bool(info.st_mode & stat.S_IWGRP)
    world_writable = bool(info.st_mode & stat.S_IWOTH)
    advice = ""
    if world_writable:
        advice = "anyone on this machine can change it: chmod o-w"
    elif not group_writable:
        advice = "only its owner can write it; to share it, put it in a group folder and chmod g+w"
    return Check(
        f"permissions of {path.name}",
        f"{mode} uid {info.st_uid} gid {info.st_gid}",
        not world_writable,
        advice,
    )


def free_space(path: Path) -> Check:
    """Room on the disk for the database to grow, its -wal file and a backup: at least 1 GB, or a
    tenth of the database if that is more."""
    size = path.stat().st_size
    free = shutil.disk_usage(path.parent).free
    needed = max(GB, size // 10)
    return Check(
        "free space",
        f"{free / GB:.1f} GB on the disk of {path.parent}",
        free >= needed,
        ""
        if free >= needed
        else f"below {needed / GB:.1f} GB: a write or a backup may fail on a full disk; free some space",
        level=WARN,
    )


def _database_checks(store: Store) -> list[Check]:
    """What the database says of itself: its schema, and for an engage database its journal mode
    and foreign keys as engage opens it; the integrity of any. A file that is not engage's is only
    looked at through the read-only probe, so the doctor changes nothing in it."""
    revision, tables = survey(store)
    problem = schema_problem(revision, store.place, tables)
    checks = [Check("schema", revision or "none", problem is None, problem.message if problem else "")]
    if revision not in REVISIONS:
        with store.probe() as connection:
            return [*checks, _integrity_check(_integrity(connection.exec_driver_sql))]
    with store.connect() as connection:
        mode = connection.execute(text("PRAGMA journal_mode")).scalar()
        keys = connection.execute(text("PRAGMA foreign_keys")).scalar()
        problems = _integrity(connection.exec_driver_sql)
    return [
        *checks,
        Check(
            "journal mode",
            str(mode),
            mode == "wal",
            "" if mode == "wal" else "expected wal: run any engage command to set it",
        ),
        Check("foreign keys", "on" if keys else "off", bool(keys)),
        _integrity_check(problems),
    ]


def _integrity_check(problems: list[str]) -> Check:
    return Check(
        "integrity check",
        _summary(problems) if problems else "ok",
        not problems,
        "restore the latest backup (check it first with: engage backup --verify FILE)" if problems else "",
    )


def _server_checks(store: Store) -> list[Check]:
    with store.connect() as connection:
        server = connection.execute(text("SELECT version()")).scalar()
    return [
        Check(
            "database server",
            str(server).split(",")[0],
            True,
            "a server database: use its own monitoring, backups (pg_dump) and grants",
        )
    ]


def doctor(store: Store) -> list[Check]:
    """What a person sharing this file needs to know, each with advice where it is not as it should be.
    A database that cannot be read at all is one failed check, and the file's surroundings are still
    looked at."""
    if not store.is_sqlite:
        return _server_checks(store)
    version = sqlite3.sqlite_version_info
    checks = [
        Check(
            "SQLite library",
            sqlite3.sqlite_version,
            not has_wal_reset_bug(version),
            "this version has the WAL-reset bug (fixed in 3.44.6, 3.50.7, 3.51.3), which "
            "can corrupt a database several people write at once; upgrade SQLite or Python"
            if has_wal_reset_bug(version)
            else "",
            level=WARN,
        )
    ]
    try:
        checks += _database_checks(store)
    except StorageError as unreadable:
        checks.append(Check("database", "cannot be read", False, unreadable.message))
    path = store.sqlite_path
    if path is not None and path.exists():
        checks.append(_permissions(path))
        folder = path.parent
        writable = os.access(folder, os.W_OK)
        checks.append(
            Check(
                f"folder {folder}",
                stat.filemode(folder.stat().st_mode),
                writable,
                "" if writable else "SQLite needs to create -wal and -shm files here",
            )
        )
        checks.append(free_space(path))
    return checks
