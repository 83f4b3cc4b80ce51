"""Which schema this code expects, and what to say about a database on another one.

Kept apart from the migrations (and from SQLAlchemy) so that every open can check the schema cheaply,
the fast read path (`service.fast`) included.
"""

from __future__ import annotations

from collections.abc import Sequence

from engage_tui.errors import SchemaError

REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
)
"""Every migration, oldest first; the last is the schema this code expects."""
HEAD = REVISIONS[-1]


def schema_problem(revision: str | None, where: str, tables: Sequence[str] = ()) -> SchemaError | None:
    """None when `revision` is the one this code needs; else the refusal, with the command that mends it.
    `tables` are those the database holds, where known: with no revision, they are another
    application's."""
    if revision == HEAD:
        return None
    if revision is None and tables:
        listed = ", ".join(name[:40] for name in sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        return SchemaError(
            f"{where} is not an engage database: it holds another application's tables "
            f"({listed}); point --db / ENGAGE_DB at the engage database, or give engage init "
            "a new file; nothing was changed"
        )
    if revision is None:
        return SchemaError(f"{where} holds no engage database; create it with: engage init")
    if revision in REVISIONS:
        return SchemaError(
            f"{where} has schema {revision}, this engage needs {HEAD}; upgrade it with: engage init"
        )
    return SchemaError(
        f"{where} has schema {revision!r}, newer than this engage knows ({HEAD}), or "
        "another application's; upgrade engage, or point --db / ENGAGE_DB at the right "
        "database; nothing was changed"
    )
