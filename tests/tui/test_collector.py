"""Issue 20, stalls: Python's full garbage collections (≈0.4 s each with large tables open, 19 in one
scripted session at 1M) run when the app is quiet, not when an allocation tips the count."""

import gc
from time import monotonic

from engage_tui.tui.collector import DUE, OVERDUE, QUIET, QuietCollector
from tests.tui.conftest import settle


def _middle_collections(count: int) -> None:
    gc.collect()  # a full one: the count starts from nought
    for _ in range(count):
        gc.collect(1)


def test_a_due_collection_waits_until_nobody_is_typing_and_nothing_loads():
    collector = QuietCollector()
    collector.start()
    try:
        assert gc.get_threshold()[2] > OVERDUE  # Python no longer starts one by itself
        _middle_collections(DUE)
        assert not collector.collect_if_due(busy=False)  # a key was just pressed
        collector.last_input -= QUIET
        assert not collector.collect_if_due(busy=True)  # a load is running
        assert collector.collect_if_due(busy=False)
        assert gc.get_count()[2] == 0
        assert not collector.collect_if_due(busy=False)  # not due again yet
    finally:
        collector.stop()
    assert gc.get_threshold() == collector.saved


def test_a_long_overdue_collection_runs_even_in_a_busy_session():
    collector = QuietCollector()
    collector.start()
    try:
        _middle_collections(OVERDUE)
        assert collector.collect_if_due(busy=True)
    finally:
        collector.stop()


async def test_the_app_holds_full_collections_while_it_runs_and_gives_them_back(demo_app):
    before = gc.get_threshold()
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert gc.get_threshold()[2] > OVERDUE
        pressed = monotonic()
        await pilot.press("2")
        assert demo_app.collector.last_input >= pressed  # a key is input: a due collection waits
    assert gc.get_threshold() == before
