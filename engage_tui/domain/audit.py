"""The audit trail: who changed what, when, with the values before and after.

Each change is recorded by the domain call that makes it, in the same transaction. Rows are
append-only (triggers refuse update and delete) and hash-chained: each row's hash covers its own
values and the previous row's hash, so `verify` finds a row altered or removed outside the app.
Write transactions are serialised (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so
reading the previous hash and appending cannot interleave with another writer.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor
from engage_tui.store.models import AuditEvent, Person, utcnow

GENESIS = "0" * 64
_PG_CHAIN_LOCK = 7_340_001


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: int | None
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Verification:
    rows: int
    broken: list[int]

    @property
    def ok(self) -> bool:
        return not self.broken


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def values_of(obj: Any) -> dict[str, Any]:
    """An ORM row's columns as JSON-ready values (for the before and after of a change)."""
    return {c.key: _plain(getattr(obj, c.key)) for c in obj.__table__.columns}


def _json(values: dict[str, Any] | None) -> str | None:
    return None if values is None else json.dumps(values, sort_keys=True, ensure_ascii=False)


def _digest(
    prev: str,
    at: str,
    actor_id: int | None,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    before: str | None,
    after: str | None,
    real_id: int | None = None,
) -> str:
    """The row's hash: its values (the real person last, and only when someone acted as another, so
    that rows written before that column existed still verify) chained to the previous hash."""
    values = [at, actor_id, actor, action, entity, entity_id, before, after]
    if real_id is not None:
        values.append(real_id)
    payload = json.dumps(values, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev + payload).encode()).hexdigest()


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append one change to the trail, inside the caller's write transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_CHAIN_LOCK})
    prev = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)) or GENESIS
    at = utcnow().isoformat(timespec="microseconds")
    before_text, after_text = _json(before), _json(after)
    real_id = actor.real_id if actor.on_behalf else None
    digest = _digest(
        prev, at, actor.id, actor.label, action, entity, entity_id, before_text, after_text, real_id
    )
    session.execute(
        insert(AuditEvent).values(
            at=at,
            actor_id=actor.id,
            actor=actor.label,
            real_id=real_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before_text,
            after=after_text,
            prev_hash=prev,
            hash=digest,
        )
    )


def list_audit(
    session: Session, since: date | None = None, user: str | None = None, limit: int | None = None
) -> list[AuditRow]:
    """The trail, newest first, optionally from a day on and for one person (name or login)."""
    query = select(
        AuditEvent.id,
        AuditEvent.at,
        AuditEvent.actor,
        AuditEvent.action,
        AuditEvent.entity,
        AuditEvent.entity_id,
        AuditEvent.before,
        AuditEvent.after,
    )
    if since is not None:
        query = query.where(AuditEvent.at >= since.isoformat())
    if user:
        ids = select(Person.id).where(
            (func.lower(Person.name) == user.lower()) | (func.lower(Person.login) == user.lower())
        )
        query = query.where(AuditEvent.actor_id.in_(ids) | AuditEvent.real_id.in_(ids))
    query = query.order_by(AuditEvent.id.desc()).limit(limit)
    return [AuditRow(*row) for row in session.execute(query)]


def verify(session: Session) -> Verification:
    """Recompute the chain from the start; every row whose hash or link does not hold is broken."""
    broken: list[int] = []
    prev, count = GENESIS, 0
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=2000))
    for (event,) in rows:
        count += 1
        expected = _digest(
            prev,
            event.at,
            event.actor_id,
            event.actor,
            event.action,
            event.entity,
            event.entity_id,
            event.before,
            event.after,
            event.real_id,
        )
        if event.prev_hash != prev or event.hash != expected:
            broken.append(event.id)
        prev = event.hash
    return Verification(count, broken)
