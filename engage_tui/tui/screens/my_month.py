"""My month: one officer's entries for a month, with add, edit, delete and the month's totals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Static

from engage_tui.domain.counts import counted
from engage_tui.domain.durations import format_hours
from engage_tui.domain.entries import CATEGORY_LABELS, EntryDraft, EntryRow, MonthView
from engage_tui.domain.periods import Month, parse_period
from engage_tui.domain.return_moves import change_refused, move_refused
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.entry_form import EntryForm
from engage_tui.tui.dialogs.pick import Pick
from engage_tui.tui.screens.base import DataScreen
from engage_tui.tui.widgets.chunked import fill_in_chunks
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.rows import row_key
from engage_tui.tui.widgets.table import Table, cut
from engage_tui.tui.work import LOADING

if TYPE_CHECKING:  # the first screen is drawn before SQLAlchemy loads: nothing here may import it
    from engage_tui.domain.returns import ReturnRow
    from engage_tui.service.people import Vocabulary

COLUMNS = ("Date", "Hours", "Category", "Area", "Audience", "Activity", "Notes")
ELASTIC = {"area": 2, "audience": 3, "activity": 3, "notes": 4}
"""The columns cut with … to fit the width (their whole text in the detail line under the table)."""


class MyMonthScreen(DataScreen):
    """The acting officer's month (a supervisor can open anyone's with `o`)."""

    BINDINGS = [
        Binding("a", "add", "Add", id="hours.add", tooltip="add an entry to this month"),
        Binding("e", "edit", "Edit", id="hours.edit", tooltip="edit the entry under the cursor"),
        Binding("enter", "edit", "Open", id="hours.open", show=False, tooltip="open the entry to edit it"),
        Binding("S", "submit", "Submit", id="return.submit", tooltip="submit the month to a supervisor"),
        Binding("W", "withdraw", "Withdraw", id="return.withdraw", tooltip="take a submitted month back"),
        Binding(
            "delete", "delete", "Delete", id="hours.delete", key_display="del", tooltip="delete the entry"
        ),
        Binding("left_square_bracket", "shift(-1)", "Prev", id="month.prev", tooltip="the month before"),
        Binding("right_square_bracket", "shift(1)", "Next", id="month.next", tooltip="the month after"),
        Binding("g", "go_to", "Go to", id="month.goto", tooltip="go to a month (or a year, quarter…)"),
        Binding("o", "pick_officer", "Officer", id="month.officer", tooltip="open another officer's month"),
    ]

    month: reactive[Month] = reactive(Month(2000, 1), init=False)
    state: str = "not started"
    officer_id: reactive[int] = reactive(0, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="month-title", markup=False)
        yield Table(
            id="entries", cursor_type="row", zebra_stripes=True, elastic=ELASTIC, detail="month-detail"
        )
        yield Static(id="month-detail", classes="detail", markup=False)
        yield Static(id="month-totals", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#entries", DataTable)
        for title in COLUMNS:
            table.add_column(title, key=title.lower())
        self.officer_name = self.engage.actor.name
        self.set_reactive(MyMonthScreen.officer_id, self.engage.actor.id)
        self.set_reactive(MyMonthScreen.month, Month.of(self.engage.settings.today()))

    def reload(self) -> None:
        """Loads the month: on first showing (so opening costs one load, not two) and on return."""
        self.refresh_entries()

    def watch_month(self) -> None:
        self.refresh_entries()

    def watch_officer_id(self) -> None:
        self.refresh_entries()

    def refresh_entries(self, then: Callable[[], None] | None = None) -> None:
        """Reload the month in a thread, keeping the cursor on the same entry; `then` runs once shown."""
        officer_id, month = self.officer_id, self.month
        self.query_one("#month-title", Static).update(f"{self.officer_name} — {month.label} — {LOADING}")

        def show(view: MonthView) -> None:
            self.state = view.state
            self._fill(view.entries, then)
            self._show_totals(view)
            self.refresh_bindings()

        self.call(lambda: self.engage.service.months.view(officer_id, month), show)

    def _fill(self, entries: list[EntryRow], then: Callable[[], None] | None) -> None:
        table = self.query_one("#entries", DataTable)
        keep = self.selected_id()

        def restore_cursor() -> None:
            if keep is not None and str(keep) in table.rows:
                table.move_cursor(row=table.get_row_index(str(keep)))
            if then is not None:
                then()

        fill_in_chunks(table, entries, _add_entry, restore_cursor)

    def _show_totals(self, view: MonthView) -> None:
        because = f": {view.reason}" if view.reason else ""
        title = f"{self.officer_name} — {self.month.label} — return {view.state}{because}"
        self.query_one("#month-title", Static).update(title)
        parts = [f"{CATEGORY_LABELS[c]} {format_hours(m, 2)} h" for c, m in view.totals.items()]
        parts.append(f"Total {format_hours(sum(view.totals.values()), 2)} h")
        self.query_one("#month-totals", Static).update(
            f"{counted(len(view.entries), 'entry', 'entries')}   " + "   ".join(parts)
        )

    def selected_id(self) -> int | None:
        key = row_key(self.query_one("#entries", DataTable))
        return None if key is None else int(key)

    def action_shift(self, months: int) -> None:
        self.month = self.month.shift(months)

    def action_go_to(self) -> None:
        """A month typed as the reports write it (a year or quarter opens its first month)."""

        def chosen(answer: str | None) -> None:
            if answer:
                self.month = parse_period(answer).first

        self.app.push_screen(Ask(GO_TO, str(self.month), parse_period), chosen)

    def _open_form(self, title: str, draft: EntryDraft, save: Callable[[EntryDraft], int]) -> None:
        def opened(words: Vocabulary) -> None:
            form = EntryForm(
                title,
                draft,
                words,
                save,
                self.engage.settings.today(),
                officer_fixed=not self.engage.is_supervisor,
            )
            self.app.push_screen(form, self._saved)

        self.call(self.engage.service.people.vocabulary, opened, group="form")

    def action_add(self) -> None:
        today = self.engage.settings.today()
        day = today if Month.of(today) == self.month else self.month.first_day
        self._open_form(
            "Add an entry",
            EntryDraft(self.officer_name, day.isoformat(), ""),
            lambda draft: self.engage.service.hours.add(draft).id,
        )

    def action_edit(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return

        def opened(draft: EntryDraft) -> None:
            self._open_form(
                f"Edit entry {entry_id}",
                draft,
                lambda d: self.engage.service.hours.edit(entry_id, asdict(d)).id,
            )

        self.call(lambda: self.engage.service.hours.draft(entry_id), opened, group="form")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.run_worker(self.app.run_action("edit", self))  # as `e`: a locked month says why

    def _saved(self, entry_id: int | None) -> None:
        """After the form: show the saved entry's month, with the cursor on it."""
        if entry_id is None:
            return

        def show(row: EntryRow) -> None:
            self.notify(f"Saved: {row.date.isoformat()}, {format_hours(row.minutes, 2)} h", markup=False)
            if Month.of(row.date) != self.month:
                self.set_reactive(MyMonthScreen.month, Month.of(row.date))
            self.refresh_entries(then=lambda: self._put_cursor(entry_id))

        self.call(lambda: self.engage.service.hours.get(entry_id), show, group="saved")

    def _put_cursor(self, entry_id: int) -> None:
        table = self.query_one("#entries", DataTable)
        if str(entry_id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(entry_id)))

    def action_delete(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return
        day, hours, category, *_ = self.query_one("#entries", DataTable).get_row(str(entry_id))

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.call(lambda: self.engage.service.hours.delete(entry_id), self._deleted, load=False)

        def ask(_draft: object) -> None:
            what = f"{self.officer_name}'s entry of {day} {self.month.label}: {hours} h {category}"
            self.app.push_screen(Confirm(f"Delete {what}?", "Delete an entry", "Delete"), confirmed)

        # as `e` does: an entry an event or a meeting logged is refused before asking, not after
        self.call(lambda: self.engage.service.hours.draft(entry_id), ask, group="form")

    def _deleted(self, row: EntryRow) -> None:
        self.notify(f"Deleted entry {row.id}")
        self.refresh_entries()

    def action_pick_officer(self) -> None:
        def listed(people: list[tuple[int, str]]) -> None:
            def chosen(person_id: int | None) -> None:
                if person_id is not None:
                    self.officer_name = dict(people)[person_id]
                    self.officer_id = person_id

            self.app.push_screen(Pick("Whose month?", people), chosen)

        self.call(
            lambda: [(p.id, p.name) for p in self.engage.service.people.everyone() if p.active],
            listed,
            group="form",
        )

    def hides(self, action: str) -> bool:
        return action == "pick_officer" and not self.engage.is_supervisor

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """Why a key cannot act on this month now: it is locked, it has no entry, or not yours to pick."""
        if action == "pick_officer" and not self.engage.is_supervisor:
            return "Only a supervisor can open another officer's month"
        if action in ("add", "edit", "delete"):
            locked = change_refused(self.state, self.month, self.officer_name)
            if locked:
                return locked
            if action != "add" and not self.query_one("#entries", DataTable).row_count:
                return f"{self.month.label} has no entry to {action}"
        if action in ("submit", "withdraw"):
            return move_refused(
                action, self.state, self.month, self.officer_name, self.engage.settings.today()
            )
        return None

    def _change_return(self, move: str, change: Callable[[Month, str], ReturnRow]) -> None:
        """Ask first, naming the month and whose it is; then make the change in a thread."""
        month, officer = self.month, self.officer_name

        def changed(row: ReturnRow) -> None:
            self.notify(f"{row.month.label} of {row.officer} is now {row.state}", markup=False)
            self.refresh_entries()

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.call(lambda: change(month, officer), changed, load=False)

        question, title = QUESTIONS[move]
        self.app.push_screen(
            Confirm(question.format(month=month.label, officer=officer), title, move.capitalize()), confirmed
        )

    def action_submit(self) -> None:
        self._change_return("submit", self.engage.service.returns.submit)

    def action_withdraw(self) -> None:
        self._change_return("withdraw", self.engage.service.returns.withdraw)


QUESTIONS = {
    "submit": (
        "Submit {month} of {officer} to a supervisor? Its entries are then locked until it is "
        "withdrawn or sent back.",
        "Submit the month",
    ),
    "withdraw": ("Withdraw {month} of {officer} from the supervisor, to change it?", "Withdraw the month"),
}
GO_TO = "Go to month (2017-10; a year, 2021/22 or Q1 2017 opens its first month)"


def _add_entry(table: DataTable, e: EntryRow) -> None:
    table.add_row(
        e.date.strftime("%a %d"),
        Text(format_hours(e.minutes, 2), justify="right"),
        CATEGORY_LABELS[e.category],
        cut(e.area),
        cut(e.audience),
        cut(e.activity),
        cut(e.notes),
        key=str(e.id),
    )
