"""The directory a supervisor keeps: people, areas, localities and the vocabularies — renamed, moved,
retired and restored, and what nothing uses taken off.

Nothing that records use is ever deleted: a person or an area is retired (no longer offered, its history
kept); a locality or a vocabulary word is deleted only while no area, score, entry, event or issue uses
it (the vocabularies have no retired flag yet, so a word in use can only be renamed). Every change is
recorded in the audit trail with the values before and after, in the caller's transaction, and only a
supervisor may make one. The CLI and the TUI's People screen make the same calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.jobs import change_job
from engage_tui.domain.names import clean_name, find_by_name
from engage_tui.domain.people import (
    AreaRow,
    PersonRow,
    ensure_locality,
    find_area,
    find_person,
    require_supervisor,
)
from engage_tui.domain.periods import parse_date
from engage_tui.domain.vocab import check_kind, find_term, model_of
from engage_tui.errors import EngageError
from engage_tui.store.keys import name_key
from engage_tui.store.models import (
    Area,
    Entry,
    Event,
    EventAudience,
    IssueTerm,
    Locality,
    PactIssue,
    PactSeries,
    Person,
    SurveyScore,
    Term,
)


@dataclass(frozen=True)
class LocalityRow:
    id: int
    name: str
    areas: int
    """How many areas sit in it."""
    scores: int
    """How many confidence-survey scores are about it."""


@dataclass(frozen=True)
class AreaUse:
    id: int
    name: str
    locality: str | None
    active: bool
    uses: int
    """Entries, events, PACT series and people's home areas that name it."""


@dataclass(frozen=True)
class TermUse:
    id: int
    kind: str
    name: str
    short: str | None
    uses: int
    """Entries, events and PACT issues that use the word."""
    active: bool = True


# --- people ---------------------------------------------------------------------------------------


def rename_person(session: Session, actor: Actor, name: str, new_name: str) -> PersonRow:
    """A person's name corrected or changed (their records follow: they hold the person, not the name)."""
    require_supervisor(actor, "rename people")
    person = find_person(session, name, "name")
    new = clean_name(new_name, "new_name")
    _ensure_unused(session, Person, new, person.id, "new_name")
    return _change(session, actor, person, "people", name=new)


def set_home_area(session: Session, actor: Actor, name: str, area: str | None) -> PersonRow:
    """Where a person's entries default to (None: no home area)."""
    require_supervisor(actor, "change people's home areas")
    person = find_person(session, name, "name")
    home = find_area(session, area) if area else None
    if home is not None and not home.active:
        raise EngageError(f"area: {home.name} is retired; restore it first", field="area")
    return _change(session, actor, person, "people", area_id=home.id if home else None)


def set_person_active(session: Session, actor: Actor, name: str, active: bool) -> PersonRow:
    """Retire a person who has left (they can no longer sign in or be chosen; every record of theirs
    stays and still counts) or restore one who came back."""
    require_supervisor(actor, "retire or restore people")
    person = find_person(session, name, "name")
    if person.active == active:
        raise EngageError(f"name: {person.name} is already {_state(active)}", field="name")
    if not active and actor.is_either(person.id):  # so the last supervisor cannot retire either
        raise EngageError(f"name: you cannot retire yourself ({person.name})", field="name")
    return _change(session, actor, person, "people", active=active)


def person_row(session: Session, person: Person) -> PersonRow:
    home = session.get(Area, person.area_id) if person.area_id else None
    return PersonRow(
        person.id, person.name, person.login, person.role, home.name if home else None, person.active
    )


def edit_person(session: Session, actor: Actor, name: str, changes: dict[str, str]) -> PersonRow:
    """A form's changes at once (one transaction, each audited): `name`, `area` ("" for none), and
    `job` from the day `job_from` (YYYY-MM-DD, needed with a job; alone it changes nothing), as
    `officer change` records it."""
    _check_changes(changes, ("name", "area", "job", "job_from"))
    if "area" in changes:
        set_home_area(session, actor, name, changes["area"].strip() or None)
    if "job" in changes:
        require_supervisor(actor, "change jobs")
        start = parse_date(changes.get("job_from", ""), "job_from")
        change_job(session, actor, find_person(session, name), changes["job"], start)
    if "name" in changes:
        return rename_person(session, actor, name, changes["name"])
    return person_row(session, find_person(session, name))


# --- areas and localities -------------------------------------------------------------------------


def rename_area(session: Session, actor: Actor, name: str, new_name: str) -> AreaRow:
    require_supervisor(actor, "rename areas")
    area = find_area(session, name)
    new = clean_name(new_name, "new_name")
    _ensure_unused(session, Area, new, area.id, "new_name")
    return _change(session, actor, area, "areas", name=new)


def move_area(session: Session, actor: Actor, name: str, locality: str | None) -> AreaRow:
    """Put an area in a locality (created on first mention, as `area add` does), or in none."""
    require_supervisor(actor, "move areas between localities")
    area = find_area(session, name)
    place = ensure_locality(session, actor, locality) if locality else None
    return _change(session, actor, area, "areas", locality_id=place.id if place else None)


def set_area_active(session: Session, actor: Actor, name: str, active: bool) -> AreaRow:
    """Retire an area no longer policed as one (no longer offered; its records stay and still count),
    or restore it."""
    require_supervisor(actor, "retire or restore areas")
    area = find_area(session, name)
    if area.active == active:
        raise EngageError(f"area: {area.name} is already {_state(active)}", field="area")
    return _change(session, actor, area, "areas", active=active)


def area_row(session: Session, area: Area) -> AreaRow:
    place = session.get(Locality, area.locality_id) if area.locality_id else None
    return AreaRow(area.id, area.name, place.name if place else None)


def list_area_uses(session: Session) -> list[AreaUse]:
    """Every area, retired ones too, with its locality and how many records name it."""
    rows = session.execute(
        select(Area.id, Area.name, Locality.name, Area.active)
        .outerjoin(Locality, Area.locality_id == Locality.id)
        .order_by(func.lower(Area.name))
    )
    used = _counts(session, (Entry.area_id, Event.area_id, PactSeries.area_id, Person.area_id))
    return [AreaUse(i, n, loc, bool(a), used.get(i, 0)) for i, n, loc, a in rows]


def edit_area(session: Session, actor: Actor, name: str, changes: dict[str, str]) -> AreaRow:
    """A form's changes at once (one transaction, each audited): `name`, `locality` ("" for none)."""
    _check_changes(changes, ("name", "locality"))
    row = None
    if "locality" in changes:
        row = move_area(session, actor, name, changes["locality"].strip() or None)
    if "name" in changes:
        row = rename_area(session, actor, name, changes["name"])
    assert row is not None
    return row


def offered_areas(session: Session) -> list[str]:
    """The areas forms suggest and filters offer: those not retired."""
    return list(session.scalars(select(Area.name).where(Area.active).order_by(func.lower(Area.name))))


def offered_people(session: Session) -> list[str]:
    """The people forms suggest: those not retired."""
    return list(session.scalars(select(Person.name).where(Person.active).order_by(func.lower(Person.name))))


def add_locality(session: Session, actor: Actor, name: str) -> LocalityRow:
    require_supervisor(actor, "add localities")
    name = clean_name(name, "locality")
    _ensure_unused(session, Locality, name, None, "locality")
    place = ensure_locality(session, actor, name)
    return LocalityRow(place.id, place.name, 0, 0)


def rename_locality(session: Session, actor: Actor, name: str, new_name: str) -> LocalityRow:
    require_supervisor(actor, "rename localities")
    place = find_by_name(session, Locality, name, "locality")
    new = clean_name(new_name, "new_name")
    _ensure_unused(session, Locality, new, place.id, "new_name")
    return _change(session, actor, place, "localities", name=new)


def delete_locality(session: Session, actor: Actor, name: str) -> LocalityRow:
    """Take off a locality that no area sits in and no survey score is about."""
    require_supervisor(actor, "delete localities")
    place = find_by_name(session, Locality, name, "locality")
    row = locality_row(session, place)
    if row.areas or row.scores:
        raise EngageError(
            f"locality: {place.name} is used by {_uses(areas=row.areas, scores=row.scores)}; "
            "rename it, or move its areas first",
            field="locality",
        )
    record(session, actor, "delete", "localities", place.id, before=values_of(place))
    session.delete(place)
    session.flush()
    return row


def locality_row(session: Session, place: Locality) -> LocalityRow:
    areas = select(func.count()).select_from(Area).where(Area.locality_id == place.id)
    scores = select(func.count()).select_from(SurveyScore).where(SurveyScore.locality_id == place.id)
    return LocalityRow(place.id, place.name, session.scalar(areas) or 0, session.scalar(scores) or 0)


def list_localities(session: Session) -> list[LocalityRow]:
    areas = _counts(session, (Area.locality_id,))
    scores = _counts(session, (SurveyScore.locality_id,))
    rows = session.execute(select(Locality.id, Locality.name).order_by(func.lower(Locality.name)))
    return [LocalityRow(i, n, areas.get(i, 0), scores.get(i, 0)) for i, n in rows]


# --- vocabularies ---------------------------------------------------------------------------------


def rename_term(
    session: Session, actor: Actor, kind: str, name: str, new_name: str, short: str | None = None
) -> TermUse:
    """A vocabulary word reworded (what uses it shows the new words); `short` replaces its short form
    ("" takes it off, None keeps it)."""
    require_supervisor(actor, "rename vocabulary terms")
    term = find_term(session, check_kind(kind), name)
    model = model_of(kind)
    new = clean_name(new_name, kind, max_length=120)
    _ensure_unused(session, model, new, term.id, kind, model.kind == kind)
    changes: dict[str, Any] = {"name": new}
    if short is not None:
        changes["short"] = clean_name(short, "short", 16) if short.strip() else None
    _change(session, actor, term, model.__tablename__, **changes)
    return _term_use(session, term)


def edit_term(session: Session, actor: Actor, kind: str, name: str, changes: dict[str, str]) -> TermUse:
    """A form's changes at once: `name`, `short` ("" takes it off)."""
    _check_changes(changes, ("name", "short"))
    current = find_term(session, check_kind(kind), name).name
    return rename_term(session, actor, kind, name, changes.get("name", current), changes.get("short"))


def delete_term(session: Session, actor: Actor, kind: str, name: str) -> TermUse:
    """Take off a word nothing uses (one added by mistake); a word in use stays and can be renamed."""
    require_supervisor(actor, "delete vocabulary terms")
    term = find_term(session, check_kind(kind), name)
    found = _term_use(session, term)
    if found.uses:
        raise EngageError(
            f"{kind}: {term.name!r} is used by {found.uses} record(s) (entries, events or issues), so it "
            "stays; rename it if its words are wrong",
            field=kind,
        )
    record(session, actor, "delete", model_of(kind).__tablename__, term.id, before=values_of(term))
    session.delete(term)
    session.flush()
    return found


def term_uses(session: Session, kind: str, term_id: int) -> int:
    columns = _TERM_USERS[check_kind(kind)]
    return sum(
        session.scalar(select(func.count()).select_from(c.class_).where(c == term_id)) or 0 for c in columns
    )


def list_term_uses(session: Session, kind: str | None = None) -> list[TermUse]:
    """Every vocabulary word (of one kind, or all), with how many records use it."""
    rows: list[TermUse] = []
    for model in (Term, IssueTerm):
        query = select(model.id, model.kind, model.name, model.short, model.active)
        if kind:
            query = query.where(model.kind == check_kind(kind))
        for term_id, term_kind, term_name, short, active in session.execute(query):
            rows.append(TermUse(term_id, term_kind, term_name, short, 0, active))
    used = {k: _counts(session, columns) for k, columns in _TERM_USERS.items()}
    rows = [TermUse(t.id, t.kind, t.name, t.short, used[t.kind].get(t.id, 0), t.active) for t in rows]
    order = list(_TERM_USERS)
    return sorted(rows, key=lambda t: (order.index(t.kind), t.name.lower()))


_TERM_USERS: dict[str, tuple[Any, ...]] = {
    "audience": (Entry.audience_id, EventAudience.term_id),
    "activity": (Entry.activity_id, Event.type_id),
    "theme": (PactIssue.theme_id,),
    "referral": (PactIssue.referral_id,),
}
"""What records each vocabulary: the columns that hold a word's id."""


def _term_use(session: Session, term: Term | IssueTerm) -> TermUse:
    uses = term_uses(session, term.kind, term.id)
    return TermUse(term.id, term.kind, term.name, term.short, uses, term.active)


def set_term_active(session: Session, actor: Actor, kind: str, name: str, active: bool) -> TermUse:
    """Retire a vocabulary word no longer to be offered (the records that use it keep it and count),
    or restore it."""
    require_supervisor(actor, "retire or restore vocabulary words")
    term = find_term(session, kind, name)
    if term.active == active:
        raise EngageError(f"name: {term.kind} {term.name!r} is already {_state(active)}", field="name")
    table = "terms" if isinstance(term, Term) else "issue_terms"
    _change(session, actor, term, table, active=active)
    return _term_use(session, term)


# --- shared ---------------------------------------------------------------------------------------


def _check_changes(changes: dict[str, str], known: tuple[str, ...]) -> None:
    unknown = sorted(set(changes) - set(known))
    if unknown:
        raise EngageError(
            f"{unknown[0]}: cannot be changed here; change {', '.join(known)}", field=unknown[0]
        )
    if not changes:
        raise EngageError(f"{known[0]}: nothing to change", field=known[0])


def _ensure_unused(
    session: Session, model: type, name: str, own_id: int | None, field: str, *where: Any
) -> None:
    """Refuse a name another row already has (whatever its case); a row may change its own case."""
    named: Any = model
    query = select(named.name).where(named.name_key == name_key(name), *where)
    if own_id is not None:
        query = query.where(model.id != own_id)  # type: ignore[attr-defined]
    existing = session.scalar(query)
    if existing is not None:
        raise EngageError(f"{field}: {existing!r} already exists", field=field)


def _change(session: Session, actor: Actor, row: Any, table: str, **values: Any) -> Any:
    """Set `values` on `row`, record the change (before and after) and return the row as listed."""
    before = values_of(row)
    if all(getattr(row, key) == value for key, value in values.items()):
        raise EngageError(f"{_field_of(values)}: nothing to change", field=_field_of(values))
    for key, value in values.items():
        setattr(row, key, value)
    session.flush()
    record(session, actor, "update", table, row.id, before, values_of(row))
    if isinstance(row, Person):
        return person_row(session, row)
    if isinstance(row, Area):
        return area_row(session, row)
    if isinstance(row, Locality):
        return locality_row(session, row)
    return row


def _field_of(values: dict[str, Any]) -> str:
    key = next(iter(values))
    return {"name": "new_name", "area_id": "area", "locality_id": "locality"}.get(key, key)


def _counts(session: Session, columns: tuple[Any, ...]) -> dict[int, int]:
    """How many rows name each id, over several columns that hold one (each grouped in the database)."""
    totals: dict[int, int] = {}
    for column in columns:
        query = select(column, func.count()).where(column.is_not(None)).group_by(column)
        for key, count in session.execute(query):
            totals[key] = totals.get(key, 0) + count
    return totals


def _state(active: bool) -> str:
    return "active" if active else "retired"


def _uses(**counts: int) -> str:
    return " and ".join(f"{n} {what}" for what, n in counts.items() if n)
