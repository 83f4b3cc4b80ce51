"""Failures of the database's surroundings, told as refusals a person can act on.

A read-only folder, a full disk, a file that is not a database, a damaged one, a server that is not
running: none is a bug in engage, and each deserves one line that says what happened, where, and what
to do — never the driver's text with the SQL statement and the officers' data bound to it. `explain`
reads the driver's own error code (SQLite's `sqlite_errorname`, PostgreSQL's SQLSTATE) and, for a
file, looks at the file, its folder and its mount to say which of them is at fault. Anything it does
not recognise is left to the caller, to be reported as the bug it may be.

Free of SQLAlchemy, so that the command line's last-resort net can use it for the cold T3 path, which
reads SQLite without the store.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from contextlib import suppress
from pathlib import Path

from engage_tui.errors import Busy, Damaged, DiskFull, EngageError, ReadOnly, StorageError, Unreachable

UNCHANGED = "nothing was changed"
RESTORE = "restore the latest backup (check it first with: engage backup --verify FILE; the README says how)"


def explain(error: BaseException, where: str, path: Path | None = None) -> EngageError | None:
    """The refusal for an error of the environment around the database at `where` (its SQLite file
    `path`, if it is one), or None when `error` is something else."""
    cause = getattr(error, "orig", None) or error  # SQLAlchemy keeps the driver's error as `orig`
    if isinstance(cause, sqlite3.Error):
        return _sqlite(cause, where, path)
    if type(cause).__module__.split(".")[0] in ("psycopg", "psycopg2"):
        return _server(cause, where)
    if isinstance(cause, OSError):
        return _os(cause, where)
    return None


def _sqlite(error: sqlite3.Error, where: str, path: Path | None) -> EngageError | None:
    code = getattr(error, "sqlite_errorname", "") or ""
    if path is not None and path.is_dir():
        return StorageError(
            f"{where} is a folder, not a database file; {UNCHANGED}. Give a file's path "
            f"(such as {path / 'engage.sqlite3'}) with --db / ENGAGE_DB"
        )
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return Busy(f"database busy: another user is holding {where}; {UNCHANGED}, try again")
    if code == "SQLITE_FULL":
        return disk_full(where, path.parent if path else None)
    if code.startswith(("SQLITE_READONLY", "SQLITE_PERM")):
        return read_only(where, path)
    if code.startswith("SQLITE_CANTOPEN"):
        return cannot_open(where, path)
    if code == "SQLITE_NOTADB":
        return Damaged(
            f"{where} is not a SQLite database (another kind of file, or damaged past "
            f"reading); {UNCHANGED}. Check --db / ENGAGE_DB, or {RESTORE}"
        )
    if code.startswith("SQLITE_CORRUPT"):
        return Damaged(f"{where} is damaged (SQLite: {error}); {UNCHANGED}. Stop using it and {RESTORE}")
    if code.startswith("SQLITE_IOERR"):
        return StorageError(
            f"{where}: the disk could not be read or written ({code}); {UNCHANGED}. "
            "Check the disk, then try again"
        )
    return None


def disk_full(where: str, folder: Path | None) -> DiskFull:
    """The refusal for a write that found no room, with how much there is."""
    room = ""
    if folder is not None:
        with suppress(OSError):
            room = f" ({shutil.disk_usage(folder).free:,} bytes free in {folder})"
    return DiskFull(f"{where}: the disk is full{room}; {UNCHANGED}. Free some space, then try again")


def read_only(where: str, path: Path | None) -> ReadOnly:
    """The refusal for a write that SQLite may not make, naming what is read-only."""
    reason = "it may not be written"
    if path is not None:
        reason = _unwritable(path) or reason
    return ReadOnly(
        f"cannot change {where}: {reason}; {UNCHANGED}. Ask for write access, or use a copy you can write"
    )


def cannot_open(where: str, path: Path | None) -> StorageError:
    """The refusal for a database SQLite could not open, naming the file, folder or mount at fault."""
    if path is None:
        return StorageError(f"cannot open {where}; check --db / ENGAGE_DB")
    if not path.parent.is_dir():
        return StorageError(
            f"cannot open {where}: there is no folder {path.parent}; create it, or check --db / ENGAGE_DB"
        )
    if path.exists() and not os.access(path, os.R_OK):
        return ReadOnly(f"cannot open {where}: you may not read it; ask for read and write access")
    reason = _unwritable(path)
    if reason:
        beside = (
            f" (SQLite keeps {path.name}-wal and {path.name}-shm beside the database)"
            if path.exists()
            else ""
        )
        return ReadOnly(
            f"cannot open {where}: {reason}{beside}; ask for write access, or use a copy you can write"
        )
    return StorageError(f"cannot open {where}; check that it is a file you may read and write")


def _unwritable(path: Path) -> str | None:
    """Which of the mount, the folder and the file stops a write, in words; None if none does."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"{folder} is on a read-only mount"
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} is read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    return None


def _server(error: BaseException, where: str) -> EngageError | None:
    """A PostgreSQL error by its SQLSTATE; a failed connection has none (or class 08)."""
    state = getattr(error, "sqlstate", None) or ""
    reason = str(error).strip().splitlines()[0].rsplit(": ", 1)[-1].strip() if str(error).strip() else ""
    if not state or state.startswith(("08", "57P")):
        return Unreachable(
            f"cannot reach the database server at {where}: {reason}; check that it is "
            "running and that --db / ENGAGE_DB names it"
        )
    if state.startswith("28") or state == "3D000":
        return Unreachable(
            f"the database server at {where} refused the connection: {reason}; check "
            "the user, password and database name in --db / ENGAGE_DB"
        )
    if state == "53100":
        return DiskFull(
            f"{where}: the server's disk is full; {UNCHANGED}. Ask its administrator to free space"
        )
    if state == "25006":
        return ReadOnly(
            f"{where} is read-only (a standby server?); {UNCHANGED}. Point --db / ENGAGE_DB at the primary"
        )
    if state.startswith("53"):
        return StorageError(
            f"the database server at {where} is out of resources ({reason}); "
            f"{UNCHANGED}. Try again later, or ask its administrator"
        )
    return None


def _os(error: OSError, where: str) -> StorageError:
    """A file operation the system refused (making a folder, writing a copy)."""
    name = error.filename if error.filename is not None else where
    if error.errno == errno.ENOSPC:
        return DiskFull(f"{name}: the disk is full; free some space, then try again")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnly(f"{name}: {error.strerror or error}; ask for access, or choose another place")
    return StorageError(f"{name}: {error.strerror or error}")
