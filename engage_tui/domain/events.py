"""Community events: what, where, when, for whom, who went and for how long, how many were reached.

Each officer's hours at an event are stored as that officer's engagement entries linked to the event
(`Entry.event_id`): time is logged once, and T3 and every rollup count it once. Editing an event
replaces its entries in the same transaction; deleting it deletes them. The category is C&YP when
every audience of the event is children and young people, otherwise community, unless the officer's
hours say otherwise (`NAME:HOURS:cyp`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor, check_may_change
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.durations import parse_hours
from engage_tui.domain.entries import CATEGORY_WORDS, check_category
from engage_tui.domain.hours import Lookups, check_may_log, delete_linked_entries, log_linked_entry
from engage_tui.domain.imports import (
    ImportFile,
    RowsDigest,
    check_force,
    earlier_imports,
    lock_imports,
    new_batch,
    open_import,
    refuse_repeat,
)
from engage_tui.domain.names import clean_name, clean_text
from engage_tui.domain.numbers import whole
from engage_tui.domain.periods import month_key, parse_date
from engage_tui.domain.returns import ensure_open
from engage_tui.domain.vocab import CYP
from engage_tui.errors import EngageError, ImportRefused, NotFound, shown
from engage_tui.store.models import Area, Day, Entry, Event, EventAudience, Person, Term

EVENT_COLUMNS = ("date", "type", "title", "area", "audience", "officers", "reached", "notes")
EVENT_REQUIRED = ("date", "type", "title")


@dataclass(frozen=True)
class EventDraft:
    """An event as typed; `officers` holds `NAME:HOURS` (or `NAME:HOURS:cyp|community`) pairs."""

    date: str
    type: str
    title: str
    end_date: str = ""
    area: str = ""
    venue: str = ""
    audiences: tuple[str, ...] = ()
    officers: tuple[str, ...] = ()
    reached: str = ""
    partners: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Attendance:
    officer_id: int
    minutes: int
    category: str


@dataclass(frozen=True)
class EventValues:
    columns: dict[str, Any]
    audience_ids: list[int]
    attendance: list[Attendance] = field(default_factory=list)


@dataclass(frozen=True)
class EventRow:
    id: int
    date: date
    end_date: Day | None
    type: str
    title: str
    area: str | None
    venue: str
    audiences: list[str]
    officers: list[tuple[str, int, str]]
    reached: int | None
    partners: str
    notes: str

    @property
    def minutes(self) -> int:
        return sum(m for _, m, _ in self.officers)


MAX_REACHED = 10_000_000
"""More people than any event or campaign reaches in Durham (a county of about 870,000): a bound, so
a slip of the keyboard is a refusal rather than a figure that swamps every total."""


def parse_reached(text: str) -> int | None:
    if not text.strip():
        return None
    return whole(text, "reached", MAX_REACHED, what="a number of people")


def _attendance(lookups: Lookups, text: str, default: str) -> Attendance:
    """`NAME:HOURS`, where HOURS may itself be H:MM, optionally ending `:cyp` or `:community`."""
    name, _, rest = text.partition(":")
    if not name.strip() or not rest.strip():
        raise EngageError(
            f"officers: {shown(text)} is not NAME:HOURS (e.g. 'Amira Khan:2.5')", field="officers"
        )
    hours, _, last = rest.rpartition(":")
    category = default
    if hours and last.strip().lower() in CATEGORY_WORDS:
        category = check_category(last)
    else:
        hours = rest
    officer = lookups.officer(name)
    return Attendance(officer.id, parse_hours(hours, "officers"), category)


def check_event(lookups: Lookups, draft: EventDraft) -> EventValues:
    """Every field checked; the first refusal names its field."""
    day = parse_date(draft.date)
    end = parse_date(draft.end_date, "end_date") if draft.end_date.strip() else None
    if end is not None and end < day:
        raise EngageError(f"end_date: {end} is before the event's date {day}", field="end_date")
    try:
        type_id = lookups.term_id("activity", draft.type)
    except EngageError as unknown:
        raise EngageError(
            unknown.message.replace("activity: unknown activity", "type: unknown event type"), field="type"
        ) from None
    if type_id is None:
        raise EngageError("type: an event type is needed, e.g. 'community event'", field="type")
    audience_ids = list(dict.fromkeys(lookups.audience_id(a) for a in draft.audiences if a.strip()))
    names = (
        {t.id: t.name for t in lookups.session.scalars(select(Term).where(Term.id.in_(audience_ids)))}
        if audience_ids
        else {}
    )
    default = "cyp" if audience_ids and all(names[i] == CYP for i in audience_ids) else "community"
    attendance = [_attendance(lookups, text, default) for text in draft.officers if text.strip()]
    seen = [a.officer_id for a in attendance]
    if len(seen) != len(set(seen)):
        raise EngageError(
            "officers: an officer is listed twice; give each one's hours once", field="officers"
        )
    columns = {
        "date": day,
        "end_date": end,
        "type_id": type_id,
        "title": clean_name(draft.title, "title", 200),
        "area_id": lookups.area_id(draft.area),
        "venue": clean_text(draft.venue, "venue", 200),
        "partners": clean_text(draft.partners, "partners"),
        "reached": parse_reached(draft.reached),
        "notes": clean_text(draft.notes, "notes"),
    }
    return EventValues(columns, audience_ids, attendance)


def _store_time(session: Session, actor: Actor, event_id: int, values: EventValues) -> None:
    """The officers' hours as their entries."""
    audience = values.audience_ids[0] if len(values.audience_ids) == 1 else None
    for a in values.attendance:
        officer = session.get_one(Person, a.officer_id)
        log_linked_entry(
            session,
            actor,
            a.officer_id,
            values.columns["date"],
            a.minutes,
            category=a.category,
            area_id=values.columns["area_id"] or officer.area_id,
            audience_id=audience,
            activity_id=values.columns["type_id"],
            notes=values.columns["title"],
            event_id=event_id,
        )


def add_event(session: Session, actor: Actor, draft: EventDraft) -> int:
    return store_event(session, actor, check_event(Lookups(session), draft))


def check_time(session: Session, actor: Actor, values: EventValues) -> None:
    """That the acting person may log each officer's time at the event, in a month still open (what
    `log_linked_entry` checks again when it stores the time)."""
    for a in values.attendance:
        check_may_log(actor, a.officer_id)
        ensure_open(session, a.officer_id, month_key(values.columns["date"]))


def store_event(session: Session, actor: Actor, values: EventValues) -> int:
    """Store a checked event, its audiences and its officers' time (re-checked as it is logged)."""
    event = Event(**values.columns, created_by=actor.id)
    session.add(event)
    session.flush()
    session.add_all(EventAudience(event_id=event.id, term_id=t) for t in values.audience_ids)
    record(session, actor, "create", "events", event.id, after=values_of(event))
    _store_time(session, actor, event.id, values)
    return event.id


def _event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"id: there is no event {event_id}", field="id")
    return event


def draft_of(session: Session, event_id: int) -> EventDraft:
    """The stored event as a draft, to prefill a form or to apply an edit to."""
    row = get_event(session, event_id)
    return EventDraft(
        row.date.isoformat(),
        row.type,
        row.title,
        row.end_date.isoformat() if row.end_date else "",
        row.area or "",
        row.venue,
        tuple(row.audiences),
        tuple(f"{n}:{m}m:{c}" for n, m, c in row.officers),
        "" if row.reached is None else str(row.reached),
        row.partners,
        row.notes,
    )


def edit_event(session: Session, actor: Actor, event_id: int, changes: dict[str, Any]) -> EventRow:
    """Change the given fields; the officers' entries are replaced to match, in this transaction."""
    unknown = set(changes) - {f.name for f in fields(EventDraft)}
    if unknown:
        raise EngageError(f"field: cannot change {', '.join(sorted(unknown))}")
    event = _event(session, event_id)
    check_may_change(actor, f"event {event_id}", event.created_by, _attended(session, event_id))
    values = check_event(Lookups(session), replace(draft_of(session, event_id), **changes))
    before = values_of(event)
    delete_linked_entries(session, actor, Entry.event_id == event_id)
    for name, value in values.columns.items():
        setattr(event, name, value)
    session.execute(delete(EventAudience).where(EventAudience.event_id == event_id))
    session.add_all(EventAudience(event_id=event_id, term_id=t) for t in values.audience_ids)
    session.flush()
    record(session, actor, "update", "events", event_id, before, values_of(event))
    _store_time(session, actor, event_id, values)
    return get_event(session, event_id)


def delete_event(session: Session, actor: Actor, event_id: int) -> EventRow:
    row = get_event(session, event_id)
    event = _event(session, event_id)
    check_may_change(actor, f"event {event_id}", event.created_by, _attended(session, event_id))
    delete_linked_entries(session, actor, Entry.event_id == event_id)
    record(session, actor, "delete", "events", event_id, before=values_of(event))
    session.execute(delete(EventAudience).where(EventAudience.event_id == event_id))
    session.execute(delete(Event).where(Event.id == event_id))
    return row


def _attended(session: Session, event_id: int) -> set[int]:
    """The officers whose time the event logged."""
    return set(session.scalars(select(Entry.officer_id).where(Entry.event_id == event_id)))


def _rows(session: Session, where: list) -> list[EventRow]:
    events = session.execute(
        select(Event, Term.name, Area.name)
        .join(Term, Term.id == Event.type_id)
        .outerjoin(Area, Area.id == Event.area_id)
        .where(*where)
        .order_by(Event.date, Event.id)
    ).all()
    if not events:  # an empty IN list is no index lookup: SQLite would scan every entry (2 s at 1M)
        return []
    ids = [e.id for e, _, _ in events]
    audiences: dict[int, list[str]] = {}
    for event_id, name in session.execute(
        select(EventAudience.event_id, Term.name)
        .join(Term, Term.id == EventAudience.term_id)
        .where(EventAudience.event_id.in_(ids))
    ):
        audiences.setdefault(event_id, []).append(name)
    officers: dict[int, list[tuple[str, int, str]]] = {}
    for linked, name, minutes, category in session.execute(
        select(Entry.event_id, Person.name, Entry.minutes, Entry.category)
        .join(Person, Person.id == Entry.officer_id)
        .where(Entry.event_id.in_(ids))
        .order_by(Person.name)
    ):
        officers.setdefault(int(linked or 0), []).append((name, minutes, category))
    return [
        EventRow(
            e.id,
            e.date,
            e.end_date,
            type_name,
            e.title,
            area,
            e.venue,
            sorted(audiences.get(e.id, [])),
            officers.get(e.id, []),
            e.reached,
            e.partners,
            e.notes,
        )
        for e, type_name, area in events
    ]


def get_event(session: Session, event_id: int) -> EventRow:
    rows = _rows(session, [Event.id == event_id])
    if not rows:
        raise NotFound(f"id: there is no event {event_id}", field="id")
    return rows[0]


def list_events(
    session: Session,
    start: date | None = None,
    end: date | None = None,
    area: str | None = None,
    type_: str | None = None,
) -> list[EventRow]:
    lookups = Lookups(session)
    where = []
    if start:
        where.append(Event.date >= start)
    if end:
        where.append(Event.date <= end)
    if area:
        where.append(Event.area_id == lookups.area_id(area))
    if type_:
        where.append(Event.type_id == lookups.term_id("activity", type_))
    return _rows(session, where)


def latest_event_date(session: Session) -> date | None:
    """The day of the latest event: where the Events screen and the events report open by default."""
    return session.scalar(select(func.max(Event.date)))


def _draft(cells: dict[str, str]) -> EventDraft:
    """An `import events` row as a draft: audiences and officers `;`-separated."""
    return EventDraft(
        cells["date"],
        cells["type"],
        cells["title"],
        area=cells["area"],
        audiences=tuple(cells["audience"].split(";")),
        officers=tuple(cells["officers"].split(";")),
        reached=cells["reached"],
        notes=cells["notes"],
    )


@dataclass
class PreparedEvents:
    """An events file read and checked, ready to store: each row's number and checked values."""

    source: str
    digest: str
    byte_digest: str
    rows: list[tuple[int, EventValues]]
    force: str | None = None


def prepare_events(
    session: Session, actor: Actor, file: ImportFile, force: str | None = None
) -> PreparedEvents:
    """Phase 1 (a read transaction): `date,type,title,area,audience,officers,reached,notes` — every
    row checked (events do not depend on one another), every problem listed."""
    force = check_force(force)
    lookups, digest = Lookups(session), RowsDigest()
    rows: list[tuple[int, EventValues]] = []
    problems: list[str] = []
    for number, cells in file.rows(EVENT_COLUMNS, EVENT_REQUIRED):
        if isinstance(cells, str):
            problems.append(cells)
            continue
        digest.add(tuple(cells.values()))
        try:
            values = check_event(lookups, _draft(cells))
            check_time(session, actor, values)
            rows.append((number, values))
        except EngageError as error:
            problems.append(f"row {number}, {error.message}")
    prepared = PreparedEvents(file.source, digest.hexdigest(), file.byte_digest, rows, force)
    refuse_repeat(earlier_imports(session, "events", prepared.digest, file.byte_digest), file.source, force)
    if not rows and not problems:
        problems.append("the file has a header but no rows")
    if problems:
        raise ImportRefused(file.source, problems)
    return prepared


def store_events(session: Session, actor: Actor, prepared: PreparedEvents) -> int:
    """Phase 2 (the write transaction): the earlier imports checked again, then each event stored,
    its officers' months checked again as their time is logged; any refusal undoes the lot."""
    lock_imports(session)
    earlier = earlier_imports(session, "events", prepared.digest, prepared.byte_digest)
    refuse_repeat(earlier, prepared.source, prepared.force)
    new_batch(
        session,
        actor,
        "events",
        prepared.source,
        prepared.digest,
        len(prepared.rows),
        prepared.force,
        earlier,
    )
    problems = []
    for number, values in prepared.rows:
        try:
            store_event(session, actor, values)
        except EngageError as error:
            problems.append(f"row {number}, {error.message} (since the file was checked)")
    if problems:
        raise ImportRefused(prepared.source, problems)
    return len(prepared.rows)


def import_events(
    session: Session,
    actor: Actor,
    path: Path,
    dry_run: bool = False,
    sheet: str | None = None,
    force: str | None = None,
) -> int:
    """Both phases in one transaction (the service runs them in two); returns the events."""
    prepared = prepare_events(session, actor, open_import(path, sheet), force)
    return len(prepared.rows) if dry_run else store_events(session, actor, prepared)
