"""An entry as typed and as listed, and a month as My month shows it: plain values with no database
behind them, so that the first screen can be drawn before SQLAlchemy has loaded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from engage_tui.domain.return_moves import shown_state
from engage_tui.errors import EngageError, shown
from engage_tui.store.choices import CATEGORIES

CATEGORY_WORDS = {
    "community": "community",
    "cyp": "cyp",
    "c&yp": "cyp",
    "children and young people": "cyp",
    "": "community",
}
CATEGORY_LABELS = {"community": "Community", "cyp": "C&YP"}


@dataclass(frozen=True)
class EntryDraft:
    """An entry as typed: every field a string, exactly what the form or the file held."""

    officer: str
    date: str
    hours: str
    category: str = "community"
    area: str = ""
    audience: str = ""
    activity: str = ""
    notes: str = ""


@dataclass(frozen=True)
class EntryRow:
    """An entry as lists show it (names, not ids)."""

    id: int
    officer: str
    date: date
    minutes: int
    category: str
    area: str | None
    audience: str | None
    activity: str | None
    notes: str


@dataclass(frozen=True)
class MonthView:
    """One officer's month: the entries, minutes by category, and the return's state."""

    entries: list[EntryRow]
    totals: dict[str, int]
    state: str
    reason: str


def month_view(
    entries: Iterable[EntryRow], totals: Iterable[tuple[str, int]], returned: tuple[str, str] | None
) -> MonthView:
    """The month from its entries, its minutes by category and its return's (state, reason) if it has
    one (else its state as `shown_state` words it)."""
    by_category = {category: 0 for category in CATEGORIES} | {c: int(m) for c, m in totals}
    state, reason = returned or (shown_state(None, sum(by_category.values())), "")
    return MonthView(list(entries), by_category, state, reason)


def check_category(text: str) -> str:
    value = CATEGORY_WORDS.get(text.strip().lower())
    if value is None:
        raise EngageError(
            f"category: {shown(text)} is not a category; give community or cyp (C&YP)", field="category"
        )
    return value
