"""The moves the front ends refuse before asking are exactly those the domain refuses: every move from
every state, through the domain's own transitions."""

from datetime import date

import pytest

from engage_tui.domain import returns
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.people import add_person, require_actor
from engage_tui.domain.periods import Month
from engage_tui.domain.return_moves import MOVES, change_refused, move_refused
from engage_tui.errors import EngageError
from tests.conftest import sup

MAY = Month(2020, 5)
IN_MAY, IN_APRIL = date(2020, 5, 31), date(2020, 4, 30)
ROUTES = {
    "not started": [],
    "draft": ["log"],
    "submitted": ["log", "submit"],
    "draft again": ["log", "submit", "withdraw"],
    "approved": ["log", "submit", "approve"],
    "sent back": ["log", "submit", "send back"],
    "reopened": ["log", "submit", "approve", "reopen"],
}


def _move(session, move, today=IN_MAY):
    me, ann = sup(session), require_actor(session, "ann")
    if move == "log":
        add_entry(session, ann, EntryDraft("Ann Officer", "2020-05-04", "1"))
    elif move == "submit":
        returns.submit(session, ann, MAY, today=today)
    elif move == "withdraw":
        returns.withdraw(session, ann, MAY)
    elif move == "approve":
        returns.approve(session, me, "Ann Officer", MAY, today)
    else:
        getattr(returns, move.replace(" ", "_"))(session, me, "Ann Officer", MAY, "because")


@pytest.mark.parametrize("today", [IN_MAY, IN_APRIL])
@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("move", MOVES)
def test_refused_before_asking_exactly_when_the_domain_refuses(store, route, move, today):
    """In May every move is as the state allows; in April, May has not begun, so it is neither
    submitted nor approved whatever its state (a return recorded earlier cannot lock it ahead)."""
    with store.write() as session:
        add_person(session, sup(session), "Ann Officer", login="ann")
        for step in ROUTES[route]:
            _move(session, step)
    with store.read() as session:
        state = returns.state_of(session, require_actor(session, "ann").id, MAY)[0]
    said = move_refused(move, state, MAY, "Ann Officer", today)
    try:
        with store.write() as session:
            _move(session, move, today)
        refused = False
    except EngageError as refusal:
        refused, message = True, refusal.message
    assert refused == (said is not None), (route, state, move, said)
    if said and today == IN_APRIL and move in ("submit", "approve"):
        assert said == "May 2020 has not begun (today is 30 April 2020): its return comes once its time is in"
        assert message == f"month: {said}"
    elif said:
        assert said.startswith(f"May 2020 of Ann Officer is {state}: ")


def test_a_locked_month_says_how_to_open_it():
    assert change_refused("draft", MAY, "Ann") is None
    assert change_refused("submitted", MAY, "Ann") == "May 2020 of Ann is submitted: withdraw it first"
    assert change_refused("approved", MAY, "Ann").endswith("a supervisor must reopen it first")
