"""`engage` as a process: both ways of starting it end through `cli.run`, whose exit leaves the
interpreter's last garbage collections nothing to walk, while exit handlers still run — so what the
command opened must be closed by then, and is."""

import csv
import io
import os
import shutil
import sqlite3
from contextlib import closing
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from tests.conftest import PRINTED_T3

EXIT_PROBE = """
import atexit, gc, os


def said():
    with open(os.environ["PROBE_OUT"], "w") as out:
        print(f"frozen at exit: {gc.get_freeze_count() > 0}", file=out)


atexit.register(said)
"""
"""A `sitecustomize` whose exit handler, registered as the interpreter starts, runs after the
command's end and says whether the objects were frozen by then."""


def test_the_console_script_points_at_run():
    (script,) = entry_points(group="console_scripts", name="engage")
    assert script.value == "engage_tui.cli:run", "reinstall: pip install -e ."


def test_a_command_exits_frozen_with_its_status_and_output(demo_store, cli, tmp_path: Path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(EXIT_PROBE, encoding="utf-8")
    probe = tmp_path / "probe.txt"
    paths = [str(tmp_path / "site"), *filter(None, [os.environ.get("PYTHONPATH")])]
    extra = {"PYTHONPATH": os.pathsep.join(paths), "PROBE_OUT": str(probe)}
    done = []
    for args in (["report", "monthly", "--year", "2017", "--format", "csv"], ["report", "monthly"]):
        probe.unlink(missing_ok=True)
        done.append(cli(*args, extra=extra))
        assert probe.read_text(encoding="utf-8") == "frozen at exit: True\n"
    assert done[0].code == 0 and list(csv.reader(io.StringIO(done[0].out)))[1:] == PRINTED_T3
    assert done[1].code == 2 and done[1].err.startswith("error: the following arguments are required: --year")


@pytest.mark.sqlite_only
def test_a_write_leaves_the_file_alone_holding_it(demo_store, cli, db_path: Path, tmp_path: Path):
    """Nothing a frozen object would have closed at exit is left open: the -wal is folded in."""
    demo_store.dispose()
    added = cli("hours", "add", "--officer", "Amira Khan", "--date", "2019-05-02", "--hours", "1:20")
    assert added.code == 0, added.err
    assert sorted(p.name for p in db_path.parent.glob(f"{db_path.name}*")) == [db_path.name]
    shutil.copy(db_path, tmp_path / "copied.sqlite3")
    with closing(sqlite3.connect(tmp_path / "copied.sqlite3")) as copied:
        row = copied.execute("SELECT minutes FROM entries WHERE id = ?", (int(added.out),)).fetchone()
    assert row == (80,)
