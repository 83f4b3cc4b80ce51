"""`engage report …` and `engage export …`: the tables, on screen or as CSV returns."""

from __future__ import annotations

from pathlib import Path

from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render_report


def _monthly_options(parser) -> None:
    parser.add_argument("--year", type=int, required=True, help="calendar year, or with --fy the "
                        "financial year starting in April of it")
    parser.add_argument("--fy", action="store_true", help="financial year: April YEAR to March YEAR+1")
    parser.add_argument("--officer", help="one officer only")
    parser.add_argument("--precision", type=int, default=0, help="decimal places (default 0: whole "
                        "hours, rounded half up)")


def register(commands, shared) -> None:
    monthly = shared["report"].add_parser("monthly", help="T3: cohesion officers' engagement hours by month")
    _monthly_options(monthly)
    add_format_option(monthly)
    monthly.set_defaults(handler=report_monthly)

    monthly = shared["export"].add_parser("monthly", help="T3 as a CSV return")
    _monthly_options(monthly)
    monthly.add_argument("--out", type=Path, help="file to write (default: exports/monthly-YEAR-….csv)")
    monthly.set_defaults(handler=export_monthly)
    entries = shared["export"].add_parser("entries", help="every entry, in the columns `import hours` reads")
    entries.add_argument("--out", type=Path, help="file to write (default: exports/entries-….csv)")
    entries.set_defaults(handler=export_entries)


def build_monthly(ctx: Context, args):
    """T3 for the options given: checked year and precision, and the officer if named."""
    from engage_tui.domain.durations import check_precision
    from engage_tui.domain.people import find_person
    from engage_tui.domain.periods import check_year
    from engage_tui.domain.reports import monthly

    check_precision(args.precision)
    check_year(args.year)
    with ctx.read() as (session, _actor):
        officer = find_person(session, args.officer) if args.officer else None
        return monthly(session, args.year, args.fy, officer.id if officer else None,
                       officer.name if officer else None)


def report_monthly(ctx: Context, args) -> int:
    ctx.say(render_report(build_monthly(ctx, args), args.format, args.precision))
    return 0


def export_monthly(ctx: Context, args) -> int:
    from engage_tui.domain.exports import export_report, report_path

    report = build_monthly(ctx, args)
    path = args.out or report_path(ctx.settings.exports_dir, report)
    rows = export_report(report, path, args.precision)
    ctx.say(f"wrote {path} ({rows} rows)")
    return 0


def export_entries(ctx: Context, args) -> int:
    from engage_tui.domain.exports import default_path, export_entries as write_entries

    path = args.out or default_path(ctx.settings.exports_dir, "entries")
    with ctx.read() as (session, _actor):
        rows = write_entries(session, path)
    ctx.say(f"wrote {path} ({rows} entries)")
    return 0
