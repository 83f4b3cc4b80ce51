"""What a return's state allows, said before anyone is asked to confirm: a key that cannot act on the
month under the cursor says why at once ("October 2017 of Amira Khan is draft: only a submitted month
can be approved") instead of asking "Approve?" and then refusing.

`MOVES` is the state machine the domain's transitions (domain/returns.py) enforce, written once more as
data for the front ends; a test runs every move from every state through the domain and holds the two
to the same answers. The domain stays the authority: what it refuses in the transaction is refused.
"""

from __future__ import annotations

from datetime import date

from engage_tui.domain.periods import Month
from engage_tui.store.choices import LOCKED_STATES

NOT_STARTED, DRAFT = "not started", "draft"
OPEN_TO_SUBMIT = (None, DRAFT, "sent back", "reopened")
"""The states a return may be submitted from (None: no return yet)."""


def shown_state(stored: str | None, minutes: int) -> str:
    """A return's state as shown: the one stored, else — with no return yet — a draft once the month
    holds any time, and not started before."""
    return stored or (DRAFT if minutes else NOT_STARTED)


MOVES: dict[str, tuple[str | None, ...]] = {
    "submit": OPEN_TO_SUBMIT,
    "withdraw": ("submitted",),
    "approve": ("submitted",),
    "send back": ("submitted",),
    "reopen": ("approved",),
}
"""Each move and the stored states it starts from (None: no return yet)."""

_ONLY = {
    "withdraw": "only a submitted month can be withdrawn",
    "approve": "only a submitted month can be approved",
    "send back": "only a submitted month can be sent back",
    "reopen": "only an approved month can be reopened",
}


AHEAD = ("submit", "approve")
"""The moves that say a month's time is all in, which a month not yet begun cannot say."""


def not_begun(month: Month, today: date) -> str | None:
    """Why a month after this one has no return to submit or approve yet (None: it has begun)."""
    if month <= Month.of(today):
        return None
    return f"{month.label} has not begun (today is {today:%-d %B %Y}): its return comes once its time is in"


def own_approval(officer: str) -> str:
    """Why a supervisor cannot approve a return of theirs, under whichever name they act."""
    return f"nobody approves their own return ({officer}); ask another supervisor"


def move_refused(move: str, state: str, month: Month, officer: str, today: date) -> str | None:
    """Why `move` cannot be made on a return shown as `state` (None: it can)."""
    if move in AHEAD and (early := not_begun(month, today)) is not None:
        return early
    allowed = MOVES[move]
    if state in allowed or (state in (NOT_STARTED, DRAFT) and None in allowed):
        return None
    if move == "submit":
        why = "withdraw it first to change it" if state == "submitted" else "a supervisor must reopen it"
    else:
        why = _ONLY[move]
    return f"{month.label} of {officer} is {state}: {why}"


def change_refused(state: str, month: Month, officer: str) -> str | None:
    """Why entries of a month shown as `state` cannot be added, edited or deleted (None: they can)."""
    if state not in LOCKED_STATES:
        return None
    fix = "withdraw it first" if state == "submitted" else "a supervisor must reopen it first"
    return f"{month.label} of {officer} is {state}: {fix}"
