"""Any string in any option of any command is done (0), refused (1) or a usage error (2) — never a
traceback, never "unexpected". The commands and their options are read from the parser itself, so a
new option is fuzzed the day it is added. In-process (`main(argv)`) against a real SQLite file: a
subprocess per example would allow a handful of examples a minute."""

import argparse
import io
from contextlib import redirect_stderr, redirect_stdout

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from engage_tui.cli import main
from engage_tui.cli.parser import build_parser

pytestmark = pytest.mark.sqlite_only
SKIPPED = {("tui",)}  # opens the terminal app


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command words, its parser) for every leaf command."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        yield path, parser
        return
    for name, child in groups[0].choices.items():
        yield from _commands(child, (*path, name))


COMMANDS = [(path, parser) for path, parser in _commands(build_parser()) if path and path not in SKIPPED]
OPTIONS = [
    (path, action)
    for path, parser in COMMANDS
    for action in parser._actions
    if not isinstance(action, argparse._HelpAction)
]

PLAUSIBLE = st.sampled_from(
    [
        "1",
        "2017",
        "2017-10",
        "2017-10-03",
        "Q4 2021/22",
        "Baseline",
        "1.5",
        "2:30",
        "sup",
        "Consett",
        "community",
        "cyp",
        "monthly",
        "area",
        "month",
        "csv",
        "xlsx",
        "out.csv",
        "out.xlsx",
        "rate.pc",
        "faith groups",
        "PACT meeting",
        "pcso",
        "sup:pcso",
        "sup:2",
        "open",
    ]
)
"""Values that pass most checks, for the arguments not being fuzzed, so that a command gets past its
first check into the code behind the fuzzed option."""
# What a shell can pass: anything but NUL. Surrogates stand for bytes that are not UTF-8 (Python
# reads argv with surrogateescape).
TEXT = (
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
    | st.text(st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF) | st.sampled_from("aé1 "), max_size=8)
    | st.sampled_from(
        [
            "9" * 5000,
            "٣",
            "𝟑",
            "１.5",
            "²",
            "-1",
            "0",
            "1e999",
            "NaN",
            "-",
            "--",
            "=cmd",
            "'",
            "\x1b[31m",
            "x" * 10_000,
        ]
    )
    | PLAUSIBLE
)
"""Arbitrary text, values that have broken parsers before, and plausible ones."""


def _harmless(value: str) -> str:
    """Keep arbitrary paths inside the test's folder (the process runs as whoever runs the tests)."""
    value = value.replace("..", "__")
    return "x" + value if value.startswith(("/", "~")) else value


def _argv(path, parser, chosen, draw) -> list[str]:
    """The command, a plausible value for each of its required arguments, and an arbitrary one for
    `chosen`."""
    argv = list(path)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or not (action.required or action is chosen):
            continue
        if action.option_strings:
            argv.append(action.option_strings[-1])
        if action.nargs != 0:
            argv.append(_harmless(draw(_values(action, fuzzed=action is chosen))))
    return argv


def _values(action: argparse.Action, fuzzed: bool) -> st.SearchStrategy[str]:
    """Anything for the fuzzed argument (its choices among them); else what it accepts."""
    if not action.choices:
        return TEXT if fuzzed else PLAUSIBLE
    choices = st.sampled_from(sorted(action.choices))
    return TEXT | choices if fuzzed else choices


@pytest.fixture
def engage(cli_env, store, tmp_path, monkeypatch):
    """`main(argv)` in this process, with the CLI's environment, in the test's folder; its stderr as
    text. The streams are bytes underneath, as a terminal's are, so output is checked as it would be
    written (a file name's stray bytes included)."""
    monkeypatch.setattr("os.environ", cli_env())
    monkeypatch.chdir(tmp_path)

    def run(argv: list[str]) -> tuple[int, str]:
        out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8") for _ in range(2))
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as leaving:  # argparse: --help, --version, a usage error
                code = leaving.code
            out.flush()
            err.flush()
        return code, err.buffer.getvalue().decode("utf-8", "backslashreplace")

    return run


def test_every_command_and_option_is_listed():
    words = {path[0] for path, _ in COMMANDS}
    assert {"hours", "event", "pact", "report", "export", "import", "backup", "doctor"} <= words
    assert len(OPTIONS) > 150


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_argument_is_done_refused_or_a_usage_error(engage, data):
    path, chosen = data.draw(st.sampled_from(OPTIONS), label="option")
    parser = dict(COMMANDS)[path]
    argv = _argv(path, parser, chosen, data.draw)
    code, err = engage(argv)
    event(f"exit {code}")  # --hypothesis-show-statistics: how many were done, refused, misused
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err and "unexpected" not in err, (argv, err)
    assert all(len(line) < 2000 for line in err.splitlines()), argv
