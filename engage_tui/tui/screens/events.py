"""Events: the community events of a year, filtered by type and area, with add, edit and delete."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Label, Select, Static

from engage_tui.domain.durations import format_hours
from engage_tui.domain.events import EventDraft, EventRow
from engage_tui.service.people import Vocabulary
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.event_form import EventForm
from engage_tui.tui.screens.base import DataScreen
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.rows import row_key
from engage_tui.tui.widgets.table import Table

COLUMNS = ("Date", "Title", "Type", "Area", "Audiences", "Officers", "Hours", "Reached")


class EventsScreen(DataScreen):
    AUTO_FOCUS = "#events"
    BINDINGS = [
        Binding("a", "add", "Add", id="event.add"),
        Binding("e", "edit", "Edit", id="event.edit"),
        Binding("d,delete", "delete", "Delete", id="event.delete"),
        Binding("left_square_bracket", "shift(-1)", "Prev year", id="events.prev"),
        Binding("right_square_bracket", "shift(1)", "Next year", id="events.next"),
    ]

    year: reactive[int | None] = reactive(None, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="event-filters"):
            yield Label("Type")
            yield Select([], id="type-filter", prompt="all types", compact=True)
            yield Label("Area")
            yield Select([], id="area-filter", prompt="all areas", compact=True)
        yield Static(id="events-title", markup=False)
        yield Table(id="events", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#events", DataTable)
        for title in COLUMNS:
            table.add_column(title, key=title)
        self.call(self.engage.service.events.latest_date, self._open_on, group="latest")

    def _open_on(self, latest: date | None) -> None:
        """The year of the latest event (else this year): loading it is the first load."""
        self.year = (latest or self.engage.settings.today()).year

    def reload(self) -> None:
        self.call(self.engage.service.people.vocabulary, self._show_filters, group="vocabulary")
        if self.year is not None:
            self.refresh_events()

    def _show_filters(self, words: Vocabulary) -> None:
        for picker, names in (("#type-filter", words.activities), ("#area-filter", words.areas)):
            select = self.query_one(picker, Select)
            chosen = select.value  # a dialog closing must not clear the filter
            with select.prevent(Select.Changed):
                select.set_options((n, n) for n in names)
                if chosen in names:
                    select.value = chosen

    def watch_year(self) -> None:
        self.refresh_events()

    @on(Select.Changed)
    def filter_changed(self) -> None:
        if self.year is not None:
            self.refresh_events()

    def _filter(self, picker: str) -> str | None:
        value = self.query_one(f"#{picker}", Select).value
        return value if isinstance(value, str) else None

    def refresh_events(self) -> None:
        """Load the year's events as filtered, in a thread."""
        year, area, type_ = (
            self.year or self.engage.settings.today().year,
            self._filter("area-filter"),
            self._filter("type-filter"),
        )
        self.call(
            lambda: self.engage.service.events.find(date(year, 1, 1), date(year, 12, 31), area, type_),
            lambda rows: self._show(year, rows),
        )

    def _show(self, year: int, rows: list[EventRow]) -> None:
        table = self.query_one("#events", DataTable)
        keep = row_key(table)
        table.clear()
        for e in rows:
            table.add_row(
                e.date.isoformat(),
                Text(e.title),
                Text(e.type),
                Text(e.area or ""),
                Text("; ".join(e.audiences)),
                Text("; ".join(n for n, _, _ in e.officers)),
                Text(format_hours(e.minutes, 2) if e.officers else "", justify="right"),
                Text("" if e.reached is None else str(e.reached), justify="right"),
                key=str(e.id),
            )
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        reached = sum(e.reached or 0 for e in rows)
        self.query_one("#events-title", Static).update(
            f"Community events, {year}: {len(rows)} events, "
            f"{format_hours(sum(e.minutes for e in rows), 2)} officer hours, {reached} people reached"
        )

    def action_shift(self, years: int) -> None:
        if self.year is not None:
            self.year += years

    def _selected(self) -> int | None:
        key = row_key(self.query_one("#events", DataTable))
        return None if key is None else int(key)

    def _open_form(self, title: str, draft: EventDraft, save: Callable[[EventDraft], int]) -> None:
        self.call(
            self.engage.service.people.vocabulary,
            lambda words: self.app.push_screen(EventForm(title, draft, words, save), self._saved),
            group="form",
        )

    def action_add(self) -> None:
        today = self.engage.settings.today().isoformat()
        self._open_form("Add an event", EventDraft(today, "", ""), self.engage.service.events.add)

    def action_edit(self) -> None:
        event_id = self._selected()
        if event_id is None:
            return
        self.call(
            lambda: self.engage.service.events.draft(event_id),
            lambda draft: self._open_form(
                f"Edit event {event_id}",
                draft,
                lambda d: self.engage.service.events.edit(event_id, vars(d)).id,
            ),
            group="form",
        )

    def on_data_table_row_selected(self) -> None:
        self.action_edit()

    def _saved(self, event_id: int | None) -> None:
        if event_id is not None:
            self.notify(f"Saved event {event_id}")
            self.refresh_events()

    def action_delete(self) -> None:
        event_id = self._selected()
        if event_id is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.call(lambda: self.engage.service.events.delete(event_id), self._deleted, load=False)

        self.app.push_screen(
            Confirm(f"Delete event {event_id} and the officers' time logged at it?"), confirmed
        )

    def _deleted(self, row: EventRow) -> None:
        self.notify(f"Deleted event {row.id} and its officers' time")
        self.refresh_events()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("events: add an event", "Log a community event and who went", self.action_add)
