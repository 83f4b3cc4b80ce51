"""The argument parser: globals first, then one sub-parser per noun, each registered by its module."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from engage_tui import __version__


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one `error:` line (exit 2), like every other refusal."""

    def error(self, message: str) -> NoReturn:
        print(f"error: {message}", file=sys.stderr)
        print(f"(see: {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)


def subcommands(parser: argparse.ArgumentParser, title: str):
    """A required group of sub-commands, using our Parser class for each."""
    group = parser.add_subparsers(title=title, metavar="COMMAND", parser_class=Parser)
    group.required = True
    return group


SHARED = {"import": "import a CSV file (all or nothing; --dry-run checks only)",
          "report": "the report tables", "export": "write a CSV return"}


def build_parser() -> Parser:
    from engage_tui.cli import (events, hours, maintenance, pact, pact_meetings, people, reports,
                                returns, setup, survey)

    parser = Parser(prog="engage", description="Log and report police community engagement. "
                    "With no command, opens the terminal app.")
    parser.add_argument("--db", metavar="TARGET",
                        help="SQLite file path or SQLAlchemy URL (env ENGAGE_DB; default: db/engage.sqlite3 "
                             "in a checkout, else ~/.local/share/engage/engage.sqlite3)")
    parser.add_argument("--user", metavar="NAME",
                        help="who is acting (env ENGAGE_USER; default: your login name)")
    parser.add_argument("--version", action="version", version=f"engage {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    shared = {name: subcommands(commands.add_parser(name, help=text), f"{name} commands")
              for name, text in SHARED.items()}
    for module in (setup, people, hours, events, pact, pact_meetings, reports, returns, survey,
                   maintenance):
        module.register(commands, shared)
    return parser
