"""Returns and the audit trail: every rule, through the domain calls both front ends share."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from engage_tui.domain import returns
from engage_tui.domain.audit import list_audit, verify
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry, delete_entry, edit_entry
from engage_tui.domain.imports import import_hours
from engage_tui.domain.people import add_person, require_actor
from engage_tui.domain.periods import Month
from engage_tui.domain.reports import monthly
from engage_tui.errors import EngageError
from tests.conftest import acting, sup

MAY = Month(2020, 5)
DROP_AUDIT_TRIGGER = {
    "sqlite": "DROP TRIGGER audit_log_no_update",
    "postgresql": "DROP TRIGGER audit_log_append_only ON audit_log",
}


@pytest.fixture
def team(store):
    with store.write() as session:
        add_person(session, sup(session), "Ann Officer", login="ann")
        add_person(session, sup(session), "Sam Second", role="supervisor", login="sam")
    return store


def _as(store, login):
    with store.read() as session:
        return require_actor(session, login)


def _log(store, login, day="2020-05-04", hours="1"):
    with store.write() as session:
        return add_entry(session, acting(session, login), EntryDraft("Ann Officer", day, hours))


def _state(store, month=MAY):
    with store.read() as session:
        return returns.state_of(session, acting(session, "ann").id, month)[0]


def test_life_of_a_return(team):
    assert _state(team) == "not started"
    entry = _log(team, "ann")
    assert _state(team) == "draft"
    with team.write() as session:
        returns.submit(session, acting(session, "ann"), MAY)
    assert _state(team) == "submitted"
    with pytest.raises(EngageError, match="May 2020 of Ann Officer is submitted; withdraw"):
        _log(team, "ann")
    with team.write() as session:
        returns.withdraw(session, acting(session, "ann"), MAY)
        returns.submit(session, acting(session, "ann"), MAY)
        returns.approve(session, acting(session, "sup"), "Ann Officer", MAY)
    assert _state(team) == "approved"
    for change in (
        lambda s, a: add_entry(s, a, EntryDraft("Ann Officer", "2020-05-09", "1")),
        lambda s, a: edit_entry(s, a, entry, {"hours": "2"}),
        lambda s, a: edit_entry(s, a, entry, {"date": "2020-06-01"}),
        lambda s, a: delete_entry(s, a, entry),
    ):
        with pytest.raises(EngageError, match="approved; a supervisor must reopen"):
            with team.write() as session:
                change(session, acting(session, "sup"))
    with pytest.raises(EngageError, match="reason: a reason is needed"), team.write() as session:
        returns.reopen(session, acting(session, "sup"), "Ann Officer", MAY, " ")
    with team.write() as session:
        returns.reopen(session, acting(session, "sup"), "Ann Officer", MAY, "June's visit logged in May")
    with team.write() as session:
        edit_entry(session, acting(session, "ann"), entry, {"date": "2020-06-01"})
        returns.submit(session, acting(session, "ann"), MAY)


def test_nobody_approves_their_own_return_and_officers_approve_nothing(team):
    with team.write() as session:
        returns.submit(session, acting(session, "sup"), MAY)
    with pytest.raises(EngageError, match="nobody approves their own"), team.write() as session:
        returns.approve(session, acting(session, "sup"), "sup", MAY)
    if team.engine.dialect.name == "postgresql":  # the server knows who is connected, whoever is acted as
        with pytest.raises(DBAPIError, match="cannot go from submitted to approved"), team.write() as session:
            returns.approve(session, acting(session, "sam"), "sup", MAY)
    else:
        with team.write() as session:
            returns.approve(session, acting(session, "sam"), "sup", MAY)
    with pytest.raises(EngageError, match="only a supervisor may approve"), team.write() as session:
        returns.approve(session, acting(session, "ann"), "Sam Second", MAY)
    with pytest.raises(EngageError, match="is not started; cannot make it approved"):
        with team.write() as session:
            returns.approve(session, acting(session, "sam"), "Ann Officer", MAY)


def test_send_back_keeps_the_reason_and_reopens_logging(team):
    _log(team, "ann")
    with team.write() as session:
        returns.submit(session, acting(session, "ann"), MAY)
        returns.send_back(session, acting(session, "sup"), "Ann Officer", MAY, "split the school visit")
    with team.read() as session:
        assert returns.state_of(session, acting(session, "ann").id, MAY) == (
            "sent back",
            "split the school visit",
        )
    _log(team, "ann", hours="0:30")


def test_status_lists_every_officer_for_a_month(team):
    _log(team, "ann")
    with team.read() as session:
        rows = returns.status(session, MAY)
    assert [(r.officer, r.state, r.minutes) for r in rows] == [("Ann Officer", "draft", 60)]
    with team.read() as session:
        assert [r.state for r in returns.status(session, Month(2020, 6))] == ["not started"]


def _behind_the_app(store, sql: str) -> None:
    """Run SQL straight on the database, as someone bypassing engage would."""
    with store.engine.begin() as connection:
        connection.execute(text(sql))


def test_trigger_refuses_a_change_to_an_approved_month_behind_the_app(team):
    _log(team, "ann")
    with team.write() as session:
        returns.submit(session, acting(session, "ann"), MAY)
        returns.approve(session, acting(session, "sup"), "Ann Officer", MAY)
    added = (  # one more row in the approved month (on PostgreSQL a statement trigger checks it)
        "INSERT INTO entries (officer_id, date, month_key, minutes, category, notes, created_by, "
        "created_at) SELECT officer_id, date, month_key, 5, category, '', created_by, created_at "
        "FROM entries"
    )
    for sql in ("UPDATE entries SET minutes = 999", "DELETE FROM entries", added):
        with pytest.raises(DBAPIError, match="frozen"):
            _behind_the_app(team, sql)


def test_import_into_a_locked_month_is_refused_whole(team, tmp_path):
    with team.write() as session:
        returns.submit(session, acting(session, "ann"), MAY)
    path = tmp_path / "h.csv"
    path.write_text("officer,date,hours\nAnn Officer,2020-04-30,1\nAnn Officer,2020-05-02,1\n")
    with pytest.raises(EngageError) as refused, team.write() as session:
        import_hours(session, acting(session, "sup"), path)
    assert "row 3, month: May 2020 of Ann Officer is submitted" in "\n".join(refused.value.lines())


def test_every_change_is_audited_with_before_and_after(team):
    entry = _log(team, "ann")
    with team.write() as session:
        edit_entry(session, acting(session, "ann"), entry, {"hours": "1:30"})
        delete_entry(session, acting(session, "ann"), entry)
    with team.read() as session:
        trail = list_audit(session, user="ann")
    assert [(r.action, r.entity) for r in trail] == [
        ("delete", "entries"),
        ("update", "entries"),
        ("create", "entries"),
    ]
    assert '"minutes": 60' in trail[1].before and '"minutes": 90' in trail[1].after
    with team.read() as session:
        assert verify(session).ok


def test_trail_is_append_only_and_verify_finds_tampering(team):
    _log(team, "ann")
    for sql in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            _behind_the_app(team, sql)
    _behind_the_app(team, DROP_AUDIT_TRIGGER[team.engine.dialect.name])  # a determined tamperer
    _behind_the_app(team, "UPDATE audit_log SET after = replace(after, '60', '600') WHERE entity = 'entries'")
    with team.read() as session:
        result = verify(session)
    assert not result.ok and len(result.broken) == 1


def test_demo_returns_make_2017_final_but_october(demo_store):
    with demo_store.read() as session:
        september = returns.status(session, Month(2017, 9))
        october = returns.status(session, Month(2017, 10))
        assert {r.state for r in september} == {"approved"}
        assert {r.state for r in october} == {"submitted", "draft"}
        assert monthly(session, 2017).provisional
        assert verify(session).ok
