"""What people do — their job, dated — separate from what they may do (their role).

T3 is "the eight Cohesion Officers' monthly engagement hours": it counts the entries of people whose
job on the entry's day is `co`. A job takes effect from a day, like a setting, so moving a PCSO into
the cohesion unit in June does not rewrite January. Reports join entries to each person's job spans
(from a day until the next change) in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Select, Subquery, and_, bindparam, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from engage_tui.domain.actor import Actor
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.job_titles import BEGINNING, check_job
from engage_tui.domain.periods import Month
from engage_tui.errors import EngageError
from engage_tui.store.models import LOCKED_STATES, Entry, MonthReturn, Person, PersonJob


@dataclass(frozen=True)
class JobRow:
    person: str
    job: str
    effective_from: date


def default_job(role: str) -> str:
    """A new officer is a cohesion officer, a new supervisor a sergeant, unless told otherwise."""
    return "sergeant" if role == "supervisor" else "co"


def start_job(session: Session, actor: Actor, person: Person, job: str) -> str:
    """A new person's first job, from the beginning of their history, audited."""
    row = PersonJob(person_id=person.id, job=check_job(job), effective_from=BEGINNING)
    session.add(row)
    session.flush()
    record(session, actor, "create", "person_jobs", row.id, after=values_of(row))
    return row.job


def change_job(session: Session, actor: Actor, person: Person, job: str, start: date) -> JobRow:
    """`person` does `job` from `start` on (replacing a change already set from that day), audited;
    the days before keep the job they had, so last year's figures stay as they were. A change that
    would move a submitted or approved month's hours between tables is refused."""
    job = check_job(job)
    row = session.scalar(
        select(PersonJob).where(PersonJob.person_id == person.id, PersonJob.effective_from == start)
    )
    if job_on(session, person.id, start) != job:
        _ensure_unlocked(session, person, start)
    before = values_of(row) if row else None
    if row is None:
        row = PersonJob(person_id=person.id, job=job, effective_from=start)
        session.add(row)
    row.job = job
    session.flush()
    record(session, actor, "update" if before else "create", "person_jobs", row.id, before, values_of(row))
    return JobRow(person.name, job, start)


def _ensure_unlocked(session: Session, person: Person, start: date) -> None:
    """Refuse when a month whose job the change would alter is submitted or approved."""
    following = session.scalar(
        select(func.min(PersonJob.effective_from)).where(
            PersonJob.person_id == person.id, PersonJob.effective_from > start
        )
    )
    months = MonthReturn.month_key >= Month.of(start).key
    if following is not None:
        months = and_(months, MonthReturn.month_key <= Month.of(following - timedelta(days=1)).key)
    locked = session.execute(
        select(MonthReturn.month_key, MonthReturn.state)
        .where(MonthReturn.officer_id == person.id, MonthReturn.state.in_(LOCKED_STATES), months)
        .order_by(MonthReturn.month_key)
    ).first()
    if locked is not None:
        raise EngageError(
            f"from: {start.isoformat()} would change which table {person.name}'s hours of "
            f"{Month.from_key(locked.month_key).label} count in, and that month is {locked.state}; "
            "a supervisor must reopen it first",
            field="from",
        )


def jobs_on(session: Session, day: date) -> dict[int, str]:
    """Each person's job on `day`."""
    spans = job_spans()
    return dict(session.execute(select(spans.c.person_id, spans.c.job).where(within(spans, day))).all())


def job_on(session: Session, person_id: int, day: date) -> str | None:
    return jobs_on(session, day).get(person_id)


def history(session: Session, person_id: int) -> list[JobRow]:
    """A person's jobs, oldest first."""
    rows = session.execute(
        select(Person.name, PersonJob.job, PersonJob.effective_from)
        .join(Person, Person.id == PersonJob.person_id)
        .where(PersonJob.person_id == person_id)
        .order_by(PersonJob.effective_from)
    )
    return [JobRow(*row) for row in rows]


def histories(session: Session) -> dict[int, list[JobRow]]:
    """Everyone's jobs, oldest first, by person id (one query, for a screen listing everyone)."""
    found: dict[int, list[JobRow]] = {}
    rows = session.execute(
        select(PersonJob.person_id, Person.name, PersonJob.job, PersonJob.effective_from)
        .join(Person, Person.id == PersonJob.person_id)
        .order_by(PersonJob.person_id, PersonJob.effective_from)
    )
    for person_id, name, job, start in rows:
        found.setdefault(person_id, []).append(JobRow(name, job, start))
    return found


def job_spans() -> Subquery:
    """Each person's jobs as spans: from `start` until the day before `until` (None: still)."""
    until = func.lead(PersonJob.effective_from).over(
        partition_by=PersonJob.person_id, order_by=PersonJob.effective_from
    )
    return select(
        PersonJob.person_id, PersonJob.job, PersonJob.effective_from.label("start"), until.label("until")
    ).subquery("job_spans")


def within(
    spans: Subquery, day: ColumnElement[date] | InstrumentedAttribute[date] | date
) -> ColumnElement[bool]:
    """The span holds `day`."""
    return and_(spans.c.start <= day, or_(spans.c.until.is_(None), spans.c.until > day))


def on_the_job(query: Select, spans: Subquery | None = None) -> Select:
    """Entries of people whose job on the entry's day is the bound parameter `job`."""
    spans = spans if spans is not None else job_spans()
    return query.join(spans, and_(spans.c.person_id == Entry.officer_id, within(spans, Entry.date))).where(
        spans.c.job == bindparam("job")
    )
