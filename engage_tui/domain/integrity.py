"""Approved months still hold the figures they were approved with.

Approving a return freezes its community and C&YP minutes on the return, and the approval's audit row
(hashed into the chain) records them too. A trigger refuses a change to an approved month's entries,
but anyone who can write the database file can drop it; recomputing the sums from the entries and
comparing them with both frozen copies names every month changed outside engage.
"""

from __future__ import annotations

import json

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from engage_tui.domain.durations import format_hours
from engage_tui.domain.periods import Month
from engage_tui.store.models import AuditEvent, Entry, MonthReturn, Person


def _sums():
    def minutes(category: str):
        return func.coalesce(func.sum(case((Entry.category == category, Entry.minutes), else_=0)), 0)

    return (
        select(
            Entry.officer_id,
            Entry.month_key,
            minutes("community").label("community"),
            minutes("cyp").label("cyp"),
        )
        .group_by(Entry.officer_id, Entry.month_key)
        .subquery()
    )


def changed_since_approval(session: Session) -> list[str]:
    """Every approved officer-month whose entries no longer add up to the figures frozen at approval,
    or whose frozen figures differ from those its approval recorded in the trail."""
    sums = _sums()
    community, cyp = func.coalesce(sums.c.community, 0), func.coalesce(sums.c.cyp, 0)
    query = (
        select(
            Person.name,
            MonthReturn.month_key,
            MonthReturn.community_minutes,
            MonthReturn.cyp_minutes,
            community,
            cyp,
        )
        .join(Person, Person.id == MonthReturn.officer_id)
        .outerjoin(
            sums, and_(sums.c.officer_id == MonthReturn.officer_id, sums.c.month_key == MonthReturn.month_key)
        )
        .where(
            MonthReturn.state == "approved",
            or_(
                func.coalesce(MonthReturn.community_minutes, 0) != community,
                func.coalesce(MonthReturn.cyp_minutes, 0) != cyp,
            ),
        )
        .order_by(MonthReturn.month_key, Person.name)
    )
    problems = [
        f"{Month.from_key(key).label} of {name} was approved with {_hours(frozen_c, frozen_y)} but its "
        f"entries now hold {_hours(now_c, now_y)}: changed outside engage"
        for name, key, frozen_c, frozen_y, now_c, now_y in session.execute(query)
    ]
    return problems + _frozen_unlike_their_approval(session)


def _frozen_unlike_their_approval(session: Session) -> list[str]:
    """Returns whose frozen figures are not those their latest approval recorded in the trail."""
    approved = {
        return_id: (name, key, c or 0, y or 0)
        for return_id, name, key, c, y in session.execute(
            select(
                MonthReturn.id,
                Person.name,
                MonthReturn.month_key,
                MonthReturn.community_minutes,
                MonthReturn.cyp_minutes,
            )
            .join(Person, Person.id == MonthReturn.officer_id)
            .where(MonthReturn.state == "approved")
        )
    }
    recorded: dict[int, tuple[int, int]] = {}
    for return_id, after in session.execute(
        select(AuditEvent.entity_id, AuditEvent.after)
        .where(AuditEvent.entity == "returns", AuditEvent.action == "approved")
        .order_by(AuditEvent.id)
    ):
        values = json.loads(after or "{}")
        recorded[int(return_id or 0)] = (values.get("community_minutes") or 0, values.get("cyp_minutes") or 0)
    unrecorded = [
        f"{Month.from_key(key).label} of {name} is approved but the audit trail holds no approval of it: "
        "rows were cut from the trail, or it was approved outside engage"
        for return_id, (name, key, _c, _y) in approved.items()
        if return_id not in recorded
    ]
    return unrecorded + [
        f"{Month.from_key(key).label} of {name}: its approved figures ({_hours(c, y)}) are not those its "
        "approval recorded in the audit trail: changed outside engage"
        for return_id, (name, key, c, y) in approved.items()
        if return_id in recorded and recorded[return_id] != (c, y)
    ]


def _hours(community: int | None, cyp: int | None) -> str:
    return f"{format_hours(community or 0, 2)} h community and {format_hours(cyp or 0, 2)} h C&YP"
