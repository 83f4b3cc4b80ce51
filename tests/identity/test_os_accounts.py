"""Identity on one machine: the acting person is the operating-system account running engage (its
real uid, never LOGNAME or USER), matched to a person's login; ENGAGE_USER and --user only "act as",
which only a supervisor may; the trail names both. Real throwaway accounts, the real command line."""

from pathlib import Path

import pytest

from engage_tui.domain.audit import list_audit
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.people import add_person
from engage_tui.domain.periods import Month
from engage_tui.domain.returns import submit
from engage_tui.store import Store
from tests.conftest import sup
from tests.identity.accounts import run_as, shared_copy, throwaway_account

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def people(store, db_path: Path):
    """Two throwaway accounts: Amira, an officer, and Sue, a supervisor, on a copy of the test
    database every account may write."""
    with throwaway_account() as amira, throwaway_account() as sue:
        with store.write() as session:
            add_person(session, sup(session), "Amira Khan", login=amira.name)
            add_person(session, sup(session), "Sue Grant", role="supervisor", login=sue.name)
            add_person(session, sup(session), "Ben Walton", login="ben")
        store.dispose()
        yield shared_copy(db_path), amira, sue


def _engage(database: Path, account, *argv: str, **env: str):
    base = {"ENGAGE_DB": str(database), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return run_as(account.uid, account.gid, list(argv), base | env)


def test_the_account_is_the_person_whatever_logname_says(people):
    database, amira, _sue = people
    done = _engage(
        database, amira, "hours", "add", "--date", "2026-11-02", "--hours", "1", LOGNAME="sup", USER="sup"
    )
    assert done.code == 0, done.err
    trail = list_audit_of(database)
    assert trail[0].actor == "Amira Khan"  # not the supervisor LOGNAME and USER claimed


def test_an_officer_cannot_act_as_anyone_else(people):
    database, amira, _sue = people
    for how in ({"ENGAGE_USER": "Ben Walton"}, {}):
        argv = ["hours", "add", "--date", "2026-11-02", "--hours", "1"]
        done = _engage(database, amira, *(["--user", "sup"] if not how else []), *argv, **how)
        assert done.code == 1
        assert done.err.startswith("error: user: Amira Khan is an officer; only a supervisor may act as")
    assert _engage(database, amira, "--user", "Amira Khan", "hours", "list").code == 0  # herself


def test_a_supervisor_acts_as_an_officer_and_the_trail_names_both(people):
    database, _amira, sue = people
    done = _engage(
        database, sue, "hours", "add", "--date", "2026-11-03", "--hours", "2", ENGAGE_USER="Amira Khan"
    )
    assert done.code == 0, done.err
    trail = list_audit_of(database)
    assert trail[0].actor == "Sue Grant as Amira Khan"
    by_sue = list_audit_of(database, "Sue Grant")
    assert [row.id for row in by_sue][:1] == [trail[0].id]  # found under either name
    refused = _engage(database, sue, "--user", "Amira Khan", "officer", "add", "Someone New")
    assert refused.code == 1 and "Amira Khan is an officer" in refused.err  # the rules of whom she acts as


def test_nobody_approves_their_own_return_under_another_name(people, store):
    database, _amira, sue = people
    other = Store(f"sqlite:///{database}")
    with other.write() as session:
        add_person(session, sup(session), "Second Super", role="supervisor", login="second")
        grant = sup(session)
        add_entry(session, grant, EntryDraft("Sue Grant", "2026-10-05", "3"))
        submit(session, grant, Month(2026, 10), "Sue Grant")
    other.dispose()
    done = _engage(
        database,
        sue,
        "--user",
        "Second Super",
        "return",
        "approve",
        "--officer",
        "Sue Grant",
        "--month",
        "2026-10",
    )
    assert done.code == 1 and "nobody approves their own return" in done.err


def test_an_account_with_no_person_is_told_how_to_be_added(people):
    database, _amira, _sue = people
    with throwaway_account() as stranger:
        done = _engage(database, stranger, "hours", "list")
    assert done.code == 1
    assert done.err == (
        f"error: user: {stranger.name!r} is not a person in this database; a supervisor can "
        f'add you with: engage officer add "YOUR NAME" --login {stranger.name}\n'
    )


def test_a_uid_with_no_passwd_entry_is_refused_in_words(people):
    database, _amira, _sue = people
    done = run_as(54321, 54321, ["hours", "list"], {"ENGAGE_DB": str(database), "LOGNAME": "sup"})
    assert done.code == 1
    assert done.err.startswith("error: user: this account (uid 54321) has no name on this machine")


def test_init_makes_the_account_its_first_supervisor(tmp_path):
    with throwaway_account() as founder:
        folder = shared_copy_folder(tmp_path)
        database = folder / "new.sqlite3"
        done = _engage(database, founder, "--user", "Fran Founder", "init")
        assert done.code == 0, done.err
        assert "Fran Founder is its first supervisor" in done.out
        listed = _engage(database, founder, "officer", "list", "--format", "csv")
    assert f"Fran Founder,{founder.name},supervisor" in listed.out


def list_audit_of(database: Path, user: str | None = None):
    other = Store(f"sqlite:///{database}")
    try:
        with other.read() as session:
            return list_audit(session, user=user, limit=20)
    finally:
        other.dispose()


def shared_copy_folder(tmp_path: Path) -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="engage-new-"))
    folder.chmod(0o777)
    return folder
