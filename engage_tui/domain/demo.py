"""Demo data: the source reports' figures, so a new user sees every screen filled.

The 2017 entries are split across eight cohesion officers in odd minutes such that T3 prints exactly as
the 2018 report does: each month rounds to its printed figure, November and December are blank, and the
totals are 2350 and 196 — which only totals from exact minutes give (the printed rows add to 2349 and 197).
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from engage_tui.domain import pact, returns, survey
from engage_tui.domain.actor import Actor
from engage_tui.domain.hours import EntryValues
from engage_tui.domain.imports import store_batch
from engage_tui.domain.pact_meetings import PACT_ACTIVITY
from engage_tui.domain.people import add_area, add_person, ensure_locality
from engage_tui.domain.periods import Month
from engage_tui.domain.schedule import due_dates
from engage_tui.domain.vocab import CYP
from engage_tui.store.models import (
    Area,
    Entry,
    ImportBatch,
    IssueTerm,
    PactIssue,
    PactMeeting,
    PactOfficer,
    PactSeries,
    Person,
    Term,
    utcnow,
)

DEMO_SOURCE = "demo: Durham PCP report, 4 January 2018"

# Areas of the 2018 report; which locality each sits in is illustrative (the reports do not say).
# The localities are the 2013 confidence report's, in its order.
LOCALITIES = ("East", "West", "South", "Darlington")
AREAS = {
    "Consett": "West",
    "Stanley": "West",
    "Chester le Street": "East",
    "Durham area": "East",
    "Seaham": "East",
    "Peterlee": "East",
    "Bishop Auckland": "South",
    "Crook": "West",
    "Newton Aycliffe": "South",
    "Spennymoor": "South",
    "Barnard Castle": "West",
    "Darlington": "Darlington",
}

# T1 as printed in the 2018 report (000_… ¶5–6): PACT series by area, 88 in all, Darlington's 9
# including Super PACTs (how many is not printed: two here). Before the 2015–16 review there were 170,
# 90 of them bi-monthly, which is the 125 a month of T2's footnote 1: 80 monthly series kept going, the
# 90 bi-monthly ones retired when the review took effect, and 8 new monthly ones started then.
PACT_SERIES = {
    "Consett": 8,
    "Stanley": 6,
    "Chester le Street": 10,
    "Durham area": 17,
    "Seaham": 4,
    "Peterlee": 7,
    "Bishop Auckland": 9,
    "Crook": 4,
    "Newton Aycliffe": 11,
    "Spennymoor": 2,
    "Barnard Castle": 1,
    "Darlington": 9,
}
PACT_SUPER = {"Darlington": 2}
PACT_BIMONTHLY_BEFORE_REVIEW = 90
PACT_NEW_AT_REVIEW = (
    "Durham area",
    "Newton Aycliffe",
    "Chester le Street",
    "Bishop Auckland",
    "Darlington",
    "Consett",
    "Peterlee",
    "Stanley",
)
"""The areas whose last series started at the review (one each)."""
PACT_START, PACT_REVIEW = date(2013, 4, 1), date(2016, 6, 1)
PACT_SCHEDULES = ("1st mon", "2nd tue", "3rd wed", "last thu", "2nd mon", "3rd tue", "last wed", "1st thu")
# Meetings are recorded up to here, so a screen on the demo's "today" has some due, some missing.
MEETINGS_FROM, MEETINGS_TO = date(2017, 1, 1), date(2017, 10, 13)
ISSUE_TEXTS = {
    "ASB": "youths gathering by the shops",
    "speeding": "cars speeding past the school",
    "parking": "parking on the pavement at school times",
    "drugs": "suspected dealing in the park",
    "fly-tipping": "rubbish dumped in the back lane",
    "off-road bikes": "off-road bikes on the field",
    "dog fouling": "dog fouling on the footpath",
    "noise": "late-night noise from a flat",
}

# T4 as printed in the 2013 report (002_… ¶7): baseline and quarter one 2013-14 for each locality.
SURVEY_PERIODS = ("Baseline", "2013-14 Q1")
SURVEY = """\
CONFIDENCE|6.9 7.4|7.2 7.1|7.0 7.2|6.9 7.2
Community Cohesion|6.6 6.5|6.6 6.8|7.0 6.9|6.8 7.1
Community Control|6.6 6.5|6.6 6.7|6.8 6.7|6.7 6.9
Community Engagement|6.8 6.9|7.0 7.1|6.9 7.0|6.7 6.6
PACT|5.0 4.9|6.1 5.6|6.3 7.2|4.8 5.3
Visibility|4.8 4.6|4.8 5.2|5.0 5.0|4.5 4.7
Police Effectiveness|7.3 7.4|7.4 7.6|7.5 7.6|7.5 7.6
Informed|2.1 2.5|3.3 3.9|3.7 4.2|2.6 3.2
Service Behaviour|7.5 7.5|7.7 7.7|7.8 7.8|7.5 7.7
Co-operation|8.7 8.9|8.8 8.9|8.9 9.1|9.0 9.1
Fear|3.9 3.7|3.3 4.2|3.2 3.5|3.4 4.5
Perception of Crime & ASB|6.6 6.0|5.8 5.6|5.6 5.8|5.3 5.7
Victim of Crime|1.7 1.1|1.3 1.7|1.2 1.3|1.1 1.8
"""

OFFICERS = (
    "Amira Khan",
    "Ben Walton",
    "Carla Nowak",
    "Dev Patel",
    "Ellen Rutherford",
    "Frank Lowes",
    "Grace Okafor",
    "Harry Bell",
)

# Neighbourhood officers (not counted in T3): a PCSO for each area, and four PCs covering three areas
# each, who attend the 2017 PACT meetings with their hours logged, so the actual cost has figures.
PCSOS = (
    "Jo Armstrong",
    "Liam Dodds",
    "Nadia Hussain",
    "Owen Brady",
    "Ruth Lamb",
    "Sam Pickering",
    "Tariq Aziz",
    "Una Marsh",
    "Vera Collins",
    "Wes Forster",
    "Yasmin Reid",
    "Zoe Hedley",
)
PCS = ("Tom Heslop", "Kate Iley", "Matt Greaves", "Priya Shah")

# T3 as printed (whole hours) and the minutes each month sits off it: within ±29 minutes each, so
# every month rounds to its printed figure, and the offsets add to +60 and −60 minutes so that the
# exact totals are 2350 h and 196 h.
PRINTED = {
    1: (246, 32),
    2: (269, 12),
    3: (340, 6),
    4: (317, 21),
    5: (328, 14),
    6: (180, 13),
    7: (291, 43),
    8: (138, 20),
    9: (101, 13),
    10: (139, 23),
}
OFFSETS = {
    1: (7, -7),
    2: (5, -5),
    3: (9, -6),
    4: (3, -4),
    5: (8, -8),
    6: (6, -6),
    7: (4, -5),
    8: (7, -7),
    9: (5, -6),
    10: (6, -6),
}
COMMUNITY_AUDIENCES = (
    "faith groups",
    "Eastern European communities",
    "Gypsy, Roma and Traveller communities",
    "disabled people",
    "LGBT communities",
    "older people",
    "victims of crime",
    "general public",
)
COMMUNITY_ACTIVITIES = (
    "faith group meeting",
    "coffee morning",
    "IAG or scrutiny panel",
    "hate crime awareness event",
    "street surgery",
    "door knocking",
)


def demo_loaded(session: Session) -> bool:
    return session.scalar(select(ImportBatch.id).where(ImportBatch.kind == "demo")) is not None


def load_demo(session: Session, actor: Actor) -> int:
    """Load the demo once (a second call adds nothing); returns the number of entries added."""
    if demo_loaded(session):
        return 0
    areas = _ensure_areas(session, actor)
    officers = _ensure_officers(session, actor, areas)
    entries = list(_entries(session, officers, areas))
    store_batch(session, actor, "demo", DEMO_SOURCE, "demo-2017", entries)
    survey.import_survey_data(session, actor, _survey_csv(), "demo: Durham PCP report, 2013")
    _pact_register(session, actor)
    _pact_meetings(session, actor)
    neighbourhood = _neighbourhood_officers(session, actor)
    attended = _attendance(session, actor, neighbourhood)
    _returns(session, actor, (*OFFICERS, *PCSOS, *PCS))
    return len(entries) + attended


def _pact_register(session: Session, actor: Actor) -> None:
    """The 88 series of the 2018 table (8 of them new at the review), and the 90 bi-monthly series the
    review retired: 170 before it, 125 meetings a month."""
    for area, count in PACT_SERIES.items():
        for n in range(1, count + 1):
            is_super = n <= PACT_SUPER.get(area, 0)
            is_new = n == count and area in PACT_NEW_AT_REVIEW
            pact.add_series(
                session,
                actor,
                area,
                f"{area} {'Super PACT' if is_super else 'PACT'} {n}",
                super_pact=is_super,
                start=PACT_REVIEW if is_new else PACT_START,
                schedule=PACT_SCHEDULES[n % len(PACT_SCHEDULES)],
            )
    areas = list(PACT_SERIES)
    for n in range(PACT_BIMONTHLY_BEFORE_REVIEW):
        area, name = areas[n % len(areas)], f"{areas[n % len(areas)]} PACT (before the review) {n + 1}"
        pact.add_series(session, actor, area, name, frequency="bimonthly", start=PACT_START)
        pact.retire_series(session, actor, name, PACT_REVIEW)


def _pact_meetings(session: Session, actor: Actor) -> None:
    """Each active series' 2017 meetings: most held (a third with fewer than five of the public, as
    the review found), a few cancelled or never recorded; issues raised at some, followed up and
    reported back at the next meeting. Inserted in bulk; who attended is added after."""
    rng = random.Random(2018)
    themes = {
        name: id_
        for id_, name in session.execute(
            select(IssueTerm.id, IssueTerm.name).where(IssueTerm.kind == "theme")
        )
    }
    referrals = list(session.scalars(select(IssueTerm.id).where(IssueTerm.kind == "referral")))
    meetings, raised = [], []
    for series in session.scalars(select(PactSeries).where(PactSeries.retired.is_(None))):
        for day in due_dates(
            series.frequency, series.schedule, series.start, None, MEETINGS_FROM, MEETINGS_TO
        ):
            roll = rng.random()
            if roll < 0.05:
                continue  # never recorded: missing
            cancelled = roll < 0.08
            public = None if cancelled else rng.choice((0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 11, 14, 18, 25))
            meetings.append(
                {
                    "series_id": series.id,
                    "date": day,
                    "cancelled": cancelled,
                    "public": public,
                    "partners": None if cancelled else rng.randint(0, 4),
                    "notes": "",
                    "created_by": actor.id,
                    "created_at": utcnow(),
                }
            )
    connection = session.connection()
    connection.execute(insert(PactMeeting), meetings)
    ids = {
        (m.series_id, m.date): m.id
        for m in session.execute(
            select(PactMeeting.id, PactMeeting.series_id, PactMeeting.date).where(
                PactMeeting.cancelled.is_(False)
            )
        )
    }
    by_series: dict[int, list[tuple[date, int]]] = {}
    for (series_id, day), meeting_id in sorted(ids.items(), key=lambda item: item[0][1]):
        by_series.setdefault(series_id, []).append((day, meeting_id))
    for held in by_series.values():
        for index, (day, meeting_id) in enumerate(held):
            if rng.random() > 0.3:
                continue
            theme = rng.choice(list(ISSUE_TEXTS))
            later = held[index + 1][1] if index + 1 < len(held) else None
            status = (
                rng.choice(("closed", "resolved", "in hand"))
                if later and day.month < 8
                else rng.choice(("open", "in hand"))
            )
            raised.append(
                {
                    "meeting_id": meeting_id,
                    "text": ISSUE_TEXTS[theme],
                    "theme_id": themes[theme],
                    "owner": rng.choice(("PCSO", "PC", "council", "housing officer")),
                    "referral_id": rng.choice(referrals) if rng.random() < 0.4 else None,
                    "status": status,
                    "outcome": "dealt with and reported back" if status in ("closed", "resolved") else "",
                    "reported_back_id": later,
                    "created_by": actor.id,
                    "created_at": utcnow(),
                }
            )
    connection.execute(insert(PactIssue), raised)


def _survey_csv() -> bytes:
    """The printed T4 as an `import survey` file."""
    lines = ["locality,variable,period,score"]
    for line in SURVEY.splitlines():
        variable, *pairs = line.split("|")
        for locality, pair in zip(LOCALITIES, pairs, strict=False):
            for period, score in zip(SURVEY_PERIODS, pair.split(), strict=False):
                lines.append(f'{locality},"{variable}",{period},{score}')
    return ("\n".join(lines) + "\n").encode()


def _returns(session: Session, supervisor: Actor, names: tuple[str, ...]) -> None:
    """January to September 2017 approved; October submitted by every other person, so the Returns
    screen has something to approve and a chase list."""
    for number, name in enumerate(names):
        for month in range(1, 11):
            if month == 10 and number % 2:
                continue
            returns.submit(session, supervisor, Month(2017, month), name)
            if month < 10:
                returns.approve(session, supervisor, name, Month(2017, month))


def _neighbourhood_officers(session: Session, actor: Actor) -> dict[int, list[tuple[int, str]]]:
    """The PCSOs and PCs, as (person id, job) by the id of each area they cover."""
    areas = {name: id_ for id_, name in session.execute(select(Area.id, Area.name))}
    names = list(AREAS)
    cover: dict[int, list[tuple[int, str]]] = {}
    for job, people, span in (("pcso", PCSOS, 1), ("pc", PCS, 3)):
        for i, name in enumerate(people):
            home = names[i * span]
            person = add_person(session, actor, name, "officer", home, job=job)
            for area in names[i * span : (i + 1) * span]:
                cover.setdefault(areas[area], []).append((person.id, job))
    return cover


def _attendance(session: Session, actor: Actor, cover: dict[int, list[tuple[int, str]]]) -> int:
    """The area's PCSO at most held meetings and its PC at some, each for 2–3 hours, logged as their
    entries; returns how many. Inserted in bulk."""
    rng = random.Random(2019)
    activity = session.scalar(select(Term.id).where(Term.kind == "activity", Term.name == PACT_ACTIVITY))
    held = session.execute(
        select(PactMeeting.id, PactMeeting.date, PactSeries.area_id, PactSeries.name)
        .join(PactSeries, PactSeries.id == PactMeeting.series_id)
        .where(PactMeeting.cancelled.is_(False))
        .order_by(PactMeeting.id)
    ).all()
    entries, ranks = [], []
    for meeting in held:
        for person_id, job in cover.get(meeting.area_id, []):
            if rng.random() > (0.85 if job == "pcso" else 0.35):
                continue
            values = EntryValues(
                person_id,
                meeting.date,
                rng.choice((120, 150, 180)),
                "community",
                meeting.area_id,
                None,
                activity,
                f"PACT: {meeting.name}",
            )
            stamp = {"created_by": actor.id, "created_at": utcnow(), "pact_meeting_id": meeting.id}
            entries.append({**values.columns(), **stamp})
            ranks.append({"meeting_id": meeting.id, "officer_id": person_id, "rank": job})
    connection = session.connection()
    connection.execute(insert(Entry), entries)
    connection.execute(insert(PactOfficer), ranks)
    return len(entries)


def _ensure_areas(session: Session, actor: Actor) -> dict[str, int]:
    for locality in LOCALITIES:
        ensure_locality(session, actor, locality)
    have = {name.lower(): id_ for id_, name in session.execute(select(Area.id, Area.name))}
    for name, locality in AREAS.items():
        if name.lower() not in have:
            have[name.lower()] = add_area(session, actor, name, locality).id
    return {name: have[name.lower()] for name in AREAS}


def _ensure_officers(session: Session, actor: Actor, areas: dict[str, int]) -> list[tuple[int, int]]:
    """(person id, home area id) for each demo cohesion officer."""
    names = list(AREAS)
    result = []
    for i, name in enumerate(OFFICERS):
        person = session.scalar(select(Person).where(Person.name == name))
        if person is None:
            added = add_person(
                session, actor, name, "officer", names[i % len(names)], login=name.split()[0].lower()
            )
            person = session.get_one(Person, added.id)
        result.append((person.id, person.area_id or areas[names[i % len(names)]]))
    return result


def _term_ids(session: Session, kind: str, names: tuple[str, ...]) -> list[int]:
    return [
        session.scalars(select(Term.id).where(Term.kind == kind, Term.name.startswith(n))).one()
        for n in names
    ]


def _entries(session: Session, officers: list[tuple[int, int]], areas: dict[str, int]):
    """Each month's exact minutes cut into entries of 45 min to 5.5 h, spread over officers and days."""
    rng = random.Random(2017)
    audiences = _term_ids(session, "audience", COMMUNITY_AUDIENCES)
    activities = _term_ids(session, "activity", COMMUNITY_ACTIVITIES)
    cyp_audience = _term_ids(session, "audience", (CYP,))[0]
    school = _term_ids(session, "activity", ("school session", "mini police", "youth forum"))
    for month, (community, cyp) in PRINTED.items():
        extra_community, extra_cyp = OFFSETS[month]
        for category, total in (
            ("community", community * 60 + extra_community),
            ("cyp", cyp * 60 + extra_cyp),
        ):
            for minutes in _split(rng, total):
                officer_id, area_id = rng.choice(officers)
                day = date(2017, month, rng.randint(1, Month(2017, month).last_day.day))
                if category == "cyp":
                    audience, activity = cyp_audience, rng.choice(school)
                else:
                    audience, activity = rng.choice(audiences), rng.choice(activities)
                yield EntryValues(officer_id, day, minutes, category, area_id, audience, activity, "")


def _split(rng: random.Random, total: int) -> list[int]:
    """Cut `total` minutes into odd-sized pieces of 45 to 330 minutes (the last may be smaller)."""
    pieces = []
    while total > 0:
        piece = min(total, rng.randint(45, 330))
        pieces.append(piece)
        total -= piece
    return pieces
