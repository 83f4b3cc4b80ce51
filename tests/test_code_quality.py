"""The code's own checks, run with the suite so that the README's test command is CI's whole check:
the layers (import-linter), lint and format (ruff), and types (mypy)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["engage_tui", "tests", "benchmarks", "db"]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def test_the_layers_hold():
    done = _run(_tool("lint-imports"))
    assert done.returncode == 0, done.stdout[-3000:]


def test_ruff_finds_nothing():
    done = _run(_tool("ruff"), "check", *SOURCES)
    assert done.returncode == 0, done.stdout[-3000:]


def test_the_code_is_formatted():
    done = _run(_tool("ruff"), "format", "--check", *SOURCES)
    assert done.returncode == 0, done.stdout[-3000:]


def test_mypy_finds_no_error():
    done = _run(sys.executable, "-m", "mypy")
    assert done.returncode == 0, done.stdout[-3000:]
