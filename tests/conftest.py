"""Shared fixtures: a real database for every test — a SQLite file on disk, and, when
ENGAGE_TEST_PG_URL names a PostgreSQL server, a fresh database on it too — and the real CLI as a
subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from engage_tui.domain.people import require_actor, tell_server
from engage_tui.domain.setup import init_database
from engage_tui.service.identity import account
from engage_tui.store import Store

SUPERVISOR = "sup"

# The T3 table as printed in the 2018 Durham report (000_… ¶19).
PRINTED_T3 = [
    ["January", "246", "32"],
    ["February", "269", "12"],
    ["March", "340", "6"],
    ["April", "317", "21"],
    ["May", "328", "14"],
    ["June", "180", "13"],
    ["July", "291", "43"],
    ["August", "138", "20"],
    ["September", "101", "13"],
    ["October", "139", "23"],
    ["November", "", ""],
    ["December", "", ""],
    ["TOTAL", "2350", "196"],
]


DEMO_ENTRIES = 1739
"""The demo's entries: the eight cohesion officers' 816 (T3) and the neighbourhood officers' 923 at
the 2017 PACT meetings."""


def runner(store: Store) -> str:
    """The account running the tests (on PostgreSQL, the role connected): the test databases' first
    supervisor, SUPERVISOR, has it as their login, so the CLI and the app run by these tests act as
    SUPERVISOR, and as anyone else through ENGAGE_USER (a supervisor's privilege)."""
    return account(store)


def sup(session):
    """The test database's supervisor, as the actor of a domain call."""
    return acting(session, SUPERVISOR)


def acting(session, name: str):
    """The person `name` as the actor of a domain call in this transaction — and, on PostgreSQL, the
    person the server is told the app acts as, as the service does (its triggers check and record it)."""
    actor = require_actor(session, name)
    tell_server(session, actor)
    return actor


PG_URL = os.environ.get("ENGAGE_TEST_PG_URL")
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


def pytest_collection_modifyitems(config, items) -> None:
    """Screens run on SQLite only, but for those marked `on_server`. A screen calls the same service
    as the command line, and the service, domain, CLI, identity and reliability tests run on both
    backends; the marked screens (a save, a return approved, a meeting recorded…) show the TUI's path
    through a server. Running every screen twice had made the suite too slow for CI."""
    if not PG_URL:
        return
    kept, dropped = [], []
    for item in items:
        on_pg = getattr(item, "callspec", None) and item.callspec.params.get("db_url") == "postgresql"
        screen = item.nodeid.startswith("tests/tui/")
        (dropped if on_pg and screen and not item.get_closest_marker("on_server") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "engage.sqlite3"


def _pg_admin():
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


def _pg_url(name: str) -> str:
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


class Databases:
    """New databases for tests: empty, or cloned from a template made once per test process (an
    initialised one, and one with the demo) so that each test does not rerun every migration."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[tuple[str, bool], str] = {}

    def template(self, backend: str, demo: bool) -> str:
        if (backend, demo) not in self.made:
            name = f"engage_tmpl_{uuid.uuid4().hex[:10]}"
            url = f"sqlite:///{self.folder / name}.sqlite3" if backend == "sqlite" else self._create(name)
            store = Store(url)
            init_database(store, runner(store), SUPERVISOR, demo=demo)
            store.dispose()
            self.made[(backend, demo)] = url
        return self.made[(backend, demo)]

    def _create(self, name: str, template: str | None = None) -> str:
        clause = f' TEMPLATE "{make_url(template).database}"' if template else ""
        with _pg_admin().connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return _pg_url(name)

    def clone(self, backend: str, demo: bool, db_path: Path, db_url: str) -> None:
        """Make the test's database from the template (on PostgreSQL, `db_url` left it uncreated)."""
        source = self.template(backend, demo)
        if backend == "sqlite":
            shutil.copy(source.removeprefix("sqlite:///"), db_path)
        else:
            self._create(make_url(db_url).database, source)

    def drop_all(self) -> None:
        if PG_URL:
            with _pg_admin().connect() as connection:
                for backend, _demo in self.made:
                    if backend == "postgresql":
                        name = make_url(self.made[(backend, _demo)]).database
                        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    made = Databases(tmp_path_factory.mktemp("templates"))
    yield made
    made.drop_all()


CLONED = {"store", "demo_store"}
"""The fixtures that make the test's database from a template (`Databases.clone`)."""


@pytest.fixture(params=BACKENDS)
def db_url(request, db_path: Path):
    """The database a test runs on: the SQLite file, or a new PostgreSQL database dropped after —
    created empty here unless a template is cloned into it (a CREATE DATABASE costs ≈0.4 s)."""
    if request.param == "sqlite":
        yield f"sqlite:///{db_path}"
        return
    if request.node.get_closest_marker("sqlite_only"):
        pytest.skip("checks the SQLite file itself")
    name = f"engage_test_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    if not CLONED & set(request.fixturenames):
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield _pg_url(name)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _backend(db_url: str) -> str:
    return "sqlite" if db_url.startswith("sqlite") else "postgresql"


@pytest.fixture
def store(db_url: str, db_path: Path, databases: Databases):
    """A new database, initialised with SUPERVISOR as its first supervisor."""
    databases.clone(_backend(db_url), False, db_path, db_url)
    store = Store(db_url)
    yield store
    store.dispose()


@pytest.fixture
def demo_store(db_url: str, db_path: Path, databases: Databases):
    """A new database with the demo loaded (the source reports' figures)."""
    databases.clone(_backend(db_url), True, db_path, db_url)
    store = Store(db_url)
    yield store
    store.dispose()


@pytest.fixture
def supervisor(store):
    with store.read() as session:
        return require_actor(session, SUPERVISOR)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli_env(db_url: str, tmp_path: Path):
    """The environment the CLI runs in for a test: its database (or `db`), acting as SUPERVISOR
    unless told otherwise, with its own data and exports folders."""

    def env(user: str = SUPERVISOR, db: str | None = None) -> dict[str, str]:
        made = {
            **os.environ,
            "ENGAGE_DB": db or db_url,
            "ENGAGE_USER": user,
            "XDG_DATA_HOME": str(tmp_path / "xdg"),
            "ENGAGE_EXPORTS": str(tmp_path / "exports"),
        }
        made.pop("ENGAGE_DEBUG", None)
        return made

    return env


@pytest.fixture
def cli(cli_env, tmp_path: Path):
    """Run `python -m engage_tui` against the test database (or ENGAGE_DB=`db`), as SUPERVISOR unless
    told otherwise, with any further environment `extra`."""

    def run(
        *args: str,
        user: str = SUPERVISOR,
        stdin: str | None = None,
        db: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "engage_tui", *args],
            capture_output=True,
            text=True,
            env=cli_env(user, db) | (extra or {}),
            input=stdin,
            timeout=120,
            cwd=tmp_path,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return Result(done.returncode, done.stdout, done.stderr)

    return run
