"""`engage officer …`, `engage area …`, `engage term …` and `engage locality …`: people, places and
vocabularies (what changes them once added is in cli.directory)."""

from __future__ import annotations

from engage_tui.cli import directory
from engage_tui.cli.context import Context
from engage_tui.cli.output import add_format_option, render
from engage_tui.cli.parser import subcommands
from engage_tui.domain.job_titles import JOBS

JOB_CHOICES = ", ".join(JOBS)
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
    add.add_argument("--job", help=f"what they do: {JOB_CHOICES} (default co; sergeant for a supervisor)")
    add.set_defaults(handler=officer_add)
    change = officer.add_parser("change", help="record a change of job, from a day on")
    change.add_argument("name")
    change.add_argument("--job", required=True, help=JOB_CHOICES)
    change.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="the first day")
    change.set_defaults(handler=officer_change)
    jobs = officer.add_parser("jobs", help="a person's jobs, oldest first")
    jobs.add_argument("name")
    add_format_option(jobs)
    jobs.set_defaults(handler=officer_jobs)
    listing = officer.add_parser("list", help="list people, with the job each does today")
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
    row = ctx.service.people.add(args.name, args.role, args.area, args.login, args.job)
    ctx.say(f"added {row.role} {row.name} (id {row.id}), {row.job}")
    if row.database_role is False:
        ctx.warn(
            f"there is no database role {row.login!r} yet: create it (CREATE ROLE … LOGIN PASSWORD …), "
            "then run this again to give it engage's group"
        )
    return 0


def officer_change(ctx: Context, args) -> int:
    row = ctx.service.people.change_job(args.name, args.job, args.start)
    ctx.say(f"{row.person} is {row.job} from {row.effective_from.isoformat()}")
    return 0


def officer_jobs(ctx: Context, args) -> int:
    rows = [[row.job, row.effective_from.isoformat()] for row in ctx.service.people.jobs(args.name)]
    ctx.say(render(["job", "from"], rows, args.format))
    return 0


def officer_list(ctx: Context, args) -> int:
    people = ctx.service.people.everyone()
    rows = [
        [p.id, p.name, p.login or "", p.role, p.job or "", p.area or "", "yes" if p.active else "no"]
        for p in people
    ]
    headers = ["id", "name", "login", "role", "job", "area", "active"]
    if any(p.database_role is not None for p in people):  # PostgreSQL: who can connect as themself
        headers.append("database role")
        for row, person in zip(rows, people, strict=True):
            row.append("yes" if person.database_role else "none yet: CREATE ROLE … LOGIN, then officer add")
    ctx.say(render(headers, rows, args.format))
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
    rows = [
        [t.kind, t.name, t.short or "", "yes" if t.active else "no"]
        for t in ctx.service.people.terms(args.kind)
    ]
    ctx.say(render(["kind", "name", "short", "active"], rows, args.format))
    return 0
