"""Reports as plain rows: each is one SQL aggregation over exact minutes, rounded only when shown.

A `Report` holds raw values (minutes as int, None where nothing was logged); `render` turns it into
strings or bare numbers for a table, a CSV return or a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engage_tui.domain.durations import format_hours, hours_decimal
from engage_tui.domain.periods import Month, year_label, year_months
from engage_tui.domain.returns import unapproved_months
from engage_tui.domain.survey import compare, tenths_decimal, tenths_text
from engage_tui.store.models import Entry

ColumnKind = Literal["text", "hours", "count", "score"]
Cell = str | int | None


@dataclass(frozen=True)
class Column:
    title: str
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class Report:
    """A titled table of raw values; the last row is TOTAL where the report has one."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    period: str = ""
    notes: list[str] = field(default_factory=list)
    provisional: bool = False

    def headers(self, units: bool = False, precision: int = 0) -> list[str]:
        """Column titles; with `units` (CSV returns), hours columns say their unit and rounding and a
        provisional return says so in its first header."""
        if not units:
            return [c.title for c in self.columns]
        rounding = f"hours, {precision} dp, rounded half up"
        titles = [f"{c.title} [{rounding}]" if c.kind == "hours" else c.title for c in self.columns]
        if self.provisional:
            titles[0] += " [PROVISIONAL: not every month approved]"
        return titles

    def display_rows(self, precision: int = 0) -> list[list[str]]:
        """Every cell as text: hours rounded half up, blank where nothing was logged."""
        return [[_display(cell, col.kind, precision) for cell, col in zip(row, self.columns)]
                for row in self.rows]

    def number_rows(self, precision: int = 0) -> list[list[str | Decimal | int]]:
        """Cells as bare values for CSV: hours as rounded decimals, blank as empty."""
        return [[_number(cell, col.kind, precision) for cell, col in zip(row, self.columns)]
                for row in self.rows]


def _display(cell: Cell, kind: ColumnKind, precision: int) -> str:
    if cell is None:
        return ""
    if kind == "hours":
        return format_hours(cell, precision)  # type: ignore[arg-type]
    return tenths_text(cell) if kind == "score" else str(cell)  # type: ignore[arg-type]


def _number(cell: Cell, kind: ColumnKind, precision: int) -> str | Decimal | int:
    if cell is None:
        return ""
    if kind == "hours":
        return hours_decimal(cell, precision)  # type: ignore[arg-type]
    return tenths_decimal(cell) if kind == "score" else cell  # type: ignore[arg-type]


def _sum_or_none(values: list[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def monthly(session: Session, year: int, fy: bool = False, officer_id: int | None = None,
            officer_name: str | None = None) -> Report:
    """T3: a row per month (blank where nothing was logged), then TOTAL from exact minutes."""
    months = year_months(year, fy)
    query = (select(Entry.month_key, Entry.category, func.sum(Entry.minutes))
             .where(Entry.month_key.between(months[0].key, months[-1].key))
             .group_by(Entry.month_key, Entry.category))
    if officer_id is not None:
        query = query.where(Entry.officer_id == officer_id)
    sums: dict[tuple[int, str], int] = {(k, c): int(m) for k, c, m in session.execute(query)}
    rows: list[list[Cell]] = [[_month_label(m, fy), sums.get((m.key, "community")),
                               sums.get((m.key, "cyp"))] for m in months]
    rows.append(["TOTAL", _sum_or_none([r[1] for r in rows]), _sum_or_none([r[2] for r in rows])])
    period = year_label(year, fy)
    who = f" — {officer_name}" if officer_name else ""
    pending = unapproved_months(session, months[0], months[-1])
    notes = [f"PROVISIONAL: {pending} officer-month(s) with hours are not yet approved"] if pending else []
    return Report(
        provisional=bool(pending), notes=notes,
        name="monthly", period=period.replace("/", "-"),
        title=f"Cohesion officers' monthly engagement hours, {period}{who}",
        columns=[Column("Month"), Column("Total Community Engagement (Hours)", "hours"),
                 Column("Total C&YP Engagement (Hours)", "hours")],
        rows=rows)


def latest_entry_date(session: Session) -> date | None:
    """The most recent day anything was logged: where a report should open."""
    return session.scalar(select(func.max(Entry.date)))


def _month_label(month: Month, fy: bool) -> str:
    """`January` for a calendar year; a financial year spans two, so `January 2018`."""
    return month.label if fy else month.name


def confidence(session: Session, baseline: str, compared: str, wide: bool = False) -> Report:
    """T4: scores by locality and variable in two waves and the movement between them.

    Long (default): a row per locality and variable, the movement last. Wide: the report's own
    layout, variables down and, for each locality, the two scores and the movement across.
    """
    baseline, compared, rows = compare(session, baseline, compared)
    title = f"Confidence survey by locality: {baseline} to {compared}"
    name, period = "confidence", f"{baseline}-{compared}".replace(" ", "_").replace("/", "-")
    if not wide:
        return Report(name, title, [Column("Locality"), Column("Variable"), Column(baseline, "score"),
                                    Column(compared, "score"), Column("Movement")],
                      [[r.locality, r.variable, r.baseline, r.compared, r.movement] for r in rows],
                      period=period)
    localities = list(dict.fromkeys(r.locality for r in rows))
    table: dict[str, list[Cell]] = {}
    for r in rows:
        table.setdefault(r.variable, [r.variable] + [None] * (3 * len(localities)))
        at = 1 + 3 * localities.index(r.locality)
        table[r.variable][at:at + 3] = [r.baseline, r.compared, r.movement]
    columns = [Column("Variable")]
    for locality in localities:
        columns += [Column(f"{locality} {baseline}", "score"), Column(f"{locality} {compared}", "score"),
                    Column(f"{locality} Movement")]
    return Report(name, title, columns, list(table.values()), period=period + "-wide")
