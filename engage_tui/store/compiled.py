"""Statements compiled ahead of time for SQLite, so that a cold command can run them with the
standard library's `sqlite3` and never import SQLAlchemy (≈200 ms of a ≈250 ms command here).

SQLAlchemy stays their only source: `python -m engage_tui.service.fast` writes `compiled_sqlite.json`
from the domain's own queries, and a test fails whenever the file and the queries disagree — so there
is no second copy of any query to keep in step by hand. This module only reads and runs them, so the
store imports nothing from the layers above it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PATH = Path(__file__).with_name("compiled_sqlite.json")


def run(connection: Any, statements: dict[str, dict[str, Any]], name: str, **params: Any) -> list[tuple]:
    """One precompiled statement on a `sqlite3` connection."""
    statement = statements[name]
    return connection.execute(statement["sql"], statement["fixed"] | params).fetchall()


def load() -> dict[str, dict[str, Any]]:
    return json.loads(PATH.read_text(encoding="utf-8"))
