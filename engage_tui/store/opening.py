"""Finding, opening and checking the database behind a URL: below both front ends, so the CLI, the TUI
and the fast read path refuse a missing or out-of-date database with the same words."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from engage_tui.errors import SchemaError

if TYPE_CHECKING:  # a cold command may never need SQLAlchemy
    from engage_tui.store.engine import Store

SQLITE_PREFIX = "sqlite:///"
PSYCOPG_PREFIX = "postgresql+psycopg://"
BUSY_TIMEOUT_MS = 5000
"""How long a SQLite writer waits for another's lock before the write is refused as busy: one figure
for the store and the fast read path."""


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for a server database."""
    if url.startswith(SQLITE_PREFIX) and len(url) > len(SQLITE_PREFIX):
        return Path(url[len(SQLITE_PREFIX) :].split("?", 1)[0])
    return None


def where(url: str) -> str:
    """The database as a person would name it: its file, or its URL with the password as `***` (as
    SQLAlchemy shows a URL; read here without it, for the fast read path)."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    parts = urlsplit(url)
    if parts.password is None:
        return url
    userinfo, _, host = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{userinfo.split(':', 1)[0]}:***@{host}"))


def server_conninfo(url: str) -> str:
    """A `postgresql+psycopg://` URL as libpq takes it: the same URL without SQLAlchemy's driver name
    (SQLAlchemy hands its query's options to psycopg, as libpq reads a URL's)."""
    return "postgresql://" + url.removeprefix(PSYCOPG_PREFIX)


def no_database(path: Path) -> SchemaError:
    return SchemaError(
        f"no database at {path}; create it with: engage init (or point --db / ENGAGE_DB at yours)"
    )


def open_store(url: str, must_exist: bool = True) -> Store:
    """The store behind `url`; refuses a missing or out-of-date database with the command that mends it.
    With `must_exist` false (init), a new SQLite file's folder is made."""
    from engage_tui.store.engine import Store
    from engage_tui.store.migrate import check_schema

    path = sqlite_path(url)
    if must_exist and path is not None and not path.exists():
        raise no_database(path)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(url)
    if must_exist:
        try:
            check_schema(store, where(url))
        except BaseException:
            store.dispose()
            raise
    return store
