"""PACT: meetings due and missing, meetings recorded, issues to follow up, the register, and the
tables (T1, T2, attendance, actual cost) — all for a day chosen with g.

Each tab is a widget that loads its own rows in a thread; after a change only the tabs it touches
reload, and a hidden one only when it is shown. The day defaults to today; on a database whose latest
meeting is long past (the demo), to that meeting's day, so the screen opens on data rather than on
months of nothing — and the title says no meeting has been recorded since, which on a live database
is itself the alarm.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Select, Static, TabbedContent, TabPane

from engage_tui.domain.pact_due import due_window
from engage_tui.domain.periods import parse_bound
from engage_tui.domain.tables import Report
from engage_tui.service.people import Vocabulary
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.screens.pact.due import DueTab
from engage_tui.tui.screens.pact.issues import IssuesTab
from engage_tui.tui.screens.pact.meetings import MeetingsTab
from engage_tui.tui.screens.pact.parts import PactTab
from engage_tui.tui.screens.pact.recording import MeetingRecorder
from engage_tui.tui.screens.pact.register import RegisterTab
from engage_tui.tui.screens.pact.tables import REPORT_TABLES, TablesTab
from engage_tui.tui.screens.report_screen import ReportScreen
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.work import LOADING

GO_TO = "PACT as of (YYYY-MM-DD, or a period — 2017-10, Q4 2021/22, 2017 — as of its last day)"
TABS: dict[str, tuple[str, str, type[PactTab]]] = {
    "due": ("Due and missing", "Due (d)", DueTab),
    "meetings": ("Meetings", "Meetings (m)", MeetingsTab),
    "issues": ("Issues", "Issues (i)", IssuesTab),
    "register": ("Register", "Register (s)", RegisterTab),
    "tables": ("Tables", "Tables (t)", TablesTab),
}
"""Each tab by name: its title, its label (with the key that shows it) and its widget."""
TITLE_TABS = ("due", "tables")
"""The tabs whose figures the title shows (series, missing, issues open): loaded even when hidden."""


class PactScreen(ReportScreen):
    """x exports the table in view (on the Tables tab, the one with the cursor); the palette names
    each PACT export."""

    AUTO_FOCUS = "#due"
    BINDINGS = [
        Binding(
            "g", "go_to", "Go to", id="pact.goto", tooltip="show PACT as of a day (or a period's last day)"
        ),
        Binding("slash", "filter", "Filter", id="pact.filter", tooltip="choose the area (and status) shown"),
        *(
            Binding(
                "s" if name == "register" else name[0],
                f"show_tab('{name}')",
                title,
                id=f"pact.tab_{name}",
                show=False,
                tooltip=f"the {title} tab",
            )
            for name, (title, _, _) in TABS.items()
        ),
    ]
    KEY_PARTS = tuple((f"{title} tab", tab) for title, _, tab in TABS.values())

    as_of: reactive[date | None] = reactive(None, init=False)
    stale: date | None = None  # the latest meeting, when none has been recorded for 90 days
    counts: dict[str, int]
    unloaded: set[str]
    """Tabs changed since they last loaded, waiting to be shown."""

    def compose(self) -> ComposeResult:
        self.recorder = MeetingRecorder(self)
        self.counts, self.unloaded = {}, set()  # before the tabs mount: their filters report at once
        yield Header()
        yield Static(f"PACT — {LOADING}", id="pact-title", markup=False)
        with TabbedContent(id="pact-tabs"):
            for name, (_, label, tab) in TABS.items():
                with TabPane(label, id=f"{name}-tab"):
                    yield tab(id=f"{name}-view", name=name)
        yield Footer()

    def on_mount(self) -> None:
        self.call(self.engage.service.pact.latest_meeting, self._open_on, group="latest")

    def _open_on(self, latest: date | None) -> None:
        today = self.engage.settings.today()
        self.stale = latest if latest and latest < due_window(today)[0] else None
        self.as_of = self.stale or today

    def tab(self, name: str) -> PactTab:
        return self.query_one(f"#{name}-view", PactTab)

    def watch_as_of(self) -> None:
        self.changed(*TABS)

    def reload(self) -> None:
        """Back from another screen: everything may have changed (the filters' areas too)."""
        self.call(self.engage.service.people.vocabulary, self._words_loaded, group="vocabulary")
        if self.as_of is not None:
            self.changed(*TABS)

    def _words_loaded(self, words: Vocabulary) -> None:
        for name in TABS:
            self.tab(name).words_loaded(words)

    def changed(self, *tabs: str) -> None:
        """Reload these tabs, each in its own thread: now the one in view and those the title counts
        from, the others when next shown — at 1M entries every tab at once held the screen's first
        rows back by a second."""
        self.unloaded.update(tabs)
        self._load_shown()

    def _load_shown(self) -> None:
        """The tab in view first. When it is one the title counts from, the other such tabs load once
        it has its rows (`tab_loaded`): two loads at once share one interpreter, and the rows being
        looked at should not wait for the title's figures (PACT's first rows 0.8-1.4 s at 1M)."""
        shown = self.query_one(TabbedContent).active.removesuffix("-tab")
        if shown in self.unloaded and self.tab(shown).built:  # else once built (`tab_changed`)
            self._load(shown)
            if shown in TITLE_TABS:
                return
        self._load_title_tabs()

    def _load_title_tabs(self) -> None:
        for name in TITLE_TABS:
            if name in self.unloaded:
                self._load(name)

    def _load(self, name: str) -> None:
        self.unloaded.discard(name)
        tab = self.tab(name)
        tab.loaded_with = tab.filters()
        tab.load()

    def tab_loaded(self, name: str, **counts: int) -> None:
        """A tab's figures for the title (and the Tables tab's open issues for the Issues tab)."""
        self.counts.update(counts)
        if name == "tables":
            self.query_one(IssuesTab).show_glance(self.query_one(TablesTab).open_by_area())
        since = " (no meeting since)" if self.as_of == self.stale else ""
        parts = [f"PACT {self.as_of.isoformat() if self.as_of else ''}{since}"]
        for key, label in (("series", "series"), ("missing", "missing"), ("open", "issues open")):
            if key in self.counts:
                parts.append(f"{self.counts[key]} {label}")
        self.query_one("#pact-title", Static).update(" · ".join(parts))
        self._load_title_tabs()

    @on(TabbedContent.TabActivated)
    async def tab_changed(self) -> None:
        await self.tab(self.query_one(TabbedContent).active.removesuffix("-tab")).build()
        self.refresh_bindings()
        self._load_shown()

    def in_view(self) -> Report | None:
        """The report behind what is in view: the tab's list as filtered, or on the Tables tab the table
        with the cursor (T1 for the Register tab)."""
        name = self.query_one(TabbedContent).active.removesuffix("-tab")
        focused = self.focused.id if self.focused else None
        if name in ("tables", "register"):
            return self.query_one(TablesTab).report(focused if focused in REPORT_TABLES else "t1")
        return self.tab(name).report()

    def action_export(self, fmt: str = "csv") -> None:
        report = self.in_view()
        if report is None:
            self.notify("Nothing to export yet", severity="warning")
        else:
            self.export(report, fmt)

    async def action_show_tab(self, key: str) -> None:
        """A tab, and its table; `tables:t2` is one table of the Tables tab, brought into view."""
        name, _, table_id = key.partition(":")
        self.query_one(TabbedContent).active = f"{name}-tab"
        await self.tab(name).build()
        table = self.query_one(f"#{table_id or self.tab(name).TABLE}", DataTable)
        table.focus()
        if table_id:  # its title at the top of the tab
            title = self.query_one(f"#{table_id}-title")
            self.call_after_refresh(title.scroll_visible, top=True, animate=False)

    def action_go_to(self) -> None:
        """PACT as of a day, or as of the last day of a period typed as the reports write it."""

        def chosen(answer: str | None) -> None:
            if answer:
                self.as_of = day_or_period_end(answer)

        shown = self.as_of or self.engage.settings.today()
        self.app.push_screen(Ask(GO_TO, shown.isoformat(), day_or_period_end), chosen)

    def action_filter(self) -> None:
        """Focus the first filter of the tab in view."""
        name = self.query_one(TabbedContent).active.removesuffix("-tab")
        pickers = self.tab(name).query(Select)
        if pickers:
            pickers.first().focus()

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if action == "filter":
            name = self.query_one(TabbedContent).active.removesuffix("-tab")
            if not self.tab(name).query(Select):
                return f"The {TABS[name][0]} tab has no filter"
        return None

    def palette_commands(self) -> Iterable[SystemCommand]:
        """The exports of each PACT table (the tabs' and the screen's keys are in the palette already)."""
        tables = self.query_one(TablesTab)
        for table_id, label in REPORT_TABLES.items():
            yield SystemCommand(
                f"export: {label}",
                "Write it to exports/ as a CSV return",
                lambda table_id=table_id: self._export_table(tables, table_id),
            )
            yield SystemCommand(
                f"export: {label} (workbook)",
                "Write it to exports/ as .xlsx, with its Method sheet",
                lambda table_id=table_id: self._export_table(tables, table_id, "xlsx"),
            )

    def _export_table(self, tables: TablesTab, table_id: str, fmt: str = "csv") -> None:
        report = tables.report(table_id)
        if report is not None:
            self.export(report, fmt)


def day_or_period_end(text: str) -> date:
    """`2017-10-03`, or the last day of a period (`2017-10`, `Q4 2021/22`, `2017`)."""
    return parse_bound(text, "as_of", end=True)
