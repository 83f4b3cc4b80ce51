"""What every form shares: ctrl+s or the Save button saves, escape or Cancel closes without saving,
and a refused save says why at its field and keeps everything typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from engage_tui.errors import EngageError


def form_buttons() -> ComposeResult:
    """The status line (where a refusal is said, the form's whole width) and the Save and Cancel
    buttons."""
    yield Static("", id="form-status", markup=False)
    with Horizontal(id="buttons"):
        yield Button("Save (ctrl+s)", variant="primary", id="save")
        yield Button("Cancel (esc)", id="cancel")


class FormScreen(ModalScreen[int | None]):
    """Dismisses with the saved row's id, or None when cancelled."""

    FIELD_WIDGETS: ClassVar[dict[str, str]] = {}
    """A refusal's field → the id of the widget to mark, where they differ."""

    def action_save(self) -> None:
        raise NotImplementedError

    def save_with(self, save: Callable[[], int]) -> None:
        """Run `save`; dismiss with its id, or mark the refused field and keep the form."""
        for widget in self.query(".-invalid"):
            widget.set_class(False, "-invalid")
        try:
            saved = save()
        except EngageError as refusal:
            self.query_one("#form-status", Static).update(refusal.message)
            field = self.FIELD_WIDGETS.get(refusal.field or "", refusal.field)
            if field and self.query(f"#{field}"):
                self.query_one(f"#{field}").set_class(True, "-invalid")
                self.query_one(f"#{field}").focus()
            return
        except Exception as failure:  # a bug: say so, keep the form and what was typed
            self.query_one("#form-status", Static).update(f"unexpected {type(failure).__name__}: {failure}")
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)
