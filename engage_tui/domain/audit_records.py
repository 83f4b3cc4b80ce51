"""Reading the audit trail: one record whole (who, as whom, when, every field before and after, its
hash), and the trail filtered by person, table and days — what the Audit screen shows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engage_tui.domain.audit import LISTED, AuditRow
from engage_tui.errors import NotFound
from engage_tui.store.models import AuditEvent, Person


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: str
    actor: str
    """As the trail names them: `Sue Grant as Amira Khan`, or `Amira Khan`."""
    acted_as: str | None
    """The person acted as (whose rules applied), when a supervisor acted as someone else."""
    real: str | None
    """The supervisor who did it, when they acted as someone else."""
    action: str
    entity: str
    entity_id: int | None
    fields: list[FieldChange]
    prev_hash: str
    hash: str


def audit_record(session: Session, record_id: int) -> AuditRecord:
    """One change as recorded, every field of its before and after side by side."""
    event = session.get(AuditEvent, record_id)
    if event is None:
        raise NotFound(f"id: no audit record {record_id}", field="id")
    real = acted = None
    if event.real_id is not None and event.real_id != event.actor_id:
        real = _name(session, event.real_id)
        acted = _name(session, event.actor_id)
    return AuditRecord(
        event.id,
        event.at,
        event.actor,
        acted,
        real,
        event.action,
        event.entity,
        event.entity_id,
        field_changes(event.before, event.after),
        event.prev_hash,
        event.hash,
    )


def field_changes(before: str | None, after: str | None) -> list[FieldChange]:
    """Each field named on either side, in the order recorded, with its values as text."""
    old, new = _values(before), _values(after)
    names = list(dict.fromkeys([*old, *new]))
    return [FieldChange(name, _text(old, name), _text(new, name)) for name in names]


def find_audit(
    session: Session,
    person: str | None = None,
    table: str | None = None,
    start: date | None = None,
    end: date | None = None,
    limit: int | None = None,
) -> list[AuditRow]:
    """The trail newest first: changes by a person (name or login; acting or acted as), to one table,
    made from `start` to `end` (days in UTC, as the trail keeps time)."""
    query = select(*LISTED)
    if person:
        wanted = person.strip().lower()
        ids = select(Person.id).where(
            (func.lower(Person.name) == wanted) | (func.lower(Person.login) == wanted)
        )
        query = query.where(AuditEvent.actor_id.in_(ids) | AuditEvent.real_id.in_(ids))
    if table:
        query = query.where(AuditEvent.entity == table)
    if start is not None:
        query = query.where(AuditEvent.at >= start.isoformat())
    if end is not None:
        query = query.where(AuditEvent.at < (end + timedelta(days=1)).isoformat())
    query = query.order_by(AuditEvent.id.desc()).limit(limit)
    return [AuditRow(*row) for row in session.execute(query)]


def audit_tables(session: Session) -> list[str]:
    """The tables the trail records changes to."""
    return sorted(session.scalars(select(AuditEvent.entity).distinct()))


def _name(session: Session, person_id: int | None) -> str | None:
    return session.scalar(select(Person.name).where(Person.id == person_id)) if person_id else None


def _values(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        values = json.loads(text)
    except ValueError:
        return {"(as recorded)": text}
    return values if isinstance(values, dict) else {"(as recorded)": text}


def _text(values: dict[str, Any], name: str) -> str:
    if name not in values:
        return ""
    value = values[name]
    if value is None:
        return "(none)"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
