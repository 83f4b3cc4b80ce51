"""The directory from the command line: the same calls as the People screen, refusals as one line."""

import pytest

from engage_tui.domain.people import add_area, add_person
from tests.conftest import sup


@pytest.fixture
def ready(cli, store):
    with store.write() as session:
        add_area(session, sup(session), "Consett", "North")
        add_person(session, sup(session), "Ann Officer", area="Consett", login="ann")
    return cli


def test_rename_move_retire_and_restore(ready):
    assert ready("officer", "rename", "Ann Officer", "Ann Smith").out == "renamed Ann Officer to Ann Smith\n"
    assert ready("area", "move", "Consett", "Derwentside").out == "area Consett is in Derwentside\n"
    assert ready("officer", "retire", "Ann Smith").out == "retired Ann Smith\n"
    listed = ready("officer", "list", "--format", "csv").out
    assert "Ann Smith,ann,officer,co,Consett,no" in listed
    assert ready("officer", "restore", "ann smith").code == 0
    assert ready("officer", "home", "Ann Smith").out == "Ann Smith has no home area\n"
    localities = ready("locality", "list", "--format", "csv").out.splitlines()
    assert localities[1:] == ["2,Derwentside,1,0", "1,North,0,0"]
    assert ready("locality", "delete", "North").out == "deleted locality North\n"
    audit = ready("audit", "--format", "csv").out
    assert audit.count(",update,people,") == 4 and ",delete,localities," in audit


def test_in_use_is_refused_in_one_line_and_changes_nothing(ready):
    ready(
        "hours",
        "add",
        "--officer",
        "Ann Officer",
        "--date",
        "2020-05-04",
        "--hours",
        "1",
        "--audience",
        "GRT",
    )
    refused = ready("term", "delete", "audience", "GRT")
    assert refused.code == 1 and refused.err.count("\n") == 1
    assert refused.err.startswith("error: audience: 'Gypsy, Roma and Traveller communities' is used by 1")
    assert ready("term", "rename", "audience", "GRT", "Travellers", "--short", "").code == 0
    assert "Travellers" in ready("hours", "list", "--format", "csv").out
    assert ready("officer", "retire", "Ann Officer", user="ann").err.startswith(
        "error: user: Ann Officer is an officer; only a supervisor may retire or restore people"
    )


def test_a_vocabulary_word_retires_and_is_restored_its_records_keeping_it(ready):
    """A retired word is listed as such and no longer offered; an entry that used it keeps it; an
    officer may not retire one; retiring twice says so."""
    logged = ready(
        "hours",
        "add",
        "--officer",
        "Ann Officer",
        "--date",
        "2020-03-02",
        "--hours",
        "1",
        "--audience",
        "older people",
    )
    assert logged.code == 0, logged.err
    assert ready("term", "retire", "audience", "Older People").out == "retired audience 'older people'\n"
    listed = ready("term", "list", "audience", "--format", "csv").out.splitlines()
    assert "audience,older people,,no" in listed and "audience,faith groups,,yes" in listed
    again = ready("term", "retire", "audience", "older people")
    assert again.code == 1 and again.err == "error: name: audience 'older people' is already retired\n"
    refused = ready("term", "retire", "audience", "faith groups", user="ann")
    assert refused.code == 1 and "only a supervisor" in refused.err.lower()
    entries = ready("hours", "list", "--officer", "Ann Officer", "--format", "csv").out
    assert "older people" in entries
    assert ready("term", "restore", "audience", "older people").out == "restored audience 'older people'\n"
    assert ready("audit", "--format", "csv").out.count(",update,terms,") == 2


@pytest.mark.parametrize("login", ["with space", "tab\there", "a" * 64, "bell\x07"])
def test_a_login_nobody_could_sign_in_with_is_refused(ready, login):
    refused = ready("officer", "add", "New Person", "--login", login)
    assert (
        refused.code == 1
        and refused.err.startswith("error: login: ")
        and "is not an account name" in refused.err
    )
    assert "New Person" not in ready("officer", "list", "--format", "csv").out


@pytest.mark.parametrize(
    "login",
    ["a.khan", "akhan@force.example", "FORCE\\akhan", "s.o'neill", "jürgen", "svc_engage-2", "a" * 63],
)
def test_logins_as_systems_write_them_are_taken(ready, login):
    assert ready("officer", "add", "New Person", "--login", login).code == 0
    assert f"New Person,{login}," in ready("officer", "list", "--format", "csv").out
