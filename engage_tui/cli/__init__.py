"""The `engage` command: parse, dispatch to a handler, and turn every refusal into an `error:` line.

Textual is imported only on the path that opens the TUI, so scripted commands start fast.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from engage_tui.config import resolve
from engage_tui.errors import EngageError, shown

UNEXPECTED_SHOWN = 200
"""The most characters of an unexpected error's text shown: its first line, never a SQL statement or
the data bound to it."""
LONGEST_LINE = 500
"""A refusal line longer than this (a 5,000-character path echoed back) is cut in the middle."""


def main(argv: Sequence[str] | None = None) -> int:
    from engage_tui.cli.context import Context
    from engage_tui.cli.parser import build_parser

    _faithful_output()
    args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    ctx: Context | None = None
    try:
        ctx = Context(resolve(args.db, args.user))
        from engage_tui.cli.setup import run_tui

        handler = getattr(args, "handler", None) or run_tui
        status = handler(ctx, args)
        sys.stdout.flush()  # a reader that went away shows here, not at exit
        return status
    except BrokenPipeError:  # `engage … | head` stopped reading: stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except EngageError as refusal:
        return refuse(refusal)
    except KeyboardInterrupt:
        print("error: interrupted; nothing more was changed", file=sys.stderr)
        return 130
    except Exception as failure:  # the surroundings, told as a refusal; else a bug, in one line
        if os.environ.get("ENGAGE_DEBUG"):
            raise
        return last_resort(failure, ctx.settings.db_url if ctx else None)
    finally:
        if ctx is not None:
            ctx.close()


def run() -> NoReturn:
    """`engage` as a process (the console script and `python -m engage_tui`): `main`, then an exit
    whose last garbage collections have nothing to walk. They would visit every object of every
    module imported (psycopg brings asyncio; the app brings SQLAlchemy) to free memory the system
    takes back anyway: ≈25 ms of a 300 ms report on a server, ≈15 ms of one on a file, more with
    SQLAlchemy loaded. Exit handlers, flushing and module teardown still run, but an object left in a
    reference cycle is never finalized — so `main` closes everything the command opened (the store
    folds its -wal as it closes; a test holds a write to that)."""
    try:
        raise SystemExit(main())
    finally:  # a usage error's exit too
        gc.freeze()


def _faithful_output() -> None:
    """Bytes of the command line that were not UTF-8 (a file name from a Latin-1 terminal) reach
    Python as lone surrogates: stdout writes them back as the bytes they were, stderr escapes them,
    in every locale, rather than failing on the line that names the file."""
    for stream, errors in ((sys.stdout, "surrogateescape"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=errors)


def refuse(refusal: EngageError) -> int:
    """Print a refusal as `error:` and its further lines indented; exit status 1."""
    lines = [_clipped(line) for line in refusal.lines()]
    print(f"error: {lines[0]}", file=sys.stderr)
    for line in lines[1:]:
        print(f"  {line}", file=sys.stderr)
    return 1


def _clipped(line: str) -> str:
    if len(line) <= LONGEST_LINE:
        return line
    half = LONGEST_LINE // 2
    return f"{line[:half]} … ({len(line) - 2 * half:,} characters) … {line[-half:]}"


def last_resort(failure: Exception, url: str | None) -> int:
    """A failure no handler turned into a refusal: one the database's surroundings explain (the cold
    T3 path reads SQLite without the store; making a folder can fail) is a refusal; anything else is
    a bug, shown in one line with none of the SQL or data a database error carries."""
    from engage_tui.service.surroundings import explain_failure

    refusal = explain_failure(failure, url)
    if refusal is not None:
        return refuse(refusal)
    if isinstance(failure, UnicodeEncodeError) and "surrogates" in failure.reason:
        return refuse(
            EngageError(
                f"the command line holds bytes that are not UTF-8 text "
                f"({shown(failure.object[failure.start : failure.end])}); set the "
                "terminal to UTF-8 and type it again; nothing was changed"
            )
        )
    cause = getattr(failure, "orig", None) or failure  # a driver's error without SQLAlchemy's SQL dump
    text = (str(cause).strip().splitlines() or [""])[0][:UNEXPECTED_SHOWN]
    print(
        f"error: unexpected {type(failure).__name__}: {text} (set ENGAGE_DEBUG=1 for details and report it)",
        file=sys.stderr,
    )
    return 1
