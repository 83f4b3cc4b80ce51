"""Settings that take effect from a day: hours per PACT meeting, hourly rates by rank, thresholds.

A new pay rate is a new row from its first day, so last year's cost is still computed with last
year's rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from engage_tui.domain.audit import record, values_of
from engage_tui.domain.people import require_supervisor
from engage_tui.errors import EngageError
from engage_tui.store.models import Person, Setting

# The 2018 report's figures: 1 h preparing + 1 h attending + 1 h follow-up; £31.84 an hour for a PCSO,
# £310,080 / 4,500 h ≈ £68.91 for a PC; meetings with fewer than five people were the review's concern.
DEFAULTS = {"pact.hours_per_meeting": "3", "rate.pcso": "31.84", "rate.pc": "68.91",
            "pact.attendance_threshold": "5"}
EPOCH = date(1900, 1, 1)


@dataclass(frozen=True)
class SettingRow:
    key: str
    value: str
    effective_from: date | None  # None: the built-in default


def positive_decimal(text: str, field: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise EngageError(f"{field}: {text!r} is not a number", field=field) from None
    if not value.is_finite() or value <= 0:
        raise EngageError(f"{field}: {text!r} must be more than 0", field=field)
    return value


def check_key(key: str) -> str:
    if key in DEFAULTS or key.startswith("rate."):
        return key
    raise EngageError(f"key: {key!r} is not a setting; known: {', '.join(sorted(DEFAULTS))}, or "
                      "rate.RANK", field="key")


def setting(session: Session, key: str, on: date) -> str | None:
    """The value in force on `on`: the latest row from then or before, else the built-in default."""
    value = session.scalar(select(Setting.value).where(Setting.key == key, Setting.effective_from <= on)
                           .order_by(Setting.effective_from.desc()).limit(1))
    return value if value is not None else DEFAULTS.get(key)


def set_setting(session: Session, actor: Person, key: str, value: str, effective_from: date) -> None:
    require_supervisor(actor, "change settings")
    key = check_key(key)
    positive_decimal(value, key)
    row = session.scalar(select(Setting).where(Setting.key == key,
                                               Setting.effective_from == effective_from))
    before = values_of(row) if row else None
    if row is None:
        row = Setting(key=key, value=value.strip(), effective_from=effective_from)
        session.add(row)
    row.value = value.strip()
    session.flush()
    record(session, actor, "update" if before else "create", "settings", row.id, before, values_of(row))


def list_settings(session: Session) -> list[SettingRow]:
    stored = [SettingRow(k, v, d) for k, v, d in session.execute(
        select(Setting.key, Setting.value, Setting.effective_from).order_by(Setting.key,
                                                                            Setting.effective_from))]
    return sorted([SettingRow(k, v, None) for k, v in DEFAULTS.items()] + stored,
                  key=lambda r: (r.key, r.effective_from or EPOCH))
