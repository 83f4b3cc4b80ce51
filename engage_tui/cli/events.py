"""`engage event …` and `engage import events`: community events and the officers' time at them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render
from engage_tui.cli.parser import add_force_option, subcommands, whole_number

OPTIONS = {
    "date": "YYYY-MM-DD",
    "type": "event type, e.g. 'community event', 'coffee morning'",
    "title": "what it was",
    "end-date": "last day, for a multi-day event",
    "area": "area",
    "venue": "where",
    "reached": "people reached (0 or more)",
    "partners": "partners present",
    "note": "free text",
}


def _event_options(parser, required: tuple[str, ...] = ()) -> None:
    for name, text in OPTIONS.items():
        parser.add_argument(f"--{name}", required=name in required, help=text)
    parser.add_argument("--audience", action="append", help="an audience (repeat for several)")
    parser.add_argument(
        "--officer",
        action="append",
        metavar="NAME:HOURS",
        help="an officer's time, e.g. 'Amira Khan:2.5' or 'Amira Khan:2:cyp' "
        "(repeat; on edit, replaces the list)",
    )


def register(commands, shared) -> None:
    event = subcommands(commands.add_parser("event", help="community events"), "event commands")
    add = event.add_parser("add", help="log an event; prints its id")
    _event_options(add, required=("date", "type", "title"))
    add.set_defaults(handler=event_add)
    listing = event.add_parser("list", help="list events")
    listing.add_argument(
        "--from", dest="start", help="from this day, or a period (2017, 2021/22, Q1 2021/22, …)"
    )
    listing.add_argument("--to", dest="end", help="to this day, or a period (its last day)")
    listing.add_argument("--area")
    listing.add_argument("--type")
    add_format_option(listing)
    listing.set_defaults(handler=event_list)
    edit = event.add_parser("edit", help="change an event (and its officers' time)")
    edit.add_argument("id", type=whole_number)
    _event_options(edit)
    edit.set_defaults(handler=event_edit)
    remove = event.add_parser("delete", help="delete an event and its officers' time")
    remove.add_argument("id", type=whole_number)
    remove.set_defaults(handler=event_delete)
    imp = shared["import"].add_parser(
        "events",
        help="a CSV file or workbook; columns: date,type,title,area,audience,officers,"
        "reached,notes (audience and officers ;-separated)",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    imp.add_argument(
        "--sheet", metavar="NAME", help="for a workbook (.xlsx): the sheet to read (default: the first)"
    )
    add_force_option(imp)
    imp.set_defaults(handler=import_events)


def _changes(args) -> dict[str, Any]:
    names = {"end-date": "end_date", "note": "notes"}
    given: dict[str, object] = {
        names.get(n, n): getattr(args, n.replace("-", "_"))
        for n in OPTIONS
        if getattr(args, n.replace("-", "_")) is not None
    }
    if args.audience is not None:
        given["audiences"] = tuple(args.audience)
    if args.officer is not None:
        given["officers"] = tuple(args.officer)
    return given


def event_add(ctx: Context, args) -> int:
    from engage_tui.domain.events import EventDraft

    event_id = ctx.service.events.add(EventDraft(**_changes(args)))
    ctx.say(str(event_id))
    return 0


def event_list(ctx: Context, args) -> int:
    from engage_tui.domain.durations import format_hours
    from engage_tui.domain.periods import parse_range

    start, end = parse_range(args.start, args.end)
    rows = ctx.service.events.find(start, end, args.area, args.type)
    table = [
        [
            e.id,
            e.date.isoformat(),
            e.type,
            e.title,
            e.area or "",
            "; ".join(e.audiences),
            "; ".join(f"{n} {format_hours(m, 2)}" for n, m, _ in e.officers),
            format_hours(e.minutes, 2) if e.officers else "",
            "" if e.reached is None else e.reached,
        ]
        for e in rows
    ]
    ctx.say(
        render(
            ["id", "date", "type", "title", "area", "audiences", "officers", "hours", "reached"],
            table,
            args.format,
        )
    )
    return 0


def event_edit(ctx: Context, args) -> int:
    from engage_tui.errors import EngageError

    changes = _changes(args)
    if not changes:
        raise EngageError("edit: give at least one field to change, e.g. --reached 40")
    row = ctx.service.events.edit(args.id, changes)
    ctx.say(f"changed event {row.id}")
    return 0


def event_delete(ctx: Context, args) -> int:
    row = ctx.service.events.delete(args.id)
    ctx.say(f"deleted event {row.id} ({row.date}, {row.title}) and its {len(row.officers)} time entries")
    return 0


def import_events(ctx: Context, args) -> int:
    count = ctx.service.events.import_file(args.file, args.dry_run, args.sheet, args.force)
    ctx.say(
        f"dry run: {count} events would be imported; nothing written"
        if args.dry_run
        else f"imported {count} events"
    )
    return 0
