"""TUI fixtures: the real app over a real database file, with "today" frozen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engage_tui.config import Settings
from engage_tui.domain.people import add_area, add_person
from engage_tui.tui.app import EngageApp, build_app
from tests.conftest import SUPERVISOR, sup

TODAY = date(2017, 10, 20)


def settings_for(db_url: str, tmp_path: Path, user: str = SUPERVISOR) -> Settings:
    return Settings(db_url=db_url, user=user, exports_dir=tmp_path / "exports",
                    today_override=TODAY)


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
