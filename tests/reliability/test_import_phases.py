"""An import holds the write lock only to insert: its file is read and checked while another writer
holds the lock, and it waits only for the insert. Two imports of one file at once end in one import
and one clean refusal, on SQLite and on PostgreSQL (where the import takes an advisory lock first)."""

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engage_tui.config import Settings
from engage_tui.domain import imports
from engage_tui.domain.people import add_person
from engage_tui.errors import EngageError
from engage_tui.service import Service
from engage_tui.store import Store
from engage_tui.store.models import Entry, ImportBatch
from tests.conftest import SUPERVISOR, sup

HEADER = "officer,date,category,hours,area,audience,activity,notes\n"


@pytest.fixture
def team(store):
    with store.write() as session:
        add_person(session, sup(session), "Ann Officer")
    return store


def _service(url: str, tmp_path: Path, busy_ms: int = 60_000) -> Service:
    return Service(Settings(url, SUPERVISOR, tmp_path), Store(url, busy_timeout_ms=busy_ms))


def _file(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "hours.csv"
    lines = (f"Ann Officer,2020-{i % 12 + 1:02d}-{i % 28 + 1:02d},,{i % 90 + 1}m,,,,\n" for i in range(rows))
    path.write_text(HEADER + "".join(lines))
    return path


def _count(store, model) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.sqlite_only
def test_the_checks_run_while_another_writer_holds_the_lock_and_the_import_waits_only_to_insert(
    team, db_path, tmp_path, monkeypatch
):
    checked = threading.Event()
    prepare = imports.prepare_hours

    def watched(*args, **kwargs):
        prepared = prepare(*args, **kwargs)
        checked.set()
        return prepared

    monkeypatch.setattr(imports, "prepare_hours", watched)
    service = _service(team.url, tmp_path)
    path = _file(tmp_path, 50_000)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(service.hours.import_file(path)))
    try:
        worker.start()
        assert checked.wait(60), "the file was not checked while another writer held the lock"
        worker.join(1.0)
        assert worker.is_alive(), "the insert should wait for the lock"
        assert _count(team, Entry) == 0
    finally:
        released = time.monotonic()
        holder.execute("ROLLBACK")
        holder.close()
    worker.join(60)
    waited = time.monotonic() - released
    assert outcome and outcome[0].rows == 50_000  # type: ignore[attr-defined]
    assert _count(team, Entry) == 50_000
    assert waited < 20, f"the insert alone took {waited:.1f} s"
    service.close()


def test_two_imports_of_one_file_at_once_end_in_one_import_and_one_refusal(team, tmp_path, monkeypatch):
    """Both check the file before either stores it (a barrier holds each after its checks), so both
    pass the repeat check of phase 1: the one that stores second must see the first's import."""
    both_checked = threading.Barrier(2, timeout=60)
    prepare = imports.prepare_hours

    def in_step(*args, **kwargs):
        prepared = prepare(*args, **kwargs)
        both_checked.wait()
        return prepared

    monkeypatch.setattr(imports, "prepare_hours", in_step)
    path = _file(tmp_path, 2_000)
    services = [_service(team.url, tmp_path) for _ in range(2)]
    outcomes: list[object] = []

    def run(service: Service) -> None:
        try:
            outcomes.append(service.hours.import_file(path))
        except Exception as error:  # what each got: a result, a refusal, or (the bug) anything else
            outcomes.append(error)

    workers = [threading.Thread(target=run, args=(s,)) for s in services]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    for service in services:
        service.close()
    refusals = [o for o in outcomes if isinstance(o, Exception)]
    assert len(outcomes) == 2 and len(refusals) == 1, outcomes
    assert type(refusals[0]) is EngageError, repr(refusals[0])
    assert "already imported as import #" in refusals[0].message
    assert "unexpected" not in refusals[0].message
    assert _count(team, Entry) == 2_000
    assert _count(team, ImportBatch) == 1


def test_a_month_submitted_between_the_checks_and_the_insert_refuses_the_import(team, tmp_path, monkeypatch):
    """What may change while the file is checked is checked again under the lock: here the officer
    submits a month the file logs time in."""
    from engage_tui.domain import returns
    from engage_tui.domain.people import require_actor
    from engage_tui.domain.periods import Month

    prepare = imports.prepare_hours

    def then_submitted(*args, **kwargs):
        prepared = prepare(*args, **kwargs)
        with team.write() as session:
            returns.submit(session, require_actor(session, SUPERVISOR), Month(2020, 3), "Ann Officer")
        return prepared

    monkeypatch.setattr(imports, "prepare_hours", then_submitted)
    service = _service(team.url, tmp_path)
    with pytest.raises(EngageError) as refused:
        service.hours.import_file(_file(tmp_path, 100))
    service.close()
    assert "March 2020 of Ann Officer is submitted" in "\n".join(refused.value.lines())
    assert "(since the file was checked)" in "\n".join(refused.value.lines())
    assert _count(team, Entry) == 0 and _count(team, ImportBatch) == 0
