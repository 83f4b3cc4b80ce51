"""Who is acting, as every rule and the audit trail see them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


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
