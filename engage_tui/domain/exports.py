"""Returns: a report as its return, as CSV or — for a path ending `.xlsx` — a workbook with typed cells
and a Method sheet; and where exports are written by default.

In CSV, hours are bare decimal numbers (never h:mm); the header of each hours column says its unit and
rounding. In a workbook they are numbers holding the exact hours (see `workbook`). Free of SQLAlchemy:
a cold command writes its report with it. Every entry's export is `entry_export`'s.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from engage_tui.domain.csvfiles import is_workbook, write_csv
from engage_tui.domain.method import MethodInfo
from engage_tui.domain.tables import Report
from engage_tui.domain.workbook import write_workbook


def default_path(
    exports_dir: Path, what: str, period: str = "", now: datetime | None = None, suffix: str = ".csv"
) -> Path:
    """`exports/monthly-2017-20261123-231500.csv`: what, which period, and when it was written."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    period = re.sub(r"[^A-Za-z0-9._-]+", "-", period).strip("-")  # a name of an area makes no folder
    parts = [what, period, stamp] if period else [what, stamp]
    return exports_dir / ("-".join(parts) + suffix)


def report_path(exports_dir: Path, report: Report, suffix: str = ".csv") -> Path:
    """Where a report's return goes by default; a provisional one says so in its name."""
    period = report.period + ("-provisional" if report.provisional else "")
    return default_path(exports_dir, report.name, period, suffix=suffix)


def export_report(report: Report, path: Path, precision: int = 0, method: MethodInfo | None = None) -> int:
    """Write a report as a CSV return, or as a workbook (which needs `method`, for its Method sheet);
    returns the number of rows written."""
    if is_workbook(path):
        if method is None:
            raise TypeError("a workbook needs the MethodInfo for its Method sheet")
        return write_workbook(path, [(report.name, report)], method, precision)
    return write_csv(path, report.headers(units=True, precision=precision), report.number_rows(precision))
