"""Engagement entries: the one validation path (CLI, TUI form and import all use it), add, edit,
delete, and the lists and month totals the screens show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, bindparam, delete, func, select
from sqlalchemy.orm import Session, aliased

from engage_tui.domain.actor import Actor
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.durations import parse_hours
from engage_tui.domain.entries import (
    EntryDraft,
    EntryRow,
    MonthView,
    check_category,
    month_view,
)
from engage_tui.domain.names import NameIndex, clean_text
from engage_tui.domain.people import find_area, find_person
from engage_tui.domain.periods import Month, month_key, parse_date
from engage_tui.domain.returns import ensure_open, locked_months, return_state_query
from engage_tui.domain.vocab import find_term
from engage_tui.errors import EngageError, NotFound
from engage_tui.store.models import Area, Entry, Person, Term, utcnow

T = TypeVar("T")


@dataclass(frozen=True)
class EntryValues:
    """A draft that passed every check, resolved to ids and minutes, ready to store."""

    officer_id: int
    date: date
    minutes: int
    category: str
    area_id: int | None
    audience_id: int | None
    activity_id: int | None
    notes: str

    def columns(self) -> dict[str, object]:
        """The entries-table columns (plain dict building: an import makes 100,000 of these)."""
        return {
            "officer_id": self.officer_id,
            "date": self.date,
            "month_key": month_key(self.date),
            "minutes": self.minutes,
            "category": self.category,
            "area_id": self.area_id,
            "audience_id": self.audience_id,
            "activity_id": self.activity_id,
            "notes": self.notes,
        }


class DraftInvalid(EngageError):
    """A draft with one or more bad fields; `errors` has one refusal per field."""

    def __init__(self, errors: list[EngageError]) -> None:
        super().__init__("; ".join(e.message for e in errors), field=errors[0].field)
        self.errors = errors


class Lookups:
    """Names to ids within one transaction, cached — a refusal too — so that an import of 100,000
    rows asks once a name, and works out a "did you mean" once for each unknown one."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._cache: dict[tuple[str, str], Any] = {}

    def _get(self, kind: str, name: str, find: Callable[[], T]) -> T:
        key = (kind, name)
        found = self._cache.get(key, _MISSING)
        if found is _MISSING:
            try:
                found = find()
            except EngageError as refusal:
                found = _Refused(refusal)
            self._cache[key] = found
        if isinstance(found, _Refused):
            raise found.again()
        return found

    def officer(self, name: str) -> Person:
        return self._get("officer", name, lambda: find_person(self.session, name))

    def area_id(self, name: str) -> int | None:
        return self._get("area", name, lambda: find_area(self.session, name).id) if name.strip() else None

    def audience_id(self, name: str) -> int:
        """An audience named in a list (events name several): never blank."""
        return self._get("audience", name, lambda: find_term(self.session, "audience", name).id)

    def term_id(self, kind: str, name: str) -> int | None:
        if not name.strip():
            return None
        return self._get(kind, name, lambda: find_term(self.session, kind, name).id)


_MISSING = object()


class _Refused:
    """A refusal remembered by a cache, raised afresh each time it is asked for."""

    def __init__(self, refusal: EngageError) -> None:
        self.refusal = refusal.with_traceback(None)  # a remembered traceback would keep its frames alive

    def again(self) -> EngageError:
        return self.refusal.with_traceback(None)


def check_draft(lookups: Lookups, draft: EntryDraft) -> EntryValues:
    """Every field checked; all bad fields reported together, so a form can mark each one."""
    checks = (
        (lookups.officer, draft.officer),
        (parse_date, draft.date),
        (parse_hours, draft.hours),
        (check_category, draft.category),
        (lookups.area_id, draft.area),
        (partial(lookups.term_id, "audience"), draft.audience),
        (partial(lookups.term_id, "activity"), draft.activity),
        (partial(clean_text, field="notes"), draft.notes),
    )
    try:  # the usual case, straight through; a refusal re-runs the checks to name every bad field
        checked: list[Any] = [check(text) for check, text in checks]
        officer, day, minutes, category, area_id, audience_id, activity_id, notes = checked
    except EngageError:
        raise DraftInvalid(_refusals(checks)) from None
    return EntryValues(
        officer.id,
        day,
        minutes,
        category,
        area_id if draft.area.strip() else officer.area_id,
        audience_id,
        activity_id,
        notes,
    )


def _refusals(checks) -> list[EngageError]:
    refusals = []
    for check, text in checks:
        try:
            check(text)
        except EngageError as refusal:
            refusals.append(refusal)
    return refusals


def check_may_log(actor: Actor, officer_id: int) -> None:
    """An officer logs their own time; a supervisor may log for anyone."""
    if actor.role != "supervisor" and actor.id != officer_id:
        raise EngageError(f"officer: {actor.name} may only log their own time", field="officer")


class HoursChecks:
    """`check_draft`, `check_may_log` and the locked months, for a file of rows: each distinct
    officer, date, hours, category, area, audience and activity text is checked once and its value
    remembered, so that a row is a handful of dictionary lookups (`import hours` runs this on a
    million rows). Officers and areas are read once, whole; a refusal is worked out again for each
    row that holds it, from the same remembered lookups.

    `known` maps each column's text to its checked value: officer → (id, home area id), date →
    (day, month key), hours → minutes, category, area → id or None (blank: the officer's home area),
    audience and activity → id or None. A text that is refused is absent; `refusals` gives why."""

    def __init__(self, session: Session, actor: Actor) -> None:
        self.session = session
        self.actor = actor
        self.lookups = Lookups(session)
        self.people = NameIndex(session, Person, "officer", Person.id, Person.area_id)
        self.areas = NameIndex(session, Area, "area", Area.id)
        self.locked = locked_months(session)
        self.officer: dict[str, tuple[int, int | None]] = {}
        self.day: dict[str, tuple[date, int]] = {}
        self.minutes: dict[str, int] = {}
        self.category: dict[str, str] = {}
        self.area: dict[str, int | None] = {}
        self.audience: dict[str, int | None] = {}
        self.activity: dict[str, int | None] = {}
        self._refused: dict[tuple[int, str], EngageError] = {}
        self._may_log: dict[int, EngageError | None] = {}
        self._open: dict[tuple[int, int], EngageError | None] = {}
        self._checks: tuple[tuple[dict[str, Any], Callable[[str], Any]], ...] = (
            (self.officer, self._officer),
            (self.day, self._day),
            (self.minutes, parse_hours),
            (self.category, check_category),
            (self.area, self._area),
            (self.audience, partial(self.lookups.term_id, "audience")),
            (self.activity, partial(self.lookups.term_id, "activity")),
        )

    def _officer(self, text: str) -> tuple[int, int | None]:
        officer_id, area_id = self.people.find(text)
        return officer_id, area_id

    def _day(self, text: str) -> tuple[date, int]:
        day = parse_date(text)
        return day, month_key(day)

    def _area(self, text: str) -> int | None:
        return self.areas.find(text)[0] if text.strip() else None

    def refusals(self, texts: tuple[str, ...]) -> list[EngageError]:
        """Each field of a row (officer, date, hours, category, area, audience, activity — in
        `check_draft`'s order) checked once per distinct text: what is wrong with this row, or
        nothing, and every text that passed is in `known` afterwards."""
        found = []
        for (known, check), text, place in zip(self._checks, texts, range(7), strict=True):
            if text in known:
                continue
            refusal = self._refused.get((place, text))
            if refusal is None:
                try:
                    known[text] = check(text)
                    continue
                except EngageError as error:
                    refusal = self._refused[(place, text)] = error.with_traceback(None)  # no frames kept
            found.append(refusal)
        return found

    def may_log(self, officer_id: int) -> EngageError | None:
        """Why the acting person may not log this officer's time, or None (once an officer)."""
        if officer_id not in self._may_log:
            try:
                check_may_log(self.actor, officer_id)
                self._may_log[officer_id] = None
            except EngageError as refusal:
                self._may_log[officer_id] = refusal
        return self._may_log[officer_id]

    def month_open(self, officer_id: int, key: int) -> EngageError | None:
        """Why this officer-month is closed to new entries, or None (once an officer-month)."""
        if (officer_id, key) not in self.locked:
            return None
        if (officer_id, key) not in self._open:
            try:
                ensure_open(self.session, officer_id, key)
                self._open[(officer_id, key)] = None
            except EngageError as refusal:
                self._open[(officer_id, key)] = refusal
        return self._open[(officer_id, key)]


def add_entry(session: Session, actor: Actor, draft: EntryDraft) -> int:
    """Store a new entry in an open month; returns its id."""
    values = check_draft(Lookups(session), draft)
    check_may_log(actor, values.officer_id)
    ensure_open(session, values.officer_id, month_key(values.date))
    entry = Entry(**values.columns(), created_by=actor.id)
    session.add(entry)
    session.flush()
    record(session, actor, "create", "entries", entry.id, after=values_of(entry))
    return entry.id


def log_linked_entry(
    session: Session, actor: Actor, officer_id: int, day: date, minutes: int, **columns: object
) -> Entry:
    """An officer's time logged by an event or a PACT meeting (`columns` names the link): in an open
    month, by someone allowed to log it, audited."""
    check_may_log(actor, officer_id)
    ensure_open(session, officer_id, month_key(day))
    entry = Entry(
        officer_id=officer_id,
        date=day,
        month_key=month_key(day),
        minutes=minutes,
        created_by=actor.id,
        **columns,
    )
    session.add(entry)
    session.flush()
    record(session, actor, "create", "entries", entry.id, after=values_of(entry))
    return entry


def delete_linked_entries(session: Session, actor: Actor, *where: ColumnElement[bool]) -> None:
    """Delete the entries an event or a meeting logged (`where` picks them, e.g.
    `Entry.event_id == 7`), each in an open month and by someone allowed to, audited."""
    for entry in session.scalars(select(Entry).where(*where)).all():
        check_may_log(actor, entry.officer_id)
        ensure_open(session, entry.officer_id, entry.month_key)
        record(session, actor, "delete", "entries", entry.id, before=values_of(entry))
    session.execute(delete(Entry).where(*where))


def _entry(session: Session, entry_id: int) -> Entry:
    entry = session.get(Entry, entry_id)
    if entry is None:
        raise NotFound(f"id: there is no entry {entry_id}", field="id")
    return entry


def _check_unlinked(entry: Entry) -> None:
    """Time an event or a meeting logged is changed there, so the two never disagree."""
    if entry.event_id is not None:
        raise EngageError(
            f"id: entry {entry.id} is time logged by event {entry.event_id}; change it "
            f"with the event (the Events screen, or engage event edit {entry.event_id})",
            field="id",
        )
    if entry.pact_meeting_id is not None:
        raise EngageError(
            f"id: entry {entry.id} is time logged by PACT meeting {entry.pact_meeting_id}; "
            f"change it with the meeting (PACT's Meetings tab, or engage pact meeting edit "
            f"{entry.pact_meeting_id})",
            field="id",
        )


def draft_of(session: Session, entry_id: int) -> EntryDraft:
    """The stored entry as a draft, to prefill a form or to apply an edit to; refused for time an
    event or a meeting logged, which is edited there."""
    _check_unlinked(_entry(session, entry_id))
    row = get_entry(session, entry_id)
    return EntryDraft(
        officer=row.officer,
        date=row.date.isoformat(),
        hours=f"{row.minutes // 60}:{row.minutes % 60:02d}",
        category=row.category,
        area=row.area or "",
        audience=row.audience or "",
        activity=row.activity or "",
        notes=row.notes,
    )


def edit_entry(session: Session, actor: Actor, entry_id: int, changes: dict[str, str]) -> EntryRow:
    """Change the given fields of an entry; the rest stay as they were."""
    unknown = set(changes) - {f.name for f in fields(EntryDraft)}
    if unknown:
        raise EngageError(f"field: cannot change {', '.join(sorted(unknown))}")
    entry = _entry(session, entry_id)
    check_may_log(actor, entry.officer_id)
    ensure_open(session, entry.officer_id, entry.month_key)
    values = check_draft(Lookups(session), replace(draft_of(session, entry_id), **changes))
    check_may_log(actor, values.officer_id)
    ensure_open(session, values.officer_id, month_key(values.date))
    before = values_of(entry)
    for name, value in values.columns().items():
        setattr(entry, name, value)
    entry.updated_by, entry.updated_at = actor.id, utcnow()
    session.flush()
    record(session, actor, "update", "entries", entry_id, before, values_of(entry))
    return get_entry(session, entry_id)


def delete_entry(session: Session, actor: Actor, entry_id: int) -> EntryRow:
    """Remove an entry; returns what it was."""
    row = get_entry(session, entry_id)
    entry = _entry(session, entry_id)
    _check_unlinked(entry)
    check_may_log(actor, entry.officer_id)
    ensure_open(session, entry.officer_id, entry.month_key)
    before = values_of(entry)
    session.execute(delete(Entry).where(Entry.id == entry_id))
    record(session, actor, "delete", "entries", entry_id, before=before)
    return row


def entry_rows_query(day: Any = Entry.date) -> Select:
    """An entry with its names; `day` may be the date as text, for an export that only writes it."""
    officer, area = aliased(Person), aliased(Area)
    audience, activity = aliased(Term), aliased(Term)
    return (
        select(
            Entry.id,
            officer.name,
            day,
            Entry.minutes,
            Entry.category,
            area.name,
            audience.name,
            activity.name,
            Entry.notes,
        )
        .join(officer, Entry.officer_id == officer.id)
        .outerjoin(area, Entry.area_id == area.id)
        .outerjoin(audience, Entry.audience_id == audience.id)
        .outerjoin(activity, Entry.activity_id == activity.id)
    )


def get_entry(session: Session, entry_id: int) -> EntryRow:
    row = session.execute(entry_rows_query().where(Entry.id == entry_id)).first()
    if row is None:
        raise NotFound(f"id: there is no entry {entry_id}", field="id")
    return EntryRow(*row)


def list_entries(
    session: Session, officer_id: int | None = None, month: Month | None = None
) -> list[EntryRow]:
    """Entries, oldest first, optionally for one officer and one month (a Core select, no ORM objects)."""
    query = entry_rows_query().order_by(Entry.date, Entry.id)
    if officer_id is not None:
        query = query.where(Entry.officer_id == officer_id)
    if month is not None:
        query = query.where(Entry.month_key == month.key)
    return [EntryRow(*row) for row in session.execute(query)]


def _in_the_month() -> tuple[ColumnElement[bool], ...]:
    return Entry.officer_id == bindparam("officer"), Entry.month_key == bindparam("month")


def month_entries_query() -> Select:
    """One officer's month of entries, oldest first (`:officer` and `:month`, its key, bound later:
    the fast read path runs the same statement compiled ahead)."""
    return entry_rows_query().where(*_in_the_month()).order_by(Entry.date, Entry.id)


def month_totals_query() -> Select:
    """Minutes by category of one officer's month (`:officer`, `:month`)."""
    return select(Entry.category, func.sum(Entry.minutes)).where(*_in_the_month()).group_by(Entry.category)


def month_of(session: Session, officer_id: int, month: Month) -> MonthView:
    """What My month shows of one officer's month, read in `session`'s snapshot."""
    params = {"officer": officer_id, "month": month.key}
    return month_view(
        [EntryRow(*row) for row in session.execute(month_entries_query(), params)],
        session.execute(month_totals_query(), params).all(),
        session.execute(return_state_query(), params).first(),
    )
