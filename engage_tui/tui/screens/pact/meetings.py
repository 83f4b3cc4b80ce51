"""The Meetings tab: the meetings of the day's year, poorly attended ones in red; `e` (or enter) edits
the one under the cursor, `r` records another, `delete` deletes one and its officers' time once
confirmed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from engage_tui.domain.pact_meetings import MeetingRow, meetings_report
from engage_tui.domain.tables import Report
from engage_tui.service.pact import MeetingsView
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.screens.pact.parts import PactTab, count_cell, table
from engage_tui.tui.screens.pact.recording import CHANGES
from engage_tui.tui.widgets.table import cut


class MeetingsTab(PactTab):
    TABLE = "meetings"
    BINDINGS = [
        Binding("e", "edit", "Edit", id="meeting.edit", tooltip="edit the meeting under the cursor"),
        Binding(
            "enter", "edit", "Open", id="meeting.open", show=False, tooltip="open the meeting to edit it"
        ),
        Binding("r", "record", "Record", id="meeting.record", tooltip="record a meeting"),
        Binding(
            "delete",
            "delete",
            "Delete",
            id="meeting.delete",
            key_display="del",
            tooltip="delete the meeting and its officers' time",
        ),
    ]
    ROW = "meeting"
    ON_ROW = ("edit", "delete")
    meetings: list[MeetingRow] = []

    def parts(self) -> ComposeResult:
        yield from table(
            "meetings",
            "Date",
            "Series",
            "Area",
            "Public",
            "Partners",
            "Issues",
            "Officers",
            elastic={"Series": 3, "Area": 2, "Officers": 4},
        )

    def load(self) -> None:
        start, end = self.year()
        self.call(lambda: self.engage.service.pact.meetings_view(start, end), self._loaded)

    def _loaded(self, view: MeetingsView) -> None:
        self.meetings = view.meetings

        def row(grid: DataTable, m: MeetingRow) -> None:
            public = count_cell(m.public)
            if m.public is not None and m.public < view.threshold:  # poorly attended, at a glance
                public.stylize("bold red")
            grid.add_row(
                m.date.isoformat(),
                cut(m.series),
                cut(m.area),
                Text("cancelled", style="dim") if m.cancelled else public,
                count_cell(m.partners),
                count_cell(m.issues_raised or None),
                cut("; ".join(f"{n} ({r})" for n, r, _ in m.officers)),
                key=str(m.id),
            )

        self.refill(list(reversed(view.meetings)), row)

    def report(self) -> Report:
        return meetings_report(self.meetings, *self.year())

    def _meeting_id(self) -> int | None:
        key = self.selected()
        return None if key is None else int(key)

    def action_edit(self) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is not None:
            self.screen.recorder.edit(meeting_id)  # type: ignore[attr-defined]

    def on_data_table_row_selected(self) -> None:
        self.run_worker(self.app.run_action("edit", self))

    def action_record(self) -> None:
        self.screen.recorder.record("", "")  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        """The meeting and its officers' time; refused at once while issues raised at it are on record."""
        meeting_id = self._meeting_id()
        if meeting_id is None:
            return
        pact = self.engage.service.pact

        def ask(meeting: MeetingRow) -> None:
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.call(lambda: pact.delete_meeting(meeting_id), self._deleted, load=False)

            what = f"the PACT meeting of {meeting.series} on {meeting.date}"
            self.app.push_screen(
                Confirm(f"Delete {what} and the officers' time logged at it?", "Delete a meeting", "Delete"),
                confirmed,
            )

        self.call(lambda: pact.check_deletable(meeting_id), ask, group="check")  # refused before asking

    def _deleted(self, row: MeetingRow) -> None:
        self.notify(f"Deleted PACT meeting {row.id} and its officers' time")
        self.view.changed(*CHANGES)
