"""TUI fixtures: the real app over a real database file, with "today" frozen."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled, WorkerFailed, WorkerState

from engage_tui.config import Settings
from engage_tui.domain.people import add_area, add_person
from engage_tui.tui.app import EngageApp, build_app
from engage_tui.tui.widgets.chunked import filling
from engage_tui.tui.widgets.footer import Footer
from tests.conftest import SUPERVISOR, sup

TODAY = date(2017, 10, 20)


async def settle(pilot, delay: float | None = None) -> None:
    """Let the app finish what the last key started: its thread workers (service calls), the
    messages they post back, which may start more, and the rows tables take in between frames — as
    a person waits for the screen to fill."""
    if delay:
        await pilot.pause(delay)
    for _ in range(500):
        await pilot.pause()
        busy = [w for w in pilot.app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not busy and filling():
            await pilot.pause(0.01)  # rows still coming in between frames
            continue
        if not busy:
            await pilot.pause()
            return
        for worker in busy:
            with suppress(WorkerCancelled, WorkerFailed):  # a superseded load, or a failure the app shows
                await worker.wait()
    raise AssertionError("the app kept starting workers")


def keys(*pressed: str):
    """A snapshot's `run_before`: settle, then each key with the app settled after it; the text
    cursors stop blinking (shown), so that the picture does not depend on when it is taken."""

    async def run_before(pilot) -> None:
        for key in ("", *pressed):
            if key:
                await pilot.press(key)
            await settle(pilot)
            for typed in pilot.app.screen.query("Input, TextArea"):
                typed.cursor_blink = False
            await still(pilot)

    return run_before


async def still(pilot) -> None:
    """Wait until two frames a moment apart are the same: a table that measured its new rows repaints
    on a later frame, later still on a loaded machine. A text cursor stops blinking (shown steadily),
    so a picture does not depend on when in its blink it was taken."""
    for field in pilot.app.screen.query("Input, TextArea"):
        field.cursor_blink = False
    pilot.app.screen.refresh_bindings()  # the key bar as the keys now stand (a table filled meanwhile)
    shown = None
    for _ in range(40):
        await pilot.pause(0.05)
        frame = pilot.app.export_screenshot()
        if frame == shown and not _keys_pending(pilot.app):
            return
        shown = frame


def _keys_pending(app) -> bool:
    """The key bar has yet to show a change of what the keys can do (a table filled, the cursor
    moved): its update is still queued — on a loaded machine two frames can match meanwhile."""
    return any(footer.queued for footer in app.screen.query(Footer))


def settings_for(db_url: str, tmp_path: Path, user: str = SUPERVISOR) -> Settings:
    return Settings(db_url=db_url, user=user, exports_dir=tmp_path / "exports", today_override=TODAY)


@pytest.fixture
def team_store(store):
    with store.write() as session:
        add_area(session, sup(session), "Consett", "North")
        add_person(session, sup(session), "Ann Officer", area="Consett", login="ann")
    return store


@pytest.fixture
def officer_app(team_store, db_url, tmp_path) -> EngageApp:
    return build_app(settings_for(db_url, tmp_path, "ann"), team_store)


@pytest.fixture
def demo_app(demo_store, db_url, tmp_path) -> EngageApp:
    return build_app(settings_for(db_url, tmp_path), demo_store)
