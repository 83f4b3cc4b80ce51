"""`engage return …` and `engage audit`: the monthly return workflow and the audit trail."""

from __future__ import annotations

from pathlib import Path

from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render
from engage_tui.cli.parser import subcommands, whole_number


def register(commands, shared) -> None:
    group = subcommands(
        commands.add_parser("return", help="monthly returns: submit, approve, reopen"), "return commands"
    )
    for name, text, needs_officer, needs_reason in (
        ("submit", "submit your month (a supervisor may name an officer)", False, False),
        ("withdraw", "withdraw a submitted month before approval", False, False),
        ("approve", "approve an officer's submitted month (supervisors)", True, False),
        ("send-back", "return a submitted month to the officer, with a reason", True, True),
        ("reopen", "reopen an approved month, with a reason", True, True),
    ):
        command = group.add_parser(name, help=text)
        command.add_argument("--month", required=True, help="YYYY-MM")
        command.add_argument(
            "--officer",
            required=needs_officer,
            help="the officer" + ("" if needs_officer else " (default: you)"),
        )
        if needs_reason:
            command.add_argument("--reason", required=True, help="what the officer should know")
        command.set_defaults(handler=change_return, transition=name)
    state = group.add_parser("status", help="a row per officer and month with its state")
    which = state.add_mutually_exclusive_group()
    which.add_argument("--month", help="YYYY-MM: every officer for that month")
    which.add_argument(
        "--year",
        help="2017 or 2021/22: everyone's twelve months, as the Returns screen shows them "
        "(supervisors and people who have left, where they logged hours)",
    )
    add_format_option(state)
    state.set_defaults(handler=return_status)

    audit = commands.add_parser(
        "audit",
        help="who changed what, when; `audit verify` checks the trail, `audit checkpoint` marks it",
    )
    audit.add_argument(
        "action",
        nargs="?",
        choices=("verify", "checkpoint"),
        help="verify: the hash chain, nothing cut since a checkpoint, approved months unchanged; "
        "checkpoint: the trail's row count and head hash, to keep elsewhere",
    )
    audit.add_argument(
        "--checkpoint",
        metavar="FILE|ROWS:HASH",
        help="verify against a checkpoint: the file `audit checkpoint --out` wrote, or ROWS:HASH",
    )
    audit.add_argument("--out", type=Path, metavar="FILE", help="checkpoint: also write it to FILE")
    audit.add_argument("--since", help="from this day on (YYYY-MM-DD)")
    audit.add_argument("--user", dest="by", metavar="NAME", help="changes by this person")
    audit.add_argument("--limit", type=whole_number, default=None, help="newest N rows only")
    add_format_option(audit)
    audit.set_defaults(handler=run_audit)


def change_return(ctx: Context, args) -> int:
    from engage_tui.domain.periods import Month

    month, returns = Month.parse(args.month), ctx.service.returns
    if args.transition in ("submit", "withdraw"):
        mine = returns.submit if args.transition == "submit" else returns.withdraw
        row = mine(month, args.officer)
    elif args.transition == "approve":
        row = returns.approve(args.officer, month)
    else:
        judged = returns.send_back if args.transition == "send-back" else returns.reopen
        row = judged(args.officer, month, args.reason)
    ctx.say(f"{row.month.label} of {row.officer} is now {row.state}")
    return 0


def return_status(ctx: Context, args) -> int:
    from engage_tui.domain.durations import format_hours
    from engage_tui.domain.periods import Month, parse_year

    if args.year:
        rows = ctx.service.returns.year(parse_year(args.year).months())
    else:
        rows = ctx.service.returns.status(Month.parse(args.month) if args.month else None)
    table = [[r.officer, str(r.month), r.state, format_hours(r.minutes, 2), r.reason] for r in rows]
    ctx.say(
        render(
            ["officer", "month", "state", "hours", "reason"],
            table,
            args.format,
            [False, False, False, True, False],
        )
    )
    return 0


def audit_checkpoint(ctx: Context, out: Path | None) -> int:
    """Print the trail's checkpoint (and write it to `out`), to keep where the database's writers
    cannot reach: a later `audit verify --checkpoint` then shows anything cut since."""
    from engage_tui.domain.audit import write_checkpoint

    mark = ctx.service.audit.checkpoint()
    if out is not None:
        write_checkpoint(out, mark, ctx.service.admin.where)
    ctx.say(f"audit checkpoint: {mark.rows:,} rows, head {mark.head}")
    ctx.say(mark.token + (f"  (written to {out})" if out else ""))
    return 0


def audit_verify(ctx: Context, given: str | None) -> int:
    from engage_tui.domain.audit import read_checkpoint
    from engage_tui.errors import Tampered

    mark = read_checkpoint(given) if given else None
    result = ctx.service.audit.verify(mark)
    if result.ok:
        since = f"; nothing cut since the checkpoint of {mark.rows:,} rows" if mark else ""
        ctx.say(
            f"audit trail intact: {result.rows:,} rows, hash chain verified{since}; "
            "approved months hold their figures"
        )
        return 0
    chain = (
        [
            f"{len(result.broken)} of {result.rows} rows fail the hash chain (ids "
            f"{', '.join(str(i) for i in result.broken[:20])})"
        ]
        if result.broken
        else []
    )
    raise Tampered([*chain, *result.problems])


def run_audit(ctx: Context, args) -> int:
    from engage_tui.domain.periods import parse_date

    if args.action == "verify":
        return audit_verify(ctx, args.checkpoint)
    if args.action == "checkpoint":
        return audit_checkpoint(ctx, args.out)
    since = parse_date(args.since, "since") if args.since else None
    rows = ctx.service.audit.trail(since, args.by, args.limit)
    table = [
        [
            r.id,
            r.at[:19].replace("T", " "),
            r.actor,
            r.action,
            r.entity,
            r.entity_id or "",
            r.before or "",
            r.after or "",
        ]
        for r in rows
    ]
    ctx.say(
        render(
            ["id", "at (UTC)", "user", "action", "entity", "entity id", "before", "after"], table, args.format
        )
    )
    return 0
