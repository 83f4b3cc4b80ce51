"""Which PACT meetings were due, and what became of each: held, cancelled, missing or upcoming.

The schedules (`schedule.due_dates`) say when a series should meet; the meetings recorded say when
it did. A recorded meeting within half a cycle of a due day counts as that one (meetings move a week
or two), and as one only; a recorded meeting that matched no due day is "extra".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engage_tui.domain.hours import Lookups
from engage_tui.domain.schedule import WINDOW, due_dates
from engage_tui.domain.tables import Column, Report
from engage_tui.store.models import Area, PactMeeting, PactSeries


@dataclass(frozen=True)
class DueMeeting:
    """A meeting the schedule expected: held, cancelled, missing (past, not recorded) or upcoming."""

    series: str
    area: str
    date: date
    state: str
    meeting_id: int | None = None


DUE_BACK, DUE_AHEAD = timedelta(days=90), timedelta(days=62)
"""The default view of what is due: the last three months, and the next two."""


def due_window(today: date) -> tuple[date, date]:
    return today - DUE_BACK, today + DUE_AHEAD


def due_meetings(
    session: Session, start: date, end: date, today: date, area: str | None = None
) -> list[DueMeeting]:
    """Every meeting the schedules expected from `start` to `end`, with what became of it, plus any
    recorded meeting that matched none ("extra"), matched as the module says: the nearest pairs first."""
    where = [PactSeries.start <= end, or_(PactSeries.retired.is_(None), PactSeries.retired > start)]
    if area:
        where.append(PactSeries.area_id == Lookups(session).area_id(area))
    series = session.execute(
        select(PactSeries, Area.name).join(Area, Area.id == PactSeries.area_id).where(*where)
    ).all()
    recorded: dict[int, list[tuple[date, bool, int]]] = {}
    for series_id, day, cancelled, meeting_id in session.execute(
        select(PactMeeting.series_id, PactMeeting.date, PactMeeting.cancelled, PactMeeting.id).where(
            PactMeeting.date.between(start - timedelta(days=31), end + timedelta(days=31))
        )
    ):
        recorded.setdefault(series_id, []).append((day, cancelled, meeting_id))
    due: list[DueMeeting] = []
    for s, area_name in series:
        days = due_dates(s.frequency, s.schedule, s.start, s.retired, start, end)
        meetings = recorded.get(s.id, [])
        matched = _match(days, [m[0] for m in meetings], WINDOW[s.frequency])
        for i, day in enumerate(days):
            if i in matched:
                _, cancelled, meeting_id = meetings[matched[i]]
                due.append(
                    DueMeeting(s.name, area_name, day, "cancelled" if cancelled else "held", meeting_id)
                )
            else:
                due.append(DueMeeting(s.name, area_name, day, "upcoming" if day >= today else "missing"))
        due.extend(
            DueMeeting(s.name, area_name, day, "cancelled" if cancelled else "extra", meeting_id)
            for j, (day, cancelled, meeting_id) in enumerate(meetings)
            if j not in matched.values() and start <= day <= end
        )
    return sorted(due, key=lambda d: (d.date, d.area.lower(), d.series.lower()))


def due_report(due: list[DueMeeting], start: date, end: date) -> Report:
    """The due list as a report, to export what the Due tab shows."""
    return Report(
        name="pact-due",
        title=f"PACT meetings due, {start} to {end}",
        columns=[
            Column("Date", "date"),
            Column("Area"),
            Column("Series"),
            Column("State"),
            Column("Meeting", "count"),
        ],
        rows=[[d.date, d.area, d.series, d.state, d.meeting_id] for d in due],
        period=f"{start}_{end}",
    )


def _match(due: list[date], held: list[date], window: int) -> dict[int, int]:
    """Pair due days with recorded days (indexes), each used once, nearest pairs first."""
    pairs = sorted(
        (abs((h - d).days), i, j)
        for i, d in enumerate(due)
        for j, h in enumerate(held)
        if abs((h - d).days) <= window
    )
    matched: dict[int, int] = {}
    for _, i, j in pairs:
        if i not in matched and j not in matched.values():
            matched[i] = j
    return matched
