"""CSV returns: a report as its return, and every entry in the `import hours` columns.

Hours are bare decimal numbers (never h:mm); the header of each hours column says its unit and rounding.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from engage_tui.domain.csvfiles import write_csv
from engage_tui.domain.hours import entry_rows_query
from engage_tui.domain.imports import HOURS_COLUMNS
from engage_tui.domain.reports import Report
from engage_tui.store.models import Entry

ENTRY_PRECISION = 4  # 20 minutes → 0.3333, which `import hours` reads back as exactly 20 minutes


def default_path(exports_dir: Path, what: str, period: str = "", now: datetime | None = None) -> Path:
    """`exports/monthly-2017-20261123-231500.csv`: what, which period, and when it was written."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    parts = [what, period, stamp] if period else [what, stamp]
    return exports_dir / ("-".join(parts) + ".csv")


def report_path(exports_dir: Path, report: Report) -> Path:
    """Where a report's return goes by default; a provisional one says so in its name."""
    period = report.period + ("-provisional" if report.provisional else "")
    return default_path(exports_dir, report.name, period)


def export_report(report: Report, path: Path, precision: int = 0) -> int:
    """Write a report as a CSV return; returns the number of rows written."""
    return write_csv(path, report.headers(units=True, precision=precision),
                     report.number_rows(precision))


def entry_hours(minutes: int) -> str:
    """Decimal hours with no trailing zeros: 150 → `2.5`, 20 → `0.3333` (integer arithmetic, half up,
    equal to hours_decimal(minutes, 4): this runs once per exported row)."""
    scale = 10 ** ENTRY_PRECISION
    whole, part = divmod((minutes * scale * 2 + 60) // 120, scale)
    return f"{whole}.{part:0{ENTRY_PRECISION}d}".rstrip("0").rstrip(".")


def export_entries(session: Session, path: Path) -> int:
    """Every entry, streamed (never all in memory), in the columns `import hours` reads."""
    connection = session.connection().execution_options(yield_per=2000)  # Core rows, streamed
    rows = connection.execute(entry_rows_query().order_by(Entry.date, Entry.id))
    return write_csv(path, HOURS_COLUMNS, (
        (officer, day.isoformat(), category, entry_hours(minutes), area or "", audience or "",
         activity or "", notes)
        for _id, officer, day, minutes, category, area, audience, activity, notes in rows))
