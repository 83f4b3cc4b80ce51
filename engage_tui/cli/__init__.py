"""The `engage` command: parse, dispatch to a handler, and turn every refusal into an `error:` line.

Textual is imported only on the path that opens the TUI, so scripted commands start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from engage_tui.config import resolve
from engage_tui.errors import EngageError


def main(argv: Sequence[str] | None = None) -> int:
    from engage_tui.cli.context import Context
    from engage_tui.cli.parser import build_parser

    args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    ctx = Context(resolve(args.db, args.user))
    from engage_tui.cli.setup import run_tui

    handler = getattr(args, "handler", None) or run_tui
    try:
        status = handler(ctx, args)
        sys.stdout.flush()  # a reader that went away shows here, not at exit
        return status
    except BrokenPipeError:  # `engage … | head` stopped reading: stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except EngageError as refusal:
        lines = refusal.lines()
        print(f"error: {lines[0]}", file=sys.stderr)
        for line in lines[1:]:
            print(f"  {line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; nothing more was changed", file=sys.stderr)
        return 130
    except Exception as failure:  # a bug: say so in one line, never a traceback
        if os.environ.get("ENGAGE_DEBUG"):
            raise
        print(
            f"error: unexpected {type(failure).__name__}: {failure} "
            "(set ENGAGE_DEBUG=1 for details and report it)",
            file=sys.stderr,
        )
        return 1
    finally:
        ctx.close()
