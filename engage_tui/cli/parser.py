"""The argument parser: globals first, then one sub-parser per noun, each registered by its module."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import NoReturn

from engage_tui import __version__
from engage_tui.errors import SHOWN, shown


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one `error:` line (exit 2), like every other refusal,
    and reads every `type=int` option as `integer` does."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.register("type", int, integer)

    def error(self, message: str) -> NoReturn:
        message = re.sub(rf"'([^'\n]{{{SHOWN + 1},}})'", lambda quoted: shown(quoted[1]), message)
        print(f"error: {message}", file=sys.stderr)
        print(f"(see: {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)


MAX_ID = 2**63 - 1  # SQLite's and PostgreSQL's biggest integer


def whole_number(text: str) -> int:
    """An id or a count: a whole number from 1 that the database can hold (a bigger one would
    overflow the driver rather than match nothing)."""
    from engage_tui.domain.numbers import whole_problem

    problem = whole_problem(text, 1, MAX_ID)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return int(text.strip())


INTEGER = re.compile(r"-?[0-9]{1,19}")


def integer(text: str) -> int:
    """An option declared `type=int` (a year, a threshold, decimal places): ASCII digits, perhaps a
    minus, at most 19 of them; the command checks its range. Plain `int()` would take `٣` and `𝟑`,
    and raise on 5,000 digits with the whole of them in the message."""
    from engage_tui.domain.numbers import digits_hint

    if not INTEGER.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a whole number{digits_hint(text)}")
    return int(text.strip())


def subcommands(parser: argparse.ArgumentParser, title: str):
    """A required group of sub-commands, using our Parser class for each."""
    group = parser.add_subparsers(title=title, metavar="COMMAND", parser_class=Parser)
    group.required = True
    return group


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """`--force REASON` on an import: rows already imported are imported again, on purpose, with the
    reason kept in the import's audit record."""
    parser.add_argument(
        "--force",
        metavar="REASON",
        help="import rows already imported again, on purpose; the reason is audited",
    )


SHARED = {
    "import": "import a CSV file or workbook (all or nothing; --dry-run checks only)",
    "report": "the report tables",
    "export": "write a return (CSV, or an .xlsx workbook)",
}


COMMANDS = {
    "setup": ("init", "tui"),
    "people": ("officer", "area", "term", "locality"),
    "hours": ("hours", "import"),
    "events": ("event", "import"),
    "pact": ("pact", "setting", "import"),
    "pact_meetings": ("pact", "import"),
    "reports": ("report", "export"),
    "pack": ("pack",),
    "returns": ("return", "audit"),
    "survey": ("survey", "import"),
    "maintenance": ("backup", "doctor"),
}
"""Each module of `engage_tui.cli`, in the order they register, with the commands it adds to (a test
keeps this equal to what each one registers). `pact` goes wherever `pact_meetings` does, since the
meetings' commands hang under the `pact` command it makes."""
GLOBAL_VALUES = ("--db", "--user")


def command_word(argv: Sequence[str]) -> str | None:
    """The command `argv` names (`report` in `--db x report monthly`), or None for none or an unknown one."""
    words = iter(argv)
    for word in words:
        if word in GLOBAL_VALUES:
            next(words, None)
        elif not word.startswith("-"):
            return word if any(word in nouns for nouns in COMMANDS.values()) else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """The whole command line; given `argv`, only the modules its command needs are loaded and built
    (a cold `engage report monthly` has no use for the hundred other sub-parsers). With no command,
    or an unknown one, everything is built, so help and usage errors list every command."""
    parser = Parser(
        prog="engage",
        description="Log and report police community engagement. With no command, opens the terminal app.",
    )
    parser.add_argument(
        "--db",
        metavar="TARGET",
        help="SQLite file path or SQLAlchemy URL (env ENGAGE_DB; default: db/engage.sqlite3 "
        "in a checkout, else ~/.local/share/engage/engage.sqlite3)",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="act as this person (env ENGAGE_USER; supervisors only). You are the person whose login "
        "is the account running engage (on PostgreSQL, the database role)",
    )
    parser.add_argument("--version", action="version", version=f"engage {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    word = None if argv is None else command_word(argv)
    shared = {
        name: subcommands(commands.add_parser(name, help=text), f"{name} commands")
        for name, text in SHARED.items()
    }
    for name, nouns in COMMANDS.items():
        if word is None or word in nouns:
            import_module(f"engage_tui.cli.{name}").register(commands, shared)
    return parser
