"""Choose one of a list by typing to filter and pressing enter (who's month a supervisor sees)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from engage_tui.tui.dialogs.dialog import Dialog


class Pick(Dialog[int | None]):
    """Dismisses with the chosen option's id (an int), or None on escape."""

    DEFAULT_CSS = """
    Pick { align: center middle; }
    Pick > Vertical { width: 50; height: 20; border: thick $primary; background: $surface; padding: 0 1; }
    Pick OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="pick.cancel", tooltip="close without choosing")
    ]

    def __init__(self, title: str, choices: list[tuple[int, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, markup=False)
            yield Input(placeholder="type to filter", id="filter")
            yield OptionList(*self._options(""), id="choices")

    def _options(self, text: str) -> list[Option]:
        return [Option(label, id=str(key)) for key, label in self.choices if text.lower() in label.lower()]

    @on(Input.Changed, "#filter")
    def filter(self, event: Input.Changed) -> None:
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        options.highlighted = 0 if options.option_count else None

    @on(Input.Submitted, "#filter")
    def take_first(self) -> None:
        options = self.query_one("#choices", OptionList)
        if options.highlighted is not None:
            self.dismiss(int(options.get_option_at_index(options.highlighted).id or 0))

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))
