"""`engage` as a process: both ways of starting it end through `cli.run`, whose exit leaves the
interpreter's last garbage collections nothing to walk, while exit handlers still run."""

import csv
import io
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from tests.conftest import PRINTED_T3

EXIT_PROBE = """
import atexit, gc, os


def said():
    with open(os.environ["PROBE_OUT"], "w") as out:
        print(f"frozen at exit: {gc.get_freeze_count() > 0}", file=out)


atexit.register(said)
"""
"""A `sitecustomize` whose exit handler, registered before anything else, runs after the command's
end and says whether the objects were frozen by then."""


def test_the_console_script_is_run():
    (script,) = entry_points(group="console_scripts", name="engage")
    assert script.value == "engage_tui.cli:run"


def test_a_command_exits_frozen_with_its_status_and_output(demo_store, cli_env, tmp_path: Path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(EXIT_PROBE, encoding="utf-8")
    probe, outputs = tmp_path / "probe.txt", []
    env = cli_env() | {"PYTHONPATH": str(tmp_path / "site"), "PROBE_OUT": str(probe)}
    for args, status in (
        (["report", "monthly", "--year", "2017", "--format", "csv"], 0),
        (["report", "monthly"], 2),
    ):
        probe.unlink(missing_ok=True)
        done = subprocess.run(
            [sys.executable, "-m", "engage_tui", *args], capture_output=True, text=True, env=env, timeout=120
        )
        assert done.returncode == status, done.stderr
        assert probe.read_text(encoding="utf-8") == "frozen at exit: True\n"
        outputs.append(done.stdout + done.stderr)
    assert list(csv.reader(io.StringIO(outputs[0])))[1:] == PRINTED_T3
    assert outputs[1].startswith("error: the following arguments are required: --year")
