"""Rollups — hours by group and period, hledger-style — checked, asked for and shaped from their sums.

Free of SQLAlchemy, as `t3` is: the domain's `reports.rollup` and the fast read path both end here, so
the two can only differ in how the sums were fetched. The sums come from one of the statements
`reports.rollup_sums` builds, named here (`sums_statement`) so that the fast path finds the one
compiled ahead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from engage_tui.domain.job_titles import file_part, whose
from engage_tui.domain.periods import PERIOD_KINDS, Month, month_key, periods_between
from engage_tui.domain.tables import Cell, Column, Report, column_total, provisional_notes
from engage_tui.errors import EngageError, shown

GROUPS = ("officer", "job", "area", "locality", "category", "audience", "activity")
NONE_LABEL = "(none)"


def check_rollup(by: str, kind: str, start: date, end: date) -> None:
    """Refuse a period kind or a grouping the rollup does not know, or days that run backwards."""
    if kind not in PERIOD_KINDS:
        raise EngageError(
            f"period: {shown(kind)} is not a period; give month, quarter or year", field="period"
        )
    if end < start:
        raise EngageError(f"to: {end} is before {start}", field="to")
    check_by(by)


def check_by(by: str) -> None:
    if by not in GROUPS:
        raise EngageError(f"by: {shown(by)} is not a grouping; give one of {', '.join(GROUPS)}", field="by")


def whole_months(start: date, end: date) -> bool:
    """The days run from a month's first to a month's last: sums by month serve them whole."""
    return start.day == 1 and (end + timedelta(days=1)).day == 1


def sums_statement(by: str, job: bool, whole: bool) -> str:
    """The name of the sums statement for a grouping, with or without a job, over whole months or not
    (only the officers' sums differ over whole months of one job)."""
    return f"rollup_by_{by}" + ("_on_the_job" if job else "") + ("_whole_months" if whole else "")


def sums_params(start: date, end: date, job: str | None) -> dict[str, object]:
    """The values the sums statement takes: the month keys, the days and the job."""
    return {"first": month_key(start), "last": month_key(end), "start": start, "end": end, "job": job}


def rollup_report(
    by: str,
    kind: str,
    start: date,
    end: date,
    fy: bool,
    job: str | None,
    sums: Iterable[tuple[str | None, int, int]],
    pending: int,
) -> Report:
    """A column per period, Total last, a row per group (by name, "(none)" for no group), TOTAL last;
    `sums` are (group, month key, minutes); months fold into quarters or years here."""
    periods = periods_between(Month.of(start), Month.of(end), kind, fy)
    slot = {m.key: i for i, p in enumerate(periods) for m in p.months()}
    cells: dict[str, list[int | None]] = {}
    for group, key, minutes in sums:
        row = cells.setdefault(group or NONE_LABEL, [None] * len(periods))
        row[slot[key]] = (row[slot[key]] or 0) + int(minutes)
    rows: list[list[Cell]] = [
        [g, *v, column_total(list(v))] for g, v in sorted(cells.items(), key=lambda kv: kv[0].lower())
    ]
    totals = [column_total([r[i] for r in rows]) for i in range(1, len(periods) + 2)]
    rows.append(["TOTAL", *totals])
    span = f"{start.isoformat()} to {end.isoformat()}"
    return Report(
        name="rollup",
        title=f"{whose(job)} hours by {by} and {kind} ({'financial' if fy else 'calendar'}), {span}",
        columns=[
            Column(by.capitalize()),
            *(Column(p.label, "hours") for p in periods),
            Column("Total", "hours"),
        ],
        rows=rows,
        period=f"{by}-by-{kind}{'-fy' if fy else ''}{file_part(job)}-{start}-{end}",
        notes=provisional_notes(pending),
        unapproved=pending,
    )
