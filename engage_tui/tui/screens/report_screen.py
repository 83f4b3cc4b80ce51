"""What every report screen shares: the report it shows, loaded in a thread, and the Export action
that writes exactly that report as a CSV return and says where."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import SystemCommand
from textual.binding import Binding

from engage_tui.domain.exports import export_report, report_path
from engage_tui.domain.tables import Report
from engage_tui.tui.screens.base import DataScreen


class ReportScreen(DataScreen):
    """A screen showing one report; subclasses say how to build it and how to show it."""

    BINDINGS = [Binding("x", "export", "Export CSV", id="export.report")]
    precision = 0
    report: Report | None = None

    def build(self) -> Callable[[], Report]:
        """The service call that builds the report for the current view (run in a thread)."""
        raise NotImplementedError

    def show(self, report: Report) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        self.refresh_report()

    def refresh_report(self) -> None:
        """Build the report in a thread, then show it."""

        def shown(report: Report) -> None:
            self.report = report
            self.show(report)

        self.call(self.build(), shown)

    def action_export(self) -> None:
        if self.report is None:
            self.notify("Nothing to export yet", severity="warning")
            return
        self.export(self.report)

    def export(self, report: Report) -> None:
        """Write `report` as a CSV return in a thread, and say where."""
        path = report_path(self.engage.settings.exports_dir, report)
        self.call(
            lambda: export_report(report, path, self.precision),
            lambda rows: self.notify(
                f"Wrote {path} ({rows} rows)", title="Exported", markup=False, timeout=8
            ),
            load=False,
        )

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            f"export: {type(self).__name__.removesuffix('Screen').lower()} (CSV return)",
            "Write what this screen shows to exports/",
            self.action_export,
        )
