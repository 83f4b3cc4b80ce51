"""`engage pack`: the Police and Crime Panel pack for a period — one workbook, a sheet a table and
the Method sheet, and the same tables as Markdown beside it."""

from __future__ import annotations

from engage_tui.cli.context import Context


def register(commands, shared) -> None:
    pack = commands.add_parser(
        "pack",
        help="the Police and Crime Panel pack: a workbook, a sheet a table, and the same tables as Markdown",
    )
    pack.add_argument(
        "--period",
        required=True,
        help="a calendar year (2017), financial year (2021/22 or 2021-22), quarter (Q1 2017, Q1 2021/22, "
        "'Quarter 4 (Jan-Mar) 2021/22', 'quarter one 2013-14') or month (2017-10)",
    )
    pack.add_argument("--baseline", help="with --compare: the earlier survey period of T4, e.g. Baseline")
    pack.add_argument("--compare", help="with --baseline: the later survey period of T4, e.g. '2013-14 Q1'")
    pack.add_argument(
        "--precision", type=int, default=0, help="decimal places of hours (default 0: whole hours)"
    )
    pack.add_argument(
        "--out",
        help="the workbook, ending .xlsx, or a folder (default: exports/panel-pack-PERIOD-WHEN.xlsx); "
        "the Markdown goes beside it with .md",
    )
    pack.set_defaults(handler=run_pack)


def run_pack(ctx: Context, args) -> int:
    from engage_tui.cli.reports import out_path
    from engage_tui.domain.durations import check_precision
    from engage_tui.domain.pack import pack_path, write_pack
    from engage_tui.domain.periods import parse_period

    period = parse_period(args.period)
    check_precision(args.precision)
    path = out_path(args.out, pack_path(ctx.settings.exports_dir, period))
    pack = ctx.service.reports.pack(period, args.baseline, args.compare)
    workbook, markdown = write_pack(pack, path, args.precision)
    ctx.say(f"wrote {workbook} ({len(pack.sheets)} tables and the Method sheet)")
    ctx.say(f"wrote {markdown} (the same tables as Markdown)")
    return 0
