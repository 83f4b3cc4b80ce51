"""One audit record whole (enter on the Audit screen): who (and as whom), when, what, every field
before and after — the changed ones marked — and the record's hash and the one it chains to."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from engage_tui.domain.audit_records import AuditRecord
from engage_tui.tui.dialogs.dialog import Dialog
from engage_tui.tui.widgets.table import Table

MAX_WIDTH = 120


class AuditRecordDialog(Dialog[None]):
    DEFAULT_CSS = """
    AuditRecordDialog { align: center middle; }
    AuditRecordDialog > Vertical { width: 100%; max-width: 120; height: 100%; max-height: 40;
                                   border: thick $primary; background: $surface; padding: 0 1; }
    AuditRecordDialog #record-head { height: auto; }
    AuditRecordDialog #record-fields { height: 1fr; }
    AuditRecordDialog #record-hash { height: auto; color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="record.cancel", tooltip="close the record")]

    def __init__(self, record: AuditRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        r = self.record
        who = f"{r.real} acting as {r.acted_as}" if r.real else r.actor
        changed = sum(f.changed for f in r.fields)
        head = [
            Text.assemble(("Audit record ", "bold"), (str(r.id), "bold"), f"  ·  {_when(r.at)} UTC"),
            Text.assemble(("Who   ", "bold"), who),
            Text.assemble(("What  ", "bold"), f"{r.action} {r.entity} {r.entity_id or ''}".rstrip()),
            Text.assemble(("Fields ", "bold"), f"{len(r.fields)}, {changed} changed (marked •)"),
        ]
        with Vertical():
            yield Static(Text("\n").join(head), id="record-head")
            yield Table(id="record-fields", cursor_type="row", zebra_stripes=True)
            yield Static(
                Text.assemble(("Hash     ", "bold"), r.hash, "\n", ("Previous ", "bold"), r.prev_hash),
                id="record-hash",
            )
            yield Static("esc closes", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#record-fields", DataTable)
        field = max((len(f.field) for f in self.record.fields), default=5)
        inner = min(MAX_WIDTH, self.app.size.width) - 4  # the border and padding
        side = max(10, (inner - field - 1 - 4 * 2 * table.cell_padding - 2) // 2)  # 2: the scrollbar
        table.add_column("", key="mark")
        table.add_column("Field", key="field")
        table.add_column("Before", key="before", width=side)  # long values wrap within the column
        table.add_column("After", key="after", width=side)
        for f in self.record.fields:
            style = "bold" if f.changed else ""
            table.add_row(
                Text("•" if f.changed else "", style="bold yellow"),
                Text(f.field, style=style),
                Text(f.before, style=style),
                Text(f.after, style=style),
                height=None,
                key=f.field,
            )
        table.focus()


def _when(at: str) -> str:
    return at[:19].replace("T", " ")
