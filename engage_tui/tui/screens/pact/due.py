"""The Due tab: meetings the schedules expect around the day — missing, upcoming, cancelled, extra —
filtered by area; `r` (or enter) records the one under the cursor."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Select

from engage_tui.domain.pact_due import DueMeeting, due_report, due_window
from engage_tui.domain.tables import Report
from engage_tui.tui.screens.pact.parts import PactTab, area_filter, table
from engage_tui.tui.widgets.table import cut

STATE_STYLE = {"missing": "bold red", "upcoming": "", "cancelled": "dim", "extra": "italic"}


class DueTab(PactTab):
    TABLE = "due"
    built = True  # the tab PACT opens on
    BINDINGS = [
        Binding("r", "record", "Record", id="pact.record", tooltip="record the meeting under the cursor"),
        Binding(
            "enter",
            "record",
            "Open",
            id="due.open",
            show=False,
            tooltip="record the meeting under the cursor",
        ),
    ]
    ROW = "meeting due"
    ON_ROW = ("record",)
    due: list[DueMeeting] = []

    def parts(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield from area_filter("due-area-filter")
        yield from table("due", "Date", "Area", "Series", "State", elastic={"Area": 1, "Series": 2})

    def load(self) -> None:
        start, end = due_window(self.as_of)
        self.call(lambda: self.engage.service.pact.due(start, end), self._loaded)

    def _loaded(self, due: list[DueMeeting]) -> None:
        self.due = due
        self._fill()
        self.view.tab_loaded("due", missing=sum(d.state == "missing" for d in due))

    @on(Select.Changed, "#due-area-filter")
    def _fill(self) -> None:
        def row(grid: DataTable, d: DueMeeting) -> None:
            grid.add_row(
                d.date.isoformat(),
                cut(d.area),
                cut(d.series),
                Text(d.state, style=STATE_STYLE[d.state]),
                key=f"{d.series}|{d.date}|{d.meeting_id or ''}",
            )

        self.refill(self.in_view(), row)

    def in_view(self) -> list[DueMeeting]:
        """What the tab lists: every meeting not held, in the area chosen."""
        area = self.filter("due-area-filter")
        return [d for d in self.due if d.state != "held" and area in (None, d.area)]

    def report(self) -> Report:
        return due_report(self.in_view(), *due_window(self.as_of))

    def action_record(self) -> None:
        """Record the due meeting under the cursor (a cancelled one opens for editing)."""
        series, day, meeting_id = (self.selected() or "||").rsplit("|", 2)  # a series name may hold "|"
        recorder = self.screen.recorder  # type: ignore[attr-defined]
        if meeting_id:
            recorder.edit(int(meeting_id))
        else:
            recorder.record(series, day)

    def on_data_table_row_selected(self) -> None:
        self.run_worker(self.app.run_action("record", self))
