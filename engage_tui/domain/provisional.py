"""What makes an hours report PROVISIONAL: officer-months it counts whose return is not yet approved.

Each report counts them in one SQL aggregation over the (officer, month) pairs of the entries it sums,
so the mark follows what was counted: an events report is provisional for the hours at its events, not
for every hour logged in those months.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, Subquery, func, select
from sqlalchemy.orm import Session

from engage_tui.domain.jobs import officer_months_on_the_job
from engage_tui.domain.periods import FY_START_MONTH
from engage_tui.store.models import Entry, MonthReturn

APPROVED = "approved"


def _pending(logged: Select) -> tuple[Subquery, ColumnElement[bool]]:
    """The distinct officer-months `logged` selects (officer_id, month_key), and the condition that
    one is not approved (looked up by the returns' key, as `returns.unapproved_query` does)."""
    pairs = logged.distinct().subquery()
    officer_id, month_key = pairs.c[0], pairs.c[1]
    approved = select(MonthReturn.id).where(
        MonthReturn.officer_id == officer_id,
        MonthReturn.month_key == month_key,
        MonthReturn.state == APPROVED,
    )
    return pairs, ~approved.exists()


def unapproved_among(session: Session, logged: Select) -> int:
    """How many of the officer-months `logged` selects (officer id, month key) are not yet approved."""
    pairs, pending = _pending(logged)
    return session.scalar(select(func.count()).select_from(pairs).where(pending)) or 0


def unapproved_by_year(session: Session, fy: bool = False, job: str | None = None) -> dict[int, int]:
    """Officer-months with entries (of the people doing `job` on the day, where given) that are not
    yet approved, by calendar year (or financial year, keyed by its first calendar year), in one
    aggregation; years with none are left out."""
    logged = officer_months_on_the_job().params(job=job) if job else select(Entry.officer_id, Entry.month_key)
    pairs, pending = _pending(logged)
    year = (pairs.c[1] - (FY_START_MONTH if fy else 1)) // 100
    query = select(year, func.count()).select_from(pairs).where(pending).group_by(year)
    return {int(y): int(count) for y, count in session.execute(query)}
