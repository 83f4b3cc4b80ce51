"""T3 — cohesion officers' engagement hours by month — shaped from its sums.

Free of SQLAlchemy: the domain's `reports.monthly` and the fast read path (`service.fast`) both end
here, so the two can only differ in how the sums were fetched.
"""

from __future__ import annotations

from engage_tui.domain.job_titles import file_part, whose
from engage_tui.domain.periods import Month, year_label, year_months
from engage_tui.domain.tables import Cell, Column, Report, column_total, provisional_notes


def t3_report(
    year: int,
    fy: bool,
    sums: dict[tuple[int, str], int],
    pending: int,
    officer_name: str | None = None,
    job: str | None = "co",
) -> Report:
    """A row per month (blank where nothing was logged), then TOTAL from exact minutes; `pending`
    officer-months not yet approved make it provisional. The title says whose hours: the people of
    `job` (cohesion officers), or one officer."""
    months = year_months(year, fy)
    rows: list[list[Cell]] = [
        [_month_label(m, fy), sums.get((m.key, "community")), sums.get((m.key, "cyp"))] for m in months
    ]
    rows.append(["TOTAL", column_total([r[1] for r in rows]), column_total([r[2] for r in rows])])
    period = year_label(year, fy)
    who = f" — {officer_name}" if officer_name else ""
    return Report(
        unapproved=pending,
        notes=provisional_notes(pending),
        name="monthly",
        period=period.replace("/", "-") + ("" if officer_name else file_part(job or "co")),
        title=(
            f"Monthly engagement hours, {period}{who}"
            if officer_name
            else f"{whose(job or 'co')} monthly engagement hours, {period}"
        ),
        columns=[
            Column("Month"),
            Column("Total Community Engagement (Hours)", "hours"),
            Column("Total C&YP Engagement (Hours)", "hours"),
        ],
        rows=rows,
        across="Category",
    )


def _month_label(month: Month, fy: bool) -> str:
    """`January` for a calendar year; a financial year spans two, so `January 2018`."""
    return month.label if fy else month.name
