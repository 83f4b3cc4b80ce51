"""The cold path of `engage report monthly` on SQLite: no SQLAlchemy in the process, the same report
as the domain's, statements that are exactly what the domain's queries compile to, and a parser that
builds only the command asked for but builds it the same."""

import argparse
import os
import subprocess
import sys
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
from engage_tui.errors import EngageError, SchemaError
from engage_tui.service.fast import compile_all, monthly_report
from engage_tui.store.compiled import load
from tests.conftest import SUPERVISOR, sup

pytestmark = pytest.mark.sqlite_only


def _settings(db_path: Path, user: str = SUPERVISOR) -> Settings:
    return Settings(db_url=f"sqlite:///{db_path}", user=user, exports_dir=db_path.parent)


def test_the_precompiled_statements_are_what_the_domain_queries_compile_to():
    assert load() == compile_all(), "run: python -m engage_tui.service.fast"


def test_the_cold_report_is_the_domains_report(demo_store, db_path):
    for year, fy in ((2017, False), (2017, True), (2016, False)):
        with demo_store.read() as session:
            expected = monthly(session, year, fy)
        assert monthly_report(_settings(db_path), db_path, year, fy) == expected
    with demo_store.write() as session:  # an unapproved month makes both provisional alike
        add_entry(session, sup(session), EntryDraft("Amira Khan", "2019-05-02", "1:20"))
    with demo_store.read() as session:
        expected = monthly(session, 2019)
    assert expected.provisional and monthly_report(_settings(db_path), db_path, 2019, False) == expected


def test_the_cold_report_refuses_like_every_command(store, db_path, tmp_path):
    with pytest.raises(EngageError, match="user: 'nobody' is not a person in this database"):
        monthly_report(_settings(db_path, "nobody"), db_path, 2017, False)
    missing = tmp_path / "none.sqlite3"
    with pytest.raises(SchemaError, match=f"no database at {missing}; create it with: engage init"):
        monthly_report(_settings(missing), missing, 2017, False)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    with pytest.raises(SchemaError, match="has schema 0003, this engage needs"):
        monthly_report(_settings(db_path), db_path, 2017, False)


def test_an_approved_month_counts_as_approved_on_the_cold_path(store, db_path):
    with store.write() as session:
        actor = sup(session)
        add_person(session, actor, "Ann Officer")
        add_entry(session, actor, EntryDraft("Ann Officer", "2020-03-04", "2"))
        submit(session, actor, Month(2020, 3), "Ann Officer")
        approve(session, actor, "Ann Officer", Month(2020, 3))
    report = monthly_report(_settings(db_path), db_path, 2020, False)
    assert (report.provisional, report.rows[2][1], report.rows[-1][1]) == (False, 120, 120)


def test_report_monthly_runs_without_sqlalchemy(demo_store, db_path, tmp_path):
    probe = (
        "import sys, runpy; sys.argv = ['engage', 'report', 'monthly', '--year', '2017', '--format', 'csv']\n"
        "try:\n    runpy.run_module('engage_tui', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'textual', 'tabulate')))"
    )
    env = {**os.environ, "ENGAGE_DB": f"sqlite:///{db_path}", "ENGAGE_USER": SUPERVISOR}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert done.stdout.startswith(f"Month [{PROVISIONAL}],Total Community Engagement (Hours)")
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
