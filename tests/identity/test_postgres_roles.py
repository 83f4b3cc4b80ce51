"""On PostgreSQL the rules hold on the server: an officer connecting as their own database role with
plain SQL (psycopg, no engage in between) tries each bypass an attacker would, and each is refused or
changes nothing; what they may change is audited by the database itself, on the chain engage verifies.

Runs where ENGAGE_TEST_PG_URL names a server whose roles can log in without a password (the throwaway
server .ci/run starts trusts loopback); skipped elsewhere.
"""

import json
import uuid
from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, make_url, text

from engage_tui.domain import returns
from engage_tui.domain.audit import list_audit, verify
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.events import EventDraft, add_event
from engage_tui.domain.hours import add_entry
from engage_tui.domain.pact import add_series
from engage_tui.domain.pact_issues import add_issue
from engage_tui.domain.pact_meetings import MeetingDraft, add_meeting
from engage_tui.domain.people import add_area, add_person, list_people
from engage_tui.domain.periods import Month
from engage_tui.errors import ImportRefused
from tests.conftest import PG_URL, acting, sup

psycopg = pytest.importorskip("psycopg")
pytestmark = pytest.mark.skipif(not PG_URL, reason="needs a PostgreSQL server (ENGAGE_TEST_PG_URL)")

OPEN, APPROVED = "2025-06-10", "2025-05-10"


@pytest.fixture
def server(db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL roles")
    return db_url


@pytest.fixture
def town(server, store):
    """Amira and Ben, officers with database roles of their own; Ben's time in an open month, Amira's
    in an approved one; an event, a meeting and an issue the supervisor recorded."""
    amira, ben = (f"officer_{uuid.uuid4().hex[:8]}" for _ in range(2))
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for role in (amira, ben):
            connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    with store.write() as session:
        boss = sup(session)
        add_area(session, boss, "Crook")
        add_person(session, boss, "Amira Khan", login=amira, area="Crook")
        add_person(session, boss, "Ben Walton", login=ben, area="Crook")
        event = add_event(session, boss, EventDraft("2025-06-03", "community event", "Fair"))
        add_series(session, boss, "Crook", "Crook PACT", start=date(2025, 1, 1))
        meeting = add_meeting(
            session, boss, MeetingDraft("Crook PACT", "2025-06-04", "6"), today=date(2025, 7, 1)
        )
        issue = add_issue(session, boss, "Crook PACT", "2025-06-04", "cars on Front St", "speeding")
    with store.write() as session:
        bens = add_entry(session, acting(session, "Ben Walton"), EntryDraft("Ben Walton", OPEN, "2"))
    with store.write() as session:
        add_entry(session, acting(session, "Amira Khan"), EntryDraft("Amira Khan", APPROVED, "3"))
        returns.submit(session, acting(session, "Amira Khan"), Month(2025, 5))
    with store.write() as session:
        returns.approve(session, sup(session), "Amira Khan", Month(2025, 5))
    yield {"amira": amira, "ben": ben, "bens_entry": bens, "event": event, "meeting": meeting, "issue": issue}
    store.dispose()
    with admin.connect() as connection:
        for role in (amira, ben):
            connection.execute(text(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER'))
            connection.execute(text(f'DROP OWNED BY "{role}"'))
            connection.execute(text(f'DROP ROLE "{role}"'))
    admin.dispose()


def _connect(db_url: str, role: str):
    url = make_url(db_url)
    return psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=role, autocommit=False)


def _try(db_url: str, role: str, sql: str, *params) -> int:
    """Run `sql` as `role` and commit; the rows it changed (an error propagates, nothing kept)."""
    with _connect(db_url, role) as connection:
        changed = connection.execute(sql, params).rowcount
        connection.commit()
        return changed


def _scalar(store, sql: str, **params):
    with store.engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


REFUSED = (psycopg.errors.InsufficientPrivilege, psycopg.errors.RaiseException)


def test_an_officer_cannot_change_or_delete_another_persons_time(server, store, town):
    amira = town["amira"]
    assert _try(server, amira, "UPDATE entries SET minutes = 1 WHERE id = %s", town["bens_entry"]) == 0
    assert _try(server, amira, "DELETE FROM entries WHERE id = %s", town["bens_entry"]) == 0
    assert _scalar(store, "SELECT minutes FROM entries WHERE id = :id", id=town["bens_entry"]) == 120
    ben = _scalar(store, "SELECT id FROM people WHERE name = 'Ben Walton'")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        _try(
            server,
            amira,
            "INSERT INTO entries (officer_id, date, month_key, minutes, category, notes, "
            "created_by, created_at) VALUES (%s, '2025-06-11', 202506, 60, 'community', '', %s, now())",
            ben,
            ben,
        )


def test_an_officer_cannot_approve_herself_or_change_an_approved_month(server, store, town):
    amira = town["amira"]
    me = _scalar(store, "SELECT id FROM people WHERE name = 'Amira Khan'")
    with pytest.raises(REFUSED, match="cannot go from not started to approved"):
        _try(
            server,
            amira,
            "INSERT INTO returns (officer_id, month_key, state, reason, updated_by, updated_at) "
            "VALUES (%s, 202506, 'approved', '', %s, now())",
            me,
            me,
        )
    with pytest.raises(REFUSED, match="cannot go from approved to reopened"):
        _try(server, amira, "UPDATE returns SET state = 'reopened' WHERE officer_id = %s", me)
    with pytest.raises(REFUSED, match="submitted or approved month are locked"):
        _try(server, amira, "UPDATE entries SET minutes = 600 WHERE officer_id = %s", me)
    assert _scalar(store, "SELECT minutes FROM entries WHERE officer_id = :me", me=me) == 180


def test_a_month_not_begun_is_neither_submitted_nor_approved_with_plain_sql(server, store, town):
    """What the app refuses before asking, the server refuses too: a return for a month not begun,
    submitted by its officer's own role with plain SQL; this month's is taken."""
    ben = _scalar(store, "SELECT id FROM people WHERE name = 'Ben Walton'")

    def submit(month_key: int) -> int:
        return _try(
            server,
            town["ben"],
            "INSERT INTO returns (officer_id, month_key, state, reason, updated_by, updated_at) "
            "VALUES (%s, %s, 'submitted', '', %s, now())",
            ben,
            month_key,
            ben,
        )

    ahead = Month.of(date.today()).shift(2).key  # past the day's grace the server allows
    with pytest.raises(REFUSED, match=f"month {ahead}: it has not begun"):
        submit(ahead)
    assert _scalar(store, "SELECT count(*) FROM returns WHERE month_key = :key", key=ahead) == 0
    assert submit(Month.of(date.today()).key) == 1


def test_an_officer_cannot_write_or_cut_the_trail(server, store, town):
    amira = town["amira"]
    rows = _scalar(store, "SELECT count(*) FROM audit_log")
    forged = (
        "INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, prev_hash, hash) "
        "VALUES ('2026-01-01', 1, 'root', 'approved', 'returns', 1, 'x', 'y')"
    )
    for sql in (forged, "DELETE FROM audit_log", "TRUNCATE audit_log", "UPDATE audit_log SET actor = 'x'"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _try(server, amira, sql)
    assert _scalar(store, "SELECT count(*) FROM audit_log") == rows


def test_an_officer_cannot_change_what_someone_else_recorded(server, store, town):
    amira = town["amira"]
    for sql, row in (
        ("UPDATE events SET reached = 999 WHERE id = %s", town["event"]),
        ("DELETE FROM events WHERE id = %s", town["event"]),
        ("UPDATE pact_meetings SET public = 999 WHERE id = %s", town["meeting"]),
        ("DELETE FROM pact_meetings WHERE id = %s", town["meeting"]),
        ("UPDATE pact_issues SET status = 'closed' WHERE id = %s", town["issue"]),
    ):
        assert _try(server, amira, sql, row) == 0, sql
    assert _scalar(store, "SELECT public FROM pact_meetings WHERE id = :id", id=town["meeting"]) == 6
    assert _scalar(store, "SELECT status FROM pact_issues WHERE id = :id", id=town["issue"]) == "open"
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _try(
            server,
            amira,
            "INSERT INTO people (name, role, active, created_at) VALUES ('Evil', 'supervisor', true, now())",
        )


def test_an_officer_cannot_claim_to_act_as_someone_else(server, store, town):
    ben = _scalar(store, "SELECT id FROM people WHERE name = 'Ben Walton'")
    me = _scalar(store, "SELECT id FROM people WHERE name = 'Amira Khan'")
    with _connect(server, town["amira"]) as connection:
        connection.execute("SELECT set_config('engage.act_as', %s, true)", (str(ben),))
        with pytest.raises(REFUSED, match="only a supervisor may act as someone else"):
            connection.execute(
                "INSERT INTO entries (officer_id, date, month_key, minutes, category, notes, "
                "created_by, created_at) VALUES (%s, '2025-06-12', 202506, 30, 'community', '', "
                "%s, now())",
                (me, me),
            )


def test_what_an_officer_may_change_with_psql_is_on_the_trail_the_app_verifies(server, store, town):
    me = _scalar(store, "SELECT id FROM people WHERE name = 'Amira Khan'")
    added = _try(
        server,
        town["amira"],
        "INSERT INTO entries (officer_id, date, month_key, minutes, category, "
        "notes, created_by, created_at) VALUES (%s, '2025-06-12', 202506, 30, 'community', "
        "'typed in psql: «quotes» \"and\" \\\\ a tab\t', %s, now())",
        me,
        me,
    )
    assert added == 1
    with store.read() as session:
        newest = list_audit(session, limit=1)[0]
        assert (newest.actor, newest.action, newest.entity) == ("Amira Khan", "create", "entries")
        assert "typed in psql" in (newest.after or "")
        assert verify(session).ok  # the server's rows hash exactly as the app checks them


def test_officer_add_gives_the_database_role_its_group(server, store, town):
    with store.write() as session:
        add_person(session, sup(session), "Gail Ghost", login=f"ghost_{uuid.uuid4().hex[:8]}")
    with store.read() as session:
        people = {p.name: p.database_role for p in list_people(session)}
    assert people["Amira Khan"] is True and people["Ben Walton"] is True
    assert people["Gail Ghost"] is False  # no database role yet: officer list says so


def test_a_temporary_table_does_not_stand_in_for_the_people(server, store, town):
    """A temporary `people` naming herself a supervisor, found before the real one by a function on
    the caller's path, once let an officer change what only a supervisor may. Every engage function
    now searches pg_temp last (and PUBLIC may not create temporary tables where 0011 ran)."""
    amira = town["amira"]
    me = _scalar(store, "SELECT id FROM people WHERE name = 'Amira Khan'")
    shadow = (
        "CREATE TEMP TABLE people (id int, login text, active bool, role text, name text, area_id int); "
        f"INSERT INTO pg_temp.people VALUES ({me}, '{amira}', true, 'supervisor', 'Sue Grant', NULL); "
    )
    with _connect(server, amira) as connection:
        try:
            connection.execute(shadow)
        except psycopg.errors.InsufficientPrivilege:
            return  # no temporary tables at all: nothing can stand in
        assert (
            connection.execute("UPDATE events SET title = 'pwned' WHERE id = %s", (town["event"],)).rowcount
            == 0
        )
        closed = "UPDATE pact_issues SET status = 'closed' WHERE id = %s"
        assert connection.execute(closed, (town["issue"],)).rowcount == 0
        with pytest.raises(REFUSED):
            connection.execute("UPDATE entries SET minutes = 600 WHERE officer_id = %s", (me,))
    assert _scalar(store, "SELECT title FROM events WHERE id = :id", id=town["event"]) == "Fair"
    assert _scalar(store, "SELECT minutes FROM entries WHERE officer_id = :me", me=me) == 180


def test_rows_tagged_as_imported_are_on_the_trail(server, store, town):
    """Rows inserted under a batch are counted on the batch's audit row, written at commit whatever
    the batch claims; rows inserted later under an old batch are audited one by one."""
    amira = town["amira"]
    me = _scalar(store, "SELECT id FROM people WHERE name = 'Amira Khan'")
    row = (
        "INSERT INTO entries (officer_id, date, month_key, minutes, category, notes, created_by, "
        "created_at, import_id) SELECT %s, '2025-06-12', 202506, 600, 'community', '', %s, now(), %s "
        "FROM generate_series(1, %s)"
    )
    with _connect(server, amira) as connection:
        batch = connection.execute(
            "INSERT INTO import_batches (kind, source, sha256, rows, imported_by, imported_at) "
            "VALUES ('hours', 'psql', repeat('a', 64), 1, %s, now()) RETURNING id",
            (me,),
        ).fetchone()[0]
        connection.execute(row, (me, me, batch, 5))
        connection.commit()
    trail = [r for r in _trail(store) if r.entity_id == batch and r.action == "import"]
    assert len(trail) == 1 and (trail[0].after["entries"], trail[0].after["minutes"]) == (5, 3000)
    before = len(_trail(store))
    assert _try(server, amira, row, me, me, batch, 2) == 2
    after = _trail(store)
    added = after[: len(after) - before]
    assert [(r.action, r.entity) for r in added] == [("create", "entries")] * 2
    assert added[0].entity_id == added[1].entity_id + 1  # audited in the order they were added
    with store.read() as session:
        assert verify(session).ok


def _trail(store) -> list[SimpleNamespace]:
    """The trail newest first, each `after` read as JSON."""
    with store.read() as session:
        rows = list_audit(session)
    return [
        SimpleNamespace(
            action=r.action, entity=r.entity, entity_id=r.entity_id, after=json.loads(r.after or "{}")
        )
        for r in rows
    ]


def test_an_officer_imports_her_own_hours_as_her_own_role(server, store, town, tmp_path):
    """PostgreSQL refuses COPY FROM on a table whose row-level security applies to the role: a
    person connected as their own role imports by INSERTs, each row checked by the policies; the
    app's checks still refuse another person's time first."""
    from engage_tui.config import Settings
    from engage_tui.service import Service

    bens_url = make_url(server).set(username=town["ben"]).render_as_string(hide_password=False)
    service = Service(Settings(bens_url, None, tmp_path))
    own, theirs = tmp_path / "own.csv", tmp_path / "theirs.csv"
    own.write_text("officer,date,hours\nBen Walton,2025-06-10,1:30\nBen Walton,2025-06-11,2\n")
    theirs.write_text("officer,date,hours\nAmira Khan,2025-06-12,1\n")
    try:
        assert (service.hours.import_file(own).rows, service.me().name) == (2, "Ben Walton")
        with pytest.raises(ImportRefused, match="nothing was imported") as refused:
            service.hours.import_file(theirs)
        assert refused.value.problems == ["row 2, officer: Ben Walton may only log their own time"]
    finally:
        service.close()
    assert _scalar(store, "SELECT count(*) FROM entries WHERE notes = '' AND import_id IS NOT NULL") == 2


def test_an_officer_exports_every_entry_as_her_own_role(server, store, town, tmp_path):
    """The export is written by the server (COPY … TO STDOUT), which a role without any special
    right may run: everyone reads every entry, as the app shows them."""
    from engage_tui.config import Settings
    from engage_tui.service import Service

    bens_url = make_url(server).set(username=town["ben"]).render_as_string(hide_password=False)
    service = Service(Settings(bens_url, None, tmp_path))
    try:
        assert service.reports.export_entries(tmp_path / "entries.csv") == 2
    finally:
        service.close()
    lines = (tmp_path / "entries.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines] == ["officer", "Amira Khan", "Ben Walton"]


def test_an_officer_reads_t3_as_her_own_role_on_the_fast_read_path(server, store, town, tmp_path):
    """`report monthly` is read through psycopg alone (the store never opens): the role connected is
    who acts, as on the store's path, and an officer may not act as the supervisor there either."""
    from engage_tui.config import Settings
    from engage_tui.domain.reports import monthly
    from engage_tui.errors import EngageError
    from engage_tui.service import Service
    from tests.conftest import SUPERVISOR

    bens_url = make_url(server).set(username=town["ben"]).render_as_string(hide_password=False)
    service = Service(Settings(bens_url, None, tmp_path))
    assert service.me().name == "Ben Walton"
    report = service.reports.monthly(2025)
    assert not service.core.store_open, "read on the fast path"
    with store.read() as session:
        assert report == monthly(session, 2025) and report.rows[5][1] == 120
    claiming = Service(Settings(bens_url, SUPERVISOR, tmp_path))
    with pytest.raises(EngageError, match="leave it out to act as yourself"):
        claiming.reports.monthly(2025)
    assert not claiming.core.store_open
