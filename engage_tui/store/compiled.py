"""Statements compiled ahead of time for each dialect, so that a cold command can run them with the
driver alone (`readers`) and never import SQLAlchemy (≈200 ms of a ≈250 ms command on SQLite).

SQLAlchemy stays their only source: `python -m engage_tui.service.fast` writes `compiled_sqlite.json`
and `compiled_postgresql.json` from the domain's own queries, and a test fails whenever the files and
the queries disagree — so there is no second copy of any query to keep in step by hand. This module
only reads and runs them, so the store imports nothing from the layers above it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DIALECTS = ("sqlite", "postgresql")


def path(dialect: str) -> Path:
    return Path(__file__).with_name(f"compiled_{dialect}.json")


def run(connection: Any, statements: dict[str, dict[str, Any]], name: str, **params: Any) -> list[tuple]:
    """One precompiled statement on a driver's connection (`sqlite3`'s or psycopg's)."""
    statement = statements[name]
    return connection.execute(statement["sql"], statement["fixed"] | params).fetchall()


def load(dialect: str = "sqlite") -> dict[str, dict[str, Any]]:
    return json.loads(path(dialect).read_text(encoding="utf-8"))
