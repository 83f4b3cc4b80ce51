"""Who may change what: events, PACT meetings and issues follow the entries' rule — an officer changes
or deletes only what they recorded (or attended), in open months; a supervisor anything, audited."""

from datetime import date

import pytest

from engage_tui.domain.events import EventDraft, add_event, delete_event, edit_event
from engage_tui.domain.pact import add_series
from engage_tui.domain.pact_issues import add_issue, delete_issue, update_issue
from engage_tui.domain.pact_meetings import MeetingDraft, add_meeting, edit_meeting
from engage_tui.domain.people import add_area, add_person, require_actor
from engage_tui.errors import EngageError
from tests.conftest import sup

TODAY = date(2025, 3, 1)


@pytest.fixture
def town(store):
    """Amira and Ben, officers; an event and a meeting the supervisor recorded, Ben attending both,
    and an issue raised at the meeting."""
    with store.write() as session:
        boss = sup(session)
        add_area(session, boss, "Crook")
        add_person(session, boss, "Amira Khan", login="amira", area="Crook")
        add_person(session, boss, "Ben Walton", login="ben", area="Crook")
        event = add_event(
            session, boss, EventDraft("2025-02-03", "community event", "Fair", officers=("Ben Walton:2",))
        )
        add_series(session, boss, "Crook", "Crook PACT", start=date(2025, 1, 1))
        meeting = add_meeting(
            session,
            boss,
            MeetingDraft("Crook PACT", "2025-02-04", "6", officers=("Ben Walton:pc",)),
            today=TODAY,
        )
        issue = add_issue(session, boss, "Crook PACT", "2025-02-04", "cars on Front St", "speeding")
    return store, event, meeting, issue


def _as(store, login, change):
    with store.write() as session:
        return change(session, require_actor(session, login))


@pytest.mark.parametrize(
    "change",
    [
        lambda s, a, e, m, i: edit_event(s, a, e, {"reached": "999"}),
        lambda s, a, e, m, i: delete_event(s, a, e),
        lambda s, a, e, m, i: edit_meeting(s, a, m, {"public": "999"}, TODAY),
        lambda s, a, e, m, i: edit_meeting(s, a, m, {"notes": "x"}, TODAY),
        lambda s, a, e, m, i: update_issue(s, a, i, {"status": "closed"}),
        lambda s, a, e, m, i: delete_issue(s, a, i),
    ],
    ids=["edit event", "delete event", "meeting attendance", "meeting notes", "update issue", "delete issue"],
)
def test_an_officer_cannot_change_what_someone_else_recorded(town, change):
    store, event, meeting, issue = town
    with pytest.raises(EngageError, match=r"was recorded by someone else; only they"):
        _as(store, "amira", lambda s, a: change(s, a, event, meeting, issue))


def test_an_officer_who_attended_may_change_the_event_and_the_meeting(town):
    store, event, meeting, _issue = town
    assert _as(store, "ben", lambda s, a: edit_event(s, a, event, {"reached": "40"})).reached == 40
    assert _as(store, "ben", lambda s, a: edit_meeting(s, a, meeting, {"public": "7"}, TODAY)).public == 7


def test_an_issue_is_followed_up_by_its_recorder_or_a_supervisor_only(town):
    store, _event, _meeting, issue = town
    with pytest.raises(
        EngageError, match=r"issue .* was recorded by someone else; only they or a supervisor"
    ):
        _as(
            store, "ben", lambda s, a: update_issue(s, a, issue, {"status": "closed"})
        )  # attended: not enough
    assert (
        _as(store, "sup", lambda s, a: update_issue(s, a, issue, {"status": "in hand"})).status == "in hand"
    )
