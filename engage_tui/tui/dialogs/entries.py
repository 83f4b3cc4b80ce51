"""A read-only list of entries: what lies behind one figure of a report."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from engage_tui.domain.counts import counted
from engage_tui.domain.durations import format_hours
from engage_tui.domain.entries import CATEGORY_LABELS, EntryRow
from engage_tui.tui.dialogs.dialog import Dialog
from engage_tui.tui.widgets.chunked import fill_in_chunks
from engage_tui.tui.widgets.table import Table


class EntriesDialog(Dialog[None]):
    DEFAULT_CSS = """
    EntriesDialog { align: center middle; }
    EntriesDialog > Vertical { width: 95%; height: 90%; border: thick $primary; background: $surface; }
    EntriesDialog DataTable { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="entries.cancel", tooltip="close")]

    def __init__(self, title: str, entries: list[EntryRow]) -> None:
        super().__init__()
        self.heading = title
        self.entries = entries

    def compose(self) -> ComposeResult:
        total = format_hours(sum(e.minutes for e in self.entries), 2)
        with Vertical():
            yield Static(
                f"{self.heading} — {counted(len(self.entries), 'entry', 'entries')}, {total} h (esc closes)",
                markup=False,
            )
            yield Table(id="behind", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#behind", DataTable)
        table.add_columns("Date", "Officer", "Hours", "Category", "Area", "Audience", "Activity", "Notes")
        fill_in_chunks(table, self.entries, _add_entry)


def _add_entry(table: DataTable, e: EntryRow) -> None:
    table.add_row(
        e.date.isoformat(),
        Text(e.officer),
        Text(format_hours(e.minutes, 2), justify="right"),
        CATEGORY_LABELS[e.category],
        Text(e.area or ""),
        Text(e.audience or ""),
        Text(e.activity or ""),
        Text(e.notes),
        key=str(e.id),
    )
