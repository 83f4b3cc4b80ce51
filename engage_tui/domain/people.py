"""People (officers and supervisors), areas and localities, and who is acting."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, String, bindparam, func, or_, select
from sqlalchemy.orm import Session, aliased

from engage_tui.domain.actor import Actor
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.names import clean_name, ensure_new, find_by_name
from engage_tui.errors import EngageError, shown, unknown_user
from engage_tui.store.models import ROLES, Area, Locality, Person


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    login: str | None
    role: str
    area: str | None
    active: bool


@dataclass(frozen=True)
class AreaRow:
    id: int
    name: str
    locality: str | None


def check_role(role: str) -> str:
    value = role.strip().lower()
    if value not in ROLES:
        raise EngageError(f"role: {shown(role)} is not a role; give officer or supervisor", field="role")
    return value


def find_person(session: Session, name: str, field: str = "officer") -> Person:
    return find_by_name(session, Person, name, field)


def find_area(session: Session, name: str, field: str = "area") -> Area:
    return find_by_name(session, Area, name, field)


def acting_query() -> Select:
    """The id and active flag of the person whose login is `user`, else whose name is (logins win);
    `user` is given trimmed and in lower case."""
    wanted = bindparam("user", type_=String)
    return (
        select(Person.id, Person.active)
        .where(or_(func.lower(Person.login) == wanted, func.lower(Person.name) == wanted))
        .order_by((func.lower(Person.login) == wanted).desc(), Person.id)
        .limit(1)
    )


def acting_person(session: Session, user: str) -> Person | None:
    """The person whose login is `user`, else whose name is (logins win), matched ignoring case."""
    row = session.execute(acting_query(), {"user": user.strip().lower()}).first()
    return None if row is None else session.get(Person, row.id)


def require_actor(session: Session, user: str) -> Actor:
    """The acting person, or a refusal that says how to be added."""
    person = acting_person(session, user)
    if person is None or not person.active:
        raise unknown_user(user)
    return Actor.of(person)


def require_supervisor(actor: Actor, doing: str) -> None:
    if actor.role != "supervisor":
        raise EngageError(f"user: {actor.name} is an officer; only a supervisor may {doing}", field="user")


def count_people(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Person)) or 0


def add_person(
    session: Session,
    actor: Actor | None,
    name: str,
    role: str = "officer",
    area: str | None = None,
    login: str | None = None,
) -> PersonRow:
    """A new person; the name (and login) must be new, ignoring case."""
    name = clean_name(name, "name")
    ensure_new(session, Person, name, "name")
    login_value = clean_name(login, "login") if login else None
    if login_value and session.scalar(
        select(Person.name).where(func.lower(Person.login) == login_value.lower())
    ):
        raise EngageError(f"login: {shown(login_value)} already belongs to someone", field="login")
    home = find_area(session, area) if area else None
    person = Person(name=name, role=check_role(role), login=login_value, area_id=home.id if home else None)
    session.add(person)
    session.flush()
    record(session, actor or Actor.of(person), "create", "people", person.id, after=values_of(person))
    return PersonRow(person.id, name, login_value, person.role, home.name if home else None, True)


def list_people(session: Session) -> list[PersonRow]:
    home = aliased(Area)
    rows = session.execute(
        select(Person.id, Person.name, Person.login, Person.role, home.name, Person.active)
        .outerjoin(home, Person.area_id == home.id)
        .order_by(func.lower(Person.name))
    )
    return [PersonRow(*row) for row in rows]


def add_area(session: Session, actor: Actor, name: str, locality: str | None = None) -> AreaRow:
    """A new area, creating its locality on first mention."""
    name = clean_name(name, "area")
    ensure_new(session, Area, name, "area")
    place = ensure_locality(session, locality) if locality else None
    area = Area(name=name, locality_id=place.id if place else None)
    session.add(area)
    session.flush()
    record(session, actor, "create", "areas", area.id, after=values_of(area))
    return AreaRow(area.id, name, place.name if place else None)


def ensure_locality(session: Session, name: str) -> Locality:
    """The locality of that name (ignoring case), created if new."""
    name = clean_name(name, "locality")
    found = session.scalar(select(Locality).where(func.lower(Locality.name) == name.lower()))
    if found is None:
        found = Locality(name=name)
        session.add(found)
        session.flush()
    return found


def list_areas(session: Session) -> list[AreaRow]:
    rows = session.execute(
        select(Area.id, Area.name, Locality.name)
        .outerjoin(Locality, Area.locality_id == Locality.id)
        .order_by(func.lower(Area.name))
    )
    return [AreaRow(*row) for row in rows]
