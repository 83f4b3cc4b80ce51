"""`engage pact meeting|issue|due …` and `engage import pact-series|pact-meetings`: PACT meetings as
they happen, the issues raised at them, and which meetings are due or missing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render
from engage_tui.cli.parser import add_force_option, subcommands, whole_number

MEETING_OPTIONS = {
    "series": "the series' name",
    "date": "YYYY-MM-DD",
    "public": "members of the public attending (0 or more)",
    "partners": "partner agencies' people attending (0 or more)",
    "note": "free text",
}
ISSUE_OPTIONS = {
    "text": "what was raised",
    "theme": "ASB, speeding, parking, drugs… (engage term list theme)",
    "owner": "who is dealing with it",
    "referral": "LMAP, AAP, council, housing…",
    "status": "open, in hand, resolved or closed",
    "outcome": "what was done",
}


def register(commands, shared) -> None:
    pact = shared["pact"]
    meeting = subcommands(
        pact.add_parser("meeting", help="PACT meetings as they happened"), "meeting commands"
    )
    add = meeting.add_parser("add", help="record a meeting (or its cancellation); prints its id")
    _meeting_options(add, required=("series", "date"))
    add.set_defaults(handler=meeting_add)
    edit = meeting.add_parser("edit", help="change a meeting (officers given replace the list)")
    edit.add_argument("id", type=whole_number)
    _meeting_options(edit)
    edit.set_defaults(handler=meeting_edit)
    remove = meeting.add_parser("delete", help="delete a meeting and its officers' time")
    remove.add_argument("id", type=whole_number)
    remove.set_defaults(handler=meeting_delete)
    listing = meeting.add_parser("list", help="meetings recorded")
    _range_options(listing)
    listing.add_argument("--series")
    listing.add_argument(
        "--below",
        type=whole_number,
        metavar="K",
        help="only meetings held with fewer than K of the public (poorly attended)",
    )
    add_format_option(listing)
    listing.set_defaults(handler=meeting_list)

    due = pact.add_parser(
        "due",
        help="meetings the schedules expected: held, cancelled, missing, upcoming; "
        "extra: held off the schedule",
    )
    _range_options(due)
    due.add_argument("--missing", action="store_true", help="only the missing ones")
    add_format_option(due)
    due.set_defaults(handler=due_list)

    issue = subcommands(pact.add_parser("issue", help="issues raised at PACT meetings"), "issue commands")
    add = issue.add_parser("add", help="an issue raised at a recorded meeting; prints its id")
    add.add_argument("--series", required=True)
    add.add_argument("--date", required=True, help="the meeting's day")
    _issue_options(add, required=("text", "theme"))
    add.set_defaults(handler=issue_add)
    change = issue.add_parser("update", help="follow an issue up")
    change.add_argument("id", type=whole_number)
    _issue_options(change)
    change.add_argument("--reported-back", metavar="D", help="the day of the meeting that heard it")
    change.set_defaults(handler=issue_update)
    remove = issue.add_parser("delete", help="take off an issue recorded by mistake (audited)")
    remove.add_argument("id", type=whole_number)
    remove.set_defaults(handler=issue_delete)
    listing = issue.add_parser("list", help="issues, newest first")
    listing.add_argument("--area")
    listing.add_argument("--series")
    listing.add_argument("--status", help="open (open and in hand), in hand, resolved or closed")
    add_format_option(listing)
    listing.set_defaults(handler=issue_list)

    for kind, columns in (
        ("pact-series", "area,name,frequency,super,venue,start,schedule,retired"),
        (
            "pact-meetings",
            "series,date,public,partners,officers,cancelled,notes,issues (officers and issues ;-separated)",
        ),
    ):
        imp = shared["import"].add_parser(kind, help=f"a CSV file or workbook; columns: {columns}")
        imp.add_argument("file", type=Path)
        imp.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
        imp.add_argument(
            "--sheet", metavar="NAME", help="for a workbook (.xlsx): the sheet to read (default: the first)"
        )
        add_force_option(imp)
        imp.set_defaults(handler=import_pact, kind=kind)


def _meeting_options(parser, required: tuple[str, ...] = ()) -> None:
    for name, text in MEETING_OPTIONS.items():
        parser.add_argument(f"--{name}", required=name in required, help=text)
    parser.add_argument(
        "--officer",
        action="append",
        metavar="NAME:RANK[:HOURS]",
        help="an officer who attended: rank pcso, pc or inspector; hours default to the setting (3) (repeat)",
    )
    parser.add_argument(
        "--issue",
        action="append",
        metavar="THEME: TEXT",
        help="an issue raised, e.g. 'speeding: cars on Front St' (repeat)",
    )
    parser.add_argument(
        "--reported-back",
        action="append",
        type=whole_number,
        metavar="ID",
        help="an earlier issue reported back at this meeting (repeat)",
    )
    held = parser.add_mutually_exclusive_group()
    held.add_argument(
        "--cancelled",
        action="store_true",
        help="the meeting was cancelled (on edit: its attendance and officers' time are dropped)",
    )
    held.add_argument(
        "--held",
        action="store_true",
        help="on edit: a meeting recorded as cancelled was held after all (give --public)",
    )


def _issue_options(parser, required: tuple[str, ...] = ()) -> None:
    for name, text in ISSUE_OPTIONS.items():
        parser.add_argument(f"--{name}", required=name in required, help=text)


def _range_options(parser) -> None:
    parser.add_argument(
        "--from", dest="start", metavar="D", help="first day or a period (2025, 2025-11, 2025/26, Q1 2025/26)"
    )
    parser.add_argument("--to", dest="end", metavar="D", help="last day, or a period (its last day)")
    parser.add_argument("--area")


def _meeting_changes(args) -> dict[str, Any]:
    given: dict[str, object] = {
        ("notes" if n == "note" else n): getattr(args, n)
        for n in MEETING_OPTIONS
        if getattr(args, n) is not None
    }
    for option, name in (("officer", "officers"), ("issue", "issues"), ("reported_back", "reported_back")):
        if getattr(args, option) is not None:
            given[name] = tuple(getattr(args, option))
    if args.cancelled or args.held:
        given["cancelled"] = args.cancelled
    return given


def meeting_add(ctx: Context, args) -> int:
    from engage_tui.domain.pact_meetings import MeetingDraft

    meeting_id = ctx.service.pact.add_meeting(MeetingDraft(**_meeting_changes(args)))
    ctx.say(str(meeting_id))
    return 0


def meeting_edit(ctx: Context, args) -> int:
    from engage_tui.errors import EngageError

    changes = _meeting_changes(args)
    if not changes:
        raise EngageError("edit: give at least one field to change, e.g. --public 12", field="edit")
    row = ctx.service.pact.edit_meeting(args.id, changes)
    ctx.say(f"changed meeting {row.id} ({row.series}, {row.date})")
    return 0


def meeting_delete(ctx: Context, args) -> int:
    row = ctx.service.pact.delete_meeting(args.id)
    ctx.say(f"deleted meeting {row.id} ({row.series}, {row.date}) and its {len(row.officers)} time entries")
    return 0


def meeting_list(ctx: Context, args) -> int:
    from engage_tui.domain.durations import format_hours
    from engage_tui.domain.periods import parse_range

    start, end = parse_range(args.start, args.end)
    rows = ctx.service.pact.meetings(start, end, args.area, args.series, args.below)
    count = lambda value: "" if value is None else value  # noqa: E731
    table = [
        [
            m.id,
            m.date.isoformat(),
            m.area,
            m.series,
            "cancelled" if m.cancelled else "held",
            count(m.public),
            count(m.partners),
            "; ".join(f"{n} ({r}) {format_hours(mins, 2)}" for n, r, mins in m.officers),
            m.issues_raised or "",
        ]
        for m in rows
    ]
    ctx.say(
        render(
            ["id", "date", "area", "series", "state", "public", "partners", "officers", "issues"],
            table,
            args.format,
        )
    )
    return 0


def due_list(ctx: Context, args) -> int:
    from engage_tui.domain.periods import parse_range

    rows = [
        d
        for d in ctx.service.pact.due(*parse_range(args.start, args.end), args.area)
        if d.state == "missing" or not args.missing
    ]
    ctx.say(
        render(
            ["date", "area", "series", "state", "meeting"],
            [[d.date.isoformat(), d.area, d.series, d.state, d.meeting_id or ""] for d in rows],
            args.format,
        )
    )
    return 0


def issue_add(ctx: Context, args) -> int:
    issue_id = ctx.service.pact.add_issue(
        args.series,
        args.date,
        args.text,
        args.theme,
        args.owner or "",
        args.referral or "",
        args.status or "open",
        args.outcome or "",
    )
    ctx.say(str(issue_id))
    return 0


def issue_update(ctx: Context, args) -> int:
    from engage_tui.errors import EngageError

    changes = {n: getattr(args, n) for n in (*ISSUE_OPTIONS, "reported_back") if getattr(args, n) is not None}
    if not changes:
        raise EngageError("update: give at least one field to change, e.g. --status resolved", field="update")
    row = ctx.service.pact.update_issue(args.id, changes)
    ctx.say(f"issue {row.id}: {row.status}")
    return 0


def issue_delete(ctx: Context, args) -> int:
    row = ctx.service.pact.delete_issue(args.id)
    ctx.say(f"deleted issue {row.id} ({row.series}, {row.raised}: {row.text})")
    return 0


def issue_list(ctx: Context, args) -> int:
    rows = ctx.service.pact.issues(args.area, args.status, args.series)
    table = [
        [
            i.id,
            i.raised.isoformat(),
            i.area,
            i.series,
            i.theme,
            i.text,
            i.owner,
            i.referral or "",
            i.status,
            i.outcome,
            i.reported_back or "",
        ]
        for i in rows
    ]
    ctx.say(
        render(
            [
                "id",
                "raised",
                "area",
                "series",
                "theme",
                "issue",
                "owner",
                "referral",
                "status",
                "outcome",
                "reported back",
            ],
            table,
            args.format,
        )
    )
    return 0


def import_pact(ctx: Context, args) -> int:
    pact = ctx.service.pact
    run, noun = {
        "pact-series": (pact.import_series, "series"),
        "pact-meetings": (pact.import_meetings, "meetings"),
    }[args.kind]
    count = run(args.file, args.dry_run, args.sheet, args.force)
    ctx.say(
        f"dry run: {count} {noun} would be imported; nothing written"
        if args.dry_run
        else f"imported {count} {noun}"
    )
    return 0
