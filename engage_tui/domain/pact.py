"""PACT: the register of meeting series, and the tables the reports print about it.

T1 counts the series active on a day by area (a retired series stops counting from its retirement).
T2 estimates the yearly cost of facilitating PACT: meetings per month × 12 × hours per meeting × the
hourly rate of the rank attending, a bi-monthly series counting half a meeting a month, with the hours
and rates in force on that day (settings that take effect from a date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from engage_tui.domain.audit import record, values_of
from engage_tui.domain.names import clean_name, clean_text, ensure_new, find_by_name
from engage_tui.domain.people import find_area, require_supervisor
from engage_tui.domain.reports import Cell, Column, Report
from engage_tui.domain.settings import positive_decimal, setting
from engage_tui.errors import EngageError
from engage_tui.store.models import Area, PactSeries, Person

FREQUENCIES = {"monthly": Decimal(1), "bimonthly": Decimal("0.5")}
RANKS = ("pcso", "pc", "inspector")
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


def check_frequency(text: str) -> str:
    value = text.strip().lower().replace("-", "")
    if value not in FREQUENCIES:
        raise EngageError(f"frequency: {text!r} is not a frequency; give monthly or bimonthly",
                          field="frequency")
    return value


def _active(day: date):
    return (PactSeries.start <= day) & or_(PactSeries.retired.is_(None), PactSeries.retired > day)


def add_series(session: Session, actor: Person, area: str, name: str, frequency: str = "monthly",
               super_pact: bool = False, venue: str = "", start: date | None = None) -> SeriesRow:
    require_supervisor(actor, "change the PACT register")
    name = clean_name(name, "name", 120)
    ensure_new(session, PactSeries, name, "name")
    series = PactSeries(area_id=find_area(session, area).id, name=name, venue=clean_text(venue, "venue", 200),
                        frequency=check_frequency(frequency), super_pact=super_pact,
                        start=start or date.today())
    session.add(series)
    session.flush()
    record(session, actor, "create", "pact_series", series.id, after=values_of(series))
    return get_series(session, series.id)


def retire_series(session: Session, actor: Person, name: str, day: date) -> SeriesRow:
    require_supervisor(actor, "change the PACT register")
    series = find_by_name(session, PactSeries, name, "series")
    if day <= series.start:
        raise EngageError(f"date: {day} is not after the series' start, {series.start}", field="date")
    before = values_of(series)
    series.retired = day
    session.flush()
    record(session, actor, "update", "pact_series", series.id, before, values_of(series))
    return get_series(session, series.id)


def _series_query():
    return (select(PactSeries.id, Area.name, PactSeries.name, PactSeries.venue, PactSeries.frequency,
                   PactSeries.super_pact, PactSeries.start, PactSeries.retired)
            .join(Area, Area.id == PactSeries.area_id))


def get_series(session: Session, series_id: int) -> SeriesRow:
    return SeriesRow(*session.execute(_series_query().where(PactSeries.id == series_id)).one())


def list_series(session: Session, on: date | None = None) -> list[SeriesRow]:
    query = _series_query().order_by(func.lower(Area.name), func.lower(PactSeries.name))
    if on is not None:
        query = query.where(_active(on))
    return [SeriesRow(*row) for row in session.execute(query)]


def pact_areas(session: Session, on: date) -> Report:
    """T1: a row per area with its active series and how many are Super PACTs, then TOTAL."""
    rows: list[list[Cell]] = [
        [area, int(count), int(supers) if supers else None]
        for area, count, supers in session.execute(
            select(Area.name, func.count(PactSeries.id),
                   func.sum(case((PactSeries.super_pact, 1), else_=0)))
            .join(PactSeries, PactSeries.area_id == Area.id).where(_active(on))
            .group_by(Area.id, Area.name).order_by(Area.id))]
    rows.append(["TOTAL", sum(r[1] for r in rows), sum(r[2] or 0 for r in rows) or None])
    return Report(name="pact-areas", title=f"PACT meetings by area, as of {on.isoformat()}",
                  columns=[Column("Area"), Column("Number of PACT Meetings", "count"),
                           Column("of which Super PACTs", "count")],
                  rows=rows, period=on.isoformat(),
                  notes=["an area's count includes its Super PACTs"])


def meetings_per_month(session: Session, on: date) -> Decimal:
    """From the register: each active monthly series counts one, each bi-monthly one half."""
    frequencies = session.scalars(select(PactSeries.frequency).where(_active(on)))
    return sum((FREQUENCIES[f] for f in frequencies), Decimal(0))


def pact_cost(session: Session, on: date, meetings: Decimal | None = None,
              hours: Decimal | None = None, rates: dict[str, Decimal] | None = None) -> Report:
    """T2: for each rank with a rate, the hours a year and the annual cost of facilitating PACT."""
    meetings = meetings if meetings is not None else meetings_per_month(session, on)
    hours = hours if hours is not None else positive_decimal(setting(session, "pact.hours_per_meeting",
                                                                     on), "hours")
    given = rates or {}
    rows: list[list[Cell]] = []
    for rank in RANKS:
        stored = setting(session, f"rate.{rank}", on)
        rate = given.get(rank) or (positive_decimal(stored, rank) if stored else None)
        if rate is None:
            continue
        hours_a_year = meetings * 12 * hours
        rows.append([rank.upper() if rank != "inspector" else "Inspector", rate, hours_a_year,
                     (hours_a_year * rate).quantize(MONEY)])
    if not rows:
        raise EngageError("rate: no hourly rate is set; set one with: engage setting set rate.pcso 31.84",
                          field="rate")
    used = ", ".join(f"{r[0]} £{r[1]}" for r in rows)
    return Report(name="pact-cost", title=f"Cost of facilitating PACT a year, as of {on.isoformat()}",
                  columns=[Column("Rank"), Column("Hourly rate (£)", "decimal"),
                           Column("Hours a year", "decimal"), Column("Annual cost (£)", "money")],
                  rows=rows, period=on.isoformat(),
                  notes=[f"{_plain(meetings)} meetings a month × 12 × {_plain(hours)} h a meeting; "
                         f"rates used: {used}"])


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"
