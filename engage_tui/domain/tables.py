"""A report as a table of raw values — minutes as int, None where nothing was logged — and how its
cells are shown: rounded half up for people, bare numbers for CSV.

Free of SQLAlchemy, so that a cold command can build a report from precompiled statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from engage_tui.domain.durations import format_hours, hours_decimal

ColumnKind = Literal["text", "hours", "count", "score", "decimal", "average", "money"]
Cell = str | int | Decimal | None


@dataclass(frozen=True)
class Column:
    title: str
    kind: ColumnKind = "text"
    short: str = ""  # a narrower heading for a screen, where the return's title would not fit

    @property
    def heading(self) -> str:
        return self.short or self.title


def column_total(cells: Sequence[Cell]) -> int | Decimal | None:
    """A TOTAL cell: the sum of a column, blank where every cell is blank (nothing to count)."""
    given = [c for c in cells if c is not None]
    return sum(given) if given else None  # type: ignore[arg-type]


@dataclass(frozen=True)
class Report:
    """A titled table of raw values; the last row is TOTAL where the report has one."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    period: str = ""
    notes: list[str] = field(default_factory=list)
    provisional: bool = False
    across: str = "Period"  # what the wide columns are, for the tidy layout

    def tidy(self) -> Report:
        """A row per group and column (period or category), without totals, blanks left out."""
        keep = [i for i, c in enumerate(self.columns) if i and c.title != "Total"]
        rows = [
            [row[0], self.columns[i].title, row[i]]
            for row in self.rows
            if row[0] != "TOTAL"
            for i in keep
            if row[i] is not None
        ]
        kind = self.columns[keep[0]].kind if keep else "hours"
        return Report(
            self.name,
            self.title,
            [self.columns[0], Column(self.across), Column("Hours", kind)],
            rows,
            self.period + "-tidy",
            self.notes,
            self.provisional,
            self.across,
        )

    def headers(self, units: bool = False, precision: int = 0) -> list[str]:
        """Column titles; with `units` (CSV returns), hours columns say their unit and rounding and a
        provisional return says so in its first header."""
        if not units:
            return [c.title for c in self.columns]
        rounding = f"hours, {precision} dp, rounded half up"
        titles = [f"{c.title} [{rounding}]" if c.kind == "hours" else c.title for c in self.columns]
        if self.provisional:
            titles[0] += " [PROVISIONAL: not every month approved]"
        return titles

    def display_rows(self, precision: int = 0) -> list[list[str]]:
        """Every cell as text: hours rounded half up, blank where nothing was logged."""
        return [
            [_display(cell, col.kind, precision) for cell, col in zip(row, self.columns, strict=True)]
            for row in self.rows
        ]

    def number_rows(self, precision: int = 0) -> list[list[str | Decimal | int]]:
        """Cells as bare values for CSV: hours as rounded decimals, blank as empty."""
        return [
            [_number(cell, col.kind, precision) for cell, col in zip(row, self.columns, strict=True)]
            for row in self.rows
        ]


def _display(cell: Cell, kind: ColumnKind, precision: int) -> str:
    if cell is None:
        return ""
    if kind == "hours":
        return format_hours(cell, precision)  # type: ignore[arg-type]
    if kind == "money":
        return f"{cell:,.2f}"
    if kind == "decimal":
        return f"{Decimal(cell).normalize():f}"
    if kind == "average":
        return f"{cell:.1f}"
    return tenths_text(cell) if kind == "score" else str(cell)  # type: ignore[arg-type]


def _number(cell: Cell, kind: ColumnKind, precision: int) -> str | Decimal | int:
    if cell is None:
        return ""
    if kind == "hours":
        return hours_decimal(cell, precision)  # type: ignore[arg-type]
    return tenths_decimal(cell) if kind == "score" else cell  # type: ignore[arg-type]


def tenths_text(tenths: int) -> str:
    return f"{tenths // 10}.{tenths % 10}"


def tenths_decimal(tenths: int) -> Decimal:
    return Decimal(tenths).scaleb(-1)
