"""Whatever is typed or pasted into a field, every parser and check a form or an Ask dialog uses
returns a value or refuses with an EngageError of one short line — never a ValueError, an
OverflowError or a minute's work — so the TUI (which catches only refusals) stays up."""

import time
from dataclasses import replace
from datetime import date

import pytest

from engage_tui.domain.durations import parse_hours
from engage_tui.domain.entries import EntryDraft, check_category
from engage_tui.domain.events import EventDraft, check_event
from engage_tui.domain.hours import Lookups, check_draft
from engage_tui.domain.pact import add_series, check_frequency
from engage_tui.domain.pact_issues import add_issue, check_status, update_issue
from engage_tui.domain.pact_meetings import MeetingDraft, add_meeting, check_meeting, check_rank, parse_count
from engage_tui.domain.people import add_area, add_person
from engage_tui.domain.periods import Month, parse_date, parse_period, parse_range
from engage_tui.domain.returns import check_reason
from engage_tui.domain.schedule import parse_schedule
from engage_tui.domain.settings import check_key, check_value
from engage_tui.domain.survey import parse_score
from engage_tui.errors import EngageError
from tests.conftest import sup

HOSTILE = {
    "5,000 digits": "9" * 5000,
    "control characters": "\x00\x07\x08\x1b[31mred\x7f\x85\u2028",
    "1 MB of text": "engage " * 150_000,
    "other scripts' digits": "٣𝟑１²",
    "a number past int()'s limit with a point": "1." + "5" * 5000,
}
SECONDS = 2.0


def survives(call, value: str):
    """Run one parse; return what it made, or None when it refused as a refusal should."""
    started = time.perf_counter()
    try:
        return call(value)
    except EngageError as refusal:
        assert all(len(line) < 400 for line in refusal.lines()), refusal.lines()
        assert "\x00" not in refusal.message and "\x1b" not in refusal.message
        return None
    finally:
        assert time.perf_counter() - started < SECONDS


PARSERS = {
    "Month.parse": Month.parse,
    "parse_date": parse_date,
    "parse_period": parse_period,
    "parse_range from": lambda v: parse_range(v, None),
    "parse_range to": lambda v: parse_range(None, v),
    "parse_hours": parse_hours,
    "parse_score": parse_score,
    "check_reason": check_reason,
    "check_status": check_status,
    "check_category": check_category,
    "check_frequency": check_frequency,
    "check_rank": check_rank,
    "parse_schedule": parse_schedule,
    "parse_count": lambda v: parse_count(v, "public"),
    "check_key": check_key,
    "check_value rate": lambda v: check_value("rate.pc", v),
    "check_value threshold": lambda v: check_value("pact.attendance_threshold", v),
    "check_value hours": lambda v: check_value("pact.hours_per_meeting", v),
}


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize("name", PARSERS)
def test_each_parser_refuses_hostile_text(name, kind):
    made = survives(PARSERS[name], HOSTILE[kind])
    assert made is None or name == "check_reason"  # a reason is free text: any script's digits will do


@pytest.fixture
def pact(store):
    """An area, an officer, a series with a held meeting and an issue raised at it."""
    with store.write() as session:
        actor = sup(session)
        add_area(session, actor, "Crook")
        add_person(session, actor, "Pat Sloane", area="Crook")
        add_series(session, actor, "Crook", "Crook PACT", start=date(2025, 1, 1))
        add_meeting(session, actor, MeetingDraft("Crook PACT", "2025-01-06", "4"), today=date(2025, 2, 1))
        issue = add_issue(session, actor, "Crook PACT", "2025-01-06", "cars on Front St", "speeding")
    return store, issue


ENTRY = EntryDraft("Pat Sloane", "2025-01-06", "2.5", "community", "Crook", "", "", "")
EVENT = EventDraft(
    "2025-01-06", "community event", "Fair", area="Crook", officers=("Pat Sloane:2",), reached="40"
)
MEETING = MeetingDraft("Crook PACT", "2025-01-13", "4", "1", ("Pat Sloane:pcso",), "", False, ("ASB: noise",))


FREE_TEXT = ("notes", "title", "venue", "partners", "text", "owner", "outcome")
"""Fields of free text, where any script's digits are words like any other."""


def _fields(draft) -> list[str]:
    """The fields typed as text (ids picked from a list, like a meeting's `reported_back`, are not)."""
    return [
        name
        for name, value in vars(draft).items()
        if isinstance(value, str) or (isinstance(value, tuple) and name != "reported_back")
    ]


def _refused(made, name: str, kind: str) -> bool:
    return made is None or (name in FREE_TEXT and kind == "other scripts' digits")


@pytest.mark.parametrize("kind", HOSTILE)
def test_entry_form_fields(pact, kind):
    store, _ = pact
    with store.read() as session:
        lookups = Lookups(session)
        for name in _fields(ENTRY):
            made = survives(
                lambda v, name=name: check_draft(lookups, replace(ENTRY, **{name: v})), HOSTILE[kind]
            )
            assert _refused(made, name, kind), name


@pytest.mark.parametrize("kind", HOSTILE)
def test_event_form_fields(pact, kind):
    store, _ = pact
    with store.read() as session:
        lookups = Lookups(session)
        for name in _fields(EVENT):
            value = (HOSTILE[kind],) if isinstance(getattr(EVENT, name), tuple) else HOSTILE[kind]
            made = survives(lambda v, name=name: check_event(lookups, replace(EVENT, **{name: v})), value)
            assert _refused(made, name, kind), name


@pytest.mark.parametrize("kind", HOSTILE)
def test_meeting_form_fields(pact, kind):
    store, _ = pact
    with store.read() as session:
        for name in _fields(MEETING):
            value = (HOSTILE[kind],) if isinstance(getattr(MEETING, name), tuple) else HOSTILE[kind]
            made = survives(
                lambda v, name=name: check_meeting(session, replace(MEETING, **{name: v}), date(2025, 2, 1)),
                value,
            )
            assert _refused(made, name, kind), name


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize(
    "field", ["text", "theme", "owner", "referral", "status", "outcome", "reported_back"]
)
def test_issue_form_fields(pact, kind, field):
    store, issue = pact
    with store.write() as session:
        survives(lambda v: update_issue(session, sup(session), issue, {field: v}), HOSTILE[kind])
    with store.write() as session:
        survives(
            lambda v: add_issue(
                session,
                sup(session),
                "Crook PACT",
                "2025-01-06",
                "x",
                "speeding",
                **({field: v} if field in ("owner", "referral", "status", "outcome") else {}),
            ),
            HOSTILE[kind],
        )
