"""Creating and upgrading the schema with Alembic, and checking it cheaply on every open.

The migrations live in the checkout's `db/migrations` (and inside the wheel as `engage_tui/migrations`).
Opening a database does not import Alembic: it reads `alembic_version` and compares it with
`revisions.REVISIONS`, which a test keeps equal to the migration scripts. Both the check and `upgrade`
look first through a read-only probe, so that a file of another application, or of a newer engage, is
refused untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from engage_tui.store.engine import Store
from engage_tui.store.revisions import HEAD, REVISIONS, schema_problem


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


def survey(store: Store) -> tuple[str | None, list[str]]:
    """The revision stamped in the database (None where engage has never set it up) and the tables it
    holds, read through the store's read-only probe."""
    if store.is_new():
        return None, []
    with store.probe() as connection:
        tables = inspect(connection).get_table_names()
        if "alembic_version" not in tables:
            return None, tables
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar(), tables


def check_schema(store: Store, where: str) -> None:
    """Refuse, with the command that mends it, a database that is missing or on another schema."""
    revision, tables = survey(store)
    problem = schema_problem(revision, where, tables)
    if problem is not None:
        raise problem


def upgrade(store: Store) -> tuple[str | None, str]:
    """Create or upgrade the schema to HEAD in one transaction; returns (from, to). Refuses, changing
    nothing, a database that holds another application's tables or a schema this engage does not know."""
    before, tables = survey(store)
    problem = schema_problem(before, store.place, tables)
    if problem is not None and (
        (before is None and tables) or (before is not None and before not in REVISIONS)
    ):
        raise problem
    migrate(store, "upgrade", "head")
    return before, HEAD


def migrate(store: Store, direction: str, target: str) -> None:
    """Alembic's `upgrade` or `downgrade` to `target`, in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    with store.migrating() as connection:
        config.attributes["connection"] = connection
        getattr(command, direction)(config, target)
