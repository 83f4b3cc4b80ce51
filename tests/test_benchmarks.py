"""The benchmarks' generator keeps up with the schema: a small database it makes is one engage reads,
whose T3 counts the generated officers' hours (a generator that stops part-way measures nothing)."""

import subprocess
import sys
from pathlib import Path

GENERATE = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


def test_the_generator_makes_a_database_engage_reports_on(tmp_path):
    subprocess.run([sys.executable, str(GENERATE), "500", "--into", str(tmp_path)], check=True, timeout=120)
    db = tmp_path / "engage-500.sqlite3"
    shown = subprocess.run(
        [
            sys.executable,
            "-m",
            "engage_tui",
            "--db",
            str(db),
            "--user",
            "bench",
            "report",
            "annual",
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    total = shown.stdout.splitlines()[-1].split(",")
    assert total[0] == "TOTAL" and int(total[1]) + int(total[2]) > 500  # 500 entries of 7 to 397 minutes
