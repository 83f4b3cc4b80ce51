"""`engage backup FILE` and `engage doctor`."""

from __future__ import annotations

from pathlib import Path

from engage_tui.cli.context import Context


def register(commands, shared) -> None:
    backup = commands.add_parser("backup", help="a consistent copy of the database, while others work")
    backup.add_argument("file", type=Path)
    backup.set_defaults(handler=run_backup)
    doctor = commands.add_parser("doctor", help="SQLite version, journal mode, integrity, permissions")
    doctor.set_defaults(handler=run_doctor)


def run_backup(ctx: Context, args) -> int:
    size = ctx.service.admin.backup(args.file)
    ctx.say(
        f"backed up to {args.file} ({size:,} bytes); restore by copying it over the database "
        "while nobody is using engage"
    )
    return 0


def run_doctor(ctx: Context, args) -> int:
    problems = 0
    for check in ctx.service.admin.doctor():
        mark = "ok  " if check.ok else "WARN"
        problems += not check.ok
        ctx.say(f"{mark} {check.name}: {check.value}" + (f" — {check.advice}" if check.advice else ""))
    ctx.say("no problems found" if not problems else f"{problems} warning(s)")
    return 0
