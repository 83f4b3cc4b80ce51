"""What every command handler gets: the settings, the store (opened and checked on first use), output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from pathlib import Path

from engage_tui.config import Settings
from engage_tui.errors import SchemaError

if TYPE_CHECKING:  # imported where used: a cold command may never need SQLAlchemy
    from sqlalchemy.orm import Session

    from engage_tui.store import Store
    from engage_tui.store.models import Person


def where(settings: Settings) -> str:
    """The database as a person would name it: its file, or its URL without the password."""
    path = settings.sqlite_path
    if path is not None:
        return str(path)
    from sqlalchemy.engine import make_url
    return make_url(settings.db_url).render_as_string(hide_password=True)


def no_database(path: Path) -> SchemaError:
    return SchemaError(f"no database at {path}; create it with: engage init "
                       "(or point --db / ENGAGE_DB at yours)")


def open_store(settings: Settings, must_exist: bool = True) -> Store:
    """The store behind the settings; refuses a missing or out-of-date database with the fix."""
    from engage_tui.store import Store
    from engage_tui.store.migrate import check_schema

    path = settings.sqlite_path
    if must_exist and path is not None and not path.exists():
        raise no_database(path)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(settings.db_url)
    if must_exist:
        check_schema(store, where(settings))
    return store


@dataclass
class Context:
    settings: Settings
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings)
        return self._store

    @contextmanager
    def read(self) -> Iterator[tuple[Session, Person]]:
        """A read transaction for a known user (an unknown one can read nothing)."""
        from engage_tui.domain.people import require_actor

        with self.store.read() as session:
            yield session, require_actor(session, self.settings.user)

    @contextmanager
    def write(self) -> Iterator[tuple[Session, Person]]:
        """A write transaction (lock held from the start) for a known user."""
        from engage_tui.domain.people import require_actor

        with self.store.write() as session:
            yield session, require_actor(session, self.settings.user)

    def say(self, text: str) -> None:
        print(text, file=self.out)

    def warn(self, text: str) -> None:
        print(f"warning: {text}", file=self.err)

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()
