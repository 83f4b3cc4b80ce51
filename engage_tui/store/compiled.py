"""Statements compiled ahead of time for SQLite, so that a cold command can run them with the
standard library's `sqlite3` and never import SQLAlchemy (≈200 ms of a ≈250 ms command here).

SQLAlchemy stays their only source: `python -m engage_tui.store.compiled` writes `compiled_sqlite.json`
from the domain's own queries, and a test fails whenever the file and the queries disagree — so there
is no second copy of any query to keep in step by hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

PATH = Path(__file__).with_name("compiled_sqlite.json")


def builders() -> dict[str, Callable[[], Any]]:
    """Each precompiled statement's name and the domain function that builds it."""
    from engage_tui.domain.people import acting_query
    from engage_tui.domain.reports import t3_sums
    from engage_tui.domain.returns import unapproved_query

    return {"actor": acting_query, "t3_sums": t3_sums, "unapproved": unapproved_query}


def compile_all() -> dict[str, dict[str, Any]]:
    """Every statement as SQLite SQL with named parameters (`:first`), as the builders make it now,
    with the values SQLAlchemy binds itself (a LIMIT, a status) beside it."""
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect(paramstyle="named")
    statements = {}
    for name, build in builders().items():
        compiled = build().compile(dialect=dialect)
        fixed = {key: value for key, value in compiled.params.items() if value is not None}
        statements[name] = {"sql": str(compiled), "fixed": fixed}
    return statements


def run(connection: Any, statements: dict[str, dict[str, Any]], name: str, **params: Any) -> list[tuple]:
    """One precompiled statement on a `sqlite3` connection."""
    statement = statements[name]
    return connection.execute(statement["sql"], statement["fixed"] | params).fetchall()


def load() -> dict[str, dict[str, Any]]:
    return json.loads(PATH.read_text(encoding="utf-8"))


if __name__ == "__main__":
    PATH.write_text(json.dumps(compile_all(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {PATH}")
