"""`engage backup FILE`, `engage backup --verify FILE` and `engage doctor`."""

from __future__ import annotations

from pathlib import Path

from engage_tui.cli.context import Context


def register(commands, shared) -> None:
    backup = commands.add_parser("backup", help="a consistent copy of the database, while others work")
    backup.add_argument("file", type=Path)
    backup.add_argument(
        "--verify",
        action="store_true",
        help="check the backup FILE instead: integrity, schema, and the rows it holds",
    )
    backup.set_defaults(handler=run_backup)
    doctor = commands.add_parser(
        "doctor",
        help="SQLite version, journal mode, integrity, permissions, free space (exit 1 on a failed check)",
    )
    doctor.set_defaults(handler=run_doctor)


def run_backup(ctx: Context, args) -> int:
    if args.verify:
        return run_verify(ctx, args.file)
    size = ctx.service.admin.backup(args.file)
    ctx.say(
        f"backed up to {args.file} ({size:,} bytes); check it with: engage backup --verify "
        f"{args.file}; restore by copying it over the database while nobody is using engage"
    )
    return 0


def run_verify(ctx: Context, path: Path) -> int:
    found = ctx.service.admin.verify_backup(path)
    age = "current" if found.current else "older: engage init upgrades it once restored"
    ctx.say(f"ok: {path} is a sound engage backup (integrity ok, schema {found.schema}, {age})")
    ctx.say(", ".join(f"{table} {count:,}" for table, count in found.rows.items()))
    return 0


def run_doctor(ctx: Context, args) -> int:
    checks = ctx.service.admin.doctor()
    failed = [check for check in checks if check.failed]
    for check in checks:
        mark = "ok  " if check.ok else check.level
        ctx.say(f"{mark} {check.name}: {check.value}" + (f" — {check.advice}" if check.advice else ""))
    warned = sum(not check.ok for check in checks) - len(failed)
    ctx.say(f"{len(failed)} failed, {warned} warning(s)" if failed or warned else "no problems found")
    return 1 if failed else 0
