"""What every report screen shares: the Export action that writes the CSV return and says where."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from engage_tui.domain.exports import export_report, report_path
from engage_tui.domain.tables import Report


class ReportScreen(Screen[None]):
    """A screen showing one report; subclasses say how to build it for the current view."""

    BINDINGS = [Binding("x", "export", "Export CSV", id="export.report")]
    precision = 0

    def build(self) -> Report:
        raise NotImplementedError

    def action_export(self) -> None:
        with self.app.reporting():
            report = self.build()
            path = report_path(self.app.settings.exports_dir, report)
            rows = export_report(report, path, self.precision)
            self.notify(f"Wrote {path} ({rows} rows)", title="Exported", markup=False, timeout=8)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(f"export: {type(self).__name__.removesuffix('Screen').lower()} (CSV return)",
                            "Write what this screen shows to exports/", self.action_export)
