"""The cold path of `engage report monthly`, on a SQLite file and on PostgreSQL: no SQLAlchemy in the
process, the same report as the domain's, refused alike, statements that are exactly what the domain's
queries compile to, and a parser that builds only the command asked for but builds it the same."""

import argparse
import os
import subprocess
import sys
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from engage_tui.cli.output import TABULATE_FORMATS
from engage_tui.cli.parser import build_parser
from engage_tui.config import Settings
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.people import add_person
from engage_tui.domain.periods import Month
from engage_tui.domain.reports import monthly
from engage_tui.domain.returns import approve, submit
from engage_tui.domain.tables import PROVISIONAL
from engage_tui.errors import EngageError
from engage_tui.service import Service
from engage_tui.service.fast import compile_all, monthly_report
from engage_tui.store.compiled import DIALECTS, load
from engage_tui.store.readers import Reader, reader_for
from tests.conftest import DEMO_ENTRIES, SUPERVISOR, sup


def _settings(db_url: str, user: str = SUPERVISOR) -> Settings:
    return Settings(db_url=db_url, user=user, exports_dir=Path("."))


def _cold(db_url: str, year: int, fy: bool = False, user: str = SUPERVISOR) -> object:
    reader = reader_for(db_url)
    assert isinstance(reader, Reader)
    return monthly_report(_settings(db_url, user), reader, year, fy)


def _refusal(call) -> str:
    with pytest.raises(EngageError) as refused:
        call()
    return refused.value.message


def test_the_precompiled_statements_are_what_the_domain_queries_compile_to():
    for dialect in DIALECTS:
        assert load(dialect) == compile_all(dialect), "run: python -m engage_tui.service.fast"


def test_the_cold_report_is_the_domains_report(demo_store, db_url):
    for year, fy in ((2017, False), (2017, True), (2016, False)):
        with demo_store.read() as session:
            expected = monthly(session, year, fy)
        assert _cold(db_url, year, fy) == expected
    with demo_store.write() as session:  # an unapproved month makes both provisional alike
        add_entry(session, sup(session), EntryDraft("Amira Khan", "2019-05-02", "1:20"))
    with demo_store.read() as session:
        expected = monthly(session, 2019)
    assert expected.provisional and _cold(db_url, 2019) == expected


def test_the_cold_report_refuses_like_every_command(store, db_url):
    def both(url: str, user: str = SUPERVISOR) -> tuple[str, str]:
        service = Service(_settings(url, user))
        cold = _refusal(lambda: service.reports.monthly(2017))
        assert not service.core.store_open, "refused on the fast path"
        return cold, _refusal(lambda: Service(_settings(url, user)).people.everyone())

    cold, full = both(db_url, "nobody")
    assert cold == full and cold.startswith("user: 'nobody' is not a person in this database")
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    cold, full = both(db_url)
    assert cold == full and "has schema 0003, this engage needs" in cold
    missing = (
        f"sqlite:///{Path(db_url.removeprefix('sqlite:///')).parent / 'none.sqlite3'}"
        if db_url.startswith("sqlite")
        else db_url.rsplit("/", 1)[0] + "/engage_no_such_database"
    )
    cold, full = both(missing)
    assert cold == full and ("no database at" in cold or "does not exist" in cold), cold


def test_an_approved_month_counts_as_approved_on_the_cold_path(store, db_url):
    with store.write() as session:
        actor = sup(session)
        add_person(session, actor, "Ann Officer")
        add_entry(session, actor, EntryDraft("Ann Officer", "2020-03-04", "2"))
        submit(session, actor, Month(2020, 3), "Ann Officer")
        approve(session, actor, "Ann Officer", Month(2020, 3))
    report = _cold(db_url, 2020)
    assert (report.provisional, report.rows[2][1], report.rows[-1][1]) == (False, 120, 120)


@pytest.mark.parametrize(
    "command, heading",
    [
        ("'monthly', '--year', '2017'", f"Month [{PROVISIONAL}],Total Community Engagement (Hours)"),
        ("'rollup', '--by', 'area', '--period', 'quarter', '--fy'", f"Area [{PROVISIONAL}],Q1 2017/18,"),
    ],
    ids=["monthly", "rollup"],
)
def test_the_reports_run_without_sqlalchemy(demo_store, db_url, tmp_path, command, heading):
    probe = (
        f"import sys, runpy; sys.argv = ['engage', 'report', {command}, '--format', 'csv']\n"
        "try:\n    runpy.run_module('engage_tui', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'textual', 'tabulate')))"
    )
    env = {**os.environ, "ENGAGE_DB": db_url, "ENGAGE_USER": SUPERVISOR}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert done.stdout.startswith(heading), done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "[]", done.stderr


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices


def test_a_command_builds_only_its_modules_yet_the_same_parser():
    full = _commands(build_parser())
    for word, parser in full.items():
        lazy = _commands(build_parser(["--db", "x.sqlite3", word, "--help"]))
        assert lazy[word].format_help() == parser.format_help(), word
        for name, sub in (
            _commands(parser).items()
            if any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
            else ()
        ):
            assert _commands(lazy[word])[name].format_help() == sub.format_help(), (word, name)
    assert len(_commands(build_parser(["report", "monthly"]))) < len(full)


def test_the_written_out_formats_are_tabulates():
    from tabulate import tabulate_formats

    assert list(TABULATE_FORMATS) == tabulate_formats


def test_the_cold_report_prints_what_the_full_path_prints(cli, demo_store):
    cold = cli("report", "monthly", "--year", "2017", "--format", "csv")
    full = cli("report", "monthly", "--year", "2017", "--officer", "Amira Khan", "--format", "csv")
    assert cold.code == full.code == 0 and cold.out.splitlines()[0] == full.out.splitlines()[0]
    assert cli("report", "monthly", "--year", "2017", user="nobody").err.startswith("error: user: 'nobody'")


ROLLUPS = [
    ("officer", "month", None, False, "co"),
    ("officer", "quarter", (date(2017, 2, 1), date(2017, 9, 30)), False, "co"),  # whole months
    ("officer", "month", (date(2017, 2, 3), date(2017, 9, 20)), False, None),
    ("area", "quarter", None, True, "co"),
    ("locality", "year", (date(2016, 1, 1), date(2018, 12, 31)), False, None),
    ("job", "month", None, False, None),
    ("category", "quarter", None, True, "co"),
    ("audience", "month", (date(2017, 3, 1), date(2017, 3, 31)), False, "co"),
    ("activity", "year", None, False, None),
]


@pytest.mark.parametrize("by, kind, span, fy, job", ROLLUPS)
def test_the_cold_rollup_is_the_domains_rollup(demo_store, db_url, by, kind, span, fy, job):
    cold = Service(_settings(db_url))
    shown = cold.reports.rollup(by, kind, span, fy, job)
    assert not cold.core.store_open, "read on the fast path"
    assert shown == Service(_settings(db_url), demo_store).reports.rollup(by, kind, span, fy, job)
    assert shown.rows[-1][0] == "TOTAL" and shown.rows[-1][-1]


def test_the_cold_rollup_refuses_like_the_store(store, db_url):
    asked = [
        ("team", "month", None, "by: 'team' is not a grouping"),
        ("area", "week", None, "period: 'week' is not a period"),
        ("area", "month", (date(2017, 3, 2), date(2017, 3, 1)), "to: 2017-03-01 is before 2017-03-02"),
    ]
    for by, kind, span, words in asked:
        cold = Service(_settings(db_url))
        refused = _refusal(partial(cold.reports.rollup, by, kind, span))
        assert not cold.core.store_open
        assert refused == _refusal(partial(Service(_settings(db_url), store).reports.rollup, by, kind, span))
        assert refused.startswith(words)


def test_the_cold_export_is_the_stores_export(demo_store, db_url, tmp_path):
    """On a server the entries' CSV is written by the server before the store opens (a file's is
    the store's Python writer): the same bytes either way, refused alike."""
    cold = Service(_settings(db_url))
    assert cold.reports.export_entries(tmp_path / "cold.csv") == DEMO_ENTRIES
    assert cold.core.store_open == db_url.startswith("sqlite")
    Service(_settings(db_url), demo_store).reports.export_entries(tmp_path / "store.csv")
    assert (tmp_path / "cold.csv").read_bytes() == (tmp_path / "store.csv").read_bytes()
    nobody = Service(_settings(db_url, "nobody"))
    refused = _refusal(lambda: nobody.reports.export_entries(tmp_path / "nobody.csv"))
    assert refused == _refusal(lambda: Service(_settings(db_url, "nobody")).people.everyone())
    assert not (tmp_path / "nobody.csv").exists()


@pytest.mark.parametrize("command", [["report", "monthly", "--year", "2017"], ["export", "entries"]])
def test_a_server_url_without_its_driver_is_refused_in_words(tmp_path, command):
    """Where psycopg is not installed (the postgres extra left out; here hidden from the process), the
    fast read path leaves the URL to the store, which names the missing driver."""
    probe = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from engage_tui.cli import main\n"
        f"sys.exit(main(['--db', 'postgresql+psycopg://x@127.0.0.1:1/x', *{command!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert done.returncode == 1 and done.stderr.startswith(
        "error: db: postgresql+psycopg://x@127.0.0.1:1/x is not a database engage can open ("
    ), done.stderr
    assert "unexpected" not in done.stderr


def test_a_workbooks_method_on_the_fast_path_is_the_stores(demo_store, db_url):
    """A workbook's Method sheet (database, who, the trail's checkpoint) read before the store opens,
    so that a cold `--format xlsx` export never imports SQLAlchemy: the same as the store's."""
    cold = Service(_settings(db_url))
    shown = cold.reports.method()
    assert not cold.core.store_open
    stored = Service(_settings(db_url), demo_store).reports.method()
    assert (shown.database, shown.generated_by, shown.checkpoint) == (
        stored.database,
        stored.generated_by,
        stored.checkpoint,
    )
    with demo_store.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT count(*) FROM audit_log").scalar()
    assert rows and shown.checkpoint.startswith(f"{rows}:")
