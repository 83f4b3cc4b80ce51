"""What a person sees, at the smallest supported size and at a large one (on SQLite: the picture
does not depend on the database)."""

import pytest

from engage_tui.tui.app import build_app
from tests.tui.conftest import keys, settings_for

pytestmark = pytest.mark.sqlite_only


def _app(demo_store, db_url, tmp_path, user="sup"):
    return build_app(settings_for(db_url, tmp_path, user), demo_store)


def test_monthly_hours_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), run_before=keys("2"), terminal_size=(80, 24))


def test_monthly_hours_large(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), run_before=keys("2"), terminal_size=(160, 48))


def test_my_month_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(
        _app(demo_store, db_url, tmp_path, "amira"), run_before=keys(), terminal_size=(80, 24)
    )


def test_entry_form_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(
        _app(demo_store, db_url, tmp_path, "amira"), run_before=keys("a"), terminal_size=(80, 24)
    )


def test_returns_grid_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), run_before=keys("7"), terminal_size=(80, 24))


def test_confidence_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), run_before=keys("8"), terminal_size=(80, 24))


def test_rollups_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), run_before=keys("3"), terminal_size=(80, 24))


def test_event_form_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), run_before=keys("6", "a"), terminal_size=(80, 24))


def test_pact_due_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), run_before=keys("5"), terminal_size=(80, 24))


def test_pact_meeting_form_large(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(
        _app(demo_store, db_url, tmp_path), run_before=keys("5", "r"), terminal_size=(120, 40)
    )


def test_annual_80x24(snap_compare, demo_store, db_url, tmp_path):
    """PROVISIONAL first on the title line: October 2017 is not approved for every officer."""
    assert snap_compare(_app(demo_store, db_url, tmp_path), run_before=keys("4"), terminal_size=(80, 24))


# Issue 22: the key help, a confirmation, the People screen and an audit record, at 80×24 (My month's
# footer is in test_my_month_80x24).


def test_key_help_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(
        _app(demo_store, db_url, tmp_path, "amira"), run_before=keys("question_mark"), terminal_size=(80, 24)
    )


def test_confirmation_80x24(snap_compare, demo_store, db_url, tmp_path):
    async def run_before(pilot) -> None:
        await keys("7")(pilot)
        grid = pilot.app.screen.query_one("#grid")
        grid.cursor_coordinate = (grid.get_row_index("Amira Khan"), grid.get_column_index("2017-10"))
        await keys("A")(pilot)

    assert snap_compare(_app(demo_store, db_url, tmp_path), run_before=run_before, terminal_size=(80, 24))


def test_people_80x24(snap_compare, demo_store, db_url, tmp_path):
    assert snap_compare(_app(demo_store, db_url, tmp_path), run_before=keys("0"), terminal_size=(80, 24))


def test_audit_record_80x24(snap_compare, demo_store, db_url, tmp_path):
    """A record as the dialog shows it (built here: a stored one's time and hash change every run)."""
    from engage_tui.domain.audit_records import AuditRecord, field_changes
    from engage_tui.tui.dialogs.audit_record import AuditRecordDialog

    before = '{"active": true, "id": 4, "locality_id": 2, "name": "Consett"}'
    after = '{"active": true, "id": 4, "locality_id": 5, "name": "Consett and Stanley"}'
    record = AuditRecord(
        817,
        "2017-10-20T09:14:03.120455+00:00",
        "Sue Grant as Amira Khan",
        "Amira Khan",
        "Sue Grant",
        "update",
        "areas",
        4,
        field_changes(before, after),
        "7" * 64,
        "0f" * 32,
    )

    async def run_before(pilot) -> None:
        await keys()(pilot)
        await pilot.app.push_screen(AuditRecordDialog(record))
        await keys()(pilot)

    assert snap_compare(_app(demo_store, db_url, tmp_path), run_before=run_before, terminal_size=(80, 24))
