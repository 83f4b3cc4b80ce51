"""`engage init` and `engage tui`."""

from __future__ import annotations

from engage_tui.cli.context import Context


def register(commands, shared) -> None:
    init = commands.add_parser("init", help="create the database, or upgrade it to the current schema")
    init.add_argument(
        "--demo",
        action="store_true",
        help="also load the source reports' figures (areas, officers, 2017 hours)",
    )
    init.set_defaults(handler=run_init)
    tui = commands.add_parser("tui", help="open the terminal app (the default)")
    tui.set_defaults(handler=run_tui)


def run_init(ctx: Context, args) -> int:
    result = ctx.service.admin.init(demo=args.demo)
    place = ctx.service.admin.where
    if result.schema_from is None:
        ctx.say(f"created {place} (schema {result.schema_to})")
    elif result.schema_from != result.schema_to:
        ctx.say(f"upgraded {place} from schema {result.schema_from} to {result.schema_to}")
    else:
        ctx.say(f"{place} is up to date (schema {result.schema_to})")
    if result.first_supervisor:
        ctx.say(f"{result.first_supervisor} is its first supervisor")
    if result.terms_added:
        ctx.say(f"added {result.terms_added} vocabulary terms")
    if args.demo:
        ctx.say(
            f"demo: loaded {result.demo_entries} entries" if result.demo_entries else "demo: already loaded"
        )
    return 0


def run_tui(ctx: Context, args) -> int:
    from engage_tui.tui.app import run_app

    return run_app(ctx.settings)
