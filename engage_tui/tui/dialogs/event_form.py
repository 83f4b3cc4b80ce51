"""The add/edit event form: the event's fields, its audiences (a multi-select), and the officers who
went with their hours (a small table: type NAME:HOURS and enter to add — the list scrolls into view —
delete to remove). A refused
save says why at the field and keeps everything typed."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Input, Label, SelectionList, Static

from engage_tui.domain.events import EventDraft
from engage_tui.service.people import Vocabulary
from engage_tui.tui.dialogs.form import FormScreen, form_buttons
from engage_tui.tui.widgets.table import Table

FIELDS = (
    ("date", "Date", "YYYY-MM-DD"),
    ("end_date", "Until", "last day (multi-day events)"),
    ("type", "Type", "e.g. community event"),
    ("title", "Title", ""),
    ("area", "Area", ""),
    ("venue", "Venue", ""),
    ("reached", "Reached", "people reached"),
    ("partners", "Partners", ""),
    ("notes", "Notes", ""),
)


class EventForm(FormScreen):
    FIELD_WIDGETS = {"officer": "add-officer", "officers": "add-officer"}
    AUTO_FOCUS = "#date"

    def __init__(
        self, title: str, draft: EventDraft, words: Vocabulary, save: Callable[[EventDraft], int]
    ) -> None:
        super().__init__()
        self.form_title = title
        self.draft = draft
        self.words = words
        self.save_draft = save

    def compose(self) -> ComposeResult:
        suggest = {"type": self.words.activities, "area": self.words.areas}
        with Vertical(id="event-form"):
            yield Static(self.form_title, id="form-title", markup=False)
            with VerticalScroll(id="event-body", can_focus=False):  # its fields take focus
                with Grid(id="event-fields"):
                    for name, label, hint in FIELDS:
                        yield Label(label, classes="field-label")
                        yield Input(
                            str(getattr(self.draft, name)),
                            id=name,
                            placeholder=hint,
                            compact=True,
                            suggester=SuggestFromList(suggest[name], case_sensitive=False)
                            if name in suggest
                            else None,
                        )
                yield Label("Audiences (space to choose)")
                yield SelectionList[str](
                    *((a, a, a in self.draft.audiences) for a in self.words.audiences), id="audiences"
                )
                yield Label("Officers and hours (type NAME:HOURS, enter to add; delete removes)")
                yield Input(
                    id="add-officer",
                    placeholder="Amira Khan:2.5",
                    compact=True,
                    suggester=SuggestFromList(self.words.officers, case_sensitive=False),
                )
                yield Table(id="officers", cursor_type="row")
            yield from form_buttons()

    def on_mount(self) -> None:
        table = self.query_one("#officers", DataTable)
        table.add_column("Officer:hours", key="officer")
        for text in self.draft.officers:
            table.add_row(Text(text), key=text)

    @on(Input.Submitted, "#add-officer")
    def add_officer(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        table = self.query_one("#officers", DataTable)
        if text and text not in table.rows:
            table.add_row(Text(text), key=text)
            table.move_cursor(row=table.row_count - 1)
        event.input.value = ""
        self.call_after_refresh(self._show_officers)

    def _show_officers(self) -> None:
        """Scroll the list of officers, with the line that adds to it, into view: what enter added is
        seen at once, not after tabbing down to it."""
        body = self.query_one("#event-body", VerticalScroll)
        table, line = self.query_one("#officers", DataTable), self.query_one("#add-officer", Input)
        wanted = line.virtual_region.union(table.virtual_region)
        body.scroll_to_region(wanted, animate=False, immediate=True)

    def on_key(self, event) -> None:
        table = self.query_one("#officers", DataTable)
        if event.key == "delete" and table.has_focus and table.row_count:
            table.remove_row(table.coordinate_to_cell_key(table.cursor_coordinate).row_key)
            event.stop()

    def current_draft(self) -> EventDraft:
        values = {name: self.query_one(f"#{name}", Input).value for name, _, _ in FIELDS}
        table = self.query_one("#officers", DataTable)
        officers = tuple(str(table.get_row_at(i)[0]) for i in range(table.row_count))
        audiences = tuple(self.query_one("#audiences", SelectionList).selected)
        return EventDraft(**values, audiences=audiences, officers=officers)

    def action_save(self) -> None:
        draft = self.current_draft()  # read here: the save runs in a thread
        self.save_with(lambda: self.save_draft(draft))
