"""Names people type (officers, areas, terms): cleaning them, and finding a row by one.

Matching ignores case and accents as a person reads them, in any alphabet (each row's `name_key`); a
miss names the nearest known names, so a typo is one glance from its fix.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from engage_tui.errors import EngageError, NotFound
from engage_tui.store.keys import name_key

MAX_NAME = 80
T = TypeVar("T")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Cc less tab, LF, CR


def clean_name(text: str, field: str, max_length: int = MAX_NAME, needed: str = "a name") -> str:
    """A name (or one line of text: `needed` says what) with spaces tidied; refuses empty, over-long,
    or control characters."""
    name = " ".join(text.split())
    if not name:
        raise EngageError(f"{field}: {needed} is needed", field=field)
    if len(name) > max_length:
        raise EngageError(f"{field}: {name[:20]!r}… is longer than {max_length} characters", field=field)
    if _CONTROL.search(name):
        raise EngageError(f"{field}: {name!r} contains control characters", field=field)
    return name


def clean_text(text: str, field: str, max_length: int = 2000) -> str:
    """Free text (notes): tabs and newlines allowed, other control characters refused."""
    value = text.strip()
    if len(value) > max_length:
        raise EngageError(f"{field}: longer than {max_length} characters", field=field)
    if _CONTROL_IN_TEXT.search(value):
        raise EngageError(f"{field}: contains control characters", field=field)
    return value


def suggestion(name: str, known: list[str]) -> str:
    """` (did you mean 'X'?)`, or a short list of what is known, or nothing."""
    close = difflib.get_close_matches(name.lower(), [k.lower() for k in known], n=3, cutoff=0.6)
    by_lower = {k.lower(): k for k in known}
    if close:
        return " (did you mean " + " or ".join(repr(by_lower[c]) for c in close) + "?)"
    if known and len(known) <= 8:
        return " (known: " + ", ".join(sorted(known)) + ")"
    return ""


def find_by_name(session: Session, model: type[T], name: str, field: str, *where: Any) -> T:
    """The row whose name matches `name` ignoring case, or a NotFound that suggests the nearest."""
    wanted = clean_name(name, field)
    column = model.name  # type: ignore[attr-defined]
    key_column = model.name_key  # type: ignore[attr-defined]
    row = session.scalars(select(model).where(key_column == name_key(wanted), *where)).first()
    if row is not None:
        return row
    known = list(session.scalars(select(column).where(*where)))
    raise unknown(field, wanted, suggestion(wanted, known))


def unknown(field: str, wanted: str, hint: str = "") -> NotFound:
    """The refusal of a name that matches nothing: `officer: unknown officer 'X' (did you mean …?)`."""
    return NotFound(f"{field}: unknown {field} {wanted!r}{hint}", field=field)


class NameIndex:
    """Every name of one table read at once, for checking a file of names: `find` matches a name as
    `find_by_name` does (by its key: case and form set aside in every alphabet) but without a query,
    and returns the row's `columns`.

    A miss suggests the nearest known names for the first `SUGGESTED` distinct misses only: difflib
    against a force's 1,200 names costs tens of milliseconds a name, a refusal shows its first 20
    problems, and a file with 100,000 different unknown names is the wrong file (or the wrong
    column), which those already show."""

    SUGGESTED = 20

    def __init__(self, session: Session, model: type, field: str, *columns: Any) -> None:
        named: Any = model
        rows = session.execute(select(named.name_key, named.name, *columns).order_by(named.id))
        self.field = field
        self.rows: dict[str, tuple[Any, ...]] = {}
        self.known: list[str] = []
        for key, known, *values in rows:
            self.rows.setdefault(key, tuple(values))
            self.known.append(known)
        self.misses = 0

    def find(self, name: str) -> tuple[Any, ...]:
        wanted = clean_name(name, self.field)
        found = self.rows.get(name_key(wanted))
        if found is None:
            self.misses += 1
            raise unknown(
                self.field, wanted, suggestion(wanted, self.known) if self.misses <= self.SUGGESTED else ""
            )
        return found


def ensure_new(session: Session, model: type, name: str, field: str, *where: Any) -> None:
    """Refuse a name that already exists (whatever its case)."""
    column = model.name  # type: ignore[attr-defined]
    key_column = model.name_key  # type: ignore[attr-defined]
    existing = session.scalar(select(column).where(key_column == name_key(name), *where))
    if existing is not None:
        raise EngageError(f"{field}: {existing!r} already exists", field=field)
