"""PACT: meetings due and missing, meetings recorded, issues to follow up, the register, and the
tables (T1, T2, attendance, actual cost) — all for a day chosen with g.

The day defaults to today; on a database whose latest meeting is long past (the demo), to that
meeting's day, so the screen opens on data rather than on months of nothing — and the title says no
meeting has been recorded since, which on a live database is itself the alarm.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial

from rich.text import Text
from sqlalchemy.orm import Session
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import (DataTable, Header, Label, Select, Static, TabbedContent,
                             TabPane)

from engage_tui.domain.exports import export_report, report_path
from engage_tui.domain.pact import (add_series, attendance_threshold, latest_meeting, list_series,
                                    pact_actual_cost, pact_areas, pact_attendance, pact_cost, retire_series)
from engage_tui.domain.pact_issues import (ISSUE_STATES, delete_issue, get_issue, issues_by_area,
                                           issues_report, list_issues, open_by_area, to_report_back,
                                           update_issue)
from engage_tui.domain.pact_meetings import (MeetingDraft, add_meeting, check_deletable, delete_meeting,
                                             draft_of, due_meetings, due_report, due_window, edit_meeting,
                                             get_meeting, list_meetings, meetings_report)
from engage_tui.domain.people import require_actor
from engage_tui.domain.periods import parse_date
from engage_tui.domain.tables import Report
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.issue_form import IssueForm
from engage_tui.tui.dialogs.meeting_form import MeetingForm
from engage_tui.tui.dialogs.series_form import SeriesDraft, SeriesForm
from engage_tui.tui.screens.report_screen import ReportScreen
from engage_tui.tui.vocabulary import load_vocabulary
from engage_tui.tui.widgets.footer import Footer

TABS = {"due": "Due and missing", "meetings": "Meetings", "issues": "Issues", "register": "Register",
        "tables": "Tables"}
REPORT_TABLES = {"t1": "pact-areas (T1)", "t2": "pact-cost (T2)", "attendance": "pact-attendance",
                 "actual": "pact-actual", "by-area": "pact-issues"}
"""The Tables tab's tables by id, with the name each exports as."""
TAB_ACTIONS = {"edit": ("meetings-tab",), "delete": ("meetings-tab", "issues-tab"),
               "follow_up": ("issues-tab",), "add_series": ("register-tab",),
               "retire_series": ("register-tab",)}
"""Actions that act on one tab's row: the footer offers them only there."""
STATUS_LABELS = {"open": "open and in hand"}
"""The issues filter's `open` means both states still to act on."""
STATE_STYLE = {"missing": "bold red", "upcoming": "", "cancelled": "dim", "extra": "italic"}


def fill(table: DataTable, report: Report) -> None:
    """A report into a table under its title: text left, figures right, user text never read as markup."""
    table.screen.query_one(f"#{table.id}-title", Static).update(report.title)
    table.clear(columns=True)
    for index, column in enumerate(report.columns):
        table.add_column(column.heading, key=str(index))
    for cells in report.display_rows():
        table.add_row(*(Text(value, justify="left" if column.kind == "text" else "right")
                        for value, column in zip(cells, report.columns)))


def _table(table_id: str, *columns: str) -> DataTable:
    table = DataTable(id=table_id, cursor_type="row", zebra_stripes=True)
    for title in columns:
        table.add_column(title, key=title)
    return table


def _count(value: int | None) -> Text:
    return Text("" if value is None else str(value), justify="right")


def _clip(value: str | None, width: int) -> Text:
    """Free text cut to a column's width, so a long issue does not push the rest off the screen."""
    value = value or ""
    return Text(value if len(value) <= width else value[:width - 1] + "…")


def _area_filter(picker_id: str) -> ComposeResult:
    yield Label("Area")
    yield Select([], id=picker_id, prompt="all areas", compact=True)


class PactScreen(ReportScreen):
    """x exports the table in view (on the Tables tab, the one with the cursor); the palette names
    each PACT export."""

    AUTO_FOCUS = "#due"
    BINDINGS = [
        Binding("g", "go_to", "Day…", id="pact.as_of"),
        Binding("r", "record", "Record", id="pact.record"),
        Binding("a", "add_series", "Add series", id="pact.add_series"),
        Binding("R", "retire_series", "Retire", id="pact.retire_series"),
        Binding("e", "edit", "Edit", id="pact.edit"),
        Binding("delete", "delete", "Delete", id="pact.delete"),
        Binding("u", "follow_up", "Follow up", id="pact.follow_up"),
        *(Binding(key[0], f"show_tab('{key}')", title, id=f"pact.tab.{key}", show=False)
          for key, title in TABS.items() if key != "register"),
        Binding("s", "show_tab('register')", "Register", id="pact.tab.register", show=False),
    ]

    as_of: reactive[date | None] = reactive(None, init=False)
    stale: date | None = None  # the latest meeting, when none has been recorded for 90 days
    due: list = []  # what the schedules expect around the day, every area

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="pact-title", markup=False)
        with TabbedContent(id="pact-tabs"):
            with TabPane("Due (d)", id="due-tab"):
                with Horizontal(classes="filters"):
                    yield from _area_filter("due-area-filter")
                yield _table("due", "Date", "Area", "Series", "State")
            with TabPane("Meetings (m)", id="meetings-tab"):
                yield _table("meetings", "Date", "Series", "Area", "Public", "Partners", "Issues", "Officers")
            with TabPane("Issues (i)", id="issues-tab"):
                with Horizontal(classes="filters"):
                    yield Label("Status")
                    yield Select([(STATUS_LABELS.get(s, s), s) for s in ("open", *ISSUE_STATES[1:])],
                                 id="status-filter", prompt="all", compact=True, value="open")
                    yield from _area_filter("issue-area-filter")
                yield Static(id="issues-glance", markup=False)
                yield _table("issues", "Raised", "Status", "Theme", "Issue", "Series", "Owner", "Referral",
                             "Reported")
            with TabPane("Register (s)", id="register-tab"):
                with Horizontal(classes="filters"):
                    yield from _area_filter("register-area-filter")
                yield _table("register", "Area", "Series", "Schedule", "Frequency", "Super", "Start",
                             "Retired")
            with TabPane("Tables (t)", id="tables-tab"):
                with VerticalScroll(id="pact-body"):
                    for table_id in REPORT_TABLES:
                        yield Static(id=f"{table_id}-title", classes="table-title", markup=False)
                        yield DataTable(id=table_id, cursor_type="row", zebra_stripes=True)
                        if table_id == "t2":
                            yield Static(id="t2-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        today = self.app.settings.today()
        with self.app.reporting(), self.app.store.read() as session:
            latest = latest_meeting(session)
        self.stale = latest if latest and latest < due_window(today)[0] else None
        self.as_of = self.stale or today

    def on_screen_resume(self) -> None:
        with self.app.reporting():
            areas = load_vocabulary(self.app.store).areas
            for picker in self.query(".filters Select").exclude("#status-filter"):
                chosen = picker.value  # a dialog closing must not clear the filter
                picker.set_options((a, a) for a in areas)
                if chosen in areas:
                    picker.value = chosen
        self.refresh_all()

    def watch_as_of(self) -> None:
        self.refresh_all()

    @on(Select.Changed)
    def filter_changed(self, event: Select.Changed) -> None:
        if event.select.id == "due-area-filter":
            self._fill_due()
            return
        with self.app.reporting(), self.app.store.read() as session:
            if event.select.id == "register-area-filter":
                self._fill_register(session)
            else:
                self._fill_issues(session)

    @on(TabbedContent.TabActivated)
    def tab_changed(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Row actions belong to their tab: elsewhere the footer leaves them out."""
        tabs = TAB_ACTIONS.get(action)
        return tabs is None or not self.is_mounted or self.query_one(TabbedContent).active in tabs

    def _year(self) -> tuple[date, date]:
        return date(self.as_of.year, 1, 1), date(self.as_of.year, 12, 31)

    def refresh_all(self) -> None:
        if self.as_of is None:
            return
        kept = {t: self._row_key(t) for t in ("due", "meetings", "issues", "register")}
        with self.app.reporting(), self.app.store.read() as session:
            # missing or upcoming is judged against today, whichever day the tables are shown for
            self.due = due_meetings(session, *due_window(self.as_of), self.app.settings.today())
            self._fill_due()
            self._fill_meetings(session)
            self._fill_issues(session)
            self._fill_register(session)
            reports = self._fill_tables(session)
            for table_id, key in kept.items():  # a dialog closing must not move the cursor to row 1
                table = self.query_one(f"#{table_id}", DataTable)
                if key is not None and key in table.rows:
                    table.move_cursor(row=table.get_row_index(key))
            missing = sum(d.state == "missing" for d in self.due)
            since = " (no meeting since)" if self.as_of == self.stale else ""
            series, still_open = reports["t1"].rows[-1][1], sum(n for _, n in open_by_area(reports["by-area"]))
            self.query_one("#pact-title", Static).update(
                f"PACT {self.as_of.isoformat()}{since} · {series} series · {missing} missing · "
                f"{still_open} issues open")

    def _due_in_view(self) -> list:
        """What the Due tab lists: every meeting not held, in the area chosen."""
        area = self._filter("due-area-filter")
        return [d for d in self.due if d.state != "held" and area in (None, d.area)]

    def _fill_due(self) -> None:
        table = self.query_one("#due", DataTable)
        table.clear()
        for d in self._due_in_view():
            state = Text(d.state, style=STATE_STYLE[d.state])
            table.add_row(d.date.isoformat(), Text(d.area), Text(d.series), state,
                          key=f"{d.series}|{d.date}|{d.meeting_id or ''}")

    def _fill_meetings(self, session: Session) -> None:
        table = self.query_one("#meetings", DataTable)
        table.clear()
        below = attendance_threshold(session, self._year()[1])  # as the attendance table counts them
        for m in reversed(list_meetings(session, *self._year())):
            public = _count(m.public)
            if m.public is not None and m.public < below:  # poorly attended, found at a glance
                public.stylize("bold red")
            table.add_row(m.date.isoformat(), _clip(m.series, 24), _clip(m.area, 18),
                          Text("cancelled", style="dim") if m.cancelled else public, _count(m.partners),
                          _count(m.issues_raised or None),
                          _clip("; ".join(f"{n} ({r})" for n, r, _ in m.officers), 40), key=str(m.id))

    def _filter(self, picker: str) -> str | None:
        value = self.query_one(f"#{picker}", Select).value
        return value if isinstance(value, str) else None

    def _fill_issues(self, session: Session) -> None:
        issues = list_issues(session, self._filter("issue-area-filter"), self._filter("status-filter"))
        table = self.query_one("#issues", DataTable)
        table.clear()
        for i in issues:
            table.add_row(i.raised.isoformat(), Text(i.status), _clip(i.theme, 11), _clip(i.text, 28),
                          _clip(i.series, 16), _clip(i.owner, 10), _clip(i.referral, 8),
                          i.reported_back.isoformat() if i.reported_back else "", key=str(i.id))

    def _fill_register(self, session: Session) -> None:
        table = self.query_one("#register", DataTable)
        table.clear()
        register = list_series(session, area=self._filter("register-area-filter"))
        for s in sorted(register, key=lambda s: s.retired is not None):  # retired ones last
            table.add_row(Text(s.area), _clip(s.name, 30), s.schedule, s.frequency,
                          "yes" if s.super_pact else "", s.start.isoformat(),
                          s.retired.isoformat() if s.retired else "", key=s.name)

    def _reports(self) -> dict[str, Callable[[Session], Report]]:
        """Each table of the Tables tab by id: T1 and T2 for the day, the rest for its year."""
        return {"t1": lambda s: pact_areas(s, self.as_of), "t2": lambda s: pact_cost(s, self.as_of),
                "attendance": lambda s: pact_attendance(s, *self._year()),
                "actual": lambda s: pact_actual_cost(s, *self._year()), "by-area": issues_by_area}

    def _fill_tables(self, session: Session) -> dict[str, Report]:
        reports = {table_id: build(session) for table_id, build in self._reports().items()}
        for table_id, report in reports.items():
            fill(self.query_one(f"#{table_id}", DataTable), report)
        self.query_one("#t2-note", Static).update(reports["t2"].notes[0])
        glance = " · ".join(f"{area} {n}" for area, n in open_by_area(reports["by-area"])[:6])
        self.query_one("#issues-glance", Static).update(f"Open by area: {glance or 'none'}")
        return reports

    def build(self) -> Report:
        """The report behind what is in view: the tab's list as filtered, or on the Tables tab the table
        with the cursor (T1 from the register)."""
        tab = self.query_one(TabbedContent).active
        focused = self.focused.id if self.focused else None
        with self.app.store.read() as session:
            if tab == "due-tab":
                return due_report(self._due_in_view(), *due_window(self.as_of))
            if tab == "meetings-tab":
                return meetings_report(list_meetings(session, *self._year()), *self._year())
            if tab == "issues-tab":
                area, status = self._filter("issue-area-filter"), self._filter("status-filter")
                which = f"{STATUS_LABELS.get(status, status or 'all')}, {area or 'all areas'}"
                return issues_report(list_issues(session, area, status), which)
            table_id = focused if tab == "tables-tab" and focused in REPORT_TABLES else "t1"
            return self._reports()[table_id](session)

    def action_show_tab(self, key: str) -> None:
        """A tab, and its table; `tables:t2` is one table of the Tables tab, brought into view."""
        tab, _, table_id = key.partition(":")
        self.query_one(TabbedContent).active = f"{tab}-tab"
        table = self.query_one(f"#{table_id or ('t1' if tab == 'tables' else tab)}", DataTable)
        table.focus()
        if table_id:  # its title at the top of the tab
            title = self.query_one(f"#{table_id}-title")
            self.call_after_refresh(title.scroll_visible, top=True, animate=False)

    def action_go_to(self) -> None:
        def chosen(answer: str | None) -> None:
            if answer:
                self.as_of = parse_date(answer, "as_of")

        self.app.push_screen(Ask("PACT as of (YYYY-MM-DD)", self.as_of.isoformat(),
                                 lambda text: parse_date(text, "as_of")), chosen)

    def _row_id(self, table_id: str) -> int | None:
        key = self._row_key(table_id)
        return None if key is None else int(key)

    def _row_key(self, table_id: str) -> str | None:
        table = self.query_one(f"#{table_id}", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _write(self, act) -> int:
        with self.app.store.write() as session:
            return act(session, require_actor(session, self.app.settings.user))

    def _pending(self, series: str, day: str, meeting_id: int | None = None) -> list[tuple[int, str]]:
        with self.app.store.read() as session:
            return [(i.id, f"{i.raised} {i.theme}: {i.text} [{i.status}]")
                    for i in to_report_back(session, series, parse_date(day), heard_at=meeting_id)]

    def action_record(self) -> None:
        """A new meeting: of the due row's series and day (a cancelled one opens for editing), or of
        the register row's series, today."""
        tab = self.query_one(TabbedContent).active
        key = self._row_key("due") if tab == "due-tab" else None
        series, day, meeting_id = (key or "||").rsplit("|", 2)  # a series name may hold "|"
        if meeting_id:
            self._edit(int(meeting_id))
            return
        if tab == "register-tab":
            series = self._row_key("register") or ""
        today = self.app.settings.today()
        draft = MeetingDraft(series, day or today.isoformat())
        self._open_form("Record a PACT meeting", draft,
                        lambda d: self._write(lambda s, a: add_meeting(s, a, d, today=today)))

    def action_edit(self) -> None:
        meeting_id = self._row_id("meetings")
        if meeting_id is not None:
            self._edit(meeting_id)

    def action_delete(self) -> None:
        """Delete the meeting (Meetings tab) or the issue (Issues tab) under the cursor, once confirmed."""
        tab = self.query_one(TabbedContent).active
        if tab == "issues-tab":
            self._delete_issue()
        elif tab == "meetings-tab":
            self._delete_meeting()

    def _delete_issue(self) -> None:
        issue_id = self._row_id("issues")
        if issue_id is not None:
            self._confirm_write(f"Delete issue {issue_id}, recorded by mistake? (The audit trail keeps what "
                                "it said.)", lambda s, a: delete_issue(s, a, issue_id).id,
                                f"Deleted issue {issue_id}")

    def _delete_meeting(self) -> None:
        """The meeting and its officers' time; refused at once while issues raised at it are on record."""
        meeting_id = self._row_id("meetings")
        if meeting_id is None:
            return
        with self.app.reporting(), self.app.store.read() as session:
            check_deletable(session, meeting_id)  # refused now, not after asking (or gone meanwhile)
            self._confirm_write(f"Delete PACT meeting {meeting_id} and the officers' time logged at it?",
                                lambda s, a: delete_meeting(s, a, meeting_id).id,
                                f"Deleted PACT meeting {meeting_id} and its officers' time")

    def _confirm_write(self, question: str, act: Callable[[Session, object], int], done: str) -> None:
        """Ask first; on yes, write, say what was done and show it."""
        def confirmed(yes: bool | None) -> None:
            if yes:
                with self.app.reporting():
                    self._write(act)
                    self.notify(done)
                    self.refresh_all()

        self.app.push_screen(Confirm(question), confirmed)

    def _edit(self, meeting_id: int) -> None:
        with self.app.reporting(), self.app.store.read() as session:
            draft = draft_of(session, meeting_id)
            raised = get_meeting(session, meeting_id).issues_raised
            changed = lambda d: {k: v for k, v in vars(d).items() if v != getattr(draft, k)}  # noqa: E731
            today = self.app.settings.today()
            also = f" · {raised} issue(s) raised at it: follow them up on the Issues tab" if raised else ""
            self._open_form(f"Edit PACT meeting {meeting_id}{also}", draft, lambda d: self._write(
                lambda s, a: edit_meeting(s, a, meeting_id, changed(d), today).id), meeting_id)

    def _open_form(self, title: str, draft: MeetingDraft, save, meeting_id: int | None = None) -> None:
        with self.app.reporting():
            self.app.push_screen(MeetingForm(title, draft, load_vocabulary(self.app.store), save,
                                             partial(self._pending, meeting_id=meeting_id)), self._saved)

    def _saved(self, meeting_id: int | None) -> None:
        if meeting_id is not None:
            self.notify(f"Saved PACT meeting {meeting_id}")
            self.refresh_all()

    def action_add_series(self) -> None:
        """A new series in the register (supervisors; the domain refuses anyone else)."""
        def save(draft: SeriesDraft) -> int:
            return self._write(lambda s, a: add_series(
                s, a, draft.area, draft.name, draft.frequency, draft.super_pact, draft.venue,
                parse_date(draft.start, "start"), draft.schedule).id)

        with self.app.reporting():
            self.app.push_screen(SeriesForm(load_vocabulary(self.app.store).areas,
                                            self.app.settings.today().isoformat(), save), self._saved_series)

    def action_retire_series(self) -> None:
        """Retire the register row's series from a day; its history stays."""
        name = self._row_key("register") if self.query_one(TabbedContent).active == "register-tab" else None
        if name is None:
            self.notify("Choose a series on the Register tab (s) first", markup=False)
            return

        def chosen(answer: str | None) -> None:
            if answer:
                with self.app.reporting():
                    self._write(lambda s, a: retire_series(s, a, name, parse_date(answer)).id)
                    self.notify(f"Retired {name} from {answer}", markup=False)
                    self.refresh_all()

        self.app.push_screen(Ask(f"Retire {name} from (YYYY-MM-DD)", self.app.settings.today().isoformat(),
                                 parse_date), chosen)

    def _saved_series(self, series_id: int | None) -> None:
        if series_id is not None:
            self.notify("Added the series to the register")
            self.refresh_all()

    def action_follow_up(self) -> None:
        issue_id = self._row_id("issues")
        if issue_id is None:
            return
        with self.app.reporting():
            with self.app.store.read() as session:
                issue = get_issue(session, issue_id)
            save = lambda changes: self._write(  # noqa: E731
                lambda s, a: update_issue(s, a, issue_id, changes).id)
            self.app.push_screen(IssueForm(issue, load_vocabulary(self.app.store), save),
                                 self._followed_up)

    def _followed_up(self, issue_id: int | None) -> None:
        if issue_id is not None:
            self.notify(f"Saved issue {issue_id}")
            self.refresh_all()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        action = {"due": self.action_record, "register": self.action_record, "meetings": self.action_edit,
                  "issues": self.action_follow_up}.get(event.data_table.id or "")
        if action:
            action()

    def _export(self, build) -> None:
        with self.app.reporting():
            with self.app.store.read() as session:
                report = build(session)
            path = report_path(self.app.settings.exports_dir, report)
            rows = export_report(report, path)
            self.notify(f"Wrote {path} ({rows} rows)", title="Exported", markup=False, timeout=8)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("pact: record a meeting", "Attendance, officers and issues in one form",
                            self.action_record)
        yield SystemCommand("pact: add a series", "A new PACT series in the register", self.action_add_series)
        yield SystemCommand("pact: retire a series", "From a day; its history stays (Register tab row)",
                            self.action_retire_series)
        for key, title in TABS.items():
            yield SystemCommand(f"pact: {title.lower()}", f"Show the PACT screen's {title} tab",
                                lambda key=key: self.action_show_tab(key))
        for table_id, build in self._reports().items():
            yield SystemCommand(f"export: {REPORT_TABLES[table_id]}", "Write it to exports/ as a CSV return",
                                lambda build=build: self._export(build))
