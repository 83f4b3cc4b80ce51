"""The audit trail, newest first, with a key to verify its hash chain."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from engage_tui.domain.audit import AuditRow, Verification
from engage_tui.tui.screens.base import DataScreen
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.table import Table

SHOWN_ROWS = 1000
COLUMNS = ("When (UTC)", "User", "Action", "What", "Before", "After")


class AuditScreen(DataScreen):
    BINDINGS = [
        Binding("v", "verify", "Verify chain", id="audit.verify"),
        Binding("r", "reload", "Reload", id="audit.reload"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Audit trail — the newest {SHOWN_ROWS} changes", id="audit-title", markup=False)
        yield Table(id="audit", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#audit", DataTable)
        for title in COLUMNS:
            table.add_column(title, key=title)

    def reload(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self.call(lambda: self.engage.service.audit.trail(limit=SHOWN_ROWS), self._show)

    def _show(self, rows: list[AuditRow]) -> None:
        table = self.query_one("#audit", DataTable)
        table.clear()
        for r in rows:
            table.add_row(
                r.at[:19].replace("T", " "),
                Text(r.actor),
                r.action,
                f"{r.entity} {r.entity_id or ''}",
                Text(_short(r.before)),
                Text(_short(r.after)),
                key=str(r.id),
            )

    def action_verify(self) -> None:
        """Verify the whole chain in a thread (seconds on a long trail); the screen stays usable."""
        self.notify("Verifying the audit trail…", title="Audit")
        self.call(self.engage.service.audit.verify, self._verified, group="verify")

    def _verified(self, result: Verification) -> None:
        if result.ok:
            self.notify(
                f"Intact: {result.rows} rows, hash chain verified, approved months hold their figures",
                title="Audit",
            )
        else:
            findings = result.findings
            more = (
                f" (and {len(findings) - 1} more: engage audit verify lists them)"
                if len(findings) > 1
                else ""
            )
            self.notify(
                findings[0] + more,
                title="Audit",
                severity="error",
                timeout=15,
            )


def _short(values: str | None, width: int = 60) -> str:
    text = values or ""
    return text if len(text) <= width else text[: width - 1] + "…"
