"""Reports as plain rows: each is one SQL aggregation over exact minutes, rounded only when shown.

A `Report` holds raw values (minutes as int, None where nothing was logged); `render` turns it into
strings or bare numbers for a table, a CSV return or a screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from sqlalchemy import Date, Select, Subquery, and_, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from engage_tui.domain.entries import EntryRow
from engage_tui.domain.hours import entry_rows_query
from engage_tui.domain.job_titles import JOB_TITLES, file_part, heading, whose
from engage_tui.domain.jobs import job_spans, month_sums_on_the_job, on_the_job, sums_on_the_job, within
from engage_tui.domain.periods import (
    FY_START_MONTH,
    Month,
    year_label,
    year_months,
)
from engage_tui.domain.provisional import unapproved_among, unapproved_by_year
from engage_tui.domain.returns import unapproved_months
from engage_tui.domain.rollup import (
    GROUPS,
    NONE_LABEL,
    check_by,
    check_rollup,
    rollup_report,
    sums_params,
    sums_statement,
    whole_months,
)
from engage_tui.domain.survey import Comparison, compare
from engage_tui.domain.t3 import t3_report
from engage_tui.domain.tables import Cell, Column, Report, column_total, provisional_notes
from engage_tui.errors import EngageError, shown
from engage_tui.store.models import Area, Entry, Event, EventAudience, Locality, Person, Term


def t3_sums(officer: bool = False) -> Select:
    """T3's minutes by month and category for the month keys `first` to `last`: of the people whose
    job on the day is `job`, or (`officer`) of one `officer`, whatever their job."""
    in_range = Entry.month_key.between(bindparam("first"), bindparam("last"))
    if officer:
        return (
            select(Entry.month_key, Entry.category, func.sum(Entry.minutes))
            .where(in_range, Entry.officer_id == bindparam("officer"))
            .group_by(Entry.month_key, Entry.category)
        )
    return month_sums_on_the_job(in_range)


def monthly(
    session: Session,
    year: int,
    fy: bool = False,
    officer_id: int | None = None,
    officer_name: str | None = None,
    job: str = "co",
) -> Report:
    """T3: a row per month (blank where nothing was logged), then TOTAL from exact minutes; the hours
    of people whose job on the day is `job` (cohesion officers), or of one officer."""
    months = year_months(year, fy)
    bounds = {"first": months[0].key, "last": months[-1].key}
    mine = officer_id is not None
    sums = {
        (k, c): int(m)
        for k, c, m in session.execute(t3_sums(mine), bounds | {"officer": officer_id, "job": job})
    }
    pending = unapproved_months(session, months[0], months[-1], None if mine else job, officer_id)
    return t3_report(year, fy, sums, pending, officer_name, None if mine else job)


def latest_entry_month(session: Session) -> Month | None:
    """The month of the latest entry: where a report opens."""
    key = session.scalar(latest_month_query())
    return None if key is None else Month.from_key(key)


def latest_month_query() -> Select:
    """The latest month's key: the month index's last key, so instant at any size (the latest day
    would read every entry of that month: 37 ms at 1M entries)."""
    return select(func.max(Entry.month_key))


def confidence(session: Session, baseline: str, compared: str, wide: bool = False) -> Report:
    """T4: scores by locality and variable in two waves and the movement between them.

    Long (default): a row per locality and variable, the movement last. Wide: the report's own
    layout, variables down and, for each locality, the two scores and the movement across.
    """
    baseline, compared, rows = compare(session, baseline, compared)
    title = f"Confidence survey by locality: {baseline} to {compared}"
    name, period = "confidence", f"{baseline}-{compared}".replace(" ", "_").replace("/", "-")
    basis = [_directions(rows), "equal to one decimal is No Change"]
    if not wide:
        return Report(
            name,
            title,
            [
                Column("Locality"),
                Column("Variable"),
                Column(baseline, "score"),
                Column(compared, "score"),
                Column("Movement"),
            ],
            [[r.locality, r.variable, r.baseline, r.compared, r.movement] for r in rows],
            period=period,
            notes=basis,
            basis=basis,
        )
    localities = list(dict.fromkeys(r.locality for r in rows))
    table: dict[str, list[Cell]] = {}
    for r in rows:
        table.setdefault(r.variable, [r.variable] + [None] * (3 * len(localities)))
        at = 1 + 3 * localities.index(r.locality)
        table[r.variable][at : at + 3] = [r.baseline, r.compared, r.movement]
    columns = [Column("Variable")]
    for locality in localities:
        columns += [
            Column(f"{locality} {baseline}", "score"),
            Column(f"{locality} {compared}", "score"),
            Column(f"{locality} Movement"),
        ]
    return Report(
        name, title, columns, list(table.values()), period=period + "-wide", notes=basis, basis=basis
    )


def _directions(rows: list[Comparison]) -> str:
    """Which variables count a fall as Improved, since the movement words depend on it."""
    lower = list(dict.fromkeys(r.variable for r in rows if r.lower_is_better))
    return f"lower is better for {', '.join(lower)}; higher for the rest" if lower else "higher is better"


CATEGORY_HEADINGS = ("Community (Hours)", "C&YP (Hours)")


def _grouped(by: str, query, spans: Subquery):
    """The query joined to what `by` names, and the label column to group on (`spans`: the people's
    job spans, which a job filter has joined already)."""
    check_by(by)
    if by == "officer":
        return query.join(Person, Person.id == Entry.officer_id), Person.name
    if by == "job":
        return query, spans.c.job
    if by == "category":
        return query, Entry.category
    if by in ("area", "locality"):
        query = query.outerjoin(Area, Area.id == Entry.area_id)
        if by == "area":
            return query, Area.name
        return query.outerjoin(Locality, Locality.id == Area.locality_id), Locality.name
    term = aliased(Term)
    column = Entry.audience_id if by == "audience" else Entry.activity_id
    return query.outerjoin(term, term.id == column), term.name


def _in_range(query):
    """Bound by month key `first` to `last` first (the covering index), then by the days `start` to
    `end` (`rollup.sums_params`)."""
    return query.where(
        Entry.month_key.between(bindparam("first"), bindparam("last")),
        Entry.date.between(bindparam("start", type_=Date), bindparam("end", type_=Date)),
    )


def rollup_sums(by: str, job: bool, whole: bool = False) -> Select:
    """(group, month key, minutes), named by `rollup.sums_statement`. By officer over whole months of
    one job, the officers' sums from their (officer, month) index as T3's (4× faster at 1M than each
    entry joined to its day's job); otherwise each entry in the days, joined to what `by` names."""
    if by == "officer" and job and whole:
        sums = sums_on_the_job(Entry.month_key.between(bindparam("first"), bindparam("last")))
        return (
            select(Person.name, sums.c.month_key, func.sum(sums.c.minutes))
            .join(Person, Person.id == sums.c.officer_id)
            .group_by(Person.name, sums.c.month_key)
        )
    query, label = _grouped(by, *_jobbed(select(), job, by))
    return _in_range(query.add_columns(label, Entry.month_key, func.sum(Entry.minutes))).group_by(
        label, Entry.month_key
    )


def rollup_statements() -> dict[str, Callable[[], Select]]:
    """Every rollup sums statement by its name, for the fast path to compile ahead."""
    shapes = [(by, job, False) for by in GROUPS for job in (False, True)] + [("officer", True, True)]
    return {sums_statement(*shape): partial(rollup_sums, *shape) for shape in shapes}


def rollup(
    session: Session, by: str, kind: str, start: date, end: date, fy: bool = False, job: str | None = "co"
) -> Report:
    """Hours per group and period (`rollup.rollup_report`) of the people whose job on the day is
    `job` (None: everyone's): one SQL aggregation (group × month)."""
    check_rollup(by, kind, start, end)
    whole = by == "officer" and job is not None and whole_months(start, end)
    sums = session.execute(rollup_sums(by, job is not None, whole), sums_params(start, end, job))
    pending = unapproved_months(session, Month.of(start), Month.of(end), job)
    return rollup_report(by, kind, start, end, fy, job, sums, pending)


def _jobbed(query: Select, job: bool, by: str = "") -> tuple[Select, Subquery]:
    """Entries (`query` selects from them), of the people doing `job` on the day where one is given,
    joined to the job spans where the job is filtered or grouped on."""
    spans = job_spans()
    query = query.select_from(Entry)
    if job:
        return on_the_job(query, spans), spans
    if by == "job":
        return query.join(
            spans, and_(spans.c.person_id == Entry.officer_id, within(spans, Entry.date))
        ), spans
    return query, spans


def rollup_entries(
    session: Session, by: str, group: str, start: date, end: date, job: str | None = "co"
) -> list[EntryRow]:
    """The entries behind one cell of a rollup: one group, within the same days and job."""
    query, label = _grouped(by, *_jobbed(select(Entry.id), job is not None, by))
    query = _in_range(query).where(label.is_(None) if group == NONE_LABEL else label == group)
    rows = session.execute(
        entry_rows_query().where(Entry.id.in_(query)).order_by(Entry.date, Entry.id),
        sums_params(start, end, job),
    )
    return [EntryRow(*row) for row in rows]


def annual(session: Session, fy: bool = False, job: str | None = "co", by_job: bool = False) -> Report:
    """A row per year (calendar, or financial April–March) with community and C&YP hours, then TOTAL;
    of the people whose job on the day is `job` (None: everyone's). `by_job`: a column per job instead,
    each the hours of the people doing it on the day, and their Total. Provisional while any
    officer-month it counts is not approved, its note naming those years."""
    sums: dict[int, dict[str, int]] = {}
    for y, column, minutes in session.execute(_annual_sums(fy, job, by_job), {"job": job}):
        sums.setdefault(int(y), {})[column] = int(minutes)
    keys = [j for j in JOB_TITLES if any(j in s for s in sums.values())] if by_job else ["community", "cyp"]
    rows: list[list[Cell]] = [[year_label(y, fy), *(sums[y].get(k) for k in keys)] for y in sorted(sums)]
    if by_job:
        rows = [[*row, column_total(row[1:])] for row in rows]
    width = len(keys) + 2 if by_job else len(keys) + 1
    rows.append(["TOTAL", *(column_total([r[i] for r in rows]) for i in range(1, width))])
    kind = "financial" if fy else "calendar"
    headings = [f"{heading(k)} (Hours)" for k in keys] if by_job else CATEGORY_HEADINGS
    pending = unapproved_by_year(session, fy, job)
    years = ", ".join(year_label(y, fy) for y in sorted(pending))
    return Report(
        name="annual",
        title=f"{whose(job)} engagement hours by {kind} year" + (" and job" if by_job else ""),
        columns=[
            Column("Year"),
            *(Column(h, "hours") for h in headings),
            *([Column("Total", "hours")] if by_job else []),
        ],
        rows=rows,
        period=("fy" if fy else "calendar") + file_part(job) + ("-by-job" if by_job else ""),
        notes=provisional_notes(sum(pending.values()), f" ({years})"),
        unapproved=sum(pending.values()),
        across="Job" if by_job else "Category",
    )


def _annual_sums(fy: bool, job: str | None, by_job: bool) -> Select:
    """(year, category or job, minutes): one job's from its whole months by officer (as T3), else
    each entry under its day's job where jobs are the columns, else every entry."""
    start = FY_START_MONTH if fy else 1
    if job and not by_job:
        month, category, minutes = month_sums_on_the_job().subquery().c
        in_year = (month - start) // 100
        return select(in_year, category, func.sum(minutes)).group_by(in_year, category)
    year = (Entry.month_key - start) // 100
    query, spans = _jobbed(select(), bool(job), "job" if by_job else "")
    across = spans.c.job if by_job else Entry.category
    return query.add_columns(year, across, func.sum(Entry.minutes)).group_by(year, across)


EVENT_GROUPS = ("type", "audience", "area")


def events_summary(session: Session, by: str, start: date, end: date) -> Report:
    """Events, officers' hours at them and people reached, by type, audience or area, then TOTAL.

    An event with several audiences counts under each of them, so TOTAL counts each event once. The
    report is provisional while an officer-month of the hours at its events is not approved.
    """
    if by not in EVENT_GROUPS:
        raise EngageError(
            f"by: {shown(by)} is not a grouping of events; give type, audience or area", field="by"
        )
    hours = (
        select(Entry.event_id, func.sum(Entry.minutes).label("minutes"))
        .where(Entry.event_id.is_not(None))
        .group_by(Entry.event_id)
        .subquery()
    )
    events = (
        select(Event.id, Event.reached, hours.c.minutes)
        .outerjoin(hours, hours.c.event_id == Event.id)
        .where(Event.date.between(start, end))
    )
    if by == "type":
        label_query = events.add_columns(Term.name.label("grp")).join(Term, Term.id == Event.type_id)
    elif by == "area":
        label_query = events.add_columns(Area.name.label("grp")).outerjoin(Area, Area.id == Event.area_id)
    else:
        label_query = (
            events.add_columns(Term.name.label("grp"))
            .outerjoin(EventAudience, EventAudience.event_id == Event.id)
            .outerjoin(Term, Term.id == EventAudience.term_id)
        )
    per_event = label_query.subquery()
    label = per_event.c.grp
    query = select(
        label,
        func.count(per_event.c.id.distinct()),
        func.sum(per_event.c.minutes),
        func.sum(per_event.c.reached),
    ).group_by(label)
    rows: list[list[Cell]] = [
        [group or NONE_LABEL, int(count), _int(minutes), _int(reached)]
        for group, count, minutes, reached in session.execute(query)
    ]
    rows.sort(key=lambda r: str(r[0]).lower())
    everything = events.subquery()
    count, minutes, reached = session.execute(
        select(func.count(), func.sum(everything.c.minutes), func.sum(everything.c.reached))
    ).one()
    rows.append(["TOTAL", int(count), _int(minutes), _int(reached)])
    span = f"{start.isoformat()} to {end.isoformat()}"
    pending = unapproved_among(
        session,
        select(Entry.officer_id, Entry.month_key)
        .join(Event, Event.id == Entry.event_id)
        .where(Event.date.between(start, end)),
    )
    return Report(
        name="events",
        title=f"Community events by {by}, {span}",
        columns=[
            Column(by.capitalize()),
            Column("Events", "count"),
            Column("Officer hours", "hours"),
            Column("People reached", "count"),
        ],
        rows=rows,
        period=f"by-{by}-{start.isoformat()}-{end.isoformat()}",
        notes=provisional_notes(pending),
        unapproved=pending,
        across="Measure",
    )


def _int(value) -> int | None:
    return None if value is None else int(value)
