"""Keeping a shared SQLite file healthy: online backups and the doctor's checks.

The WAL-reset bug: SQLite before 3.44.6, 3.50.7 and 3.51.3 (in their lines) can corrupt a WAL
database when several connections write and checkpoint at once; engage's whole point is several
officers writing one file, so the doctor warns about it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sqlalchemy import text

from engage_tui.errors import EngageError
from engage_tui.store.engine import Store

FIXED_IN = ((3, 44, 6), (3, 50, 7), (3, 51, 3))


@dataclass(frozen=True)
class Check:
    name: str
    value: str
    ok: bool
    advice: str = ""


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
    """Copy the database with SQLite's online backup API (a consistent snapshot while others write);
    returns the size of the copy in bytes."""
    if not store.is_sqlite:
        raise EngageError("backup: this is a server database; use its own tools (pg_dump)", field="file")
    if target.exists():
        raise EngageError(f"file: {target} already exists; give a new file name", field="file")
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = store.engine.raw_connection()
    try:
        copy = sqlite3.connect(target)
        try:
            cast(sqlite3.Connection, raw.driver_connection).backup(copy, pages=1024)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
    finally:
        raw.close()
    return target.stat().st_size


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


def doctor(store: Store) -> list[Check]:
    """What a person sharing this file needs to know, each with advice where it is not as it should be."""
    if not store.is_sqlite:
        with store.engine.connect() as connection:
            server = connection.execute(text("SELECT version()")).scalar()
        return [
            Check(
                "database server",
                str(server).split(",")[0],
                True,
                "a server database: use its own monitoring, backups (pg_dump) and grants",
            )
        ]
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
        )
    ]
    with store.engine.connect() as connection:
        mode = connection.execute(text("PRAGMA journal_mode")).scalar()
        integrity = connection.execute(text("PRAGMA integrity_check")).scalar()
        keys = connection.execute(text("PRAGMA foreign_keys")).scalar()
    checks.append(
        Check(
            "journal mode",
            str(mode),
            mode == "wal",
            "" if mode == "wal" else "expected wal: run any engage command to set it",
        )
    )
    checks.append(Check("foreign keys", "on" if keys else "off", bool(keys)))
    checks.append(
        Check(
            "integrity check",
            str(integrity),
            integrity == "ok",
            "" if integrity == "ok" else "restore the latest backup (see the README)",
        )
    )
    path = Path(store.url.removeprefix("sqlite:///"))
    if path.exists():
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
    return checks
