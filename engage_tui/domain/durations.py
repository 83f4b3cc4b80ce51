"""Time as integer minutes: parsing what people type, and rounding only for display.

Totals are always summed from exact minutes; a figure is rounded once, half up (as a spreadsheet does),
when it is shown. That is why T3's printed TOTAL (2350) is not the sum of its printed months (2349).
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from engage_tui.domain.numbers import decimal, digits_hint
from engage_tui.errors import EngageError, shown

MAX_MINUTES = 24 * 60
_TOLERANCE = Fraction(1, 20)  # of a minute: 0.3333 h is 20 minutes, 0.33 h (19.8) is refused
_HMM = re.compile(r"([0-9]{1,2}):([0-9]{1,2})")
_MINUTES = re.compile(r"([0-9]{1,4}) *m(?:in(?:ute)?s?)?", re.IGNORECASE)
_DECIMAL_CHARS = re.compile(r"[0-9.]+")


def parse_hours(text: str, field: str = "hours") -> int:
    """Minutes from `2.5`, `2:30` or `150m`; refuses anything that is not a sane, whole-minute time."""
    raw = text.strip()
    if not raw:
        raise EngageError(f"{field}: a time is needed, e.g. 2.5, 2:30 or 150m", field=field)
    if raw.startswith("-"):
        raise EngageError(f"{field}: {shown(raw)} is negative; time must be more than 0", field=field)
    minutes = _minutes_from(raw, field)
    if minutes <= 0:
        raise EngageError(f"{field}: {shown(raw)} is no time at all; it must be more than 0", field=field)
    if minutes > MAX_MINUTES:
        raise EngageError(f"{field}: {shown(raw)} is more than 24 hours in one entry", field=field)
    return minutes


def _minutes_from(raw: str, field: str) -> int:
    if match := _HMM.fullmatch(raw):
        hours, minutes = int(match[1]), int(match[2])
        if minutes > 59:
            raise EngageError(
                f"{field}: {shown(raw)} has {minutes} minutes; past 59 is not a time", field=field
            )
        return hours * 60 + minutes
    if match := _MINUTES.fullmatch(raw):
        return int(match[1])
    if _DECIMAL_CHARS.fullmatch(raw):
        exact = decimal(raw, field, MAX_MINUTES // 60, what="a time", unit="hours in one entry")
        return _whole_minutes(Fraction(exact) * 60, raw, field)
    hint = " (use a point for decimals: 1.5)" if re.fullmatch(r"[0-9]+,[0-9]+", raw) else digits_hint(raw)
    raise EngageError(f"{field}: {shown(raw)} is not a time; write 2.5, 2:30 or 150m{hint}", field=field)


def _whole_minutes(exact: Fraction, raw: str, field: str) -> int:
    nearest = round(exact)
    if abs(exact - nearest) > _TOLERANCE:
        raise EngageError(
            f"{field}: {shown(raw)} hours is {float(exact):g} minutes, not a whole number; "
            f"write it as H:MM, e.g. {int(exact) // 60}:{int(exact) % 60:02d}",
            field=field,
        )
    return nearest


def hours_decimal(minutes: int, precision: int = 0) -> Decimal:
    """Minutes as decimal hours, rounded half up to `precision` places, computed exactly."""
    scale = 10**precision
    scaled = Fraction(minutes, 60) * scale
    rounded = int(scaled + Fraction(1, 2)) if scaled >= 0 else -int(-scaled + Fraction(1, 2))
    return Decimal(rounded).scaleb(-precision)


def format_hours(minutes: int | None, precision: int = 0) -> str:
    """Hours for display; blank for None (nothing logged), never `h:mm`."""
    if minutes is None:
        return ""
    return f"{hours_decimal(minutes, precision):.{precision}f}"


def check_precision(precision: int) -> int:
    """Decimal places for hours: 0 (whole hours, as the reports print) to 4."""
    if not 0 <= precision <= 4:
        raise EngageError(
            f"precision: {precision} is out of range; give 0 to 4 decimal places", field="precision"
        )
    return precision
