"""The engage app: the shell (header, footer, palette, size guard) around its screens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen

from engage_tui.config import Settings
from engage_tui.domain.actor import Actor
from engage_tui.service import Service

if TYPE_CHECKING:
    from engage_tui.store import Store
from engage_tui.tui.dialogs.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall
from engage_tui.tui.work import Calls


@dataclass(frozen=True)
class Place:
    """One screen of the app: its mode, its key and footer label, and its palette entry.

    `screen` names the class (`module:Class` under `engage_tui.tui.screens`); it is imported when the
    screen is first opened, so starting the app loads only the screen it opens on."""

    mode: str
    screen: str
    footer: str
    title: str
    help: str

    def load(self) -> Screen:
        module, _, name = self.screen.partition(":")
        return getattr(import_module(f"engage_tui.tui.screens.{module}"), name)()


# The screens, in the order of their number keys; bindings, modes and the palette are made from this.
PLACES = (
    Place(
        "month",
        "my_month:MyMonthScreen",
        "My month",
        "go: My month",
        "Your entries for a month: add, edit, delete, submit",
    ),
    Place(
        "monthly",
        "monthly:MonthlyScreen",
        "Monthly",
        "go: Monthly hours (T3)",
        "Cohesion officers' hours by month for a year",
    ),
    Place(
        "rollups",
        "rollups:RollupsScreen",
        "Rollups",
        "go: Rollups",
        "Hours by officer, area, locality, … per month, quarter, year",
    ),
    Place(
        "annual", "annual:AnnualScreen", "Annual", "go: Annual hours", "A row per year, calendar or financial"
    ),
    Place(
        "pact",
        "pact:PactScreen",
        "PACT",
        "go: PACT meetings, issues, T1, T2 and attendance",
        "Meetings due and missing, record a meeting, follow up issues, the register and the tables",
    ),
    Place(
        "events",
        "events:EventsScreen",
        "Events",
        "go: Events",
        "Community events: who went, for how long, how many were reached",
    ),
    Place(
        "returns",
        "returns:ReturnsScreen",
        "Returns",
        "go: Returns",
        "Officers × months: submitted, approved, chase list",
    ),
    Place(
        "confidence",
        "confidence:ConfidenceScreen",
        "Confidence",
        "go: Confidence survey (T4)",
        "Scores and movement by locality",
    ),
    Place(
        "audit", "audit:AuditScreen", "Audit", "go: Audit trail", "Who changed what, when; verify the chain"
    ),
)


# Parts of a screen reached straight from the palette: (mode, tab[:table], title, help).
TABS = (
    ("pact", "due", "go: PACT meetings due and missing", "Upcoming, missing and cancelled PACT meetings"),
    ("pact", "issues", "go: PACT issues", "Issues raised at PACT meetings, to follow up"),
    (
        "pact",
        "tables",
        "go: PACT tables (T1, T2, attendance)",
        "PACT meetings by area, their cost, attendance, actual cost, issues by area",
    ),
    ("pact", "tables:t1", "go: PACT meetings by area (T1)", "The series active on the day chosen, by area"),
    ("pact", "tables:t2", "go: PACT cost (T2)", "What facilitating PACT costs a year, by rank"),
    (
        "pact",
        "tables:attendance",
        "go: PACT attendance",
        "Meetings held, attendance, and those below the threshold, by area",
    ),
    ("pact", "tables:actual", "go: PACT actual cost", "What the meetings recorded cost, by rank"),
)

SCREENS = Binding.Group("Screens", compact=True)
"""The number keys show in the footer as one group, `123456789 Screens`; the palette names each."""


class EngageApp(App[None]):
    """Cohesion officers log their month; supervisors see the reports and approve the returns."""

    TITLE = "engage"
    CSS_PATH = "app.tcss"
    MODES = {place.mode: place.load for place in PLACES}
    BINDINGS = [
        *(
            Binding(
                str(number),
                f"switch_mode('{place.mode}')",
                place.footer,
                id=f"go.{place.mode}",
                group=SCREENS,
            )
            for number, place in enumerate(PLACES, start=1)
        ),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, service: Service, actor: Actor) -> None:
        super().__init__()
        self.service = service
        self.actor = actor
        self.sub_title = f"{actor.label} ({actor.role})"

    @property
    def settings(self) -> Settings:
        return self.service.settings

    def on_mount(self) -> None:
        """Officers open on their month; supervisors on the monthly hours of the latest year."""
        self.switch_mode("monthly" if self.is_supervisor else "month")
        self.guard_size(self.size.width, self.size.height)

    def on_resize(self, event: Resize) -> None:
        self.guard_size(event.size.width, event.size.height)

    def guard_size(self, width: int, height: int) -> None:
        """Below 80x24 say so on one screen, rather than let the layout overlap."""
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmall)
        if too_small and not showing:
            self.push_screen(TooSmall())
        elif showing and not too_small:
            self.pop_screen()

    @property
    def is_supervisor(self) -> bool:
        return self.actor.role == "supervisor"

    def export_pack(self, screen: Calls) -> None:
        """Ask for the period (and the survey periods of T4), write the pack, say where."""
        from engage_tui.tui.dialogs.pack import export_pack

        export_pack(screen)

    async def open_tab(self, mode: str, tab: str) -> None:
        """Open a screen on one of its tabs."""
        await self.switch_mode(mode)
        await self.screen.run_action(f"show_tab({tab!r})")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for place in PLACES:
            yield SystemCommand(place.title, place.help, partial(self.switch_mode, place.mode))
        for mode, tab, title, text in TABS:
            yield SystemCommand(title, text, partial(self.open_tab, mode, tab))
        if isinstance(screen, Calls):
            yield SystemCommand(
                "export: panel pack…",
                "Every table for a Police and Crime Panel report, for a period: a workbook and Markdown",
                partial(self.export_pack, screen),
            )
        yield from getattr(screen, "palette_commands", lambda: ())()
        yield from super().get_system_commands(screen)


def build_app(settings: Settings, store: Store | None = None) -> EngageApp:
    """The one factory the CLI and the tests use (`store`: one already open); refuses an unknown
    acting user."""
    service = Service(settings, store)
    return EngageApp(service, service.people.me())


def run_app(settings: Settings) -> int:
    """Open the TUI; a new default database is created (the acting user becomes its supervisor)."""
    Service(settings).admin.ensure_default()
    app = build_app(settings)
    try:
        app.run()
    finally:
        app.service.close()
    return 0
