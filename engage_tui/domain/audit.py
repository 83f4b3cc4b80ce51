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
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, insert, select, text
from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor
from engage_tui.domain.checkpoint import GENESIS, TOKEN, Checkpoint
from engage_tui.errors import EngageError, shown
from engage_tui.store.keys import name_key
from engage_tui.store.models import AuditEvent, Person, utcnow

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


def write_checkpoint(path: Path, mark: Checkpoint, database: str) -> None:
    """The checkpoint as a small JSON file (with which database and when), written whole or not at all."""
    body = {
        "rows": mark.rows,
        "head": mark.head,
        "token": mark.token,
        "database": database,
        "at": utcnow().isoformat(timespec="seconds"),
    }
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise EngageError(
            f"out: cannot write {shown(str(path))}: {error.strerror or error}", field="out"
        ) from None


def read_checkpoint(given: str) -> Checkpoint:
    """A checkpoint typed in (ROWS:HASH) or the file `write_checkpoint` wrote."""
    if TOKEN.fullmatch(given.strip()):
        return Checkpoint.parse(given)
    path = Path(given).expanduser()
    if not path.exists() and ":" not in given:  # a name, not a mistyped ROWS:HASH
        raise EngageError(f"checkpoint: there is no file {path}", field="checkpoint")
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        return Checkpoint.parse(str(body["token"]))
    except (OSError, ValueError, KeyError, TypeError):
        raise EngageError(
            f"checkpoint: {shown(given)} is neither ROWS:HASH nor a checkpoint file engage audit checkpoint "
            "--out wrote",
            field="checkpoint",
        ) from None


@dataclass(frozen=True)
class Verification:
    rows: int
    broken: list[int]
    problems: list[str] = field(default_factory=list)  # cut since a checkpoint; figures changed

    @property
    def ok(self) -> bool:
        return not self.broken and not self.problems

    @property
    def findings(self) -> list[str]:
        """Everything wrong, in words: rows failing the chain first, then the rest."""
        chain = (
            [
                f"{len(self.broken)} of {self.rows} rows fail the hash chain (ids "
                f"{', '.join(str(i) for i in self.broken[:20])})"
            ]
            if self.broken
            else []
        )
        return [*chain, *self.problems]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def values_of(obj: Any) -> dict[str, Any]:
    """An ORM row's columns as JSON-ready values (for the before and after of a change)."""
    return {c.key: _plain(getattr(obj, c.key)) for c in obj.__table__.columns}


def _json(values: dict[str, Any] | None) -> str | None:
    return None if values is None else json.dumps(values, sort_keys=True, ensure_ascii=False)


LISTED = (
    AuditEvent.id,
    AuditEvent.at,
    AuditEvent.actor,
    AuditEvent.action,
    AuditEvent.entity,
    AuditEvent.entity_id,
    AuditEvent.before,
    AuditEvent.after,
)
"""An `AuditRow`'s columns, in its order: what the trail's listings read."""
HASHED = (
    AuditEvent.at,
    AuditEvent.actor_id,
    AuditEvent.actor,
    AuditEvent.action,
    AuditEvent.entity,
    AuditEvent.entity_id,
    AuditEvent.before,
    AuditEvent.after,
    AuditEvent.real_id,
)
"""A row's hashed values, in `_digest`'s order after the previous hash."""


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
    """Append one change to the trail, inside the caller's write transaction. On PostgreSQL the
    database writes the trail itself (a trigger on every audited table, naming `session_user` and whom
    the app acts as), so a change made with psql is on it too; there this does nothing."""
    if session.get_bind().dialect.name == "postgresql":
        return
    append(session, actor, action, entity, entity_id, before, after)


def append(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add a row to the chain, hashed as `verify` checks it."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_CHAIN_LOCK})
    prev = session.scalar(trail_head_query()) or GENESIS
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
    query = select(*LISTED)
    if since is not None:
        query = query.where(AuditEvent.at >= since.isoformat())
    if user:
        ids = list(
            session.scalars(
                select(Person.id).where(
                    (Person.name_key == name_key(user)) | (func.lower(Person.login) == user.strip().lower())
                )
            )
        )
        if not ids:  # an empty trail would read as "they changed nothing"
            raise EngageError(f"user: no one is named {shown(user)} or has that login", field="user")
        query = query.where(AuditEvent.actor_id.in_(ids) | AuditEvent.real_id.in_(ids))
    query = query.order_by(AuditEvent.id.desc()).limit(limit)
    return [AuditRow(*row) for row in session.execute(query)]


def checkpoint(session: Session) -> Checkpoint:
    """The trail now: its row count and the hash of its last row (all zeros for an empty trail)."""
    rows = session.scalar(trail_rows_query()) or 0
    return Checkpoint(rows, session.scalar(trail_head_query()) or GENESIS)


def trail_rows_query() -> Select:
    return select(func.count(AuditEvent.id))


def trail_head_query() -> Select:
    """The hash of the trail's last row (none for an empty trail)."""
    return select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)


def cut_since(session: Session, mark: Checkpoint) -> list[str]:
    """What happened to the trail since `mark`, if it is not the same trail grown longer."""
    rows = session.scalar(trail_rows_query()) or 0
    if mark.rows and not rows:
        return [f"the trail was emptied: it held {mark.rows:,} rows at the checkpoint and holds none"]
    if rows < mark.rows:
        cut = mark.rows - rows
        return [
            f"{cut:,} row{'s were' if cut > 1 else ' was'} removed from the end: the checkpoint had "
            f"{mark.rows:,}, the trail has {rows:,}"
        ]
    if not mark.rows:
        return []
    at_mark = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id).offset(mark.rows - 1).limit(1))
    if at_mark != mark.head:
        return [
            f"the chain was rewritten before the checkpoint: row {mark.rows:,} no longer ends it "
            f"as it did ({mark.head[:12]}…)"
        ]
    return []


def verify(session: Session, mark: Checkpoint | None = None) -> Verification:
    """Recompute the chain from the start (every row whose hash or link does not hold is broken) and,
    given a checkpoint, check nothing was cut since."""
    broken: list[int] = []
    prev, count = GENESIS, 0
    rows = session.execute(  # plain rows, not ORM objects: building 200,000 of those was most of the time
        select(AuditEvent.id, *HASHED, AuditEvent.prev_hash, AuditEvent.hash)
        .order_by(AuditEvent.id)
        .execution_options(yield_per=2000)
    )
    for event_id, *values, prev_hash, stored in rows:
        count += 1
        if prev_hash != prev or stored != _digest(prev, *values):
            broken.append(event_id)
        prev = stored
    return Verification(count, broken, cut_since(session, mark) if mark else [])
