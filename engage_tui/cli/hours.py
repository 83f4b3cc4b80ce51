"""`engage hours …` and `engage import hours`: logging engagement time."""

from __future__ import annotations

from pathlib import Path

from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render
from engage_tui.cli.parser import add_force_option, subcommands, whole_number

OPTION_HELP = {
    "officer": "officer's name (default: you)",
    "date": "YYYY-MM-DD",
    "hours": "decimal hours (2.5), H:MM (2:30) or 150m",
    "category": "community (default) or cyp (C&YP)",
    "area": "area (default: the officer's home area)",
    "audience": "who was engaged, e.g. 'faith groups', GRT, C&YP",
    "activity": "activity type, e.g. 'coffee morning'",
    "note": "free text",
}


def _entry_options(parser, required: tuple[str, ...] = ()) -> None:
    for name, text in OPTION_HELP.items():
        parser.add_argument(f"--{name}", required=name in required, help=text)


def register(commands, shared) -> None:
    hours = subcommands(
        commands.add_parser("hours", help="log, list, edit and delete engagement hours"), "hours commands"
    )
    add = hours.add_parser("add", help="log engagement time; prints the new entry's id")
    _entry_options(add, required=("date", "hours"))
    add.set_defaults(handler=hours_add)

    listing = hours.add_parser("list", help="list entries")
    listing.add_argument("--officer", help="one officer's entries")
    listing.add_argument("--month", help="YYYY-MM")
    add_format_option(listing)
    listing.set_defaults(handler=hours_list)

    edit = hours.add_parser("edit", help="change fields of an entry")
    edit.add_argument("id", type=whole_number)
    _entry_options(edit)
    edit.set_defaults(handler=hours_edit)

    remove = hours.add_parser("delete", help="delete an entry")
    remove.add_argument("id", type=whole_number)
    remove.set_defaults(handler=hours_delete)

    imp = shared["import"].add_parser(
        "hours",
        help="a CSV file or workbook; columns: officer,date,category,hours,area,audience,activity,notes",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    imp.add_argument(
        "--sheet", metavar="NAME", help="for a workbook (.xlsx): the sheet to read (default: the first)"
    )
    add_force_option(imp)
    imp.set_defaults(handler=import_hours)


def _changes(args) -> dict[str, str]:
    """The entry fields given on the command line, in EntryDraft's names."""
    given = {name: getattr(args, name) for name in OPTION_HELP if getattr(args, name, None) is not None}
    if "note" in given:
        given["notes"] = given.pop("note")
    return given


def _warn_future(ctx: Context, day) -> None:
    if day > ctx.settings.today():
        ctx.warn(f"date {day.isoformat()} is in the future")


def hours_add(ctx: Context, args) -> int:
    from engage_tui.domain.entries import EntryDraft

    row = ctx.service.hours.add(EntryDraft(**{"officer": "", **_changes(args)}))
    _warn_future(ctx, row.date)
    ctx.say(str(row.id))
    return 0


def hours_list(ctx: Context, args) -> int:
    from engage_tui.domain.durations import format_hours
    from engage_tui.domain.periods import Month

    month = Month.parse(args.month) if args.month else None
    entries = ctx.service.hours.entries(args.officer, month)
    rows = [
        [
            e.id,
            e.date.isoformat(),
            e.officer,
            format_hours(e.minutes, 2),
            e.category,
            e.area or "",
            e.audience or "",
            e.activity or "",
            e.notes,
        ]
        for e in entries
    ]
    headers = ["id", "date", "officer", "hours", "category", "area", "audience", "activity", "notes"]
    ctx.say(render(headers, rows, args.format, [False, False, False, True] + [False] * 5))
    return 0


def hours_edit(ctx: Context, args) -> int:
    from engage_tui.errors import EngageError

    changes = _changes(args)
    if not changes:
        raise EngageError("edit: give at least one field to change, e.g. --hours 2:30")
    row = ctx.service.hours.edit(args.id, changes)
    _warn_future(ctx, row.date)
    ctx.say(f"changed entry {row.id}")
    return 0


def hours_delete(ctx: Context, args) -> int:
    from engage_tui.domain.durations import format_hours

    row = ctx.service.hours.delete(args.id)
    ctx.say(f"deleted entry {row.id} ({row.officer}, {row.date}, {format_hours(row.minutes, 2)} h)")
    return 0


def import_hours(ctx: Context, args) -> int:
    from engage_tui.domain.durations import format_hours

    result = ctx.service.hours.import_file(args.file, args.dry_run, args.sheet, args.force)
    span = f"{result.first} to {result.last}"
    hours = format_hours(result.minutes, 2)
    again = f", again: the same rows as {result.again}" if result.again else ""
    if result.batch_id is None:
        ctx.say(
            f"dry run: {result.rows} entries ({hours} h, {span}) would be imported{again}; nothing written"
        )
    else:
        ctx.say(f"imported {result.rows} entries ({hours} h, {span}) as import #{result.batch_id}{again}")
    return 0
