"""A yes/no question naming what it acts on, answered with y or n; No is the default (enter on the
focused No, escape), so one stray key never changes a return or deletes a record."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from engage_tui.tui.dialogs.dialog import Dialog


class Confirm(Dialog[bool]):
    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical { width: 64; height: auto; border: thick $warning; background: $surface;
                         padding: 1 2; }
    Confirm #confirm-title { text-style: bold; color: $text-warning; }
    Confirm Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    Confirm Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="yes: do it"),
        Binding("n", "answer(False)", "No", id="confirm.no", tooltip="no: leave it as it is"),
        Binding("escape", "answer(False)", "No", id="confirm.cancel", tooltip="close without doing it"),
    ]
    AUTO_FOCUS = "#no"

    def __init__(self, question: str, title: str = "Are you sure?", yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.heading = title
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, id="confirm-title", markup=False)
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal():
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button("No (n)", variant="primary", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
