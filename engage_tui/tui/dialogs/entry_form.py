"""The add/edit entry form: every field checked as you type by the domain's own parsers, and on save
by the domain itself. A refused save marks the fields and keeps everything typed; only a stored entry
closes the form.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static

from engage_tui.domain.durations import parse_hours
from engage_tui.domain.entries import CATEGORY_LABELS, EntryDraft, check_category
from engage_tui.domain.periods import parse_date
from engage_tui.errors import EngageError
from engage_tui.tui.dialogs.ask import DomainCheck
from engage_tui.tui.dialogs.form import FormScreen, form_buttons

if TYPE_CHECKING:
    from engage_tui.service.people import Vocabulary

TEXT_FIELDS = ("officer", "date", "hours", "area", "audience", "activity", "notes")


class EntryForm(FormScreen):
    """Dismisses with the saved entry's id, or None when cancelled."""

    def __init__(
        self,
        title: str,
        draft: EntryDraft,
        vocabulary: Vocabulary,
        save: Callable[[EntryDraft], int],
        today: date,
        officer_fixed: bool,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.draft = draft
        self.vocabulary = vocabulary
        self.save_draft = save
        self.today = today
        self.officer_fixed = officer_fixed

    def on_mount(self) -> None:
        """Start at the first field the person fills: the officer, unless it is fixed to them."""
        self.query_one("#date" if self.officer_fixed else "#officer").focus()

    def compose(self) -> ComposeResult:
        d, v = self.draft, self.vocabulary
        with Vertical(id="form"):
            yield Static(self.form_title, id="form-title", markup=False)
            with Grid(id="fields"):
                yield from self._field(
                    "Officer",
                    Input(
                        d.officer,
                        id="officer",
                        compact=True,
                        disabled=self.officer_fixed,
                        suggester=_suggest(v.officers),
                    ),
                )
                yield from self._field(
                    "Date",
                    Input(
                        d.date,
                        id="date",
                        compact=True,
                        placeholder="YYYY-MM-DD",
                        validators=[DomainCheck(parse_date)],
                    ),
                )
                yield from self._field(
                    "Hours",
                    Input(
                        d.hours,
                        id="hours",
                        compact=True,
                        placeholder="2.5, 2:30 or 150m",
                        validators=[DomainCheck(parse_hours)],
                    ),
                )
                yield from self._field(
                    "Category",
                    Select(
                        [(label, key) for key, label in CATEGORY_LABELS.items()],
                        value=check_category(d.category),
                        allow_blank=False,
                        id="category",
                        compact=True,
                    ),
                )
                yield from self._field(
                    "Area",
                    Input(
                        d.area,
                        id="area",
                        compact=True,
                        placeholder="(officer's home area)",
                        suggester=_suggest(v.areas),
                    ),
                )
                yield from self._field(
                    "Audience",
                    Input(d.audience, id="audience", compact=True, suggester=_suggest(v.audiences)),
                )
                yield from self._field(
                    "Activity",
                    Input(d.activity, id="activity", compact=True, suggester=_suggest(v.activities)),
                )
                yield from self._field("Notes", Input(d.notes, id="notes", compact=True))
            yield from form_buttons()

    @staticmethod
    def _field(label: str, widget: Input | Select) -> ComposeResult:
        yield Label(label, classes="field-label")
        with Vertical(classes="field"):
            yield widget
            error = Static("", id=f"{widget.id}-error", classes="field-error", markup=False)
            error.display = False
            yield error

    @on(Input.Changed)
    def show_check(self, event: Input.Changed) -> None:
        """Mark a field the moment its value stops parsing; warn (not refuse) on a future date."""
        result = event.validation_result
        message = "" if result is None or result.is_valid else result.failure_descriptions[0]
        if event.input.id == "date" and not message and self._is_future(event.value):
            message = "in the future — is that right?"
        self._say(event.input.id or "", message)

    def _is_future(self, text: str) -> bool:
        try:
            return parse_date(text) > self.today
        except EngageError:
            return False

    def _say(self, field: str, message: str) -> None:
        label = self.query_one(f"#{field}-error", Static)
        label.update(message)
        label.display = bool(message)

    def current_draft(self) -> EntryDraft:
        values = {name: self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS}
        return EntryDraft(**values, category=str(self.query_one("#category", Select).value))

    def action_save(self) -> None:
        draft = self.current_draft()
        self.save_with(lambda: self.save_draft(draft))


def _suggest(words: list[str]) -> SuggestFromList:
    return SuggestFromList(words, case_sensitive=False)
