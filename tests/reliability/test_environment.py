"""The surroundings are not a bug: a read-only folder, file or mount, a full disk, a file that is not a
database, another application's database, a damaged one, a newer schema, a server that is down and a
`~user` with no home are each one `error:` line that says what, where and what to do — exit 1, nothing
changed, no SQL, no data, no "unexpected"."""

import hashlib
import sqlite3
from pathlib import Path

import pytest

from engage_tui.domain.people import add_area, add_person
from tests.conftest import sup
from tests.reliability.surroundings import (
    corrupt,
    read_only_mount,
    refused,
    settled_copy,
    small_disk,
    unwritable,
)

pytestmark = pytest.mark.sqlite_only  # the shared file and its folder, disk and mount


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def team(store):
    with store.write() as session:
        add_area(session, sup(session), "Consett")
        add_person(session, sup(session), "Ann Officer", area="Consett")
    return store


@pytest.fixture
def copy(team, db_path, tmp_path) -> Path:
    """The team's database copied as one file into a folder of its own."""
    folder = tmp_path / "shared"
    folder.mkdir()
    return settled_copy(db_path, folder / "engage.sqlite3")


def test_read_only_folder(cli, copy):
    with unwritable(copy.parent):
        for command in (("report", "monthly", "--year", "2020"), ("area", "list"), ("area", "add", "Crook")):
            line = refused(cli("--db", str(copy), *command), f"its folder {copy.parent} is read-only")
            assert "engage.sqlite3-wal" in line and "holds no engage database" not in line


def test_read_only_file(cli, copy):
    before = digest(copy)
    with unwritable(copy):
        assert cli("--db", str(copy), "area", "list").code == 0  # reading needs no write
        refused(
            cli("--db", str(copy), "area", "add", "Crook"),
            f"cannot change {copy}: the file is read-only; nothing was changed. Ask for write access",
        )
    assert digest(copy) == before


def test_read_only_mount(cli, copy, tmp_path):
    with read_only_mount(copy.parent, tmp_path / "ro") as mounted:
        target = mounted / copy.name
        refused(cli("--db", str(target), "report", "monthly", "--year", "2020"), "is on a read-only mount")
        refused(
            cli(
                "--db",
                str(target),
                "hours",
                "add",
                "--officer",
                "Ann Officer",
                "--date",
                "2020-01-02",
                "--hours",
                "1",
            ),
            "is on a read-only mount",
        )
        refused(cli("--db", str(mounted / "new.sqlite3"), "init"), "is on a read-only mount")
        refused(cli("--db", str(mounted / "sub" / "new.sqlite3"), "init"), "Read-only file system")


def test_full_disk_says_so_and_keeps_the_data(cli, copy, tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text(
        "officer,date,hours,notes\n"
        + "".join(
            f"Ann Officer,2020-01-{day % 28 + 1:02d},1,{'private words ' * 100}\n" for day in range(2000)
        )
    )
    size = copy.stat().st_size
    with small_disk(tmp_path / "disk", f"{size // 1024 + 48}k") as disk:
        target = settled_copy(copy, disk / copy.name)
        line = refused(cli("--db", str(target), "import", "hours", str(notes)), f"{target}: the disk is full")
        assert "nothing was changed. Free some space" in line and "private words" not in line
        for _ in range(3):  # small writes too, each into what room is left
            result = cli(
                "--db",
                str(target),
                "hours",
                "add",
                "--officer",
                "Ann Officer",
                "--date",
                "2020-02-03",
                "--hours",
                "1",
                "--note",
                "private words " * 140,
            )
            if result.code:
                refused(result, "the disk is full")
        raw = sqlite3.connect(target)
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert (
            raw.execute("SELECT count(*) FROM entries WHERE notes LIKE 'private words private%'").fetchone()[
                0
            ]
            <= 3
        )
        raw.close()


@pytest.mark.parametrize(
    "command",
    [("area", "list"), ("report", "monthly", "--year", "2020"), ("init",), ("area", "add", "Crook")],
)
def test_a_file_that_is_not_a_database(cli, tmp_path, command):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(bytes(range(256)) * 64)
    before = digest(junk)
    refused(cli("--db", str(junk), *command), f"{junk} is not a SQLite database")
    assert digest(junk) == before


@pytest.mark.parametrize(
    "command", [("init",), ("area", "list"), ("report", "monthly", "--year", "2020"), ("export", "entries")]
)
def test_a_folder_given_as_the_database_is_named_a_folder(cli, tmp_path, command):
    """SQLite reads a folder as a disk error (or cannot open it): say what it is, and what to give."""
    folder = tmp_path / "db"
    folder.mkdir()
    refused(cli("--db", str(folder), *command), f"{folder} is a folder, not a database file")
    assert list(folder.iterdir()) == []


def test_another_applications_database_is_refused_untouched(cli, tmp_path):
    other = tmp_path / "other.sqlite3"
    raw = sqlite3.connect(other)
    raw.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    raw.execute("INSERT INTO invoices (total) VALUES (12.5)")
    raw.commit()
    raw.close()
    before = digest(other)
    for command in (("init",), ("init", "--demo"), ("area", "list"), ("report", "monthly", "--year", "2017")):
        refused(
            cli("--db", str(other), *command),
            f"{other} is not an engage database: it holds another application's tables (invoices)",
        )
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("other")) == ["other.sqlite3"]


def test_a_damaged_database(cli, demo_store, db_path, tmp_path):
    copy = corrupt(settled_copy(db_path, tmp_path / "damaged.sqlite3"))
    for command in (("hours", "list"), ("report", "monthly", "--year", "2017"), ("report", "annual")):
        for _ in range(3):  # the cold T3 reads on two threads: a damaged page must not crash either
            refused(cli("--db", str(copy), *command), f"{copy} is damaged")


def test_init_refuses_a_newer_schema_changing_nothing(cli, copy):
    raw = sqlite3.connect(copy)
    raw.execute("UPDATE alembic_version SET version_num = '0099'")
    raw.commit()
    raw.close()
    before = digest(copy)
    refused(cli("--db", str(copy), "init"), "has schema '0099', newer than this engage knows")
    assert digest(copy) == before


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://engage:s3cret@127.0.0.1:1/engage",
        "postgresql+psycopg://engage@127.0.0.1:1/engage",
    ],
)
@pytest.mark.parametrize(
    "command", [("area", "list"), ("init",), ("doctor",), ("report", "monthly", "--year", "2017")]
)
def test_a_server_that_is_not_running(cli, url, command):
    """Refused alike by the store and by the fast read path (`report monthly`), the password hidden."""
    pytest.importorskip("psycopg")
    line = refused(
        cli("--db", url, *command), "cannot reach the database server at postgresql+psycopg://engage"
    )
    assert "Connection refused" in line and "s3cret" not in line
    assert ("engage:***@127.0.0.1:1/engage" in line) == ("s3cret" in url)


def test_a_url_engage_cannot_open(cli):
    refused(
        cli("--db", "mysqlx://x@host/db", "area", "list"),
        "db: mysqlx://x@host/db is not a database engage can open",
    )


@pytest.mark.parametrize("how", ["--db", "ENGAGE_DB"])
def test_a_home_folder_that_does_not_exist(cli, how):
    target = "~nosuchuser/x.sqlite3"
    result = cli("--db", target, "area", "list") if how == "--db" else cli("area", "list", db=target)
    refused(result, "'~nosuchuser/x.sqlite3' starts with ~nosuchuser, but this machine has no home folder")


def test_init_on_a_full_disk_leaves_no_half_made_database(cli, tmp_path):
    """The demo does not fit: one refusal, and no schema-only file left behind that a later command
    would take for an engage database with nobody in it."""
    with small_disk(tmp_path / "disk", "400k") as disk:
        target = disk / "new.sqlite3"
        refused(cli("--db", str(target), "init", "--demo"), "the disk is full")
        assert list(disk.iterdir()) == []
