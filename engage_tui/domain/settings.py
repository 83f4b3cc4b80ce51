"""Settings that take effect from a day: hours per PACT meeting, hourly rates by rank, thresholds.

A new pay rate is a new row from its first day, so last year's cost is still computed with last
year's rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.numbers import decimal
from engage_tui.domain.people import require_supervisor
from engage_tui.domain.tables import SettingUsed
from engage_tui.errors import EngageError, shown
from engage_tui.store.choices import RANKS
from engage_tui.store.models import Setting

# The 2018 report's figures: 1 h preparing + 1 h attending + 1 h follow-up; £31.84 an hour for a PCSO,
# £310,080 / 4,500 h ≈ £68.91 for a PC; meetings with fewer than five people were the review's concern.
DEFAULTS = {
    "pact.hours_per_meeting": "3",
    "rate.pcso": "31.84",
    "rate.pc": "68.906667",  # £310,080 / 4,500 h: the rate behind both of the report's PC figures
    "pact.attendance_threshold": "5",
}
EPOCH = date(1900, 1, 1)


@dataclass(frozen=True)
class SettingRow:
    key: str
    value: str
    effective_from: date | None  # None: the built-in default


LARGEST = Decimal(1_000_000)
"""Above any rate, hours or count a setting holds; a bound keeps `1e999999` from overflowing the sums."""


def positive_decimal(text: str, field: str) -> Decimal:
    """A rate, hours or count: more than 0 and at most LARGEST."""
    value = decimal(text, field, LARGEST)
    if not value:
        raise EngageError(
            f"{field}: {shown(text.strip())} must be more than 0 (and at most {LARGEST:,})", field=field
        )
    return value


RATE_KEYS = tuple(f"rate.{rank}" for rank in RANKS)
MAX_PEOPLE = 100_000
"""More than any meeting's attendance or threshold: a bound, so a typo is a refusal, not an overflow."""
WHOLE = ("pact.attendance_threshold",)
"""Settings that count people, so take a whole number."""
CEILINGS = {"pact.attendance_threshold": Decimal(MAX_PEOPLE), "pact.hours_per_meeting": Decimal(24)}
"""Where a setting's use has a narrower bound than any number's, it is refused when set, not when read."""


def check_key(key: str) -> str:
    """A key the reports read: a setting stored under another spelling would be silently ignored."""
    value = key.strip().lower()
    if value in DEFAULTS or value in RATE_KEYS:
        return value
    known = sorted({*DEFAULTS, *RATE_KEYS})
    raise EngageError(f"key: {shown(key)} is not a setting; known: {', '.join(known)}", field="key")


def check_value(key: str, text: str) -> str:
    """The value as stored (`5.0` as 5): a number more than 0, no more than the setting's use allows,
    and a whole one where it counts people."""
    value = positive_decimal(text, key)
    if key in WHOLE and value != value.to_integral_value():
        raise EngageError(f"{key}: {shown(text.strip())} is not a whole number", field=key)
    ceiling = CEILINGS.get(key)
    if ceiling is not None and value > ceiling:
        raise EngageError(f"{key}: {shown(text.strip())} is more than {ceiling:,}", field=key)
    return f"{value.normalize():f}"


def setting(session: Session, key: str, on: date) -> str | None:
    """The value in force on `on`: the latest row from then or before, else the built-in default."""
    row = setting_in_force(session, key, on)
    return row.value if row else None


def defaulted_setting(session: Session, key: str, on: date) -> SettingUsed:
    """A setting that always has a value (a built-in default), with the day it took effect."""
    return setting_in_force(session, key, on) or SettingUsed(key, DEFAULTS[key])


def setting_in_force(session: Session, key: str, on: date) -> SettingUsed | None:
    """The value in force on `on` and the day it took effect, as a report records what it used."""
    row = session.execute(
        select(Setting.value, Setting.effective_from)
        .where(Setting.key == key, Setting.effective_from <= on)
        .order_by(Setting.effective_from.desc())
        .limit(1)
    ).first()
    if row is not None:
        return SettingUsed(key, row.value, row.effective_from)
    return SettingUsed(key, DEFAULTS[key]) if key in DEFAULTS else None


def number_setting(session: Session, key: str, on: date, field: str) -> Decimal:
    """A setting that always has a value (a built-in default) as the number in force on `on`."""
    return positive_decimal(setting(session, key, on) or DEFAULTS[key], field)


def set_setting(session: Session, actor: Actor, key: str, value: str, effective_from: date) -> SettingRow:
    """Store a value from a day (replacing one already set from that day); returns it as stored."""
    require_supervisor(actor, "change settings")
    key = check_key(key)
    value = check_value(key, value)
    row = session.scalar(select(Setting).where(Setting.key == key, Setting.effective_from == effective_from))
    before = values_of(row) if row else None
    if row is None:
        row = Setting(key=key, value=value, effective_from=effective_from)
        session.add(row)
    row.value = value
    session.flush()
    record(session, actor, "update" if before else "create", "settings", row.id, before, values_of(row))
    return SettingRow(key, value, effective_from)


def list_settings(session: Session) -> list[SettingRow]:
    stored = [
        SettingRow(k, v, d)
        for k, v, d in session.execute(
            select(Setting.key, Setting.value, Setting.effective_from).order_by(
                Setting.key, Setting.effective_from
            )
        )
    ]
    return sorted(
        [SettingRow(k, v, None) for k, v in DEFAULTS.items()] + stored,
        key=lambda r: (r.key, r.effective_from or EPOCH),
    )
