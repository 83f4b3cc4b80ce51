"""Creating or upgrading a database, its first supervisor, the seed vocabularies and the demo."""

from __future__ import annotations

from dataclasses import dataclass

from engage_tui.domain.demo import load_demo
from engage_tui.domain.people import add_person, count_people, resolve_actor
from engage_tui.domain.survey import seed_variables
from engage_tui.domain.vocab import seed_terms
from engage_tui.store import Store
from engage_tui.store.migrate import upgrade


@dataclass(frozen=True)
class InitResult:
    schema_from: str | None
    schema_to: str
    first_supervisor: str | None
    terms_added: int
    demo_entries: int


def init_database(store: Store, account: str, name: str | None = None, demo: bool = False) -> InitResult:
    """Create or upgrade; harmless to run again. On a new database the `account` running it becomes
    its first supervisor, called `name` (default: the account's name); the demo is loaded by whoever
    the account acts as."""
    before, after = upgrade(store)
    first = None
    with store.write() as session:
        if count_people(session) == 0:
            first = add_person(session, None, name or account, "supervisor", login=account).name
        terms = seed_terms(session) + seed_variables(session)
        entries = load_demo(session, resolve_actor(session, account, name)) if demo else 0
    return InitResult(before, after, first, terms, entries)
