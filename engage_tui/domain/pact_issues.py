"""Issues residents raise at PACT meetings, followed up until they are reported back and closed.

An issue has a theme, an owner, a referral (LMAP, AAP, council…), a status and an outcome. It is
"to report back" at the series' next meeting while it is open or in hand, or once resolved or closed
until a meeting has heard so — so none is forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from engage_tui.domain.actor import Actor, check_may_change
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.hours import Lookups
from engage_tui.domain.names import clean_name, clean_text
from engage_tui.domain.pact_meetings import find_series
from engage_tui.domain.periods import parse_date
from engage_tui.domain.tables import Cell, Column, Report, column_total, number_of
from engage_tui.domain.vocab import find_term
from engage_tui.errors import EngageError, NotFound, shown
from engage_tui.store.choices import ISSUE_STATES
from engage_tui.store.models import Area, IssueTerm, PactIssue, PactMeeting, PactSeries

OPEN_STATES = ("open", "in hand")
CHANGEABLE = ("text", "theme", "owner", "referral", "status", "outcome", "reported_back")


@dataclass(frozen=True)
class IssueRow:
    id: int
    area: str
    series: str
    raised: date
    theme: str
    text: str
    owner: str
    referral: str | None  # its short form (LMAP) where it has one
    status: str
    outcome: str
    reported_back: date | None


def check_status(text: str) -> str:
    status = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    if status not in ISSUE_STATES:
        raise EngageError(
            f"status: {shown(text.strip())} is not a status; give {', '.join(ISSUE_STATES)}", field="status"
        )
    return status


def _meeting_on(session: Session, series: PactSeries, day: date, field: str) -> PactMeeting:
    meeting = session.scalar(
        select(PactMeeting).where(PactMeeting.series_id == series.id, PactMeeting.date == day)
    )
    if meeting is None:
        raise NotFound(f"{field}: {series.name} has no meeting on {day}; record it first", field=field)
    if meeting.cancelled:
        raise EngageError(f"{field}: the meeting of {series.name} on {day} was cancelled", field=field)
    return meeting


def _issue_text(text: str) -> str:
    return clean_name(text, "text", 2000, needed="the issue's text")


def _referral_id(session: Session, text: str) -> int | None:
    return find_term(session, "referral", text).id if text.strip() else None


def add_issue(
    session: Session,
    actor: Actor,
    series: str,
    day: str,
    text: str,
    theme: str,
    owner: str = "",
    referral: str = "",
    status: str = "open",
    outcome: str = "",
) -> int:
    """An issue raised at the series' meeting on `day`; returns its id."""
    found = find_series(session, series)
    meeting = _meeting_on(session, found, parse_date(day), "date")
    issue = PactIssue(
        meeting_id=meeting.id,
        text=_issue_text(text),
        theme_id=find_term(session, "theme", theme).id,
        owner=clean_text(owner, "owner", 120),
        referral_id=_referral_id(session, referral),
        status=check_status(status),
        outcome=clean_text(outcome, "outcome"),
        created_by=actor.id,
    )
    session.add(issue)
    session.flush()
    record(session, actor, "create", "pact_issues", issue.id, after=values_of(issue))
    return issue.id


def update_issue(session: Session, actor: Actor, issue_id: int, changes: dict[str, str]) -> IssueRow:
    """Change the given fields; `reported_back` is the day of a later meeting of the same series."""
    unknown = set(changes) - set(CHANGEABLE)
    if unknown:
        raise EngageError(f"field: cannot change {', '.join(sorted(unknown))}", field="field")
    issue = session.get(PactIssue, issue_id)
    if issue is None:
        raise NotFound(f"id: there is no PACT issue {issue_id}", field="id")
    check_may_change(actor, f"issue {issue_id}", issue.created_by)  # as for deleting it
    before = values_of(issue)
    setters = {
        "text": lambda v: setattr(issue, "text", _issue_text(v)),
        "theme": lambda v: setattr(issue, "theme_id", find_term(session, "theme", v).id),
        "owner": lambda v: setattr(issue, "owner", clean_text(v, "owner", 120)),
        "referral": lambda v: setattr(issue, "referral_id", _referral_id(session, v)),
        "status": lambda v: setattr(issue, "status", check_status(v)),
        "outcome": lambda v: setattr(issue, "outcome", clean_text(v, "outcome")),
        "reported_back": lambda v: setattr(issue, "reported_back_id", _reported_at(session, issue, v)),
    }
    for name, value in changes.items():
        setters[name](value)
    session.flush()
    record(session, actor, "update", "pact_issues", issue_id, before, values_of(issue))
    return get_issue(session, issue_id)


def delete_issue(session: Session, actor: Actor, issue_id: int) -> IssueRow:
    """Take off an issue recorded by mistake (the audit trail keeps what it was), so that a meeting
    recorded by mistake can be deleted once its issues are."""
    row = get_issue(session, issue_id)
    issue = session.get_one(PactIssue, issue_id)
    check_may_change(actor, f"issue {issue_id}", issue.created_by)
    if row.reported_back is not None:
        raise EngageError(
            f"id: issue {issue_id} was reported back on {row.reported_back}, so it is part of "
            "the record; change its status instead",
            field="id",
        )
    record(session, actor, "delete", "pact_issues", issue_id, before=values_of(issue))
    session.delete(issue)
    session.flush()
    return row


def _reported_at(session: Session, issue: PactIssue, text: str) -> int | None:
    if not text.strip():
        return None
    raised = session.get_one(PactMeeting, issue.meeting_id)
    series = session.get_one(PactSeries, raised.series_id)
    meeting = _meeting_on(session, series, parse_date(text, "reported_back"), "reported_back")
    if meeting.date <= raised.date:
        raise EngageError(
            f"reported_back: {meeting.date} is not after the meeting that raised it ({raised.date})",
            field="reported_back",
        )
    return meeting.id


def _query():
    theme, referral, back = aliased(IssueTerm), aliased(IssueTerm), aliased(PactMeeting)
    return (
        select(
            PactIssue.id,
            Area.name,
            PactSeries.name,
            PactMeeting.date,
            theme.name,
            PactIssue.text,
            PactIssue.owner,
            func.coalesce(referral.short, referral.name),
            PactIssue.status,
            PactIssue.outcome,
            back.date,
        )
        .join(PactMeeting, PactMeeting.id == PactIssue.meeting_id)
        .join(PactSeries, PactSeries.id == PactMeeting.series_id)
        .join(Area, Area.id == PactSeries.area_id)
        .join(theme, theme.id == PactIssue.theme_id)
        .outerjoin(referral, referral.id == PactIssue.referral_id)
        .outerjoin(back, back.id == PactIssue.reported_back_id)
        .order_by(PactMeeting.date.desc(), PactIssue.id.desc())
    )


def get_issue(session: Session, issue_id: int) -> IssueRow:
    row = session.execute(_query().where(PactIssue.id == issue_id)).first()
    if row is None:
        raise NotFound(f"id: there is no PACT issue {issue_id}", field="id")
    return IssueRow(*row)


def list_issues(
    session: Session, area: str | None = None, status: str | None = None, series: str | None = None
) -> list[IssueRow]:
    """Newest first; `status` is one of the states, or `open` for open and in hand together."""
    query = _query()
    if area:
        query = query.where(PactSeries.area_id == Lookups(session).area_id(area))
    if series:
        query = query.where(PactSeries.id == find_series(session, series).id)
    if status:
        wanted = check_status(status)
        query = query.where(
            PactIssue.status.in_(OPEN_STATES) if wanted == "open" else PactIssue.status == wanted
        )
    return [IssueRow(*row) for row in session.execute(query)]


def to_report_back(
    session: Session, series: str, before: date, heard_at: int | None = None
) -> list[IssueRow]:
    """The series' issues raised before `before` that its next meeting should report back on, and
    (editing a meeting) those already reported back at `heard_at`."""
    query = _query().where(
        PactSeries.id == find_series(session, series).id,
        PactMeeting.date < before,
        or_(
            PactIssue.status.in_(OPEN_STATES),
            PactIssue.reported_back_id.is_(None),
            PactIssue.reported_back_id == heard_at,
        ),
    )
    return [IssueRow(*row) for row in session.execute(query)]


def issues_report(issues: list[IssueRow], which: str) -> Report:
    """Issues as listed (filtered by status or area), every field whole, for a CSV return."""
    return Report(
        name="pact-issue-list",
        title=f"PACT issues: {which}",
        columns=[
            Column("Raised", "date"),
            *(
                Column(title)
                for title in ("Area", "Series", "Theme", "Issue", "Owner", "Referral", "Status", "Outcome")
            ),
            Column("Reported back", "date"),
        ],
        rows=[
            [
                i.raised,
                i.area,
                i.series,
                i.theme,
                i.text,
                i.owner,
                i.referral,
                i.status,
                i.outcome,
                i.reported_back,
            ]
            for i in issues
        ],
        period=which,
    )


def issues_by_area(
    session: Session, by: str = "area", start: date | None = None, end: date | None = None
) -> Report:
    """Issues per area (or per series, for a review of each meeting series) by status, with TOTAL:
    the at-a-glance view of what is still open where. Given `start` and `end`, only the issues
    raised at meetings on those days (a panel pack's period), each under the status it has now."""
    if by not in ("area", "series"):
        raise EngageError(f"by: {shown(by)} is not a grouping; give area or series", field="by")
    label = Area.name if by == "area" else PactSeries.name
    query = (
        select(label, PactIssue.status, func.count(PactIssue.id))
        .select_from(PactIssue)
        .join(PactMeeting, PactMeeting.id == PactIssue.meeting_id)
        .join(PactSeries, PactSeries.id == PactMeeting.series_id)
        .join(Area, Area.id == PactSeries.area_id)
        .group_by(label, PactIssue.status)
    )
    if start is not None and end is not None:
        query = query.where(PactMeeting.date.between(start, end))
    counts = {(group, status): int(n) for group, status, n in session.execute(query)}
    groups = sorted({group for group, _ in counts}, key=str.lower)
    rows: list[list[Cell]] = [
        [
            group,
            *(counts.get((group, s)) for s in ISSUE_STATES),
            sum(counts.get((group, s), 0) for s in ISSUE_STATES),
        ]
        for group in groups
    ]
    rows.append(["TOTAL", *(column_total([r[i] for r in rows]) for i in range(1, len(ISSUE_STATES) + 2))])
    spanned = start is not None and end is not None
    return Report(
        name="pact-issues",
        title=f"PACT issues by {by} and status" + (f", raised {start} to {end}" if spanned else ""),
        columns=[
            Column(by.capitalize()),
            *(Column(s.capitalize(), "count") for s in ISSUE_STATES),
            Column("Total", "count"),
        ],
        rows=rows,
        period=f"{by}-{start}_{end}" if spanned else by,
        notes=["each issue counts under the status it has now, not the status it had at the period's end"]
        if spanned
        else [],
    )


def open_by_area(report: Report) -> list[tuple[str, int]]:
    """(area, open or in hand) from `issues_by_area`, most first, areas with none left out."""
    counted = [(str(row[0]), int(number_of(row[1])) + int(number_of(row[2]))) for row in report.rows[:-1]]
    return sorted([c for c in counted if c[1]], key=lambda c: (-c[1], c[0].lower()))
