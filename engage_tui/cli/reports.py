"""`engage report …` and `engage export …`: every report, on screen or as a CSV return.

Each report is declared once (its options and its builder); both `report NAME` and `export NAME` are
made from that declaration, so a report can never be shown but not exported.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render_report
from engage_tui.domain.job_titles import JOBS


@dataclass(frozen=True)
class ReportSpec:
    help: str
    options: Callable[[object], None]
    build: Callable[[Context, object], object]
    hours: bool = True  # shows hours: takes --precision
    pivot: bool = True  # a wide pivot: takes --layout


def _monthly_options(parser) -> None:
    parser.add_argument(
        "--year",
        type=int,
        required=True,
        help="calendar year, or with --fy the financial year starting in April of it",
    )
    parser.add_argument("--fy", action="store_true", help="financial year: April YEAR to March YEAR+1")
    parser.add_argument("--officer", help="one officer only, whatever their job")
    parser.add_argument(
        "--job",
        choices=JOBS,
        default="co",
        help="whose hours: the people doing this job on the day (default co)",
    )


def _job_option(parser) -> None:
    parser.add_argument(
        "--job",
        choices=(*JOBS, "all"),
        help="whose hours: the people doing this job on the day, or all (default co; all with --by job)",
    )


def _rollup_options(parser) -> None:
    parser.add_argument(
        "--by",
        required=True,
        choices=("officer", "job", "area", "locality", "category", "audience", "activity"),
    )
    _job_option(parser)
    parser.add_argument("--period", required=True, choices=("month", "quarter", "year"))
    parser.add_argument("--fy", action="store_true", help="financial quarters and years (April–March)")
    parser.add_argument(
        "--from",
        dest="start",
        metavar="D",
        help="first day, or a period as the reports write it (2017-10, 2017, 2021/22 or 2021-22, "
        "Q1 2017, 'Quarter 4 (Jan-Mar) 2021/22', 'quarter one 2013-14'); default: the year of the "
        "latest entry",
    )
    parser.add_argument("--to", dest="end", metavar="D", help="last day, or a period (its last day)")


def _events_options(parser) -> None:
    parser.add_argument("--by", required=True, choices=("type", "audience", "area"))
    parser.add_argument(
        "--from",
        dest="start",
        metavar="D",
        help="first day or a period (2017-10, 2017, 2021/22, Q4 2021/22, …; default: the year of the "
        "latest event)",
    )
    parser.add_argument("--to", dest="end", metavar="D", help="last day, or a period (its last day)")


def _pact_areas_options(parser) -> None:
    parser.add_argument("--as-of", help="the day (default: today)")


def _pact_cost_options(parser) -> None:
    parser.add_argument("--as-of", help="the day whose register, hours and rates apply (default: today)")
    parser.add_argument("--meetings-per-month", help="instead of the register's count")
    parser.add_argument("--hours-per-meeting", help="instead of the setting (default 3)")
    parser.add_argument(
        "--rate",
        action="append",
        metavar="RANK=POUNDS",
        help="an hourly rate for this run, e.g. pc=68.906667 (repeat)",
    )
    parser.add_argument(
        "--mix",
        metavar="RANK=SHARE,…",
        help="add a row for a mix of ranks attending, e.g. pcso=0.6,pc=0.4 (shares add to 1)",
    )


def _pact_attendance_options(parser) -> None:
    parser.add_argument(
        "--threshold",
        type=int,
        help="fewer members of the public than this is poorly attended (default: the setting, 5)",
    )
    parser.add_argument("--by", choices=("area", "series"), default="area")
    _pact_range_options(parser)


def _pact_range_options(parser) -> None:
    parser.add_argument(
        "--from",
        dest="start",
        metavar="D",
        help="first day or a period (2017-10, 2017, 2021/22, Q4 2021/22, …; default: the year of the "
        "latest meeting)",
    )
    parser.add_argument("--to", dest="end", metavar="D", help="last day, or a period (its last day)")


def _annual_options(parser) -> None:
    parser.add_argument("--fy", action="store_true", help="financial years (April–March)")
    parser.add_argument("--by", choices=("category", "job"), default="category", help="the columns")
    _job_option(parser)


def _confidence_options(parser) -> None:
    parser.add_argument("--baseline", required=True, help="the earlier survey period, e.g. Baseline")
    parser.add_argument("--compare", required=True, help="the later survey period, e.g. '2013-14 Q1'")
    parser.add_argument(
        "--wide",
        action="store_true",
        help="the report's layout: variables down, each locality's scores across",
    )


def build_monthly(ctx: Context, args):
    return ctx.service.reports.monthly(args.year, args.fy, args.officer, args.job)


def _job(args) -> str | None:
    """The job whose hours to count: as given (None for all), else cohesion officers, or everyone's
    when grouping by job."""
    if args.job is not None:
        return None if args.job == "all" else args.job
    return None if args.by == "job" else "co"


def _span(args):
    """--from/--to as days (one alone is that period), or None for the service's default year; a
    refusal names the option that was given."""
    from engage_tui.domain.periods import parse_bound, parse_range

    if args.start is None and args.end is None:
        return None
    first, last = parse_range(args.start, args.end)
    if first is None:
        first = parse_bound(args.end, "to")
    if last is None:
        last = parse_bound(args.start, "from", end=True)
    return first, last


def build_rollup(ctx: Context, args):
    return ctx.service.reports.rollup(args.by, args.period, _span(args), args.fy, _job(args))


def build_events(ctx: Context, args):
    return ctx.service.reports.events(args.by, _span(args))


def _as_of(args):
    from engage_tui.domain.periods import parse_date

    return parse_date(args.as_of, "as_of") if args.as_of else None


def build_pact_areas(ctx: Context, args):
    return ctx.service.reports.pact_areas(_as_of(args))


def build_pact_cost(ctx: Context, args):
    from engage_tui.domain.pact import RANKS
    from engage_tui.domain.settings import positive_decimal
    from engage_tui.errors import EngageError

    rates = {}
    for given in args.rate or ():
        rank, equals, pounds = given.partition("=")
        if not equals or rank.strip().lower() not in RANKS:
            raise EngageError(
                f"rate: {given!r}: give RANK=POUNDS with a rank of {', '.join(RANKS)}", field="rate"
            )
        rates[rank.strip().lower()] = positive_decimal(pounds, "rate")
    meetings = (
        positive_decimal(args.meetings_per_month, "meetings_per_month") if args.meetings_per_month else None
    )
    hours = positive_decimal(args.hours_per_meeting, "hours_per_meeting") if args.hours_per_meeting else None
    return ctx.service.reports.pact_cost(_as_of(args), meetings, hours, rates, args.mix)


def build_pact_attendance(ctx: Context, args):
    return ctx.service.reports.pact_attendance(_span(args), args.threshold, args.by)


def build_pact_actual(ctx: Context, args):
    return ctx.service.reports.pact_actual(_span(args))


def _pact_issues_options(parser) -> None:
    parser.add_argument("--by", choices=("area", "series"), default="area")


def build_pact_issues(ctx: Context, args):
    return ctx.service.reports.pact_issues(args.by)


def build_annual(ctx: Context, args):
    return ctx.service.reports.annual(args.fy, _job(args), args.by == "job")


def build_confidence(ctx: Context, args):
    return ctx.service.reports.confidence(args.baseline, args.compare, args.wide)


REPORTS = {
    "monthly": ReportSpec(
        "T3: cohesion officers' (or another job's) engagement hours by month", _monthly_options, build_monthly
    ),
    "rollup": ReportSpec(
        "hours per officer/area/locality/… and month/quarter/year", _rollup_options, build_rollup
    ),
    "annual": ReportSpec("hours per year, calendar or financial", _annual_options, build_annual),
    "events": ReportSpec(
        "community events, officers' hours and people reached by type, audience or area",
        _events_options,
        build_events,
    ),
    "pact-areas": ReportSpec(
        "T1: PACT meetings by area on a day", _pact_areas_options, build_pact_areas, hours=False
    ),
    "pact-cost": ReportSpec(
        "T2: the yearly cost of facilitating PACT, by rank", _pact_cost_options, build_pact_cost, hours=False
    ),
    "pact-attendance": ReportSpec(
        "PACT meetings held, attendance, and those below the threshold, by area or series",
        _pact_attendance_options,
        build_pact_attendance,
        hours=False,
    ),
    "pact-actual": ReportSpec(
        "the actual cost of the PACT meetings recorded, by rank",
        _pact_range_options,
        build_pact_actual,
        pivot=False,
    ),
    "pact-issues": ReportSpec(
        "PACT issues by area and status (open, in hand, resolved, closed)",
        _pact_issues_options,
        build_pact_issues,
        hours=False,
    ),
    "confidence": ReportSpec(
        "T4: survey scores and movement by locality", _confidence_options, build_confidence, hours=False
    ),
}


def register(commands, shared) -> None:
    for name, spec in REPORTS.items():
        shown = shared["report"].add_parser(name, help=spec.help)
        written = shared["export"].add_parser(name, help=f"{spec.help}, as a CSV return")
        for parser in (shown, written):
            spec.options(parser)
            if spec.hours:
                parser.add_argument(
                    "--precision",
                    type=int,
                    default=0,
                    help="decimal places (default 0: whole hours, rounded half up)",
                )
            if spec.hours and spec.pivot:
                parser.add_argument(
                    "--layout",
                    choices=("wide", "tidy"),
                    default="wide",
                    help="wide pivot with totals (default), or tidy: a row per group and period, no totals",
                )
        add_format_option(shown)
        shown.set_defaults(handler=show_report, spec=spec)
        written.add_argument("--out", help="file (or folder) to write (default: exports/NAME-….csv)")
        _add_file_format(written)
        written.set_defaults(handler=write_report, spec=spec)
    entries = shared["export"].add_parser("entries", help="every entry, in the columns `import hours` reads")
    entries.add_argument("--out", help="file (or folder) to write (default: exports/entries-….csv)")
    _add_file_format(entries)
    entries.set_defaults(handler=export_entries)


def _add_file_format(parser) -> None:
    parser.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        help="csv (default), or xlsx: a workbook with "
        "typed cells and a Method sheet; an --out ending .xlsx picks it too",
    )


def _written(ctx: Context, args, default):
    """Where an export goes (`default(suffix)` unless --out) and, for a workbook, its Method info."""
    from engage_tui.domain.csvfiles import is_workbook
    from engage_tui.errors import EngageError

    fmt = args.format or ("xlsx" if (args.out or "").lower().endswith(".xlsx") else "csv")
    path = out_path(args.out, default(f".{fmt}"))
    if is_workbook(path) != (fmt == "xlsx"):
        raise EngageError(f"out: {path.name} does not end .{fmt}, the --format asked for", field="out")
    if fmt == "csv":
        return path, None
    return path, ctx.service.reports.method()


def _report(ctx: Context, args):
    """The report the options ask for, in the layout asked for."""
    from engage_tui.domain.durations import check_precision

    check_precision(getattr(args, "precision", 0))
    report = args.spec.build(ctx, args)
    return report.tidy() if getattr(args, "layout", "wide") == "tidy" else report


def show_report(ctx: Context, args) -> int:
    ctx.say(render_report(_report(ctx, args), args.format, getattr(args, "precision", 0)))
    return 0


def write_report(ctx: Context, args) -> int:
    from engage_tui.domain.exports import export_report, report_path

    report = _report(ctx, args)
    path, method = _written(ctx, args, lambda suffix: report_path(ctx.settings.exports_dir, report, suffix))
    rows = export_report(report, path, getattr(args, "precision", 0), method)
    ctx.say(f"wrote {path} ({rows} rows)")
    return 0


def out_path(given: str | None, default: Path) -> Path:
    """--out as given; a folder (or a name ending in /) gets the default name inside it, as `cp` does,
    and a folder that does not exist is refused rather than made, since it is more likely a typo."""
    from engage_tui.errors import EngageError

    if given is None:
        return default
    path = Path(given).expanduser()
    folder = path if path.is_dir() or given.endswith(("/", os.sep)) else path.parent
    if not folder.is_dir():
        raise EngageError(f"out: there is no folder {folder}; give an existing one", field="out")
    return folder / default.name if folder == path else path


def export_entries(ctx: Context, args) -> int:
    from engage_tui.domain.exports import default_path

    path, method = _written(
        ctx, args, lambda suffix: default_path(ctx.settings.exports_dir, "entries", suffix=suffix)
    )
    rows = ctx.service.reports.export_entries(path, method)
    ctx.say(f"wrote {path} ({rows} entries)")
    return 0
