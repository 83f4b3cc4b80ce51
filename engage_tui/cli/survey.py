"""`engage survey …` and `engage import survey` (the confidence report is in reports.py)."""

from __future__ import annotations

from pathlib import Path

from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render
from engage_tui.cli.parser import subcommands


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
