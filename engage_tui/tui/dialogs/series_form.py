"""Add a PACT series to the register: area, name, how often and when it meets, Super PACT, venue, start."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Label, Select, Static

from engage_tui.tui.dialogs.form import FormScreen, form_buttons

FIELDS = (
    ("area", "Area", ""),
    ("name", "Name", "e.g. Crook Town PACT"),
    ("schedule", "Meets on", "e.g. last tue, 2nd wed (default: as the start date)"),
    ("venue", "Venue", ""),
    ("start", "Start", "YYYY-MM-DD"),
)


@dataclass(frozen=True)
class SeriesDraft:
    area: str
    name: str
    frequency: str
    schedule: str
    venue: str
    start: str
    super_pact: bool


class SeriesForm(FormScreen):
    AUTO_FOCUS = "#area"

    def __init__(self, areas: list[str], start: str, save: Callable[[SeriesDraft], int]) -> None:
        super().__init__()
        self.areas = areas
        self.start = start
        self.save_draft = save

    def compose(self) -> ComposeResult:
        with Vertical(id="series-form"):
            yield Static("Add a PACT series to the register", id="form-title", markup=False)
            with Grid(id="series-fields"):
                for name, label, hint in FIELDS:
                    yield Label(label, classes="field-label")
                    yield Input(
                        self.start if name == "start" else "",
                        id=name,
                        placeholder=hint,
                        compact=True,
                        suggester=SuggestFromList(self.areas, case_sensitive=False)
                        if name == "area"
                        else None,
                    )
                yield Label("How often", classes="field-label")
                yield Select(
                    [("monthly", "monthly"), ("every other month", "bimonthly")],
                    value="monthly",
                    allow_blank=False,
                    id="frequency",
                    compact=True,
                )
            yield Checkbox("Super PACT", id="super_pact", compact=True)
            yield from form_buttons()

    def action_save(self) -> None:
        text = {name: self.query_one(f"#{name}", Input).value for name, _, _ in FIELDS}
        draft = SeriesDraft(
            text["area"],
            text["name"],
            str(self.query_one("#frequency", Select).value),
            text["schedule"],
            text["venue"],
            text["start"],
            self.query_one("#super_pact", Checkbox).value,
        )
        self.save_with(lambda: self.save_draft(draft))
