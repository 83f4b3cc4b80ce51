"""One question with a typed answer, checked as you type by a domain parser (e.g. go to a month)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Static

from engage_tui.errors import EngageError
from engage_tui.tui.dialogs.dialog import Dialog


class DomainCheck(Validator):
    """A Textual validator that runs a domain parser and shows its refusal word for word."""

    def __init__(self, check: Callable[[str], object]) -> None:
        super().__init__()
        self.check = check

    def validate(self, value: str) -> ValidationResult:
        try:
            self.check(value)
        except EngageError as refusal:
            return self.failure(refusal.message)
        return self.success()


class Ask(Dialog[str | None]):
    """Dismisses with the answer once it passes `check`, or None on escape."""

    LEAVE_FIRST = "Answer (enter) or cancel (escape) first"

    DEFAULT_CSS = """
    Ask { align: center middle; }
    Ask > Vertical { width: 60; height: auto; border: thick $primary; background: $surface;
                     padding: 0 1; }
    Ask #ask-error { color: $text-error; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="ask.cancel", tooltip="close without answering")
    ]

    def __init__(self, question: str, value: str, check: Callable[[str], object]) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            yield Input(
                self.value,
                id="answer",
                validators=[DomainCheck(self.check)],
                validate_on=["changed", "submitted"],
            )
            yield Static("", id="ask-error", markup=False)

    @on(Input.Changed, "#answer")
    @on(Input.Submitted, "#answer")
    def checked(self, event: Input.Changed | Input.Submitted) -> None:
        result = event.validation_result
        message = "" if result is None or result.is_valid else result.failure_descriptions[0]
        self.query_one("#ask-error", Static).update(message)
        if isinstance(event, Input.Submitted) and not message:
            self.dismiss(event.value)
