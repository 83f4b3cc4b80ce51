"""Keeping the directory from the command line — the calls the People screen makes: rename, move,
retire and restore people and areas; add, rename and delete localities; reword or delete vocabulary
words. Nothing in use is deleted, and each change is audited."""

from __future__ import annotations

from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render
from engage_tui.cli.parser import subcommands

KINDS = ("audience", "activity", "theme", "referral")  # domain.vocab.KINDS, without importing the store


def register_people(officer, area, term) -> None:
    """The directory's sub-commands under `officer`, `area` and `term` (made by cli.people)."""
    rename = officer.add_parser("rename", help="give a person a new name (their records follow)")
    rename.add_argument("name")
    rename.add_argument("new_name")
    rename.set_defaults(handler=officer_rename)
    home = officer.add_parser("home", help="set a person's home area (none given: no home area)")
    home.add_argument("name")
    home.add_argument("area", nargs="?")
    home.set_defaults(handler=officer_home)
    _retire_and_restore(
        officer, officer_active, "a person who has left (their records stay and count)", "person"
    )

    rename = area.add_parser("rename", help="give an area a new name (its records follow)")
    rename.add_argument("name")
    rename.add_argument("new_name")
    rename.set_defaults(handler=area_rename)
    move = area.add_parser("move", help="put an area in a locality (none given: in none)")
    move.add_argument("name")
    move.add_argument("locality", nargs="?")
    move.set_defaults(handler=area_move)
    _retire_and_restore(area, area_active, "an area (no longer offered; its records stay and count)", "area")

    rename = term.add_parser("rename", help="reword a vocabulary word (what uses it follows)")
    rename.add_argument("kind", choices=KINDS)
    rename.add_argument("name")
    rename.add_argument("new_name")
    rename.add_argument("--short", help="its short form ('' takes it off)")
    rename.set_defaults(handler=term_rename)
    _retire_and_restore(
        term, term_active, "a word (no longer offered; the records that use it keep it)", "word", kinds=KINDS
    )
    delete = term.add_parser("delete", help="delete a word nothing uses (one added by mistake)")
    delete.add_argument("kind", choices=KINDS)
    delete.add_argument("name")
    delete.set_defaults(handler=term_delete)


def _retire_and_restore(group, handler, retires: str, noun: str, kinds: tuple[str, ...] = ()) -> None:
    """`retire` and `restore` sub-commands of `group`, each naming one row (a vocabulary's word
    after its kind)."""
    for word, active, text in (
        ("retire", False, f"retire {retires}"),
        ("restore", True, f"restore a retired {noun}"),
    ):
        change = group.add_parser(word, help=text)
        if kinds:
            change.add_argument("kind", choices=kinds)
        change.add_argument("name")
        change.set_defaults(handler=handler, active=active)


def register_localities(commands) -> None:
    locality = subcommands(
        commands.add_parser("locality", help="localities: the groups areas sit in"), "locality commands"
    )
    add = locality.add_parser("add", help="add a locality")
    add.add_argument("name")
    add.set_defaults(handler=locality_add)
    rename = locality.add_parser("rename", help="give a locality a new name")
    rename.add_argument("name")
    rename.add_argument("new_name")
    rename.set_defaults(handler=locality_rename)
    delete = locality.add_parser("delete", help="delete a locality no area or survey score uses")
    delete.add_argument("name")
    delete.set_defaults(handler=locality_delete)
    listing = locality.add_parser("list", help="list localities, with their areas and survey scores")
    add_format_option(listing)
    listing.set_defaults(handler=locality_list)


def officer_rename(ctx: Context, args) -> int:
    row = ctx.service.directory.rename_person(args.name, args.new_name)
    ctx.say(f"renamed {args.name} to {row.name}")
    return 0


def officer_home(ctx: Context, args) -> int:
    row = ctx.service.directory.set_home_area(args.name, args.area)
    ctx.say(f"{row.name}'s home area is {row.area}" if row.area else f"{row.name} has no home area")
    return 0


def officer_active(ctx: Context, args) -> int:
    row = ctx.service.directory.set_person_active(args.name, args.active)
    ctx.say(f"{'restored' if row.active else 'retired'} {row.name}")
    return 0


def area_rename(ctx: Context, args) -> int:
    row = ctx.service.directory.rename_area(args.name, args.new_name)
    ctx.say(f"renamed area {args.name} to {row.name}")
    return 0


def area_move(ctx: Context, args) -> int:
    row = ctx.service.directory.move_area(args.name, args.locality)
    ctx.say(f"area {row.name} is in {row.locality}" if row.locality else f"area {row.name} is in no locality")
    return 0


def area_active(ctx: Context, args) -> int:
    ctx.service.directory.set_area_active(args.name, args.active)
    ctx.say(f"{'restored' if args.active else 'retired'} area {args.name}")
    return 0


def term_rename(ctx: Context, args) -> int:
    row = ctx.service.directory.rename_term(args.kind, args.name, args.new_name, args.short)
    ctx.say(f"renamed {row.kind} {args.name!r} to {row.name!r}" + (f" ({row.short})" if row.short else ""))
    return 0


def term_active(ctx: Context, args) -> int:
    row = ctx.service.directory.set_term_active(args.kind, args.name, args.active)
    ctx.say(f"{'restored' if args.active else 'retired'} {row.kind} {row.name!r}")
    return 0


def term_delete(ctx: Context, args) -> int:
    row = ctx.service.directory.delete_term(args.kind, args.name)
    ctx.say(f"deleted {row.kind} {row.name!r}")
    return 0


def locality_add(ctx: Context, args) -> int:
    row = ctx.service.directory.add_locality(args.name)
    ctx.say(f"added locality {row.name}")
    return 0


def locality_rename(ctx: Context, args) -> int:
    row = ctx.service.directory.rename_locality(args.name, args.new_name)
    ctx.say(f"renamed locality {args.name} to {row.name}")
    return 0


def locality_delete(ctx: Context, args) -> int:
    row = ctx.service.directory.delete_locality(args.name)
    ctx.say(f"deleted locality {row.name}")
    return 0


def locality_list(ctx: Context, args) -> int:
    rows = [[p.id, p.name, p.areas, p.scores] for p in ctx.service.directory.localities()]
    ctx.say(render(["id", "locality", "areas", "survey scores"], rows, args.format))
    return 0
