"""What every report screen shares: the report it shows, loaded in a thread, its title line (with a
PROVISIONAL badge first where it applies), and the Export actions that write exactly that report as a
CSV return (`x`) or a workbook with its Method sheet (`X`) and say where."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.content import Content

from engage_tui.domain.counts import counted
from engage_tui.domain.tables import PROVISIONAL_MARK, Report
from engage_tui.tui.screens.base import DataScreen

BADGE_STYLE = "bold $text-warning on $warning-muted"


def report_title(report: Report) -> Content:
    """A report's title line: where not every month counted is approved, a PROVISIONAL badge first, so
    that a narrow terminal cuts the end of the title and never the mark."""
    if not report.provisional:
        return Content(report.title)
    return Content.assemble((f" {PROVISIONAL_MARK} ", BADGE_STYLE), " ", report.title)


class ReportScreen(DataScreen):
    """A screen showing one report; subclasses say how to build it and how to show it."""

    BINDINGS = [
        Binding(
            "x", "export", "Export", id="export.report", tooltip="write what the screen shows as a CSV return"
        ),
        Binding(
            "X",
            "export('xlsx')",
            "Workbook",
            id="export.workbook",
            show=False,
            tooltip="write it as a workbook (.xlsx) with its Method sheet",
        ),
    ]
    OWN_PALETTE = frozenset({"export.report", "export.workbook"})
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
        """Build the report in a thread, its cells as text too (kept on the report), then show it."""
        build = self.build()

        def built() -> Report:
            report = build()
            report.display_rows()
            return report

        def shown(report: Report) -> None:
            self.report = report
            self.show(report)

        self.call(built, shown)

    def action_export(self, fmt: str = "csv") -> None:
        if self.report is None:
            self.notify("Nothing to export yet", severity="warning")
            return
        self.export(self.report, fmt)

    def export(self, report: Report, fmt: str = "csv") -> None:
        """Write `report` in a thread — a CSV return, or (`fmt` xlsx) a workbook whose Method sheet
        the service fills (database, who, when) — and say where."""
        from engage_tui.domain.exports import export_report, report_path  # xlsxwriter: on first use

        path = report_path(self.engage.settings.exports_dir, report, f".{fmt}")
        reports = self.engage.service.reports
        self.call(
            lambda: export_report(report, path, self.precision, reports.method() if fmt == "xlsx" else None),
            lambda rows: self.notify(
                f"Wrote {path} ({counted(rows, 'row')})", title="Exported", markup=False, timeout=8
            ),
            load=False,
        )

    def palette_commands(self) -> Iterable[SystemCommand]:
        name = type(self).__name__.removesuffix("Screen").lower()
        yield SystemCommand(
            f"export: {name} (CSV return)",
            "Write what this screen shows to exports/ (key x)",
            self.action_export,
        )
        yield SystemCommand(
            f"export: {name} (workbook)",
            "Write what this screen shows to exports/ as .xlsx, with its Method sheet (key X)",
            partial(self.action_export, "xlsx"),
        )
