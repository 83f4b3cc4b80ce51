"""Real operating-system accounts for identity tests: throwaway users made with `useradd` (the tests
run as root; otherwise they skip), and the real `engage` command line run as one of them.

The interpreter lives under /root, which other accounts cannot read, so `engage` runs in a forked
child of the test process that switches to the account's uid and gid and then calls the command line's
`main` — the same code, with every module it may need imported before the switch.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
import threading
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

import engage_tui


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def need_root() -> None:
    if os.geteuid() != 0 or shutil.which("useradd") is None:
        pytest.skip("needs root and useradd, to make throwaway accounts")


@contextmanager
def throwaway_account() -> Iterator[Account]:
    """A new account with no home and no shell, removed afterwards."""
    need_root()
    name = f"eng{uuid.uuid4().hex[:9]}"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True)
    try:
        ids = subprocess.run(["id", "-u", name], capture_output=True, text=True, check=True).stdout
        gid = subprocess.run(["id", "-g", name], capture_output=True, text=True, check=True).stdout
        yield Account(name, int(ids), int(gid))
    finally:
        subprocess.run(["userdel", name], check=False, capture_output=True)


def shared_copy(database: Path) -> Path:
    """A copy of `database` in a folder every account may write (its -wal and -shm files too)."""
    folder = Path(tempfile.mkdtemp(prefix="engage-shared-"))
    folder.chmod(0o777)
    copy = folder / database.name
    shutil.copy(database, copy)
    copy.chmod(0o666)
    return copy


def _load_everything() -> None:
    """Import every module the command line may load, while this process can still read them."""
    for module in pkgutil.walk_packages(engage_tui.__path__, "engage_tui."):
        if not module.name.startswith("engage_tui.tui") and not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    for name in (
        "_strptime",
        "tabulate",
        "openpyxl",
        "xlsxwriter",
        "alembic.command",
        "alembic.config",
        "sqlalchemy.dialects.sqlite",
        "sqlalchemy.dialects.postgresql",
    ):
        importlib.import_module(name)


def run_as(uid: int, gid: int, argv: list[str], env: dict[str, str]) -> Ran:
    """`engage ARGV` run as the account `uid`, with exactly `env` as its environment."""
    from engage_tui.cli import main

    _load_everything()
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: become the account, run the command line, exit with its status
        code = 99
        try:
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
            os.umask(0)
            os.environ.clear()
            os.environ.update(env)
            os.dup2(out_write, 1)
            os.dup2(err_write, 2)
            sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 - the child's own stdout
            sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
            code = main(argv)
            sys.stdout.flush()
            sys.stderr.flush()
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        except BaseException:  # a bug: the test reads the traceback
            traceback.print_exc()
            sys.stderr.flush()
        os._exit(code)
    os.close(out_write)
    os.close(err_write)
    complained: list[str] = []
    reader = threading.Thread(target=lambda: complained.append(os.fdopen(err_read).read()))
    reader.start()  # both pipes drained at once, so a long stderr cannot block the child
    with os.fdopen(out_read) as out:
        printed = out.read()
    reader.join()
    _, status = os.waitpid(pid, 0)
    return Ran(os.waitstatus_to_exitcode(status), printed, complained[0])
