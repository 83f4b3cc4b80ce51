"""The service's core: the store behind the settings (opened and checked on first use) and the acting
person, resolved inside every transaction so that a rule and the person it is about are read from one
snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from threading import Lock
from typing import TYPE_CHECKING, NamedTuple

from engage_tui.config import Settings
from engage_tui.service.identity import account

if TYPE_CHECKING:  # loaded on use: the fast read path never needs SQLAlchemy
    from sqlalchemy.orm import Session

    from engage_tui.domain.actor import Actor
    from engage_tui.store import Store
    from engage_tui.store.readers import Reader


class Tx(NamedTuple):
    """One transaction and who is acting in it."""

    session: Session
    actor: Actor


class Core:
    """Owns the store and the acting person for one front end's lifetime."""

    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        self.settings = settings
        self._store = store
        self._opening = Lock()  # the app opens the store in a thread while its first screen reads
        self._account: str | None = None
        self._reader: Reader | None = None

    @property
    def store(self) -> Store:
        with self._opening:
            if self._store is None:
                from engage_tui.store.opening import open_store

                self._store = open_store(self.settings.db_url)
            return self._store

    @property
    def store_open(self) -> bool:
        """True once the store has been opened (SQLAlchemy and the models are loaded)."""
        return self._store is not None

    def fast_path(self) -> Reader | None:
        """The database's reader for the fast read path (`service.fast`) while the store has not been
        opened; None once it has, or for a database no reader serves."""
        if self.store_open:
            return None
        if self._reader is None:
            from engage_tui.store.readers import reader_for

            self._reader = reader_for(self.settings.db_url)
        return self._reader

    def today(self) -> date:
        return self.settings.today()

    def account(self, session: Session) -> str:
        """Who runs engage (read once): see `identity.account`."""
        if self._account is None:
            self._account = account(self.store, session)
        return self._account

    @contextmanager
    def read(self) -> Iterator[Tx]:
        """A read transaction (a consistent snapshot) for a known person."""
        with self.store.read() as session:
            yield Tx(session, self._actor(session))

    @contextmanager
    def write(self) -> Iterator[Tx]:
        """A write transaction, holding the write lock from its first statement, for a known person."""
        with self.store.write() as session:
            yield Tx(session, self._actor(session))

    def _actor(self, session: Session) -> Actor:
        """Who acts in this transaction; a server database is told too, for its own rules and trail."""
        from engage_tui.domain.people import resolve_actor, tell_server

        actor = resolve_actor(session, self.account(session), self.settings.user)
        tell_server(session, actor)
        return actor

    def actor(self) -> Actor:
        """Who is acting (refused when nobody known is); before the store opens, on the fast path."""
        reader = self.fast_path()
        if reader is not None:
            from engage_tui.service.fast import actor

            return actor(self.settings, reader)
        with self.read() as tx:
            return tx.actor

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()
            self._store = None
