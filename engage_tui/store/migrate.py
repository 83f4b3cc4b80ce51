"""Creating and upgrading the schema with Alembic, and checking it cheaply on every open.

The migrations live in the checkout's `db/migrations` (and inside the wheel as `engage_tui/migrations`).
Opening a database does not import Alembic: it reads `alembic_version` and compares it with
`revisions.REVISIONS`, which a test keeps equal to the migration scripts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from engage_tui.store.engine import Store
from engage_tui.store.revisions import HEAD, schema_problem


def migrations_dir() -> Path:
    """The Alembic script directory: inside the package when installed, else the checkout's `db/`."""
    packaged = Path(__file__).resolve().parent.parent / "migrations"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "db" / "migrations"


@contextmanager
def sqlite_triggers_kept(connection: Connection, table: str) -> Iterator[None]:
    """Around a batch copy of a SQLite table (the only way it drops a referencing column), which
    silently drops the table's triggers: they are read first and made again after."""
    triggers = (
        connection.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :table"),
            {"table": table},
        )
        .scalars()
        .all()
    )
    yield
    for sql in triggers:
        connection.execute(text(sql))


def current_revision(store: Store) -> str | None:
    """The revision stamped in the database, or None for a database engage has never set up."""
    with store.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_schema(store: Store, where: str) -> None:
    """Refuse, with the command that mends it, a database that is missing or on another schema."""
    problem = schema_problem(current_revision(store), where)
    if problem is not None:
        raise problem


def upgrade(store: Store) -> tuple[str | None, str]:
    """Create or upgrade the schema to HEAD in one transaction; returns (from, to)."""
    from alembic import command
    from alembic.config import Config

    before = current_revision(store)
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    with store.engine.execution_options(engage_immediate=True).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before, HEAD
