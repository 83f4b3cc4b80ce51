"""Events: the community events of a year, filtered by type and area, with add, edit and delete."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Select, Static

from engage_tui.domain.durations import format_hours
from engage_tui.domain.events import (EventDraft, add_event, delete_event, draft_of, edit_event,
                                      list_events)
from engage_tui.domain.people import require_actor
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.event_form import EventForm
from engage_tui.tui.vocabulary import load_vocabulary
from engage_tui.tui.widgets.footer import Footer

COLUMNS = ("Date", "Title", "Type", "Area", "Audiences", "Officers", "Hours", "Reached")


class EventsScreen(Screen[None]):
    AUTO_FOCUS = "#events"
    BINDINGS = [
        Binding("a", "add", "Add", id="event.add"),
        Binding("e", "edit", "Edit", id="event.edit"),
        Binding("d,delete", "delete", "Delete", id="event.delete"),
        Binding("left_square_bracket", "shift(-1)", "Prev year", id="events.prev"),
        Binding("right_square_bracket", "shift(1)", "Next year", id="events.next"),
    ]

    year: reactive[int] = reactive(2000, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="event-filters"):
            yield Label("Type")
            yield Select([], id="type-filter", prompt="all types", compact=True)
            yield Label("Area")
            yield Select([], id="area-filter", prompt="all areas", compact=True)
        yield Static(id="events-title", markup=False)
        yield DataTable(id="events", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#events", DataTable)
        for title in COLUMNS:
            table.add_column(title, key=title)
        with self.app.reporting(), self.app.store.read() as session:
            latest = max((e.date for e in list_events(session)), default=None)
        self.year = (latest or self.app.settings.today()).year

    def on_screen_resume(self) -> None:
        with self.app.reporting():
            words = load_vocabulary(self.app.store)
            self.query_one("#type-filter", Select).set_options((t, t) for t in words.activities)
            self.query_one("#area-filter", Select).set_options((a, a) for a in words.areas)
        self.refresh_events()

    def watch_year(self) -> None:
        self.refresh_events()

    @on(Select.Changed)
    def filter_changed(self) -> None:
        self.refresh_events()

    def _filter(self, picker: str) -> str | None:
        value = self.query_one(f"#{picker}", Select).value
        return value if isinstance(value, str) else None

    def refresh_events(self) -> None:
        with self.app.reporting():
            with self.app.store.read() as session:
                rows = list_events(session, date(self.year, 1, 1), date(self.year, 12, 31),
                                   self._filter("area-filter"), self._filter("type-filter"))
            table = self.query_one("#events", DataTable)
            table.clear()
            for e in rows:
                table.add_row(e.date.isoformat(), Text(e.title), Text(e.type), Text(e.area or ""),
                              Text("; ".join(e.audiences)), Text("; ".join(n for n, _, _ in e.officers)),
                              Text(format_hours(e.minutes, 2) if e.officers else "", justify="right"),
                              Text("" if e.reached is None else str(e.reached), justify="right"),
                              key=str(e.id))
            reached = sum(e.reached or 0 for e in rows)
            self.query_one("#events-title", Static).update(
                f"Community events, {self.year}: {len(rows)} events, "
                f"{format_hours(sum(e.minutes for e in rows), 2)} officer hours, {reached} people reached")

    def action_shift(self, years: int) -> None:
        self.year += years

    def _selected(self) -> int | None:
        table = self.query_one("#events", DataTable)
        if not table.row_count:
            return None
        return int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def _save(self, act) -> int:
        with self.app.store.write() as session:
            return act(session, require_actor(session, self.app.settings.user))

    def action_add(self) -> None:
        with self.app.reporting():
            today = self.app.settings.today().isoformat()
            self.app.push_screen(EventForm("Add an event", EventDraft(today, "", ""), load_vocabulary(self.app.store),
                                           lambda d: self._save(lambda s, a: add_event(s, a, d))),
                                 self._saved)

    def action_edit(self) -> None:
        event_id = self._selected()
        if event_id is None:
            return
        with self.app.reporting():
            with self.app.store.read() as session:
                draft = draft_of(session, event_id)
            save = lambda d: self._save(  # noqa: E731
                lambda s, a: edit_event(s, a, event_id, vars(d)).id)
            self.app.push_screen(EventForm(f"Edit event {event_id}", draft, load_vocabulary(self.app.store), save),
                                 self._saved)

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
                with self.app.reporting():
                    self._save(lambda s, a: delete_event(s, a, event_id))
                    self.notify(f"Deleted event {event_id} and its officers' time")
                    self.refresh_events()

        self.app.push_screen(Confirm(f"Delete event {event_id} and the officers' time logged at it?"),
                             confirmed)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("events: add an event", "Log a community event and who went",
                            self.action_add)
