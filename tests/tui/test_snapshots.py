"""What a person sees, at the smallest supported size and at a large one (on SQLite: the picture
does not depend on the database)."""

import pytest

from engage_tui.tui.app import build_app
from tests.tui.conftest import settings_for

pytestmark = pytest.mark.sqlite_only


def _app(demo_store, db_url, tmp_path, user="sup"):
    return build_app(settings_for(db_url, tmp_path, user), demo_store)


def test_monthly_hours_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), press=["2"], terminal_size=(80, 24))


def test_monthly_hours_large(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), press=["2"], terminal_size=(160, 48))


def test_my_month_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path, "amira"), terminal_size=(80, 24))


def test_entry_form_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path, "amira"), press=["a", "_"],
                        terminal_size=(80, 24))


def test_returns_grid_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), press=["7"], terminal_size=(80, 24))


def test_confidence_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), press=["8"], terminal_size=(80, 24))


def test_rollups_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), press=["3"], terminal_size=(80, 24))


def test_event_form_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), press=["6", "a", "_"],
                        terminal_size=(80, 24))


def test_pact_due_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), press=["5"], terminal_size=(80, 24))


def test_pact_meeting_form_large(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), press=["5", "r", "_"], terminal_size=(120, 40))
