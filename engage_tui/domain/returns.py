"""Monthly returns: an officer submits a month, a supervisor approves it (freezing its figures) or sends
it back; an approved month changes only after a supervisor reopens it with a reason.

Every check runs inside the caller's write transaction, which holds the write lock from its first
statement, so no other writer can slip between a check and its write. A database trigger refuses a
change to an approved month as a second line of defence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    bindparam,
    func,
    literal,
    select,
    true,
    union,
    union_all,
)
from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor, PersonLike
from engage_tui.domain.audit import checkpoint, record, values_of
from engage_tui.domain.jobs import officer_months_on_the_job
from engage_tui.domain.names import clean_text
from engage_tui.domain.people import find_person, require_supervisor
from engage_tui.domain.periods import Month
from engage_tui.domain.return_moves import DRAFT, OPEN_TO_SUBMIT, not_begun, own_approval, shown_state
from engage_tui.errors import EngageError
from engage_tui.store.choices import LOCKED_STATES
from engage_tui.store.models import Entry, MonthReturn, Person, utcnow


@dataclass(frozen=True)
class ReturnRow:
    officer: str
    month: Month
    state: str
    minutes: int
    reason: str


def _row(session: Session, officer_id: int, month: Month) -> MonthReturn | None:
    return session.scalar(
        select(MonthReturn).where(MonthReturn.officer_id == officer_id, MonthReturn.month_key == month.key)
    )


def ensure_open(session: Session, officer_id: int, month_key: int) -> None:
    """Refuse a change to an officer-month that is submitted or approved, saying how to open it."""
    found = session.execute(
        select(MonthReturn.state, Person.name)
        .join(Person, MonthReturn.officer_id == Person.id)
        .where(MonthReturn.officer_id == officer_id, MonthReturn.month_key == month_key)
    ).first()
    if found is None or found.state not in LOCKED_STATES:
        return
    month = Month.from_key(month_key)
    fix = (
        "withdraw it or ask a supervisor to send it back"
        if found.state == "submitted"
        else "a supervisor must reopen it"
    )
    raise EngageError(f"month: {month.label} of {found.name} is {found.state}; {fix}", field="date")


def locked_months(session: Session) -> set[tuple[int, int]]:
    """Every (officer id, month key) that is submitted or approved, for checking a whole import at once."""
    rows = session.execute(
        select(MonthReturn.officer_id, MonthReturn.month_key).where(MonthReturn.state.in_(LOCKED_STATES))
    )
    return {(officer_id, key) for officer_id, key in rows}


def _transition(
    session: Session,
    actor: Actor,
    officer: PersonLike,
    month: Month,
    allowed: tuple[str | None, ...],
    to: str,
    reason: str = "",
) -> ReturnRow:
    row = _row(session, officer.id, month)
    state = row.state if row else None
    if state not in allowed:
        shown = shown_state(state, _minutes(session, officer.id, month))
        raise EngageError(
            f"return: {month.label} of {officer.name} is {shown}; cannot make it {to}", field="month"
        )
    before = values_of(row) if row else None
    approving = to == "approved"  # the figures frozen and the trail as it stood, read before the change
    frozen = _split_minutes(session, officer.id, month) if approving else None
    after_extra = {"checkpoint": checkpoint(session).token} if approving else {}
    if row is None:
        row = MonthReturn(officer_id=officer.id, month_key=month.key, state=to, updated_by=actor.id)
        session.add(row)
    row.state, row.reason, row.updated_by, row.updated_at = to, reason, actor.id, utcnow()
    if frozen is not None:  # one UPDATE: the server sees the figures frozen with the state
        row.community_minutes, row.cyp_minutes = frozen
    session.flush()
    record(session, actor, to, "returns", row.id, before, values_of(row) | after_extra)
    return ReturnRow(officer.name, month, to, _minutes(session, officer.id, month), reason)


def _minutes(session: Session, officer_id: int, month: Month) -> int:
    return (
        session.scalar(
            select(func.coalesce(func.sum(Entry.minutes), 0)).where(
                Entry.officer_id == officer_id, Entry.month_key == month.key
            )
        )
        or 0
    )


def _split_minutes(session: Session, officer_id: int, month: Month) -> tuple[int, int]:
    rows = dict(
        session.execute(
            select(Entry.category, func.sum(Entry.minutes))
            .where(Entry.officer_id == officer_id, Entry.month_key == month.key)
            .group_by(Entry.category)
        ).all()
    )
    return int(rows.get("community", 0)), int(rows.get("cyp", 0))


def check_reason(text: str) -> str:
    reason = clean_text(text or "", "reason", 500)
    if not reason:
        raise EngageError("reason: a reason is needed, so the officer knows what to do", field="reason")
    return reason


def _officer(session: Session, actor: Actor, name: str | None) -> PersonLike:
    """The officer a return belongs to: yourself, or (for a supervisor) the one named."""
    if not name:
        return actor
    officer = find_person(session, name)
    if officer.id != actor.id:
        require_supervisor(actor, "act on another officer's return")
    return officer


def _begun(month: Month, today: date | None) -> None:
    """A month not yet begun is neither submitted nor approved: approving it would lock an officer out
    of logging its time when it comes (`today` defaults to the system's date)."""
    early = not_begun(month, today or date.today())
    if early is not None:
        raise EngageError(f"month: {early}", field="month")


def submit(
    session: Session, actor: Actor, month: Month, officer: str | None = None, today: date | None = None
) -> ReturnRow:
    _begun(month, today)
    return _transition(session, actor, _officer(session, actor, officer), month, OPEN_TO_SUBMIT, "submitted")


def withdraw(session: Session, actor: Actor, month: Month, officer: str | None = None) -> ReturnRow:
    return _transition(session, actor, _officer(session, actor, officer), month, ("submitted",), DRAFT)


def approve(
    session: Session, actor: Actor, officer: str, month: Month, today: date | None = None
) -> ReturnRow:
    require_supervisor(actor, "approve returns")
    _begun(month, today)
    person = find_person(session, officer)
    if actor.is_either(person.id):  # whichever name they act under
        raise EngageError(f"officer: {own_approval(person.name)}", field="officer")
    return _transition(session, actor, person, month, ("submitted",), "approved")


def send_back(session: Session, actor: Actor, officer: str, month: Month, reason: str) -> ReturnRow:
    require_supervisor(actor, "send returns back")
    return _transition(
        session,
        actor,
        find_person(session, officer),
        month,
        ("submitted",),
        "sent back",
        check_reason(reason),
    )


def reopen(session: Session, actor: Actor, officer: str, month: Month, reason: str) -> ReturnRow:
    require_supervisor(actor, "reopen returns")
    return _transition(
        session, actor, find_person(session, officer), month, ("approved",), "reopened", check_reason(reason)
    )


def state_of(session: Session, officer_id: int, month: Month) -> tuple[str, str]:
    """(state, reason) of one officer-month, `not started` and `draft` included."""
    row = _row(session, officer_id, month)
    if row is not None:
        return row.state, row.reason
    return shown_state(None, _minutes(session, officer_id, month)), ""


def return_state_query() -> Select:
    """The (state, reason) of one officer-month's return, if it has one (`:officer`, `:month`)."""
    return select(MonthReturn.state, MonthReturn.reason).where(
        MonthReturn.officer_id == bindparam("officer"), MonthReturn.month_key == bindparam("month")
    )


def chase_list(rows: list[ReturnRow]) -> list[ReturnRow]:
    """Those who still owe a return: not started, draft, sent back or reopened."""
    return [r for r in rows if r.state not in LOCKED_STATES]


def status(session: Session, month: Month | None = None) -> list[ReturnRow]:
    """A row per officer and month: every active officer for one month, else every month with data."""
    logged = select(Entry.officer_id, Entry.month_key).group_by(Entry.officer_id, Entry.month_key)
    returned = select(MonthReturn.officer_id, MonthReturn.month_key)
    if month is not None:
        logged = logged.where(Entry.month_key == month.key)
        returned = returned.where(MonthReturn.month_key == month.key)
        expected = select(Person.id, literal(month.key)).where(Person.active, Person.role == "officer")
        return _states(
            session, union(logged, returned, expected).subquery(), _sums(Entry.month_key == month.key)
        )
    return _states(session, union(logged, returned).subquery(), _sums())


def grid(session: Session, months: list[Month]) -> list[ReturnRow]:
    """The Returns grid: a row for each of `months` of everyone with entries or a return in them
    (supervisors, and people who have left, included) and of every active officer."""
    keys = [m.key for m in months]
    sums = _sums(Entry.month_key.in_(keys))
    people = union(
        select(sums.c.officer_id),
        select(MonthReturn.officer_id).where(MonthReturn.month_key.in_(keys)),
        select(Person.id).where(Person.active, Person.role == "officer"),
    ).subquery()
    columns = union_all(*(select(literal(key).label("month_key")) for key in keys)).subquery()
    every = select(people.c[0], columns.c.month_key).select_from(people.join(columns, true()))
    return _states(session, every.subquery(), sums)


def _sums(*where: ColumnElement[bool]) -> Subquery:
    """The minutes of the entries matching `where` by officer and month, summed along the entries'
    (officer, month) index without reading an entry (by the month index, each entry's row was read
    for its officer: 0.8 s for a year at a million entries)."""
    return (
        select(Entry.officer_id, Entry.month_key, func.sum(Entry.minutes).label("minutes"))
        .where(*where)
        .group_by(Entry.officer_id, Entry.month_key)
        .subquery("sums")
    )


def _states(session: Session, pairs: Subquery, sums: Subquery) -> list[ReturnRow]:
    """Each (person id, month key) pair of `pairs` with its return's state, or what its entries make
    it (draft with hours, not started without), and its minutes (from `sums`, by `_sums`)."""
    officer_id, month_key = pairs.c[0], pairs.c[1]
    query = (
        select(Person.name, month_key, MonthReturn.state, MonthReturn.reason, sums.c.minutes)
        .select_from(pairs)
        .join(Person, Person.id == officer_id)
        .outerjoin(MonthReturn, (MonthReturn.officer_id == officer_id) & (MonthReturn.month_key == month_key))
        .outerjoin(sums, (sums.c.officer_id == officer_id) & (sums.c.month_key == month_key))
        .order_by(month_key, func.lower(Person.name))
    )
    return [
        ReturnRow(
            name,
            Month.from_key(key),
            shown_state(state, total or 0),
            int(total or 0),
            reason or "",
        )
        for name, key, state, reason, total in session.execute(query)
    ]


def unapproved_query(job: bool = False, officer: bool = False) -> Select:
    """How many officer-months with entries from month key `first` to `last` are not yet approved: of
    the people doing `job` on the day where `job`, of one `officer` where `officer`."""
    where: list[ColumnElement[bool]] = [Entry.month_key.between(bindparam("first"), bindparam("last"))]
    if officer:
        where.append(Entry.officer_id == bindparam("officer"))
    logged = (
        officer_months_on_the_job(*where)
        if job
        else select(Entry.officer_id, Entry.month_key).distinct().where(*where)
    )
    counted = logged.subquery()
    approved = select(MonthReturn.id).where(
        MonthReturn.officer_id == counted.c.officer_id,
        MonthReturn.month_key == counted.c.month_key,
        MonthReturn.state == "approved",
    )
    # each officer-month looked up by the returns' key: 3x faster than EXCEPT over a million entries
    return select(func.count()).select_from(counted).where(~approved.exists())


def unapproved_months(
    session: Session, first: Month, last: Month, job: str | None = None, officer_id: int | None = None
) -> int:
    """How many officer-months with entries in the range are not yet approved (a provisional return)."""
    query = unapproved_query(job is not None, officer_id is not None)
    params = {"first": first.key, "last": last.key, "job": job, "officer": officer_id}
    return session.scalar(query, params) or 0
