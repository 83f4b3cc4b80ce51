"""PACT: the register of meeting series, and the tables the reports print about it.

T1 counts the series active on a day by area (a retired series stops counting from its retirement).
T2 estimates the yearly cost of facilitating PACT: meetings per month × 12 × hours per meeting × the
hourly rate of the rank attending, a bi-monthly series counting half a meeting a month, with the hours
and rates in force on that day (settings that take effect from a date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Row, Select, case, func, or_, select
from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.durations import format_hours
from engage_tui.domain.imports import ParsedFile, import_each, parse_flag, read_import
from engage_tui.domain.names import clean_name, clean_text, ensure_new, find_by_name
from engage_tui.domain.numbers import decimal
from engage_tui.domain.people import find_area, require_supervisor
from engage_tui.domain.periods import parse_date
from engage_tui.domain.provisional import unapproved_among
from engage_tui.domain.schedule import parse_schedule, schedule_of
from engage_tui.domain.settings import (
    MAX_PEOPLE,
    defaulted_setting,
    number_setting,
    positive_decimal,
    setting_in_force,
)
from engage_tui.domain.tables import Cell, Column, Report, SettingUsed, column_total, provisional_notes
from engage_tui.errors import EngageError, shown
from engage_tui.store.choices import RANKS
from engage_tui.store.models import Area, Entry, PactMeeting, PactOfficer, PactSeries

FREQUENCIES = {"monthly": Decimal(1), "bimonthly": Decimal("0.5")}
MONEY = Decimal("0.01")


@dataclass(frozen=True)
class SeriesRow:
    id: int
    area: str
    name: str
    venue: str
    frequency: str
    super_pact: bool
    start: date
    retired: date | None
    schedule: str


def check_frequency(text: str) -> str:
    value = text.strip().lower().replace("-", "")
    if value not in FREQUENCIES:
        raise EngageError(
            f"frequency: {shown(text)} is not a frequency; give monthly or bimonthly", field="frequency"
        )
    return value


def _active(day: date):
    return (PactSeries.start <= day) & or_(PactSeries.retired.is_(None), PactSeries.retired > day)


def add_series(
    session: Session,
    actor: Actor,
    area: str,
    name: str,
    frequency: str = "monthly",
    super_pact: bool = False,
    venue: str = "",
    start: date | None = None,
    schedule: str = "",
) -> SeriesRow:
    """A new series, starting `start` (the front ends give their today by default); `schedule`
    ("last tue") defaults to the week and weekday of its start."""
    require_supervisor(actor, "change the PACT register")
    name = clean_name(name, "name", 120)
    ensure_new(session, PactSeries, name, "name")
    series = PactSeries(
        area_id=find_area(session, area).id,
        name=name,
        venue=clean_text(venue, "venue", 200),
        frequency=check_frequency(frequency),
        super_pact=super_pact,
        start=start or date.today(),
        schedule=parse_schedule(schedule) if schedule.strip() else None,
    )
    session.add(series)
    session.flush()
    record(session, actor, "create", "pact_series", series.id, after=values_of(series))
    return get_series(session, series.id)


def retire_series(session: Session, actor: Actor, name: str, day: date) -> SeriesRow:
    require_supervisor(actor, "change the PACT register")
    series = find_by_name(session, PactSeries, name, "series")
    if day <= series.start:
        raise EngageError(f"date: {day} is not after the series' start, {series.start}", field="date")
    last = session.scalar(
        select(func.max(PactMeeting.date)).where(PactMeeting.series_id == series.id, PactMeeting.date >= day)
    )
    if last is not None:
        raise EngageError(
            f"date: {series.name} has a meeting recorded on {last}; retire it after its last meeting",
            field="date",
        )
    before = values_of(series)
    series.retired = day
    session.flush()
    record(session, actor, "update", "pact_series", series.id, before, values_of(series))
    return get_series(session, series.id)


def _series_query():
    return select(
        PactSeries.id,
        Area.name,
        PactSeries.name,
        PactSeries.venue,
        PactSeries.frequency,
        PactSeries.super_pact,
        PactSeries.start,
        PactSeries.retired,
        PactSeries.schedule,
    ).join(Area, Area.id == PactSeries.area_id)


def _series_row(row: Row[Any]) -> SeriesRow:
    id_, area, name, venue, frequency, super_pact, start, retired, schedule = tuple(row)
    return SeriesRow(
        id_, area, name, venue, frequency, super_pact, start, retired, schedule_of(start, schedule)
    )


def get_series(session: Session, series_id: int) -> SeriesRow:
    return _series_row(session.execute(_series_query().where(PactSeries.id == series_id)).one())


def list_series(session: Session, on: date | None = None, area: str | None = None) -> list[SeriesRow]:
    query = _series_query().order_by(func.lower(Area.name), func.lower(PactSeries.name))
    if on is not None:
        query = query.where(_active(on))
    if area:
        query = query.where(PactSeries.area_id == find_area(session, area).id)
    return [_series_row(row) for row in session.execute(query)]


def pact_areas(session: Session, on: date) -> Report:
    """T1: a row per area with its active series and how many are Super PACTs, then TOTAL."""
    rows: list[list[Cell]] = [
        [area, int(count), int(supers) if supers else None]
        for area, count, supers in session.execute(
            select(Area.name, func.count(PactSeries.id), func.sum(case((PactSeries.super_pact, 1), else_=0)))
            .join(PactSeries, PactSeries.area_id == Area.id)
            .where(_active(on))
            .group_by(Area.id, Area.name)
            .order_by(Area.id)
        )
    ]
    rows.append(["TOTAL", column_total([r[1] for r in rows]), column_total([r[2] for r in rows])])
    return Report(
        name="pact-areas",
        title=f"PACT meetings by area, as of {on.isoformat()}",
        columns=[
            Column("Area"),
            Column("Number of PACT Meetings", "count"),
            Column("of which Super PACTs", "count"),
        ],
        rows=rows,
        period=on.isoformat(),
        basis=[f"as of {on.isoformat()}", "counts include Super PACTs"],
        notes=["an area's count includes its Super PACTs"],
    )


def meetings_per_month(session: Session, on: date) -> Decimal:
    """From the register: each active monthly series counts one, each bi-monthly one half."""
    frequencies = session.scalars(select(PactSeries.frequency).where(_active(on)))
    return sum((FREQUENCIES[f] for f in frequencies), Decimal(0))


def pact_cost(
    session: Session,
    on: date,
    meetings: Decimal | None = None,
    hours: Decimal | None = None,
    rates: dict[str, Decimal] | None = None,
    mix: dict[str, Decimal] | None = None,
) -> Report:
    """T2: for each rank with a rate, the hours a year and the annual cost of facilitating PACT; with
    `mix` (each rank's share of attendance, adding to 1), a last row at the blended rate."""
    meetings = meetings if meetings is not None else meetings_per_month(session, on)
    hours_used = (
        SettingUsed("pact.hours_per_meeting", _plain(hours), given=True)
        if hours is not None
        else defaulted_setting(session, "pact.hours_per_meeting", on)
    )
    hours = positive_decimal(hours_used.value, "hours")
    hours_a_year = meetings * 12 * hours
    given = rates or {}
    settings = [hours_used]
    prices: dict[str, Decimal] = {}
    for rank in RANKS:
        rate_used = _used(session, f"rate.{rank}", on, given.get(rank))
        if rate_used is not None:
            settings.append(rate_used)
            prices[rank] = positive_decimal(rate_used.value, rank)
    if not prices:
        raise EngageError(
            "rate: no hourly rate is set; set one with: engage setting set rate.pcso 31.84", field="rate"
        )
    rows: list[list[Cell]] = [
        [_rank_title(rank), rate, hours_a_year, _money(hours_a_year * rate)] for rank, rate in prices.items()
    ]
    if mix:
        blended = _blended(mix, prices)
        rows.append([f"Mix: {_mix_label(mix)}", blended, hours_a_year, _money(hours_a_year * blended)])
    used = ", ".join(f"{_rank_title(rank)} £{rate:,.2f}" for rank, rate in prices.items())
    return Report(
        name="pact-cost",
        title=f"Cost of facilitating PACT a year, as of {on.isoformat()}",
        columns=[
            Column("Rank"),
            Column("Hourly rate (£)", "money"),
            Column("Hours a year", "decimal"),
            Column("Annual cost (£)", "money"),
        ],
        rows=rows,
        period=on.isoformat() + ("-mix" if mix else ""),
        basis=[
            f"as of {on.isoformat()}",
            f"{_plain(meetings)} meetings a month",
            f"{_plain(hours)} h a meeting",
            *([f"mix {_mix_label(mix)}"] if mix else []),
        ],
        settings=settings,
        notes=[f"{_plain(meetings)} meetings a month × 12 × {_plain(hours)} h a meeting; rates used: {used}"],
    )


def parse_mix(text: str) -> dict[str, Decimal]:
    """`pcso=0.6,pc=0.4`: each rank's share of attendance, more than 0 and adding to exactly 1."""
    mix: dict[str, Decimal] = {}
    for part in text.split(","):
        rank, equals, share = part.partition("=")
        rank = rank.strip().lower()
        if not equals or rank not in RANKS:
            raise EngageError(
                f"mix: {shown(part.strip())} is not RANK=SHARE with a rank of {', '.join(RANKS)} "
                "(e.g. pcso=0.6,pc=0.4)",
                field="mix",
            )
        if rank in mix:
            raise EngageError(f"mix: {rank} is given twice", field="mix")
        mix[rank] = decimal(share, f"mix {rank}", 1, what="a share", unit="(the whole)")
        if not mix[rank]:
            raise EngageError(f"mix {rank}: a share must be more than 0 (leave the rank out)", field="mix")
    total = sum(mix.values(), Decimal(0))
    if total != 1:
        raise EngageError(f"mix: the shares add to {_plain(total)}, not 1", field="mix")
    return mix


def _blended(mix: dict[str, Decimal], prices: dict[str, Decimal]) -> Decimal:
    """The hourly rate of a mix of ranks: each rank's rate by its share."""
    unpriced = [rank for rank in mix if rank not in prices]
    if unpriced:
        raise EngageError(f"mix: {unpriced[0]} has no hourly rate set on the day", field="mix")
    return sum((share * prices[rank] for rank, share in mix.items()), Decimal(0))


def _mix_label(mix: dict[str, Decimal]) -> str:
    return ", ".join(f"{_plain(share * 100)}% {_rank_title(rank)}" for rank, share in mix.items())


def _used(session: Session, key: str, on: date, given: Decimal | None) -> SettingUsed | None:
    """The value given for this run, else the setting in force on `on` with the day it took effect."""
    if given is not None:
        return SettingUsed(key, _plain(given), given=True)
    return setting_in_force(session, key, on)


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


def latest_meeting(session: Session) -> date | None:
    return session.scalar(select(func.max(PactMeeting.date)))


def attendance_threshold(session: Session, on: date) -> int:
    """Fewer members of the public than this, and a meeting was poorly attended (the setting, 5)."""
    return int(number_setting(session, "pact.attendance_threshold", on, "threshold"))


def pact_attendance(
    session: Session, start: date, end: date, threshold: int | None = None, by: str = "area"
) -> Report:
    """Held meetings from `start` to `end` by area (or series): how many, public and partner
    attendance, and how many had fewer members of the public than the threshold (default: the
    setting, 5). Cancelled meetings are not counted as held."""
    if by not in ("area", "series"):
        raise EngageError(f"by: {shown(by)} is not a grouping; give area or series", field="by")
    settings: list[SettingUsed] = []
    if threshold is None:
        settings.append(defaulted_setting(session, "pact.attendance_threshold", end))
        threshold = attendance_threshold(session, end)
    if not 1 <= threshold <= MAX_PEOPLE:
        raise EngageError(f"threshold: {threshold} is not 1 to {MAX_PEOPLE:,}", field="threshold")
    label = Area.name if by == "area" else PactSeries.name
    below = func.sum(case((PactMeeting.public < threshold, 1), else_=0))
    query = (
        select(
            label,
            func.count(PactMeeting.id),
            func.sum(PactMeeting.public),
            func.sum(PactMeeting.partners),
            below,
        )
        .join(PactSeries, PactSeries.id == PactMeeting.series_id)
        .join(Area, Area.id == PactSeries.area_id)
        .where(PactMeeting.date.between(start, end), PactMeeting.cancelled.is_(False))
        .group_by(label)
        .order_by(func.lower(label))
    )
    rows = [
        [name, int(held), int(public), _average(public, held), _int_or_none(partners), int(low)]
        for name, held, public, partners, low in session.execute(query)
    ]
    held, public = sum(r[1] for r in rows), sum(r[2] for r in rows)
    rows.append(
        [
            "TOTAL",
            held,
            public,
            _average(public, held),
            column_total([r[4] for r in rows]),
            sum(r[5] for r in rows),
        ]
    )
    return Report(
        name="pact-attendance",
        title=f"PACT attendance by {by}, {start} to {end}",
        columns=[
            Column("Area" if by == "area" else "Series"),
            Column("Meetings held", "count", "Held"),
            Column("Public attendance", "count", "Public"),
            Column("Average public attendance", "average", "Average"),
            Column("Partner attendance", "count", "Partners"),
            Column(f"Meetings below {threshold}", "count", f"Below {threshold}"),
        ],
        rows=rows,
        period=f"{start}_{end}",
        settings=settings,
        notes=[f"below {threshold}: fewer than {threshold} members of the public"],
    )


def _hours_at_meetings(start: date, end: date, *columns: Any) -> Select:
    """`columns` over each officer's rank at a meeting from `start` to `end` and the hours they
    logged for it (the entries the meeting recorded for them)."""
    return (
        select(*columns)
        .select_from(PactOfficer)
        .join(
            Entry,
            (Entry.pact_meeting_id == PactOfficer.meeting_id) & (Entry.officer_id == PactOfficer.officer_id),
        )
        .join(PactMeeting, PactMeeting.id == PactOfficer.meeting_id)
        .where(PactMeeting.date.between(start, end))
    )


def attendance_mix(session: Session, start: date, end: date) -> dict[str, Decimal] | None:
    """The ranks' shares of the officer hours logged at the meetings from `start` to `end` — the
    balance between PCSO and Constable attendance the cost depends on (¶7) — in whole percent adding
    to 1, among the ranks with a rate on `end`; None when no such hours were logged."""
    query = _hours_at_meetings(start, end, PactOfficer.rank, func.sum(Entry.minutes)).group_by(
        PactOfficer.rank
    )
    minutes = {
        rank: int(total)
        for rank, total in session.execute(query)
        if total and setting_in_force(session, f"rate.{rank}", end) is not None
    }
    ranks = [rank for rank in RANKS if rank in minutes]
    if not ranks:
        return None
    whole = sum(minutes.values())
    shares = {r: (Decimal(minutes[r]) / whole).quantize(Decimal("0.01"), ROUND_HALF_UP) for r in ranks[:-1]}
    shares[ranks[-1]] = 1 - sum(shares.values(), Decimal(0))
    return {rank: share for rank, share in shares.items() if share > 0}


def pact_actual_cost(session: Session, start: date, end: date) -> Report:
    """What the meetings recorded from `start` to `end` cost: each officer's logged hours at the
    hourly rate of the rank they attended in, in force on the meeting's day. A rank with no rate
    set on some day is left unpriced there, and the report says so rather than counting it £0."""
    query = _hours_at_meetings(
        start,
        end,
        PactOfficer.rank,
        PactMeeting.date,
        func.count(PactMeeting.id.distinct()),
        func.sum(Entry.minutes),
    ).group_by(PactOfficer.rank, PactMeeting.date)
    totals: dict[str, list] = {}
    unpriced: dict[str, int] = {}
    used: dict[tuple[str, date | None], SettingUsed] = {}
    for rank, day, meetings, minutes in session.execute(query):
        stored = setting_in_force(session, f"rate.{rank}", day)
        if stored is None:
            unpriced[rank] = unpriced.get(rank, 0) + int(minutes)
        else:
            used[stored.key, stored.effective_from] = stored
        rate = positive_decimal(stored.value, rank) if stored else Decimal(0)
        meetings_, minutes_, cost = totals.setdefault(rank, [0, 0, Decimal(0)])
        totals[rank] = [meetings_ + meetings, minutes_ + int(minutes), cost + rate * int(minutes) / 60]
    ranks = [rank for rank in RANKS if rank in totals]
    rows: list[list[Cell]] = [
        [
            _rank_title(rank),
            *totals[rank][:2],
            None if totals[rank][1] == unpriced.get(rank) else _money(totals[rank][2]),
        ]
        for rank in ranks
    ]
    rows.append(
        [
            "TOTAL",
            session.scalar(
                select(func.count(PactMeeting.id.distinct()))
                .join(PactOfficer, PactOfficer.meeting_id == PactMeeting.id)
                .where(PactMeeting.date.between(start, end))
            )
            or 0,
            column_total([r[2] for r in rows]),  # the total cost from the exact costs, rounded once
            _money(sum((totals[rank][2] for rank in ranks), Decimal(0)))
            if any(r[3] is not None for r in rows)
            else None,
        ]
    )
    notes = [
        "each officer's logged hours × the rate of the rank they attended in, on the meeting's day; "
        "a meeting counts once under each rank present"
    ]
    notes += [
        f"no rate.{rank} was set for {format_hours(minutes, 2)} of the {rank} hours, so they are not in "
        f"the cost; set one with: engage setting set rate.{rank} POUNDS --from DAY"
        for rank, minutes in unpriced.items()
    ]
    if not ranks:
        notes.append(
            "no officer's time is recorded at the meetings of this period: record who attended "
            "(NAME:RANK[:HOURS]) to see what they cost"
        )
    pending = unapproved_among(session, _officer_hours(start, end))
    return Report(
        name="pact-actual",
        title=f"Actual cost of the PACT meetings recorded, {start} to {end}",
        columns=[
            Column("Rank"),
            Column("Meetings", "count"),
            Column("Officer hours", "hours"),
            Column("Cost (£)", "money"),
        ],
        rows=rows,
        period=f"{start}_{end}",
        notes=notes + provisional_notes(pending),
        unapproved=pending,
        settings=list(used.values()),
    )


def _officer_hours(start: date, end: date) -> Select:
    """The officer-months of the hours the actual cost counts: attending officers' entries at the
    meetings held from `start` to `end`."""
    return (
        select(Entry.officer_id, Entry.month_key)
        .join(
            PactOfficer,
            (PactOfficer.meeting_id == Entry.pact_meeting_id) & (PactOfficer.officer_id == Entry.officer_id),
        )
        .join(PactMeeting, PactMeeting.id == PactOfficer.meeting_id)
        .where(PactMeeting.date.between(start, end))
    )


def _money(pounds: Decimal) -> Decimal:
    return pounds.quantize(MONEY, ROUND_HALF_UP)


def _rank_title(rank: str) -> str:
    return rank.upper() if rank != "inspector" else "Inspector"


def _average(total: int | None, count: int) -> Decimal | None:
    return (Decimal(total or 0) / count).quantize(Decimal("0.1"), ROUND_HALF_UP) if count else None


def _int_or_none(value) -> int | None:
    return None if value is None else int(value)


SERIES_COLUMNS = ("area", "name", "frequency", "super", "venue", "start", "schedule", "retired")
SERIES_REQUIRED = ("area", "name", "start")


def read_series(path: Path, sheet: str | None = None) -> ParsedFile:
    """An `import pact-series` file read and parsed, before any transaction."""
    return read_import(path, sheet, SERIES_COLUMNS, SERIES_REQUIRED)


def import_series(
    session: Session, actor: Actor, file: ParsedFile | Path, dry_run: bool = False, force: str | None = None
) -> int:
    """A register from another system: `area,name,frequency,super,venue,start,schedule,retired`
    (a series named by a later row's retirement, so rows are stored one by one: `import_each`)."""

    def store(cells: dict[str, str], _batch_id: int) -> None:
        row = add_series(
            session,
            actor,
            cells["area"],
            cells["name"],
            cells["frequency"] or "monthly",
            parse_flag(cells["super"], "super"),
            cells["venue"],
            parse_date(cells["start"], "start"),
            cells["schedule"],
        )
        if cells["retired"].strip():
            retire_series(session, actor, row.name, parse_date(cells["retired"], "retired"))

    if isinstance(file, Path):  # read here, inside the caller's transaction
        file = read_series(file)
    return import_each(session, actor, file, "pact-series", store, dry_run, force)
