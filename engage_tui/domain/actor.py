"""Who is acting, as every rule and the audit trail see them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from engage_tui.errors import EngageError, shown, unknown_user


class PersonLike(Protocol):
    """A person as the rules read one: a stored person or who is acting."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...


@dataclass(frozen=True)
class Actor:
    """Who is acting. `id`, `name` and `role` are the person whose rules apply; when a supervisor acts
    as someone else, `real_id` and `real_name` are the supervisor, whose own rules apply too (nobody
    approves their own return under any name) and whom the audit trail names beside them."""

    id: int
    name: str
    role: str
    real_id: int
    real_name: str

    @classmethod
    def of(cls, person: PersonLike) -> Actor:
        return cls(person.id, person.name, person.role, person.id, person.name)

    @property
    def on_behalf(self) -> bool:
        """True when a supervisor is acting as someone else."""
        return self.real_id != self.id

    @property
    def label(self) -> str:
        """As the audit trail names them: `Sue Grant as Amira Khan`, or just `Amira Khan`."""
        return f"{self.real_name} as {self.name}" if self.on_behalf else self.name

    def is_either(self, person_id: int) -> bool:
        """True when `person_id` is the person acted as or the real one."""
        return person_id in (self.id, self.real_id)


class Someone(NamedTuple):
    """A person as identity reads one: by login (the account) or by name (whom to act as)."""

    id: int
    name: str
    role: str
    active: bool
    login: str | None


def decide_actor(account: str, real: Someone | None, act_as: str | None, acted: Someone | None) -> Actor:
    """Who acts: the person whose login is the account; with `act_as` (--user, ENGAGE_USER) naming
    someone else, that person — allowed only to a supervisor, whose own rules still apply."""
    if real is None or not real.active:
        raise unknown_user(account)
    if not act_as or _names(real, act_as):
        return Actor(real.id, real.name, real.role, real.id, real.name)
    if real.role != "supervisor":
        raise EngageError(
            f"user: {real.name} is an officer; only a supervisor may act as someone else "
            f"(--user or ENGAGE_USER {shown(act_as)}); leave it out to act as yourself",
            field="user",
        )
    if acted is None or not acted.active:
        raise EngageError(
            f"user: {shown(act_as)} is not a person in this database (or has left); give the name or login "
            "of someone to act as",
            field="user",
        )
    return Actor(acted.id, acted.name, acted.role, real.id, real.name)


def _names(person: Someone, text: str) -> bool:
    wanted = text.strip().lower()
    return wanted in (person.name.lower(), (person.login or "").lower())


def check_may_change(actor: Actor, what: str, recorded_by: int, attended: Collection[int] = ()) -> None:
    """Events, meetings and issues follow the entries' rule: an officer changes or deletes only what
    they recorded (or, for an event or a meeting, attended); a supervisor anything, audited."""
    if actor.role == "supervisor" or actor.id == recorded_by or actor.id in attended:
        return
    also = ", an officer who attended it" if attended else ""
    raise EngageError(
        f"id: {what} was recorded by someone else; only they{also} or a supervisor may change it",
        field="id",
    )
