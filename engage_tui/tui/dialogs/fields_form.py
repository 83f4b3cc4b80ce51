"""A small form of named fields (the People screen's add and edit): text fields with suggestions, and
choices. Saves only what was changed, in a thread; a refusal marks its field and keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static

from engage_tui.tui.dialogs.form import FormScreen, form_buttons


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: str = ""
    hint: str = ""
    choices: tuple[str, ...] = ()
    """A choice of these (a Select) instead of free text."""
    suggest: tuple[str, ...] = ()
    fixed: bool = False
    """Shown, not changed here."""


class FieldsForm(FormScreen):
    """Dismisses with the saved row's id, or None when cancelled or nothing changed."""

    DEFAULT_CSS = """
    FieldsForm { align: center middle; }
    FieldsForm #fields-form { width: 72; height: auto; border: thick $primary; background: $surface;
                              padding: 0 1; }
    FieldsForm #form-title { text-style: bold; margin-bottom: 1; }
    FieldsForm #fields-grid { grid-size: 2; grid-columns: 12 1fr; grid-rows: 1; grid-gutter: 0 1;
                              height: auto; }
    """

    def __init__(self, title: str, fields: list[Field], save: Callable[[dict[str, str]], int]) -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.save_changes = save

    def compose(self) -> ComposeResult:
        with Vertical(id="fields-form"):
            yield Static(self.form_title, id="form-title", markup=False)
            with Grid(id="fields-grid"):
                for f in self.fields:
                    yield Label(f.label, classes="field-label")
                    if f.choices:
                        yield Select(
                            [(c, c) for c in f.choices],
                            value=f.value or f.choices[0],
                            allow_blank=False,
                            id=f.name,
                            compact=True,
                            disabled=f.fixed,
                        )
                    else:
                        yield Input(
                            f.value,
                            id=f.name,
                            placeholder=f.hint,
                            compact=True,
                            disabled=f.fixed,
                            suggester=SuggestFromList(f.suggest, case_sensitive=False) if f.suggest else None,
                        )
            yield from form_buttons()

    def on_mount(self) -> None:
        first = next((f for f in self.fields if not f.fixed), None)
        if first is not None:
            self.query_one(f"#{first.name}").focus()

    def values(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for f in self.fields:
            widget = self.query_one(f"#{f.name}")
            found[f.name] = str(widget.value) if isinstance(widget, Input | Select) else ""
        return found

    def action_save(self) -> None:
        typed = self.values()
        changes = {f.name: typed[f.name] for f in self.fields if not f.fixed and typed[f.name] != f.value}
        if not changes:
            self.dismiss(None)
            return
        self.save_with(lambda: self.save_changes(changes))
