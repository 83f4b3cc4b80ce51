"""Hostile surroundings made for real: a small tmpfs (a full disk), a read-only bind mount, a file or
folder no one may write. Root bypasses `chmod`, so as root a path is made immutable (`chattr +i`)
instead; whatever this machine does not allow skips the test, saying why."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest


def _run(*command: str) -> bool:
    if shutil.which(command[0]) is None:
        return False
    return subprocess.run(command, capture_output=True).returncode == 0


def _need_root(what: str) -> None:
    if os.geteuid() != 0:
        pytest.skip(f"{what} needs root (to mount)")


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """`folder` as a tmpfs of `size` (e.g. `300k`): a disk that fills up."""
    _need_root("a full disk")
    folder.mkdir(parents=True, exist_ok=True)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)):
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


@contextmanager
def read_only_mount(source: Path, folder: Path) -> Iterator[Path]:
    """`source` seen read-only at `folder` (a read-only bind mount, which binds root too)."""
    _need_root("a read-only mount")
    folder.mkdir(parents=True, exist_ok=True)
    if not _run("mount", "--bind", str(source), str(folder)):
        pytest.skip("cannot bind-mount here")
    try:
        if not _run("mount", "-o", "remount,bind,ro", str(folder)):
            pytest.skip("cannot remount read-only here")
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


@contextmanager
def unwritable(path: Path) -> Iterator[Path]:
    """A file or folder no one may write: `chmod a-w`, or as root `chattr +i`."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    if not _run("chattr", "+i", str(path)):
        pytest.skip("root bypasses chmod, and chattr +i is not allowed here")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def corrupt(path: Path, every: int = 3) -> Path:
    """Overwrite part of every `every`th page after the first few: a malformed database, readable
    enough to open (the schema's pages, wherever they lie, survive)."""
    with closing(sqlite3.connect(path)) as raw:
        schema = {page for (page,) in raw.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")}
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    pages = [n for n in range(6, len(data) // size + 1) if n not in schema][::every]
    for number in pages:
        start = (number - 1) * size
        data[start + 100 : start + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))
    return path


def settled_copy(source: Path, target: Path) -> Path:
    """A copy of a SQLite database as one file (its WAL folded in), as a person would copy it."""
    raw = sqlite3.connect(source)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    shutil.copy(source, target)
    return target


def refused(result, says: str) -> str:
    """The one refusal line, checked for what every refusal of the surroundings must (not) say."""
    assert result.code == 1, (result.code, result.out, result.err)
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], result.err
    for leak in ("unexpected", "Traceback", "[SQL", "INSERT", "SELECT", "sqlalche.me", "Ann Officer"):
        assert leak not in result.err, result.err
    return lines[0]
