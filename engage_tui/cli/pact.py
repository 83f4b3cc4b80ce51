"""`engage pact series …` and `engage setting …`: the PACT register and dated settings."""

from __future__ import annotations

from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render
from engage_tui.cli.parser import subcommands


def register(commands, shared) -> None:
    pact = subcommands(
        commands.add_parser("pact", help="the PACT register, meetings and issues"), "pact commands"
    )
    shared["pact"] = pact
    series = subcommands(pact.add_parser("series", help="PACT meeting series"), "series commands")
    add = series.add_parser("add", help="add a series to the register")
    add.add_argument("--area", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--frequency", default="monthly", help="monthly (default) or bimonthly")
    add.add_argument("--super", action="store_true", help="a Super PACT")
    add.add_argument("--venue", default="")
    add.add_argument("--start", help="first day (default: today)")
    add.add_argument(
        "--schedule",
        default="",
        help="when it meets, e.g. 'last tue' or '2nd wed' (default: the week and weekday of --start)",
    )
    add.set_defaults(handler=series_add)
    retire = series.add_parser("retire", help="retire a series from a day (its history is kept)")
    retire.add_argument("name")
    retire.add_argument("--date", required=True)
    retire.set_defaults(handler=series_retire)
    listing = series.add_parser("list", help="the register")
    listing.add_argument("--as-of", help="only the series active on this day")
    listing.add_argument("--area")
    add_format_option(listing)
    listing.set_defaults(handler=series_list)

    settings = subcommands(
        commands.add_parser("setting", help="settings that take effect from a day"), "setting commands"
    )
    put = settings.add_parser("set", help="e.g. rate.pc 70.12 --from 2024-04-01")
    put.add_argument("key")
    put.add_argument("value")
    put.add_argument("--from", dest="start", help="first day it applies (default: today)")
    put.set_defaults(handler=setting_set)
    listing = settings.add_parser("list", help="defaults and dated values")
    add_format_option(listing)
    listing.set_defaults(handler=setting_list)


def _day(text: str | None, field: str):
    """A day given on the command line, or None for the service's default (today, or none)."""
    from engage_tui.domain.periods import parse_date

    return parse_date(text, field) if text else None


def series_add(ctx: Context, args) -> int:
    row = ctx.service.pact.add_series(
        args.area, args.name, args.frequency, args.super, args.venue, _day(args.start, "start"), args.schedule
    )
    ctx.say(
        f"added {row.name} ({row.area}, {row.frequency}, {row.schedule}"
        f"{', Super PACT' if row.super_pact else ''})"
    )
    return 0


def series_retire(ctx: Context, args) -> int:
    from engage_tui.domain.periods import parse_date

    row = ctx.service.pact.retire_series(args.name, parse_date(args.date, "date"))
    ctx.say(f"retired {row.name} from {row.retired}")
    return 0


def series_list(ctx: Context, args) -> int:
    rows = [
        [
            s.area,
            s.name,
            s.frequency,
            s.schedule,
            "yes" if s.super_pact else "",
            s.venue,
            s.start,
            s.retired or "",
        ]
        for s in ctx.service.pact.series(_day(args.as_of, "as_of"), args.area)
    ]
    ctx.say(
        render(
            ["area", "series", "frequency", "schedule", "super", "venue", "start", "retired"],
            rows,
            args.format,
        )
    )
    return 0


def setting_set(ctx: Context, args) -> int:
    row = ctx.service.pact.set_setting(args.key, args.value, _day(args.start, "from"))
    ctx.say(f"{row.key} = {row.value} from {row.effective_from}")
    return 0


def setting_list(ctx: Context, args) -> int:
    rows = [[r.key, r.value, r.effective_from or "(default)"] for r in ctx.service.pact.settings()]
    ctx.say(render(["key", "value", "from"], rows, args.format))
    return 0
