"""The first screen on the fast read path: an officer's month read by the driver alone and the
statements compiled ahead, the same as the domain reads it, refused alike, drawn before SQLAlchemy
loads; and the app goes on through the store once it has opened in the background."""

import json
import logging
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry, month_of
from engage_tui.domain.people import find_person
from engage_tui.domain.periods import Month
from engage_tui.domain.returns import send_back, submit
from engage_tui.errors import EngageError, SchemaError
from engage_tui.service import Service
from engage_tui.tui.app import build_app
from tests.conftest import sup
from tests.tui.conftest import settings_for, settle

MARCH, APRIL, MAY, JUNE = (Month(2020, m) for m in (3, 4, 5, 6))


@pytest.fixture
def months(team_store):
    """Ann's months in every state a month shows: submitted, sent back with a reason, draft, empty."""
    with team_store.write() as session:
        actor = sup(session)
        for day, hours, category in (
            ("2020-03-02", "1:15", "community"),
            ("2020-03-02", "0:20", "cyp"),
            ("2020-03-30", "2", "community"),
            ("2020-04-07", "3", "cyp"),
            ("2020-05-11", "0:05", "community"),
        ):
            add_entry(session, actor, EntryDraft("Ann Officer", day, hours, category, "Consett", notes="n"))
        submit(session, actor, MARCH, "Ann Officer")
        submit(session, actor, APRIL, "Ann Officer")
        send_back(session, actor, "Ann Officer", APRIL, "the school visit is missing")
    return team_store


@pytest.mark.on_server
def test_an_officers_month_on_the_fast_path_is_the_domains(months, db_url, tmp_path):
    service = Service(settings_for(db_url, tmp_path, "ann"))
    with months.read() as session:
        ann = find_person(session, "Ann Officer").id
        expected = [month_of(session, ann, month) for month in (MARCH, APRIL, MAY, JUNE)]
    shown = [service.months.view(ann, month) for month in (MARCH, APRIL, MAY, JUNE)]
    assert not service.core.store_open, "read without opening the store"
    assert shown == expected
    assert [(v.state, v.reason, v.totals, len(v.entries)) for v in shown] == [
        ("submitted", "", {"community": 195, "cyp": 20}, 3),
        ("sent back", "the school visit is missing", {"community": 0, "cyp": 180}, 1),
        ("draft", "", {"community": 5, "cyp": 0}, 1),
        ("not started", "", {"community": 0, "cyp": 0}, 0),
    ]
    assert isinstance(shown[0].entries[0].date, date)


@pytest.mark.sqlite_only
def test_the_fast_path_refuses_like_the_store(months, db_path, db_url, tmp_path):
    def refusal(service: Service) -> str:
        with pytest.raises(EngageError) as refused:
            service.me()
        return refused.value.message

    fast = Service(settings_for(db_url, tmp_path, "nobody"))
    assert refusal(fast) == refusal(Service(settings_for(db_url, tmp_path, "nobody"), months))
    assert not fast.core.store_open
    acting_as_ann = Service(settings_for(db_url, tmp_path, "ann"))
    assert acting_as_ann.me() == Service(settings_for(db_url, tmp_path, "ann"), months).me()
    assert acting_as_ann.me().label == "sup as Ann Officer"
    with months.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    with pytest.raises(SchemaError, match="has schema 0003, this engage needs"):
        Service(settings_for(db_url, tmp_path, "ann")).months.view(1, MARCH)
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database, " * 512)
    with pytest.raises(EngageError, match="is not a SQLite database"):
        Service(settings_for(f"sqlite:///{damaged}", tmp_path)).months.view(1, MARCH)
    missing = tmp_path / "none.sqlite3"
    with pytest.raises(SchemaError, match=f"no database at {missing}"):
        Service(settings_for(f"sqlite:///{missing}", tmp_path)).me()


APP = """
import json, sys
from datetime import date
from pathlib import Path
from engage_tui.config import Settings
from engage_tui.tui.app import PLACES, build_app

app = build_app(Settings(sys.argv[1], sys.argv[2] or None, Path("."), today_override=date(2020, 7, 15)))
seen = {}
"""
"""An app script's start: the app for the database and user given; `check` (the script's own) puts
what it saw in `seen`, which `RUN` prints once the app has exited."""
RUN = """
app.call_later(check)
app.run(headless=True, size=(100, 30))
print(json.dumps(seen))
"""
FIRST_FRAME = """
title_id, table_id = sys.argv[3:]
app.service.warm_up = lambda: None  # what opens the store once the screen has data: not here

def check():
    title = str(app.screen.query_one(title_id).content) if app.screen.query(title_id) else ""
    if title and "loading" not in title:
        rows = app.screen.query_one(table_id).row_count
        seen.update(title=title, rows=rows, sqlalchemy="sqlalchemy" in sys.modules)
        app.exit()
    else:
        app.set_timer(0.005, check)
"""


@pytest.mark.on_server
@pytest.mark.parametrize(
    "user, title, table, shown",
    [
        ("ann", "#month-title", "#entries", ("Ann Officer — July 2020 — return not started", 0)),
        ("", "#report-title", "#t3", ("PROVISIONAL  Cohesion officers' monthly engagement hours, 2020", 13)),
    ],
    ids=["officer: My month", "supervisor: Monthly hours"],
)
def test_the_first_screen_is_drawn_before_sqlalchemy_loads(months, db_url, user, title, table, shown):
    seen = _seen(FIRST_FRAME, db_url, user, title, table)
    assert (seen["title"].strip(), seen["rows"], seen["sqlalchemy"]) == (*shown, False)


def _seen(script: str, *args: str) -> dict:
    """Run an app `script` (between `APP` and `RUN`) in a fresh interpreter, nothing imported yet:
    what it saw."""
    run = subprocess.run(
        [sys.executable, "-c", APP + script + RUN, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


@pytest.mark.on_server
async def test_the_app_goes_on_through_the_store_once_it_has_opened(months, db_url, tmp_path, caplog):
    """The store opens in a thread once the first screen has data; a save goes through it, and
    closing it at exit from the app's own thread logs nothing (no traceback on the way out)."""
    app = build_app(settings_for(db_url, tmp_path, "ann"))  # no store: it opens in the background
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("]", "]")  # May, a draft month: its first entry can be logged beside
        await settle(pilot)
        assert app.service.core.store_open
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#date", Input).value = "2020-05-12"
        app.screen.query_one("#hours", Input).value = "1:30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = app.screen.query_one("#entries", DataTable)
        assert table.row_count == 2
        assert "return draft" in str(app.screen.query_one("#month-title", Static).content)
    app.service.close()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


WARMED = """
screens = {place.mode: "engage_tui.tui.screens." + place.screen.split(":")[0] for place in PLACES}

def check():
    if app.warm.is_set():
        seen.update((mode, name in sys.modules) for mode, name in screens.items())
        app.exit()
    else:
        app.set_timer(0.01, check)
"""


@pytest.mark.sqlite_only
@pytest.mark.parametrize("user", ["ann", ""], ids=["officer", "supervisor"])
def test_the_screens_a_person_may_open_are_imported_in_the_warm_up(months, db_path, user):
    """Opening a screen the first time does not import its modules on the event loop (PACT's held it
    ≈0.2 s at 1M): the warm-up thread imported them, and only those the person may open."""
    imported = _seen(WARMED, f"sqlite:///{db_path}", user)
    assert imported == {mode: user == "" or mode != "people" for mode in imported}
    assert len(imported) >= 9
