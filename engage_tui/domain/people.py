"""People (officers and supervisors), areas and localities, and who is acting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, String, bindparam, func, literal, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from engage_tui.domain.actor import Actor, Someone, decide_actor
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.jobs import default_job, jobs_on, start_job
from engage_tui.domain.names import clean_name, ensure_new, find_by_name
from engage_tui.errors import EngageError, shown, unknown_user
from engage_tui.store.choices import ROLES
from engage_tui.store.keys import name_key
from engage_tui.store.models import Area, Locality, Person


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    login: str | None
    role: str
    area: str | None
    active: bool
    database_role: bool | None = None  # PostgreSQL: their login has a role in engage's groups
    job: str | None = None  # what they do today


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


def login_query() -> Select:
    """The person whose login is the account `login` (given trimmed and in lower case)."""
    return select(Person.id, Person.name, Person.role, Person.active, Person.login).where(
        func.lower(Person.login) == bindparam("login", type_=String)
    )


def named_query() -> Select:
    """The person whose login, else whose name, is `person` (given as its `name_key`)."""
    wanted = bindparam("person", type_=String)
    return (
        select(Person.id, Person.name, Person.role, Person.active, Person.login)
        .where(or_(func.lower(Person.login) == wanted, Person.name_key == wanted))
        .order_by((func.lower(Person.login) == wanted).desc(), Person.id)
        .limit(1)
    )


def resolve_actor(session: Session, account: str, act_as: str | None) -> Actor:
    """`decide_actor` with the two people read in this transaction."""
    real = session.execute(login_query(), {"login": account.strip().lower()}).first()
    acted = session.execute(named_query(), {"person": name_key(act_as)}).first() if act_as else None
    return decide_actor(account, Someone(*real) if real else None, act_as, Someone(*acted) if acted else None)


def tell_server(session: Session, actor: Actor) -> None:
    """On PostgreSQL, say whom the app acts as for this transaction: the server checks it against
    `session_user` (only a supervisor acts as someone else) and its audit triggers record it."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.set_config("engage.act_as", str(actor.id), True)))


def require_actor(session: Session, name: str) -> Actor:
    """The active person whose login, else whose name, is `name`, acting as themself (for the demo
    loader and tests, which act as a named person)."""
    found = session.execute(named_query(), {"person": name_key(name)}).first()
    if found is None or not found.active:
        raise unknown_user(name)
    return Actor(found.id, found.name, found.role, found.id, found.name)


def require_supervisor(actor: Actor, doing: str) -> None:
    if actor.role != "supervisor":
        raise EngageError(f"user: {actor.name} is an officer; only a supervisor may {doing}", field="user")


def count_people(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Person)) or 0


LOGIN = re.compile(r"[^\s\x00-\x1f\x7f]{1,63}")
"""An account as systems write one (`amira`, `s.o'neill`, `jürgen`, `akhan@force.example`,
`FORCE\\akhan`): no spaces, no control characters, and no longer than a PostgreSQL role's name (a role
of the same name is granted there, quoted as an identifier)."""


def check_login(text: str) -> str:
    """A login as given, trimmed; one that no computer account or database role could be is refused
    (a space, a control character), since nobody could ever sign in with it."""
    login = text.strip()
    if not LOGIN.fullmatch(login):
        raise EngageError(
            f"login: {shown(login)} is not an account name: up to 63 characters, without spaces",
            field="login",
        )
    return login


def add_person(
    session: Session,
    actor: Actor | None,
    name: str,
    role: str = "officer",
    area: str | None = None,
    login: str | None = None,
    job: str | None = None,
) -> PersonRow:
    """A new person, doing `job` (default: a cohesion officer, or a sergeant for a supervisor) from the
    beginning of their history; the name (and login) must be new, whatever its case and accents."""
    name = clean_name(name, "name")
    ensure_new(session, Person, name, "name")
    login_value = check_login(login) if login else None
    if login_value and session.scalar(
        select(Person.name).where(func.lower(Person.login) == login_value.lower())
    ):
        raise EngageError(f"login: {shown(login_value)} already belongs to someone", field="login")
    home = find_area(session, area) if area else None
    person = Person(name=name, role=check_role(role), login=login_value, area_id=home.id if home else None)
    session.add(person)
    session.flush()
    acting = actor or Actor.of(person)
    record(session, acting, "create", "people", person.id, after=values_of(person))
    first_job = start_job(session, acting, person, job or default_job(person.role))
    granted = grant_group(session, login_value, person.role)
    return PersonRow(
        person.id, name, login_value, person.role, home.name if home else None, True, granted, first_job
    )


def grant_group(session: Session, login: str | None, role: str) -> bool | None:
    """On PostgreSQL, give the person's database role (named as their login) the group of their role;
    False when no such database role exists yet (`officer list` shows it), None on SQLite."""
    if session.get_bind().dialect.name != "postgresql" or not login:
        return None
    return bool(session.scalar(select(func.engage_grant(login, role))))


def list_people(session: Session, today: date | None = None) -> list[PersonRow]:
    """Everyone, with their job `today` (default: the real today)."""
    home = aliased(Area)
    on_server = session.get_bind().dialect.name == "postgresql"
    has_role: Any = (  # who can connect as themself yet
        literal_column(
            "EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = people.login "
            "AND pg_has_role(r.oid, 'engage_officer', 'MEMBER'))"
        )
        if on_server
        else literal(None)
    )
    rows = session.execute(
        select(Person.id, Person.name, Person.login, Person.role, home.name, Person.active, has_role)
        .outerjoin(home, Person.area_id == home.id)
        .order_by(func.lower(Person.name))
    )
    jobs = jobs_on(session, today or date.today())
    return [
        PersonRow(id_, name, login, role, area, active, database_role, jobs.get(id_))
        for id_, name, login, role, area, active, database_role in rows
    ]


def add_area(session: Session, actor: Actor, name: str, locality: str | None = None) -> AreaRow:
    """A new area, creating its locality on first mention."""
    name = clean_name(name, "area")
    ensure_new(session, Area, name, "area")
    place = ensure_locality(session, actor, locality) if locality else None
    area = Area(name=name, locality_id=place.id if place else None)
    session.add(area)
    session.flush()
    record(session, actor, "create", "areas", area.id, after=values_of(area))
    return AreaRow(area.id, name, place.name if place else None)


def ensure_locality(session: Session, actor: Actor, name: str) -> Locality:
    """The locality of that name (matched by its key), created if new — on the trail as any other
    creation, as PostgreSQL's triggers record it."""
    name = clean_name(name, "locality")
    found = session.scalar(select(Locality).where(Locality.name_key == name_key(name)))
    if found is None:
        found = Locality(name=name)
        session.add(found)
        session.flush()
        record(session, actor, "create", "localities", found.id, after=values_of(found))
    return found


def list_areas(session: Session) -> list[AreaRow]:
    rows = session.execute(
        select(Area.id, Area.name, Locality.name)
        .outerjoin(Locality, Area.locality_id == Locality.id)
        .order_by(func.lower(Area.name))
    )
    return [AreaRow(*row) for row in rows]
