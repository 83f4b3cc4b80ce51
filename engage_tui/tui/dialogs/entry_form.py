"""The add/edit entry form: every field checked as you type by the domain's own parsers, and on save
by the domain itself. A refused save marks the fields and keeps everything typed; only a stored entry
closes the form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static

from engage_tui.domain.durations import parse_hours
from engage_tui.domain.hours import CATEGORY_LABELS, DraftInvalid, EntryDraft, check_category
from engage_tui.domain.periods import parse_date
from engage_tui.errors import Busy, EngageError
from engage_tui.tui.dialogs.ask import DomainCheck
from engage_tui.tui.dialogs.form import FormScreen, form_buttons
from engage_tui.tui.vocabulary import Vocabulary

TEXT_FIELDS = ("officer", "date", "hours", "area", "audience", "activity", "notes")
SAVE_ATTEMPTS = 3


class EntryForm(FormScreen):
    """Dismisses with the saved entry's id, or None when cancelled. Saves in a thread (see below),
    so it has its own `action_save`."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
                Binding("escape", "cancel", "Cancel", id="form.cancel")]

    def __init__(self, title: str, draft: EntryDraft, vocabulary: Vocabulary,
                 save: Callable[[EntryDraft], int], today: date, officer_fixed: bool) -> None:
        super().__init__()
        self.form_title = title
        self.draft = draft
        self.vocabulary = vocabulary
        self.save_draft = save
        self.today = today
        self.officer_fixed = officer_fixed
        self.saving = False
        self.AUTO_FOCUS = "#date" if officer_fixed else "#officer"

    def compose(self) -> ComposeResult:
        d, v = self.draft, self.vocabulary
        with Vertical(id="form"):
            yield Static(self.form_title, id="form-title", markup=False)
            with Grid(id="fields"):
                yield from self._field("Officer", Input(d.officer, id="officer", compact=True,
                                       disabled=self.officer_fixed, suggester=_suggest(v.officers)))
                yield from self._field("Date", Input(d.date, id="date", compact=True,
                                       placeholder="YYYY-MM-DD", validators=[DomainCheck(parse_date)]))
                yield from self._field("Hours", Input(d.hours, id="hours", compact=True,
                                       placeholder="2.5, 2:30 or 150m",
                                       validators=[DomainCheck(parse_hours)]))
                yield from self._field("Category", Select(
                    [(label, key) for key, label in CATEGORY_LABELS.items()],
                    value=check_category(d.category), allow_blank=False, id="category", compact=True))
                yield from self._field("Area", Input(d.area, id="area", compact=True,
                                       placeholder="(officer's home area)", suggester=_suggest(v.areas)))
                yield from self._field("Audience", Input(d.audience, id="audience", compact=True,
                                       suggester=_suggest(v.audiences)))
                yield from self._field("Activity", Input(d.activity, id="activity", compact=True,
                                       suggester=_suggest(v.activities)))
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
        """Save in a thread, so a busy database shows 'saving…' and retries instead of freezing."""
        if self.saving:
            return
        draft = self.current_draft()
        for field in (f.name for f in fields(EntryDraft)):
            self._say(field, "")
            self.query_one(f"#{field}").set_class(False, "-invalid")
        self.saving = True
        self._status("saving…")
        self.app.run_worker(lambda: self._save_in_thread(draft), thread=True, exit_on_error=False,
                        group="save")

    def _save_in_thread(self, draft: EntryDraft) -> None:
        for attempt in range(1, SAVE_ATTEMPTS + 1):
            try:
                entry_id = self.save_draft(draft)
            except Busy as busy:
                self.app.call_from_thread(self._status, f"database busy — retrying "
                                                        f"({attempt}/{SAVE_ATTEMPTS})…")
                failure: Exception = busy
                continue
            except Exception as error:  # refusals and bugs alike come back to the form
                failure = error
                break
            self.app.call_from_thread(self.dismiss, entry_id)
            return
        self.app.call_from_thread(self._failed, failure)

    def _failed(self, failure: Exception) -> None:
        """Mark what the domain refused, or say what went wrong; everything typed stays."""
        self.saving = False
        self._status("")
        if isinstance(failure, DraftInvalid):
            self._mark([(e.field or "officer", e.message) for e in failure.errors])
        elif isinstance(failure, EngageError):
            self._mark([(failure.field if failure.field in TEXT_FIELDS else "officer",
                         failure.message)])
        else:  # a bug: say so, keep the form and what was typed
            self.notify(f"unexpected {type(failure).__name__}: {failure}", title="Not saved",
                        severity="error", markup=False)

    def _status(self, text: str) -> None:
        self.query_one("#form-status", Static).update(text)

    def _mark(self, problems: list[tuple[str, str]]) -> None:
        """Show each refusal under its field; focus the first. Nothing typed is touched."""
        for field, message in problems:
            self._say(field, message)
            self.query_one(f"#{field}").set_class(True, "-invalid")
        self.query_one(f"#{problems[0][0]}").focus()
        self.notify(problems[0][1], title="Not saved", severity="error", markup=False)



def _suggest(words: list[str]) -> SuggestFromList:
    return SuggestFromList(words, case_sensitive=False)

