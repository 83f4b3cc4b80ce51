"""Numbers people type: counts, ids, hours, scores, rates and settings, read one way everywhere.

A number is ASCII digits with at most one point: Python's `int()` and `Decimal()` also take `٣`, `𝟑`
and `１.5`, which no spreadsheet writes and no reader of a report would see as typed; `²` passes
`isdigit()` yet `int()` refuses it. Its size is judged from the count of its digits before any
conversion, since `int()` refuses more than 4,300 digits (a ValueError, not a refusal) and a huge
`Decimal` slows every sum it joins. Each refusal states the range, and quotes the value cut short,
so 5,000 digits pasted by mistake make one readable line.
"""

from __future__ import annotations

import re
from decimal import Decimal

from engage_tui.errors import EngageError, shown

MAX_PLACES = 17
"""More decimal places than any hours, rate or score needs, and as many as a spreadsheet's number
holds (a workbook's 2.6166666666666667 hours is 157 minutes)."""
_DECIMAL = re.compile(r"([0-9]*)(?:\.([0-9]*))?")


def digits_hint(text: str) -> str:
    """Why a number that looks right is refused: digits other than 0-9 (`٣`, `𝟑`, `１`, `²`)."""
    if any(c.isdigit() and not c.isascii() for c in text):
        return " (type the digits 0-9)"
    return ""


def _too_large(digits: str, high: int) -> bool:
    """Whether a run of ASCII digits (no leading zeros) is above `high`, converting only what fits."""
    return len(digits) > len(str(high)) or int(digits or "0") > high


def whole_problem(text: str, low: int, high: int, what: str = "a whole number") -> str | None:
    """Why `text` is not a whole number from `low` to `high` (the words after the field's name), or
    None when it is one. Shared by `whole` and the command line's ids."""
    raw = text.strip()
    digits = raw.lstrip("0")
    if raw and raw.isascii() and raw.isdigit() and not _too_large(digits, high) and int(digits or "0") >= low:
        return None
    return f"{shown(raw)} is not {what} ({low:,} to {high:,}){digits_hint(raw)}"


def whole(text: str, field: str, high: int, low: int = 0, what: str = "a whole number") -> int:
    """A whole number from `low` to `high`, typed as ASCII digits."""
    problem = whole_problem(text, low, high, what)
    if problem is not None:
        raise EngageError(f"{field}: {problem}", field=field)
    return int(text.strip().lstrip("0") or "0")


def decimal(
    text: str,
    field: str,
    high: int | Decimal,
    places: int = MAX_PLACES,
    what: str = "a number",
    unit: str = "",
) -> Decimal:
    """A number from 0 to `high` with at most `places` decimals (`2`, `2.5`, `.5`, `2.`), typed
    as ASCII digits and one point; `unit` names what it counts in a refusal (`more than 24 hours`)."""
    raw = text.strip()
    match = _DECIMAL.fullmatch(raw) if raw.isascii() else None
    if match is None or not (match[1] or match[2]):
        raise EngageError(
            f"{field}: {shown(raw)} is not {what} from 0 to {high:,}; write digits and a "
            f"point, e.g. 2.5{digits_hint(raw)}",
            field=field,
        )
    whole_part, fraction = match[1].lstrip("0") or "0", (match[2] or "").rstrip("0")
    exact = whole_part + (f".{fraction}" if fraction else "")  # `2.50` is 2.5, `125.` is 125
    value = None if _too_large(whole_part, int(high)) else Decimal(exact)
    if value is None or value > high:
        raise EngageError(
            f"{field}: {shown(raw)} is more than {high:,}{f' {unit}' if unit else ''}", field=field
        )
    if len(fraction) > places:
        raise EngageError(
            f"{field}: {shown(raw)} has more than {places} decimal place{'s' if places != 1 else ''}",
            field=field,
        )
    return value
