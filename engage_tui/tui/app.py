"""The engage app: the shell (header, footer, palette, size guard) around its screens."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from importlib import import_module
from threading import Event
from types import ModuleType
from typing import TYPE_CHECKING

from textual import events
from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from engage_tui.config import Settings
from engage_tui.domain.actor import Actor
from engage_tui.service import Service
from engage_tui.tui.collector import QuietCollector
from engage_tui.tui.dialogs.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall
from engage_tui.tui.keys import Explains, action_target, uses_of
from engage_tui.tui.stylesheet import ReusingStylesheet
from engage_tui.tui.widgets.chunked import filling
from engage_tui.tui.work import Calls

if TYPE_CHECKING:
    from engage_tui.store import Store


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
        return getattr(self.module(), self.screen.partition(":")[2])()

    def module(self) -> ModuleType:
        return import_module(f"engage_tui.tui.screens.{self.screen.partition(':')[0]}")


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
    Place(
        "people",
        "people:PeopleScreen",
        "People",
        "go: People, areas and vocabularies",
        "Supervisors: people, areas and localities, the vocabularies — add, rename, retire",
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
"""The number keys show in the footer as one group, `1234567890 Screens`, when there is room; the key
help and the palette name each."""
SUPERVISORS_ONLY = {"people": "Only a supervisor keeps the people, areas and vocabularies"}


class EngageApp(Explains, App[None]):
    """Cohesion officers log their month; supervisors see the reports and approve the returns."""

    TITLE = "engage"
    CSS_PATH = "app.tcss"
    MODES = {place.mode: place.load for place in PLACES}
    BINDINGS = [
        *(
            Binding(
                str(number % 10),
                f"switch_mode('{place.mode}')",
                place.footer,
                id=f"go.{place.mode}",
                group=SCREENS,
                tooltip=f"go to {place.footer}",
            )
            for number, place in enumerate(PLACES, start=1)
        ),
        Binding("question_mark,f1", "help", "Keys", id="app.help", tooltip="every key of this screen"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", tooltip="quit engage", priority=True),
    ]

    def __init__(self, service: Service, actor: Actor) -> None:
        super().__init__()
        self.stylesheet = ReusingStylesheet(variables=self.get_css_variables())
        self.service = service
        self.actor = actor
        self.sub_title = f"{actor.label} ({actor.role})"
        self.warming = False
        self.warm = Event()
        """Set once the warm-up has opened the store and imported the screens."""
        self.collector = QuietCollector()

    @property
    def settings(self) -> Settings:
        return self.service.settings

    def on_mount(self) -> None:
        """Officers open on their month; supervisors on the monthly hours of the latest year."""
        self.switch_mode("monthly" if self.is_supervisor else "month")
        self.guard_size(self.size.width, self.size.height)
        self.collector.start()
        self.set_interval(1.0, self._collect_when_quiet)

    def on_unmount(self) -> None:
        self.collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.input_seen()
        await super().on_event(event)

    def _collect_when_quiet(self) -> None:
        self.collector.collect_if_due(busy=self.loading or filling())

    @property
    def loading(self) -> bool:
        """A service call (or the warm-up) is running."""
        return any(worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in self.workers)

    def warm_up(self) -> None:
        """Once the first screen has data, open the store in a thread: the first frame is drawn from
        the fast read path, without waiting for SQLAlchemy to load — nor sharing the interpreter with
        it while the screen's loads are still running."""
        if not self.warming:
            self.warming = True
            self._warm_up_when_idle()

    def _warm_up_when_idle(self) -> None:
        if self.loading:
            self.set_timer(0.05, self._warm_up_when_idle)
        else:
            self.run_worker(self._warm_up, thread=True, group="warm-up", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        done = event.worker.group == "warm-up" and event.state == WorkerState.SUCCESS
        if done and self.warm.is_set():  # not a warm-up cut short by quitting, after the app's end
            self.collector.freeze()  # what start-up and the warm-up made lives as long as the app

    def _warm_up(self) -> None:
        """The store, then the screens this person may open: imported here, the first opening of one
        does not import on the event loop (PACT's modules held it ≈0.2 s)."""
        self.service.warm_up()
        worker = get_current_worker()
        for place in PLACES:
            if worker.is_cancelled:
                return  # quitting: the rest would only hold the process's end back
            if self.why_not("switch_mode", (place.mode,)) is None:
                place.module()
        self.warm.set()

    def on_resize(self, event: events.Resize) -> None:
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

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if action == "switch_mode" and parameters and not self.is_supervisor:
            return SUPERVISORS_ONLY.get(str(parameters[0]))
        if action == "quit":  # a form under the palette or the too-small notice holds typing too
            leave = next(filter(None, (getattr(s, "LEAVE_FIRST", None) for s in self.screen_stack)), None)
            return f"{leave}: quitting now would lose what is typed" if leave else None
        return None

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Run an action, or say why it cannot run now (a key that does nothing says why)."""
        target, name, parameters = action_target(
            self if default_namespace is None else default_namespace, action, namespaces
        )
        reason = target.why_not(name, parameters) if isinstance(target, Explains) else None
        if reason:
            self.notify(reason, title="Not now", severity="warning", markup=False)
            return True
        return await super().run_action(action, default_namespace, namespaces)

    def action_help(self) -> None:
        """Every key of the screen in view: what it does, and why it cannot act now where it cannot."""
        from engage_tui.tui.dialogs.key_help import KeyHelp

        if not isinstance(self.screen, KeyHelp):
            self.push_screen(KeyHelp(self.screen))

    def export_pack(self, screen: Calls) -> None:
        """Ask for the period (and the survey periods of T4), write the pack, say where."""
        from engage_tui.tui.dialogs.pack import export_pack

        export_pack(screen)

    async def open_tab(self, mode: str, tab: str) -> None:
        """Open a screen on one of its tabs."""
        await self.switch_mode(mode)
        await self.screen.run_action(f"show_tab({tab!r})")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for number, place in enumerate(PLACES, start=1):
            yield SystemCommand(
                place.title,
                f"{place.help} (key {number % 10})",
                partial(self.run_action, f"switch_mode('{place.mode}')"),
            )
        yield from screen_commands(screen)
        for mode, tab, title, text in TABS:
            yield SystemCommand(title, text, partial(self.open_tab, mode, tab))
        if isinstance(screen, Calls):
            yield SystemCommand(
                "export: panel pack…",
                "Every table for a Police and Crime Panel report, for a period: a workbook and Markdown",
                partial(self.export_pack, screen),
            )
        yield from getattr(screen, "palette_commands", lambda: ())()
        yield SystemCommand("keys: every key of this screen", "The key help (? or F1)", self.action_help)
        yield from super().get_system_commands(screen)


def screen_commands(screen: Screen) -> Iterator[SystemCommand]:
    """Every action of the screen (and of its parts) by name, from its bindings: `hours: add an
    entry`, with its key; run as the key runs it, so what cannot run now says why."""
    nodes: list[tuple[DOMNode, type]] = [(screen, type(screen))]
    for _title, part in getattr(screen, "KEY_PARTS", ()):
        nodes += [(node, part) for node in screen.query(part)]
    own: frozenset[str] = getattr(screen, "OWN_PALETTE", frozenset())
    for node, kind in nodes:
        actions: set[str] = set()
        for use in uses_of(kind, ""):
            if not use.description or use.id in own or use.action in actions:
                continue
            actions.add(use.action)
            yield SystemCommand(
                f"{use.noun}: {use.does}",
                f"key {use.shown_keys}",
                partial(screen.app.run_action, use.action, node),
            )


def build_app(settings: Settings, store: Store | None = None) -> EngageApp:
    """The one factory the CLI and the tests use (`store`: one already open); refuses an unknown
    acting user."""
    service = Service(settings, store)
    return EngageApp(service, service.me())


def run_app(settings: Settings) -> int:
    """Open the TUI; a new default database is created (the acting user becomes its supervisor)."""
    Service(settings).ensure_default()
    app = build_app(settings)
    try:
        app.run()
    finally:
        app.service.close()
    return 0
