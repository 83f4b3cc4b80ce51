"""Events: the community events of a year, filtered by type and area, with add, edit and delete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Label, Select, Static

from engage_tui.domain.counts import counted
from engage_tui.domain.durations import format_hours
from engage_tui.domain.events import EventDraft, EventRow
from engage_tui.domain.periods import Month, Period, parse_period, period_of
from engage_tui.service.people import Vocabulary
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.event_form import EventForm
from engage_tui.tui.screens.base import DataScreen
from engage_tui.tui.widgets.chunked import refill_keeping_cursor
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.rows import row_key
from engage_tui.tui.widgets.table import Table, cut

COLUMNS = ("Date", "Title", "Type", "Area", "Audiences", "Officers", "Hours", "Reached")
ELASTIC = {"Title": 3, "Type": 2, "Area": 2, "Audiences": 2, "Officers": 2}
"""The columns cut with … to fit the width (whole in the detail line under the table)."""


class EventsScreen(DataScreen):
    AUTO_FOCUS = "#events"
    BINDINGS = [
        Binding("a", "add", "Add", id="event.add", tooltip="add an event and who went"),
        Binding("e", "edit", "Edit", id="event.edit", tooltip="edit the event under the cursor"),
        Binding("enter", "edit", "Open", id="event.open", show=False, tooltip="open the event to edit it"),
        Binding(
            "delete", "delete", "Delete", id="event.delete", key_display="del", tooltip="delete the event"
        ),
        Binding("left_square_bracket", "shift(-1)", "Prev", id="events.prev", tooltip="the period before"),
        Binding("right_square_bracket", "shift(1)", "Next", id="events.next", tooltip="the period after"),
        Binding("g", "go_to", "Go to", id="events.goto", tooltip="show a year, quarter or month"),
        Binding("slash", "filter", "Filter", id="events.filter", tooltip="choose the type and area shown"),
    ]

    period: reactive[Period | None] = reactive(None, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="event-filters"):
            yield Label("Type")
            yield Select([], id="type-filter", prompt="all types", compact=True)
            yield Label("Area")
            yield Select([], id="area-filter", prompt="all areas", compact=True)
        yield Static(id="events-title", markup=False)
        yield Table(
            id="events", cursor_type="row", zebra_stripes=True, elastic=ELASTIC, detail="events-detail"
        )
        yield Static(id="events-detail", classes="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#events", DataTable)
        for title in COLUMNS:
            table.add_column(title, key=title)
        self.call(self.engage.service.events.latest_date, self._open_on, group="latest")

    def _open_on(self, latest: date | None) -> None:
        """The year of the latest event (else this year): loading it is the first load."""
        self.period = period_of(Month.of(latest or self.engage.settings.today()), "year")

    def reload(self) -> None:
        self.call(self.engage.service.people.vocabulary, self._show_filters, group="vocabulary")
        if self.period is not None:
            self.refresh_events()

    def _show_filters(self, words: Vocabulary) -> None:
        for picker, names in (("#type-filter", words.activities), ("#area-filter", words.areas)):
            select = self.query_one(picker, Select)
            chosen = select.value  # a dialog closing must not clear the filter
            with select.prevent(Select.Changed):
                select.set_options((n, n) for n in names)
                if chosen in names:
                    select.value = chosen

    def watch_period(self) -> None:
        self.refresh_events()

    @on(Select.Changed)
    def filter_changed(self) -> None:
        if self.period is not None:
            self.refresh_events()

    def _filter(self, picker: str) -> str | None:
        value = self.query_one(f"#{picker}", Select).value
        return value if isinstance(value, str) else None

    def refresh_events(self) -> None:
        """Load the period's events as filtered, in a thread."""
        period = self.period or period_of(Month.of(self.engage.settings.today()), "year")
        area, type_ = self._filter("area-filter"), self._filter("type-filter")
        self.call(
            lambda: self.engage.service.events.find(period.start, period.end, area, type_),
            lambda rows: self._show(period.label, rows),
        )

    def _show(self, shown: str, rows: list[EventRow]) -> None:
        refill_keeping_cursor(self.query_one("#events", DataTable), rows, _add_event)
        reached = sum(e.reached or 0 for e in rows)
        self.query_one("#events-title", Static).update(
            f"Community events, {shown}: {counted(len(rows), 'event')}, "
            f"{format_hours(sum(e.minutes for e in rows), 2)} officer hours, {reached} people reached"
        )

    def action_shift(self, steps: int) -> None:
        if self.period is not None:
            self.period = self.period.shift(steps)

    def action_go_to(self) -> None:
        """The events of a period typed as the reports write it (2017, 2021/22, Q1 2017, 2017-10)."""

        def chosen(answer: str | None) -> None:
            if answer:
                self.period = parse_period(answer)

        shown = self.period.label if self.period else ""
        self.app.push_screen(
            Ask("Show the events of (2017, 2021/22, Q1 2017, 2017-10)", shown, parse_period), chosen
        )

    def action_filter(self) -> None:
        self.query_one("#type-filter", Select).focus()

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if action in ("edit", "delete") and not self.query_one("#events", DataTable).row_count:
            return f"No event to {action} in {self.period.label if self.period else 'this period'}"
        return None

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
        self.run_worker(self.app.run_action("edit", self))

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

        day, title = self.query_one("#events", DataTable).get_row(str(event_id))[:2]
        name = title.plain if isinstance(title, Text) else str(title)
        self.app.push_screen(
            Confirm(
                f"Delete the event {name!r} of {day} and the officers' time logged at it?",
                "Delete an event",
                "Delete",
            ),
            confirmed,
        )

    def _deleted(self, row: EventRow) -> None:
        self.notify(f"Deleted event {row.id} and its officers' time")
        self.refresh_events()


def _add_event(table: DataTable, e: EventRow) -> None:
    table.add_row(
        e.date.isoformat(),
        cut(e.title),
        cut(e.type),
        cut(e.area),
        cut("; ".join(e.audiences)),
        cut("; ".join(n for n, _, _ in e.officers)),
        Text(format_hours(e.minutes, 2) if e.officers else "", justify="right"),
        Text("" if e.reached is None else str(e.reached), justify="right"),
        key=str(e.id),
    )
