"""PACT meetings as they happened: attendance, the officers who went (rank and hours), the issues
raised, the earlier issues reported back — or a cancellation. Which were due is `pact_due`; a file of
them is `pact_meeting_import`.

Each officer's hours at a meeting are stored as that officer's engagement entries linked to the
meeting (`Entry.pact_meeting_id`), so time is logged once and every report counts it once; the rank
they attended in (`PactOfficer`) prices the actual cost. Editing a meeting replaces its officers'
entries in the same transaction; deleting it deletes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import ROUND_HALF_UP
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor, check_may_change
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.durations import MAX_MINUTES, parse_hours
from engage_tui.domain.hours import Lookups, delete_linked_entries, log_linked_entry
from engage_tui.domain.jobs import jobs_on
from engage_tui.domain.names import clean_text, find_by_name
from engage_tui.domain.numbers import whole
from engage_tui.domain.periods import parse_date
from engage_tui.domain.settings import DEFAULTS, MAX_PEOPLE, positive_decimal, setting
from engage_tui.domain.tables import Column, Report
from engage_tui.domain.vocab import find_term
from engage_tui.errors import EngageError, NotFound, shown
from engage_tui.store.choices import RANKS
from engage_tui.store.models import Area, Entry, PactIssue, PactMeeting, PactOfficer, PactSeries, Person, Term

PACT_ACTIVITY = "PACT meeting"


@dataclass(frozen=True)
class MeetingDraft:
    """A meeting as typed. `officers` holds `NAME:RANK` or `NAME:RANK:HOURS` (hours default to the
    setting in force that day); `issues` holds `THEME: TEXT`; `reported_back` holds issue ids."""

    series: str
    date: str
    public: str = ""
    partners: str = ""
    officers: tuple[str, ...] = ()
    notes: str = ""
    cancelled: bool = False
    issues: tuple[str, ...] = ()
    reported_back: tuple[int, ...] = ()


@dataclass(frozen=True)
class Attendee:
    officer_id: int
    rank: str
    minutes: int


@dataclass(frozen=True)
class RaisedIssue:
    theme_id: int
    text: str


@dataclass(frozen=True)
class MeetingValues:
    series: PactSeries
    columns: dict[str, Any]
    officers: list[Attendee] = field(default_factory=list)
    issues: list[RaisedIssue] = field(default_factory=list)
    reported_back: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class MeetingRow:
    id: int
    series: str
    area: str
    date: date
    cancelled: bool
    public: int | None
    partners: int | None
    officers: list[tuple[str, str, int]]  # name, rank, minutes
    notes: str
    issues_raised: int

    @property
    def minutes(self) -> int:
        return sum(m for _, _, m in self.officers)


def parse_count(text: str, field: str) -> int | None:
    """A number of people: blank, or a whole number 0 or more."""
    if not text.strip():
        return None
    return whole(text, field, MAX_PEOPLE, what="a number of people")


def check_rank(text: str, field: str = "rank") -> str:
    rank = text.strip().lower()
    if rank not in RANKS:
        raise EngageError(
            f"{field}: {shown(text.strip())} is not a rank; give {', '.join(RANKS)}", field=field
        )
    return rank


def find_series(session: Session, name: str) -> PactSeries:
    return find_by_name(session, PactSeries, name, "series")


def _attendee(lookups: Lookups, text: str, default_minutes: int, jobs: dict[int, str]) -> Attendee:
    """`NAME`, `NAME:RANK`, `NAME:RANK:HOURS` or `NAME::HOURS` (HOURS may be H:MM); with no rank, the
    officer's job on the day where it is a rank (`jobs`: each person's job on the meeting's day)."""
    name, _, rest = text.partition(":")
    rank, _, hours = rest.partition(":")
    if not name.strip():
        raise EngageError(
            f"officers: {shown(text)} is not NAME[:RANK[:HOURS]] (e.g. 'Amira Khan:pcso:3')", field="officers"
        )
    officer = lookups.officer(name)
    if not rank.strip():
        rank = jobs.get(officer.id, "")
        if rank not in RANKS:
            raise EngageError(
                f"officers: {officer.name} is {rank or 'without a job'} on the day, "
                "not a pcso, pc or inspector; give the rank they attended in, as NAME:RANK",
                field="officers",
            )
    minutes = parse_hours(hours, "officers") if hours.strip() else default_minutes
    return Attendee(officer.id, check_rank(rank, "officers"), minutes)


def _raised(session: Session, text: str) -> RaisedIssue:
    theme, colon, words = text.partition(":")
    if not colon or not theme.strip() or not words.strip():
        raise EngageError(
            f"issues: {shown(text)} is not THEME: TEXT (e.g. 'speeding: cars on Front St')", field="issues"
        )
    return RaisedIssue(find_term(session, "theme", theme).id, clean_text(words, "issues"))


def _check_day(series: PactSeries, day: date) -> None:
    if day < series.start:
        raise EngageError(f"date: {day} is before {series.name} started ({series.start})", field="date")
    if series.retired and day >= series.retired:
        raise EngageError(f"date: {day} is after {series.name} retired ({series.retired})", field="date")


def default_minutes(session: Session, day: date) -> int:
    text = setting(session, "pact.hours_per_meeting", day) or DEFAULTS["pact.hours_per_meeting"]
    minutes = int((positive_decimal(text, "hours") * 60).to_integral_value(ROUND_HALF_UP))
    if not 1 <= minutes <= MAX_MINUTES:
        raise EngageError(
            f"officers: the pact.hours_per_meeting setting ({text}) is not 1 minute to 24 hours; "
            "give each officer's hours as NAME:RANK:HOURS",
            field="officers",
        )
    return minutes


def check_meeting(
    session: Session,
    draft: MeetingDraft,
    today: date,
    meeting_id: int | None = None,
    import_id: int | None = None,
) -> MeetingValues:
    """Every field checked; the first refusal names its field, row and value. `today` is the front
    end's (a frozen day in tests), which a held meeting may not be after."""
    series = find_series(session, draft.series)
    day = parse_date(draft.date)
    _check_day(series, day)
    clash = session.execute(
        select(PactMeeting.id, PactMeeting.import_id).where(
            PactMeeting.series_id == series.id, PactMeeting.date == day
        )
    ).first()
    if clash is not None and clash.id != meeting_id:
        where = (
            "on an earlier row of this file"
            if import_id and clash.import_id == import_id
            else f"(id {clash.id})"
        )
        raise EngageError(f"date: {series.name} already has a meeting on {day} {where}", field="date")
    public, partners = parse_count(draft.public, "public"), parse_count(draft.partners, "partners")
    columns = {
        "series_id": series.id,
        "date": day,
        "cancelled": draft.cancelled,
        "public": public,
        "partners": partners,
        "notes": clean_text(draft.notes, "notes"),
    }
    if draft.cancelled:  # nobody came: blank or 0 (as a spreadsheet row has it) is stored as none
        columns |= {"public": None, "partners": None}
        given = [
            name
            for name, value in (
                ("public", public or None),
                ("partners", partners or None),
                ("officers", any(o.strip() for o in draft.officers)),
                ("issues", any(i.strip() for i in draft.issues)),
                ("reported_back", bool(draft.reported_back)),
            )
            if value is not None and value is not False
        ]
        if given:
            raise EngageError(f"{given[0]}: a cancelled meeting has no {given[0]}", field=given[0])
        return MeetingValues(series, columns)
    if public is None:
        raise EngageError("public: give the public attendance (0 or more)", field="public")
    if day > today:
        raise EngageError(
            f"date: {day} is after today, so the meeting has not been held yet; record it "
            "once it has (or record a cancellation)",
            field="date",
        )
    lookups, minutes = Lookups(session), default_minutes(session, day)
    listed = [text for text in draft.officers if text.strip()]
    jobs = jobs_on(session, day) if listed else {}  # a rank left out is the job on the day
    officers = [_attendee(lookups, text, minutes, jobs) for text in listed]
    seen: set[int] = set()
    for text, officer in zip(listed, officers, strict=False):
        if officer.officer_id in seen:
            raise EngageError(
                f"officers: {shown(text.partition(':')[0].strip())} is listed twice; give each officer once",
                field="officers",
            )
        seen.add(officer.officer_id)
    issues = [_raised(session, text) for text in draft.issues if text.strip()]
    reported = [
        _reportable(session, series, day, issue_id, meeting_id)
        for issue_id in dict.fromkeys(draft.reported_back)
    ]
    return MeetingValues(series, columns, officers, issues, reported)


def _reportable(
    session: Session, series: PactSeries, day: date, issue_id: int, meeting_id: int | None
) -> int:
    raised = session.execute(
        select(PactMeeting.series_id, PactMeeting.date, PactMeeting.id)
        .join(PactIssue, PactIssue.meeting_id == PactMeeting.id)
        .where(PactIssue.id == issue_id)
    ).first()
    if raised is None:
        raise NotFound(f"reported_back: there is no issue {issue_id}", field="reported_back")
    if raised.series_id != series.id or raised.date >= day or raised.id == meeting_id:
        raise EngageError(
            f"reported_back: issue {issue_id} was not raised at an earlier meeting of {series.name}",
            field="reported_back",
        )
    return issue_id


def _store_officers(
    session: Session,
    actor: Actor,
    meeting_id: int,
    values: MeetingValues,
    previous: dict[int, Attendee],
    moved: bool,
) -> None:
    """The officers' hours as their entries (in open months, logged by someone allowed to) and their
    ranks. An officer whose hours, day and place are unchanged keeps the entry they had, so
    correcting a meeting's notes does not touch a month that has since been approved."""
    kept = (
        set()
        if moved
        else {
            a.officer_id
            for a in values.officers
            if a.officer_id in previous and previous[a.officer_id].minutes == a.minutes
        }
    )
    for old in previous.values():
        if old.officer_id not in kept:
            _drop_officer(session, actor, meeting_id, old)
    day, series = values.columns["date"], values.series
    activity = session.scalar(select(Term.id).where(Term.kind == "activity", Term.name == PACT_ACTIVITY))
    for a in values.officers:
        if a.officer_id in kept:
            _set_rank(session, actor, meeting_id, a.officer_id, previous[a.officer_id].rank, a.rank)
            continue
        log_linked_entry(
            session,
            actor,
            a.officer_id,
            day,
            a.minutes,
            category="community",
            area_id=series.area_id,
            activity_id=activity,
            notes=f"PACT: {series.name}",
            pact_meeting_id=meeting_id,
        )
        _set_rank(session, actor, meeting_id, a.officer_id, None, a.rank)


def _drop_officer(session: Session, actor: Actor, meeting_id: int, attendee: Attendee) -> None:
    delete_linked_entries(
        session, actor, Entry.pact_meeting_id == meeting_id, Entry.officer_id == attendee.officer_id
    )
    _set_rank(session, actor, meeting_id, attendee.officer_id, attendee.rank, None)


def _set_rank(
    session: Session, actor: Actor, meeting_id: int, officer_id: int, before: str | None, after: str | None
) -> None:
    """Add, change or remove the rank an officer attended in, audited (nothing when unchanged)."""
    if before == after:
        return
    key = {"meeting_id": meeting_id, "officer_id": officer_id}
    if before is None:
        session.add(PactOfficer(**key, rank=after))
    elif after is None:
        session.execute(delete(PactOfficer).filter_by(**key))
    else:
        session.execute(update(PactOfficer).filter_by(**key).values(rank=after))
    action = "create" if before is None else "delete" if after is None else "update"
    record(
        session,
        actor,
        action,
        "pact_officers",
        meeting_id,
        before=None if before is None else key | {"rank": before},
        after=None if after is None else key | {"rank": after},
    )


def _store_issues(session: Session, actor: Actor, meeting_id: int, values: MeetingValues) -> None:
    for raised in values.issues:
        issue = PactIssue(
            meeting_id=meeting_id, text=raised.text, theme_id=raised.theme_id, created_by=actor.id
        )
        session.add(issue)
        session.flush()
        record(session, actor, "create", "pact_issues", issue.id, after=values_of(issue))


def _set_reported_back(session: Session, actor: Actor, meeting_id: int, issue_ids: set[int]) -> None:
    """Exactly `issue_ids` are the issues reported back at the meeting; each stamp and each one
    taken off is audited with what it was."""
    heard = set(session.scalars(select(PactIssue.id).where(PactIssue.reported_back_id == meeting_id)))
    stamps: list[tuple[int, int | None, int | None]] = [
        (i, None, meeting_id) for i in sorted(issue_ids - heard)
    ]
    stamps += [(i, meeting_id, None) for i in sorted(heard - issue_ids)]
    for issue_id, _before, after in stamps:
        previous = session.scalar(select(PactIssue.reported_back_id).where(PactIssue.id == issue_id))
        session.execute(update(PactIssue).where(PactIssue.id == issue_id).values(reported_back_id=after))
        record(
            session,
            actor,
            "update",
            "pact_issues",
            issue_id,
            before={"reported_back_id": previous},
            after={"reported_back_id": after},
        )


def add_meeting(
    session: Session,
    actor: Actor,
    draft: MeetingDraft,
    import_id: int | None = None,
    today: date | None = None,
) -> int:
    """Record a meeting (or its cancellation); returns its id."""
    values = check_meeting(session, draft, today or date.today(), import_id=import_id)
    meeting = PactMeeting(**values.columns, import_id=import_id, created_by=actor.id)
    session.add(meeting)
    session.flush()
    record(session, actor, "create", "pact_meetings", meeting.id, after=values_of(meeting))
    _store_officers(session, actor, meeting.id, values, {}, moved=False)
    _store_issues(session, actor, meeting.id, values)
    _set_reported_back(session, actor, meeting.id, set(values.reported_back))
    return meeting.id


def _meeting(session: Session, meeting_id: int) -> PactMeeting:
    meeting = session.get(PactMeeting, meeting_id)
    if meeting is None:
        raise NotFound(f"id: there is no PACT meeting {meeting_id}", field="id")
    return meeting


def _attendees(session: Session, meeting_id: int) -> dict[int, Attendee]:
    """The officers at a stored meeting, with their ranks and the minutes their entries hold."""
    rows = session.execute(
        select(PactOfficer.officer_id, PactOfficer.rank, Entry.minutes)
        .join(
            Entry,
            (Entry.pact_meeting_id == PactOfficer.meeting_id) & (Entry.officer_id == PactOfficer.officer_id),
        )
        .where(PactOfficer.meeting_id == meeting_id)
    )
    return {officer_id: Attendee(officer_id, rank, minutes) for officer_id, rank, minutes in rows}


def _check_heard_later(session: Session, meeting_id: int, values: MeetingValues) -> None:
    """An issue raised at this meeting and reported back at a later one stays raised before it."""
    for issue_id, series_id, day in session.execute(
        select(PactIssue.id, PactMeeting.series_id, PactMeeting.date)
        .join(PactMeeting, PactMeeting.id == PactIssue.reported_back_id)
        .where(PactIssue.meeting_id == meeting_id)
    ):
        if series_id != values.series.id:
            raise EngageError(
                f"series: issue {issue_id}, raised at this meeting, was reported back at a "
                "meeting of another series; the meeting stays in its series",
                field="series",
            )
        if day <= values.columns["date"]:
            raise EngageError(
                f"date: issue {issue_id}, raised at this meeting, was reported back on {day}; "
                f"the meeting must be before that",
                field="date",
            )


def draft_of(session: Session, meeting_id: int) -> MeetingDraft:
    """The stored meeting as a draft, with the issues reported back at it (issues raised are kept
    apart: they have lives of their own)."""
    row = get_meeting(session, meeting_id)
    count = lambda value: "" if value is None else str(value)  # noqa: E731
    heard = session.scalars(
        select(PactIssue.id).where(PactIssue.reported_back_id == meeting_id).order_by(PactIssue.id)
    )
    return MeetingDraft(
        row.series,
        row.date.isoformat(),
        count(row.public),
        count(row.partners),
        tuple(f"{n}:{r}:{m // 60}:{m % 60:02d}" for n, r, m in row.officers),  # H:MM
        row.notes,
        row.cancelled,
        reported_back=tuple(heard),
    )


def edit_meeting(
    session: Session, actor: Actor, meeting_id: int, changes: dict[str, Any], today: date | None = None
) -> MeetingRow:
    """Change the given fields, in this transaction: officers whose time changes get new entries,
    the others keep theirs; new `issues` are added (those already raised stay as they are);
    `reported_back` replaces the issues heard at it. Marking a held meeting cancelled drops its
    attendance, officers' time and issues heard; `cancelled=False` with attendance records a
    cancelled one as held after all."""
    unknown = set(changes) - {f.name for f in fields(MeetingDraft)}
    if unknown:
        raise EngageError(f"field: cannot change {', '.join(sorted(unknown))}", field="field")
    meeting = _meeting(session, meeting_id)
    check_may_change(actor, f"PACT meeting {meeting_id}", meeting.created_by, _attendees(session, meeting_id))
    stored = draft_of(session, meeting_id)
    if changes.get("cancelled") and not stored.cancelled:  # cancelling drops what only a held one has
        stored = replace(stored, public="", partners="", officers=(), reported_back=())
    values = check_meeting(session, replace(stored, **changes), today or date.today(), meeting_id)
    if (
        values.columns["cancelled"]
        and session.scalar(select(PactIssue.id).where(PactIssue.meeting_id == meeting_id).limit(1))
        is not None
    ):
        raise EngageError("cancelled: issues were raised at this meeting, so it was held", field="cancelled")
    _check_heard_later(session, meeting_id, values)
    before = values_of(meeting)
    moved = (meeting.date, meeting.series_id) != (values.columns["date"], values.series.id)
    for name, value in values.columns.items():
        setattr(meeting, name, value)
    session.flush()
    record(session, actor, "update", "pact_meetings", meeting_id, before, values_of(meeting))
    _store_officers(session, actor, meeting_id, values, _attendees(session, meeting_id), moved)
    _store_issues(session, actor, meeting_id, values)
    _set_reported_back(session, actor, meeting_id, set(values.reported_back))
    return get_meeting(session, meeting_id)


def check_deletable(session: Session, meeting_id: int) -> MeetingRow:
    """The meeting, or the refusal to delete it while issues raised at it are on record (a front end
    can say so before asking "are you sure")."""
    row = get_meeting(session, meeting_id)
    if row.issues_raised:
        raise EngageError(
            f"id: {row.issues_raised} issue(s) were raised at meeting {meeting_id}, so it "
            "stays on record; edit it, or delete those issues first if they were recorded "
            "by mistake",
            field="id",
        )
    return row


def delete_meeting(session: Session, actor: Actor, meeting_id: int) -> MeetingRow:
    """Delete a meeting and its officers' time; refused while issues raised at it are on record."""
    row = check_deletable(session, meeting_id)
    meeting = _meeting(session, meeting_id)
    check_may_change(actor, f"PACT meeting {meeting_id}", meeting.created_by, _attendees(session, meeting_id))
    for attendee in _attendees(session, meeting_id).values():
        _drop_officer(session, actor, meeting_id, attendee)
    _set_reported_back(session, actor, meeting_id, set())
    record(session, actor, "delete", "pact_meetings", meeting_id, before=values_of(meeting))
    session.execute(delete(PactMeeting).where(PactMeeting.id == meeting_id))
    return row


def _rows(session: Session, where: list) -> list[MeetingRow]:
    raised = select(PactIssue.meeting_id, func.count().label("n")).group_by(PactIssue.meeting_id).subquery()
    meetings = session.execute(
        select(PactMeeting, PactSeries.name, Area.name, raised.c.n)
        .join(PactSeries, PactSeries.id == PactMeeting.series_id)
        .join(Area, Area.id == PactSeries.area_id)
        .outerjoin(raised, raised.c.meeting_id == PactMeeting.id)
        .where(*where)
        .order_by(PactMeeting.date, func.lower(PactSeries.name))
    ).all()
    ids = [m.id for m, *_ in meetings]
    officers: dict[int, list[tuple[str, str, int]]] = {}
    for meeting_id, name, rank, minutes in session.execute(
        select(PactOfficer.meeting_id, Person.name, PactOfficer.rank, Entry.minutes)
        .join(Person, Person.id == PactOfficer.officer_id)
        .join(
            Entry,
            (Entry.pact_meeting_id == PactOfficer.meeting_id) & (Entry.officer_id == PactOfficer.officer_id),
        )
        .where(PactOfficer.meeting_id.in_(ids))
        .order_by(Person.name)
    ):
        officers.setdefault(meeting_id, []).append((name, rank, minutes))
    return [
        MeetingRow(
            m.id,
            series,
            area,
            m.date,
            m.cancelled,
            m.public,
            m.partners,
            officers.get(m.id, []),
            m.notes,
            n or 0,
        )
        for m, series, area, n in meetings
    ]


def get_meeting(session: Session, meeting_id: int) -> MeetingRow:
    rows = _rows(session, [PactMeeting.id == meeting_id])
    if not rows:
        raise NotFound(f"id: there is no PACT meeting {meeting_id}", field="id")
    return rows[0]


def list_meetings(
    session: Session,
    start: date | None = None,
    end: date | None = None,
    area: str | None = None,
    series: str | None = None,
    below: int | None = None,
) -> list[MeetingRow]:
    """Meetings by day; `below` keeps those held with fewer of the public than that."""
    where = [PactMeeting.public < below] if below is not None else []
    if start:
        where.append(PactMeeting.date >= start)
    if end:
        where.append(PactMeeting.date <= end)
    if area:
        where.append(PactSeries.area_id == Lookups(session).area_id(area))
    if series:
        where.append(PactMeeting.series_id == find_series(session, series).id)
    return _rows(session, where)


def meetings_report(meetings: list[MeetingRow], start: date, end: date) -> Report:
    """The meetings recorded as a report: attendance, officers and issues raised, one row each."""
    return Report(
        name="pact-meetings",
        title=f"PACT meetings recorded, {start} to {end}",
        columns=[
            Column("Date", "date"),
            Column("Series"),
            Column("Area"),
            Column("Public", "count"),
            Column("Partners", "count"),
            Column("Officers"),
            Column("Issues raised", "count"),
            Column("Cancelled"),
        ],
        rows=[
            [
                m.date,
                m.series,
                m.area,
                m.public,
                m.partners,
                "; ".join(f"{n} ({r})" for n, r, _ in m.officers),
                m.issues_raised or None,
                "yes" if m.cancelled else "",
            ]
            for m in meetings
        ],
        period=f"{start}_{end}",
    )
