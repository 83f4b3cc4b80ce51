"""What every form shares: ctrl+s or the Save button saves, escape or Cancel closes without saving,
and a save runs in a thread ("saving…", a busy database retried), so the app never freezes on it.
A refused save says why at its field and keeps everything typed; only a stored record closes the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static, TextArea

from engage_tui.errors import Busy, EngageError
from engage_tui.tui.dialogs.dialog import Dialog
from engage_tui.tui.work import say_failure

SAVE_ATTEMPTS = 3


def form_buttons() -> ComposeResult:
    """The status line (where a refusal is said, the form's whole width) and the Save and Cancel
    buttons."""
    yield Static("", id="form-status", markup=False)
    with Horizontal(id="buttons"):
        yield Button("Save (ctrl+s)", variant="primary", id="save")
        yield Button("Cancel (esc)", id="cancel")


class FormScreen(Dialog[int | None]):
    """Dismisses with the saved row's id, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True, tooltip="save the form"),
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="close without saving"),
    ]

    LEAVE_FIRST = "Save the form (ctrl+s) or cancel it (escape) first"
    FIELD_WIDGETS: ClassVar[dict[str, str]] = {}
    """A refusal's field → the id of the widget to mark, where they differ."""
    saving = False
    said_about: str | None = None
    """The id of the widget whose refusal the status line says, until that widget is edited."""

    def action_save(self) -> None:
        raise NotImplementedError

    def save_with(self, save: Callable[[], int]) -> None:
        """Run `save` (a service call) in a thread; dismiss with its id, or mark what was refused."""
        if self.saving:
            return
        for widget in self.query(".-invalid"):
            widget.set_class(False, "-invalid")
        for label in self.query(".field-error"):
            label.display = False
        self.saving = True
        self._status("saving…")
        self.run_worker(lambda: self._save_in_thread(save), thread=True, exit_on_error=False, group="save")

    def _save_in_thread(self, save: Callable[[], int]) -> None:
        failure: Exception | None = None
        for attempt in range(1, SAVE_ATTEMPTS + 1):
            try:
                saved = save()
            except Busy as busy:
                self.app.call_from_thread(
                    self._status, f"database busy — retrying ({attempt}/{SAVE_ATTEMPTS})…"
                )
                failure = busy
                continue
            except Exception as error:  # refusals and bugs alike come back to the form
                failure = error
                break
            self.app.call_from_thread(self.dismiss, saved)
            return
        self.app.call_from_thread(self._failed, failure)

    def _failed(self, failure: Exception) -> None:
        """Mark what the domain refused, or say what went wrong; everything typed stays."""
        self.saving = False
        self._status("")
        if not isinstance(failure, EngageError):  # a bug: say so, keep the form and what was typed
            self._status(f"unexpected {type(failure).__name__}: {failure}")
            say_failure(self, failure)
            return
        problems = [
            (e.field, self.in_its_words(e.field, e.message)) for e in getattr(failure, "errors", [failure])
        ]
        marked = [widget for field, message in problems if (widget := self.mark(field, message))]
        if marked:  # the first refusal is the one said, and where the cursor goes
            self._focus_to_mend(marked[0])
        self._status(problems[0][1])
        self.said_about = self._widget_id(problems[0][0])
        self.notify(problems[0][1], title="Not saved", severity="error", markup=False)

    def _widget_id(self, field: str | None) -> str | None:
        """The id of the widget where a refusal of `field` is shown."""
        return self.FIELD_WIDGETS.get(field or "", field)

    def in_its_words(self, field: str | None, message: str) -> str:
        """A refusal as the form names its field (`Until: …`, not the domain's `end_date: …`)."""
        widget_id = self._widget_id(field)
        if not field or not message.startswith(f"{field}: ") or not self.query(f"#{widget_id}"):
            return message
        label = _label_of(self.query_one(f"#{widget_id}"))
        return f"{label}: {message[len(field) + 2 :]}" if label else message

    def mark(self, field: str | None, message: str) -> Widget | None:
        """Show a refusal at its field (under it where the form has a place for it); the field, or
        None where the form has none for it."""
        widget_id = self._widget_id(field)
        if not widget_id or not self.query(f"#{widget_id}"):
            return None
        widget = self.query_one(f"#{widget_id}")
        widget.set_class(True, "-invalid")
        if isinstance(widget, Input) and not widget.validators:  # Input clears the mark as it is left
            widget.validate_on = {"changed", "submitted"}
        if self.query(f"#{widget_id}-error"):
            label = self.query_one(f"#{widget_id}-error", Static)
            label.update(message)
            label.display = True
        return widget

    def _focus_to_mend(self, widget: Widget) -> None:
        """Focus a refused field with the cursor after its text: an Input selects all it holds as it
        takes focus, and the next key would type over what is there to be mended."""
        if widget.has_focus:
            return  # already there: the cursor stays where it was
        self.set_focus(widget)
        if isinstance(widget, Input):
            widget.call_later(widget.action_end)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def unsay(self, event: Input.Changed | TextArea.Changed) -> None:
        """Once a refused field is edited its refusal no longer describes what is typed: off the status
        line, and off the field where the field does not check itself as it is typed."""
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        if widget.id is None:
            return
        if widget.id == self.said_about:
            self.said_about = None
            self._status("")
        if widget.has_class("-invalid") and not getattr(widget, "validators", None):
            widget.set_class(False, "-invalid")
            if self.query(f"#{widget.id}-error"):
                self.query_one(f"#{widget.id}-error").display = False

    def _status(self, text: str) -> None:
        self.query_one("#form-status", Static).update(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)


def _label_of(widget: Widget) -> str | None:
    """The text of the field label just before a field (or before the box that holds it with its
    error line), as the forms lay them out; None where there is none."""
    node = widget.parent if isinstance(widget.parent, Widget) and widget.parent.has_class("field") else widget
    if node.parent is None:
        return None
    siblings = list(node.parent.children)
    place = siblings.index(node)
    before = siblings[place - 1] if place else None
    if isinstance(before, Label) and before.has_class("field-label"):
        return str(before.content)
    return None
