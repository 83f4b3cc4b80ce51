"""The store: SQLite opened for several writers, schema checks, and layering."""

import ast
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from engage_tui.errors import SchemaError
from engage_tui.store import Store
from engage_tui.store.migrate import check_schema, migrations_dir
from engage_tui.store.revisions import REVISIONS

PACKAGE = Path(__file__).resolve().parents[2] / "engage_tui"


@pytest.mark.sqlite_only
def test_sqlite_pragmas(store):
    with store.read() as session:
        pragma = lambda name: session.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") >= 1000


@pytest.mark.sqlite_only
def test_write_transaction_holds_the_lock_from_its_first_statement(store, db_path):
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    with store.write() as session:
        session.execute(text("SELECT 1"))  # a read: the lock must already be held
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # released at commit
    other.execute("ROLLBACK")
    other.close()


@pytest.mark.sqlite_only
def test_read_transaction_does_not_block_a_writer(store, db_path):
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    with store.read() as session:
        session.execute(text("SELECT count(*) FROM entries"))
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    other.close()


def test_revisions_match_the_migration_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    scripts = ScriptDirectory.from_config(config)
    ordered = [s.revision for s in scripts.walk_revisions()][::-1]
    assert tuple(ordered) == REVISIONS


def test_empty_file_says_how_to_create(tmp_path):
    path = tmp_path / "empty.sqlite3"
    sqlite3.connect(path).close()
    store = Store(f"sqlite:///{path}")
    with pytest.raises(SchemaError, match="create it with: engage init"):
        check_schema(store, str(path))
    store.dispose()


def test_unknown_revision_says_upgrade_engage(store):
    with store.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaError, match="newer than this engage"):
        check_schema(store, "db")


def test_foreign_keys_enforced(store):
    with pytest.raises(Exception, match=r"(?i)foreign key"), store.write() as session:
        session.execute(
            text(
                "INSERT INTO entries (officer_id, date, month_key, minutes, category, "
                "notes, created_by, created_at) VALUES (999, '2020-01-01', 202001, 5, "
                "'community', '', 999, '2020-01-01')"
            )
        )


def _imports_textual(path: Path) -> bool:
    tree = ast.parse(path.read_text())
    for node in tree.body:  # module level only: the TUI is imported lazily on its own path
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        )
        if any(n.split(".")[0] == "textual" or n.startswith("engage_tui.tui") for n in names):
            return True
    return False


def test_no_textual_below_the_ui():
    below = [p for p in PACKAGE.rglob("*.py") if "tui" not in p.relative_to(PACKAGE).parts]
    assert below, "no modules found"
    assert [str(p) for p in below if _imports_textual(p)] == []


def test_cli_does_not_import_textual(demo_store, db_url):
    code = (
        "import sys; from engage_tui.cli import main; "
        f"main(['--db', r'{db_url}', '--user', 'sup', 'report', 'monthly', '--year', '2017']); "
        "print('textual' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("False")
    assert "TOTAL" in done.stdout


def test_defaults_in_a_checkout():
    from engage_tui.config import project_root, resolve

    settings = resolve(env={"USER": "x"}, user="someone")
    root = project_root()
    assert root is not None  # the tests run from the checkout
    assert settings.sqlite_path == root / "db" / "engage.sqlite3"
    assert settings.exports_dir == root / "exports"
    assert resolve("postgresql+psycopg://u:p@h/engage", env={}).db_url.startswith("postgresql")


@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrations_build_the_schema_the_models_declare(store):
    """Every model change has its migration: Alembic finds nothing to add or drop."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from engage_tui.store.models import Base

    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def _migrate(store, direction: str, target: str) -> None:
    """The way `init` migrates (on SQLite: foreign keys off while tables are copied, checked before
    the commit)."""
    from engage_tui.store.migrate import migrate

    migrate(store, direction, target)


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_every_migration_downgrades_and_upgrades_again_keeping_the_guards(store):
    """The downgrades work; on SQLite the copy of `entries` that dropping a referencing column needs
    keeps the frozen-month triggers."""
    _migrate(store, "downgrade", "0003")
    with store.engine.connect() as connection:
        columns = [c["name"] for c in inspect(connection).get_columns("entries")]
        assert "event_id" not in columns and "pact_meeting_id" not in columns
        if store.engine.dialect.name == "sqlite":
            triggers = (
                connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries'")
                )
                .scalars()
                .all()
            )
            assert sorted(triggers) == [
                "entries_frozen_delete",
                "entries_frozen_insert",
                "entries_frozen_update",
            ]
    _migrate(store, "downgrade", "base")
    _migrate(store, "upgrade", "head")
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == REVISIONS[-1]


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_a_database_full_of_records_upgrades_to_the_latest_schema(demo_store):
    """0009 copies every audited table on SQLite: with rows pointing at each other (entries at
    meetings, officers at meetings) the copy keeps every row and every key."""
    counted = (
        "SELECT (SELECT count(*) FROM entries), (SELECT count(*) FROM pact_officers), "
        "(SELECT count(*) FROM people)"
    )
    with demo_store.engine.connect() as connection:
        before = connection.execute(text(counted)).one()
    _migrate(demo_store, "downgrade", "0008")
    _migrate(demo_store, "upgrade", "head")
    with demo_store.engine.connect() as connection:
        assert connection.execute(text(counted)).one() == before
        assert connection.execute(text("SELECT count(*) FROM person_jobs")).scalar() == before[2]
