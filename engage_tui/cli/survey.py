"""`engage survey …` and `engage import survey` (the confidence report is in reports.py)."""

from __future__ import annotations

from pathlib import Path

from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render
from engage_tui.cli.parser import add_force_option, subcommands


def register(commands, shared) -> None:
    survey = subcommands(
        commands.add_parser("survey", help="the confidence survey's variables and periods"), "survey commands"
    )
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

    imp = shared["import"].add_parser(
        "survey", help="a CSV file or workbook; columns: locality,variable,period,score"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    imp.add_argument(
        "--sheet", metavar="NAME", help="for a workbook (.xlsx): the sheet to read (default: the first)"
    )
    add_force_option(imp)
    imp.set_defaults(handler=import_survey)


def variable_add(ctx: Context, args) -> int:
    row = ctx.service.survey.add_variable(args.name, args.lower_is_better)
    ctx.say(f"added variable {row.name} ({'lower' if row.lower_is_better else 'higher'} is better)")
    return 0


def variable_list(ctx: Context, args) -> int:
    rows = [[v.name, "lower" if v.lower_is_better else "higher"] for v in ctx.service.survey.variables()]
    ctx.say(render(["variable", "better when"], rows, args.format))
    return 0


def period_list(ctx: Context, args) -> int:
    ctx.say("\n".join(ctx.service.survey.periods()) or "no survey periods yet; import a survey")
    return 0


def import_survey(ctx: Context, args) -> int:
    count = ctx.service.survey.import_file(args.file, args.dry_run, args.sheet, args.force)
    ctx.say(
        f"dry run: {count} scores would be imported; nothing written"
        if args.dry_run
        else f"imported {count} scores"
    )
    return 0
