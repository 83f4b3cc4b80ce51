"""A trail whose cutting shows: a checkpoint kept elsewhere names rows removed from the end, a trail
emptied, or a chain rewritten before it; approved months are checked against the figures frozen at
their approval. Each bypass is made behind the app, with plain SQL and the guarding trigger dropped."""

import pytest
from sqlalchemy import text

from engage_tui.domain import returns
from engage_tui.domain.audit import (
    Checkpoint,
    append,
    checkpoint,
    list_audit,
    read_checkpoint,
    verify,
    write_checkpoint,
)
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.integrity import changed_since_approval
from engage_tui.domain.people import add_person, require_actor
from engage_tui.domain.periods import Month
from engage_tui.errors import EngageError
from tests.conftest import sup

MAY = Month(2020, 5)
GUARDS = {
    "sqlite": ("DROP TRIGGER audit_log_no_delete", "DROP TRIGGER entries_frozen_update"),
    "postgresql": (
        "ALTER TABLE audit_log DISABLE TRIGGER USER",
        "ALTER TABLE entries DISABLE TRIGGER USER; ALTER TABLE returns DISABLE TRIGGER USER",
    ),
}


@pytest.fixture
def approved(store):
    """Ann's May 2020, logged, submitted and approved; returns the store and the checkpoint after."""
    with store.write() as session:
        add_person(session, sup(session), "Ann Officer", login="ann")
        ann = require_actor(session, "ann")
        add_entry(session, ann, EntryDraft("Ann Officer", "2020-05-04", "2:30"))
        add_entry(session, ann, EntryDraft("Ann Officer", "2020-05-05", "1", category="cyp"))
        returns.submit(session, ann, MAY)
        returns.approve(session, sup(session), "Ann Officer", MAY)
    with store.read() as session:
        return store, checkpoint(session)


def _behind(store, *statements: str) -> None:
    with store.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def _guard(store, which: int) -> str:
    return GUARDS[store.engine.dialect.name][which]


def test_an_intact_trail_grown_since_the_checkpoint_verifies(approved):
    store, mark = approved
    with store.write() as session:
        add_entry(session, sup(session), EntryDraft("Ann Officer", "2020-06-01", "1"))
    with store.read() as session:
        result = verify(session, mark)
        assert result.ok and result.rows > mark.rows and changed_since_approval(session) == []


def test_rows_removed_from_the_end_show(approved):
    store, mark = approved
    _behind(store, _guard(store, 0), "DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log)")
    with store.read() as session:
        result = verify(session, mark)
    assert result.broken == [] and result.problems == [
        f"2 rows were removed from the end: the checkpoint had {mark.rows}, the trail has {mark.rows - 2}"
    ]


@pytest.mark.parametrize("cut", ["the newest two rows", "every row"])
def test_an_approval_cut_from_the_trail_shows_without_a_checkpoint(approved, cut):
    """With no checkpoint kept, a trail cut back past an approval (or emptied) still verifies as a
    chain; the approved month whose approval is gone from it is named."""
    store, _mark = approved
    where = " WHERE id > (SELECT max(id) - 2 FROM audit_log)" if cut == "the newest two rows" else ""
    _behind(store, _guard(store, 0), f"DELETE FROM audit_log{where}")
    with store.read() as session:
        assert verify(session).broken == []
        assert changed_since_approval(session) == [
            "May 2020 of Ann Officer is approved but the audit trail holds no approval of it: rows were "
            "cut from the trail, or it was approved outside engage"
        ]


def test_a_trail_emptied_shows(approved):
    store, mark = approved
    _behind(store, _guard(store, 0), "DELETE FROM audit_log")
    with store.read() as session:
        result = verify(session, mark)
    assert result.rows == 0 and not result.ok
    assert result.problems[0].startswith(f"the trail was emptied: it held {mark.rows} rows")


def test_a_chain_rewritten_before_the_checkpoint_shows(approved):
    """Every row deleted and the same number appended again with hashes recomputed: the chain holds
    in itself, but not against the checkpoint."""
    store, mark = approved
    with store.read() as session:
        rows = list_audit(session)
    _behind(store, _guard(store, 0), "DELETE FROM audit_log")
    with store.write() as session:  # a forger who can write the file appends a chain of their own
        actor = sup(session)
        for _row in rows:
            append(session, actor, "create", "forged", None)
    with store.read() as session:
        result = verify(session, mark)
    assert result.broken == [] and result.rows == mark.rows
    assert result.problems[0].startswith(f"the chain was rewritten before the checkpoint: row {mark.rows}")


def test_an_approved_month_changed_behind_the_app_is_named(approved):
    store, _mark = approved
    _behind(store, _guard(store, 1), "UPDATE entries SET minutes = minutes + 30 WHERE category = 'community'")
    with store.read() as session:
        found = changed_since_approval(session)
    assert found == [
        "May 2020 of Ann Officer was approved with 2.50 h community and 1.00 h C&YP but its entries now "
        "hold 3.00 h community and 1.00 h C&YP: changed outside engage"
    ]


def test_frozen_figures_edited_to_match_are_caught_by_the_approvals_record(approved):
    store, _mark = approved
    _behind(
        store,
        _guard(store, 1),
        "UPDATE entries SET minutes = minutes + 30 WHERE category = 'community'",
        "UPDATE returns SET community_minutes = community_minutes + 30",
    )
    with store.read() as session:
        found = changed_since_approval(session)
    assert len(found) == 1 and "are not those its approval recorded in the audit trail" in found[0]


def test_the_approval_records_the_checkpoint_it_was_made_at(approved):
    store, mark = approved
    with store.read() as session:
        approval = next(r for r in list_audit(session) if r.action == "approved")
    assert f'"checkpoint": "{mark.rows - 1}:' in (approval.after or "")


def test_a_checkpoint_is_typed_in_or_read_from_its_file(tmp_path):
    mark = Checkpoint(12, "a" * 64)
    write_checkpoint(tmp_path / "mark.json", mark, "db")
    assert read_checkpoint(str(tmp_path / "mark.json")) == mark == read_checkpoint(f" 12:{'a' * 64} ")
    with pytest.raises(EngageError, match=r"checkpoint: there is no file .*missing\.json"):
        read_checkpoint(str(tmp_path / "missing.json"))
    with pytest.raises(EngageError, match="is neither ROWS:HASH nor a checkpoint file"):
        read_checkpoint("12:abc")
