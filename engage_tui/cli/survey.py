"""`engage survey …`, `engage import survey`, and the confidence report (T4)."""

from __future__ import annotations

from pathlib import Path

from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render, render_report
from engage_tui.cli.parser import subcommands


def _confidence_options(parser) -> None:
    parser.add_argument("--baseline", required=True, help="the earlier survey period, e.g. Baseline")
    parser.add_argument("--compare", required=True, help="the later survey period, e.g. '2013-14 Q1'")
    parser.add_argument("--wide", action="store_true",
                        help="the report's layout: variables down, each locality's scores across")


def register(commands, shared) -> None:
    survey = subcommands(commands.add_parser("survey", help="the confidence survey's variables and "
                                                            "periods"), "survey commands")
    variable = subcommands(survey.add_parser("variable", help="survey variables"), "variable commands")
    add = variable.add_parser("add", help="add a variable (higher is better unless told)")
    add.add_argument("name")
    add.add_argument("--lower-is-better", action="store_true", help="as for Fear or Victim of Crime")
    add.set_defaults(handler=variable_add)
    listing = variable.add_parser("list", help="list the variables and their direction")
    add_format_option(listing)
    listing.set_defaults(handler=variable_list)
    periods = survey.add_parser("periods", help="list the survey periods in order")
    periods.set_defaults(handler=period_list)

    imp = shared["import"].add_parser("survey", help="columns: locality,variable,period,score")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    imp.set_defaults(handler=import_survey)

    report = shared["report"].add_parser("confidence", help="T4: survey scores and movement by locality")
    _confidence_options(report)
    add_format_option(report)
    report.set_defaults(handler=report_confidence)
    export = shared["export"].add_parser("confidence", help="T4 as a CSV return")
    _confidence_options(export)
    export.add_argument("--out", type=Path, help="file to write (default: exports/confidence-….csv)")
    export.set_defaults(handler=export_confidence)


def variable_add(ctx: Context, args) -> int:
    from engage_tui.domain.people import require_supervisor
    from engage_tui.domain.survey import add_variable

    with ctx.write() as (session, actor):
        require_supervisor(actor, "add survey variables")
        row = add_variable(session, actor, args.name, args.lower_is_better)
    ctx.say(f"added variable {row.name} ({'lower' if row.lower_is_better else 'higher'} is better)")
    return 0


def variable_list(ctx: Context, args) -> int:
    from engage_tui.domain.survey import list_variables

    with ctx.read() as (session, _actor):
        rows = [[v.name, "lower" if v.lower_is_better else "higher"] for v in list_variables(session)]
    ctx.say(render(["variable", "better when"], rows, args.format))
    return 0


def period_list(ctx: Context, args) -> int:
    from engage_tui.domain.survey import list_periods

    with ctx.read() as (session, _actor):
        ctx.say("\n".join(list_periods(session)) or "no survey periods yet; import a survey")
    return 0


def import_survey(ctx: Context, args) -> int:
    from engage_tui.domain.people import require_supervisor
    from engage_tui.domain.survey import import_survey as run_import

    with ctx.write() as (session, actor):
        require_supervisor(actor, "import survey results")
        count = run_import(session, actor, args.file, args.dry_run)
    ctx.say(f"dry run: {count} scores would be imported; nothing written" if args.dry_run
            else f"imported {count} scores")
    return 0


def _build(ctx: Context, args):
    from engage_tui.domain.reports import confidence

    with ctx.read() as (session, _actor):
        return confidence(session, args.baseline, args.compare, args.wide)


def report_confidence(ctx: Context, args) -> int:
    ctx.say(render_report(_build(ctx, args), args.format))
    return 0


def export_confidence(ctx: Context, args) -> int:
    from engage_tui.domain.exports import export_report, report_path

    report = _build(ctx, args)
    path = args.out or report_path(ctx.settings.exports_dir, report)
    rows = export_report(report, path)
    ctx.say(f"wrote {path} ({rows} rows)")
    return 0
