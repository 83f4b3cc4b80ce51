"""`engage officer …`, `engage area …`, `engage term …` and `engage locality …`: people, places and
vocabularies (what changes them once added is in cli.directory)."""

from __future__ import annotations

from engage_tui.cli import directory
from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render
from engage_tui.cli.parser import subcommands

KINDS = ("audience", "activity", "theme", "referral")  # domain.vocab.KINDS, without importing the store


def register(commands, shared) -> None:
    officer = subcommands(
        commands.add_parser("officer", help="people: officers and supervisors"), "officer commands"
    )
    add = officer.add_parser("add", help="add an officer or supervisor")
    add.add_argument("name")
    add.add_argument("--role", default="officer", choices=("officer", "supervisor"))
    add.add_argument("--area", help="home area (entries default to it)")
    add.add_argument("--login", help="their operating-system login, if not their name")
    add.set_defaults(handler=officer_add)
    listing = officer.add_parser("list", help="list people")
    add_format_option(listing)
    listing.set_defaults(handler=officer_list)

    area = subcommands(commands.add_parser("area", help="areas and their localities"), "area commands")
    add = area.add_parser("add", help="add an area")
    add.add_argument("name")
    add.add_argument("--locality", help="the locality it belongs to (created on first mention)")
    add.set_defaults(handler=area_add)
    listing = area.add_parser("list", help="list areas")
    add_format_option(listing)
    listing.set_defaults(handler=area_list)

    term = subcommands(
        commands.add_parser(
            "term", help="vocabularies: audiences, activity types, PACT issue themes and referrals"
        ),
        "term commands",
    )
    add = term.add_parser("add", help="add an audience, activity type, issue theme or referral")
    add.add_argument("kind", choices=KINDS)
    add.add_argument("name")
    add.add_argument("--short", help="a short form also accepted, e.g. GRT")
    add.set_defaults(handler=term_add)
    listing = term.add_parser("list", help="list the vocabularies")
    listing.add_argument("kind", nargs="?", choices=KINDS)
    add_format_option(listing)
    listing.set_defaults(handler=term_list)
    directory.register_people(officer, area, term)
    directory.register_localities(commands)


def officer_add(ctx: Context, args) -> int:
    row = ctx.service.people.add(args.name, args.role, args.area, args.login)
    ctx.say(f"added {row.role} {row.name} (id {row.id})")
    return 0


def officer_list(ctx: Context, args) -> int:
    rows = [
        [p.id, p.name, p.login or "", p.role, p.area or "", "yes" if p.active else "no"]
        for p in ctx.service.people.everyone()
    ]
    ctx.say(render(["id", "name", "login", "role", "area", "active"], rows, args.format))
    return 0


def area_add(ctx: Context, args) -> int:
    row = ctx.service.people.add_area(args.name, args.locality)
    ctx.say(f"added area {row.name}" + (f" in {row.locality}" if row.locality else ""))
    return 0


def area_list(ctx: Context, args) -> int:
    rows = [[a.id, a.name, a.locality or ""] for a in ctx.service.people.areas()]
    ctx.say(render(["id", "area", "locality"], rows, args.format))
    return 0


def term_add(ctx: Context, args) -> int:
    row = ctx.service.people.add_term(args.kind, args.name, args.short)
    ctx.say(f"added {row.kind} {row.name!r}")
    return 0


def term_list(ctx: Context, args) -> int:
    rows = [[t.kind, t.name, t.short or ""] for t in ctx.service.people.terms(args.kind)]
    ctx.say(render(["kind", "name", "short"], rows, args.format))
    return 0
