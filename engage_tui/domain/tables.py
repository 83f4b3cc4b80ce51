"""A report as a table of raw values — minutes as int, None where nothing was logged — and how its
cells are shown: rounded half up for people, bare numbers for CSV.

Free of SQLAlchemy, so that a cold command can build a report from precompiled statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from engage_tui.domain.durations import format_hours, hours_decimal

ColumnKind = Literal["text", "hours", "count", "score", "decimal", "average", "money", "date"]
Cell = str | int | Decimal | date | None


PROVISIONAL = "PROVISIONAL: not every month approved"
PROVISIONAL_MARK = "PROVISIONAL"
"""The short mark a printed table or a screen starts its title with, where no width can cut it off."""


def provisional_notes(pending: int, where: str = "") -> list[str]:
    """The note of a report that counts `pending` officer-months not yet approved (none when 0);
    `where` says which part of it they fall in (` (2017)`)."""
    if not pending:
        return []
    return [f"PROVISIONAL: {pending} officer-month(s) with hours are not yet approved{where}"]


@dataclass(frozen=True)
class Column:
    title: str
    kind: ColumnKind = "text"
    short: str = ""  # a narrower heading for a screen, where the return's title would not fit

    @property
    def heading(self) -> str:
        return self.short or self.title


@dataclass(frozen=True)
class SettingUsed:
    """A setting as a report used it: its value and the day it took effect, for the Method sheet."""

    key: str
    value: str
    effective_from: date | None = None  # None: the built-in default
    given: bool = False  # given for this run only (`--rate pc=70`), not the stored setting

    def describe(self) -> str:
        if self.given:
            return f"{self.value} (given for this run)"
        since = f"from {self.effective_from.isoformat()}" if self.effective_from else "built-in default"
        return f"{self.value} ({since})"


def number_of(cell: Cell) -> int | Decimal:
    """A numeric cell's value, 0 where it is blank."""
    if cell is None:
        return 0
    if isinstance(cell, int | Decimal):
        return cell
    raise TypeError(f"{cell!r} is not a number")


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
    unapproved: int | None = None  # officer-months counted that are not yet approved; None: not counted
    across: str = "Period"  # what the wide columns are, for the tidy layout
    basis: list[str] = field(default_factory=list)
    """What the figures rest on (`as of 2018-03-31`, `125 meetings a month`), named in a return's
    first header and a workbook's title row, so a file read on its own still says it."""
    settings: list[SettingUsed] = field(default_factory=list)  # each setting the figures used
    _shown: dict[int, list[list[str]]] = field(default_factory=dict, init=False, repr=False, compare=False)
    """`display_rows` by precision, made once: the app makes them in the thread that built the report
    (the Rollups pivot's 16,800 cells held the event loop 40-80 ms at 1M). A report's rows never
    change once built (`replace` makes a new report, with an empty cache)."""

    @property
    def provisional(self) -> bool:
        """Not every officer-month counted is approved: the figures may still change."""
        return bool(self.unapproved)

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
            self.unapproved,
            self.across,
            self.basis,
            self.settings,
        )

    def headers(self, units: bool = False, precision: int = 0) -> list[str]:
        """Column titles; with `units` (CSV returns), hours columns say their unit and rounding, and
        the first header names the report's basis and whether it is provisional."""
        if not units:
            return [c.title for c in self.columns]
        rounding = f"hours, {precision} dp, rounded half up"
        titles = [f"{c.title} [{rounding}]" if c.kind == "hours" else c.title for c in self.columns]
        qualifiers = ["; ".join(self.basis)] * bool(self.basis) + [PROVISIONAL] * self.provisional
        titles[0] += "".join(f" [{part}]" for part in qualifiers)
        return titles

    def banner(self) -> str:
        """The title as a printed table or a screen shows it: PROVISIONAL first where it applies, so
        that a narrow terminal cuts the end of the title, never the mark."""
        return f"{PROVISIONAL_MARK} — {self.title}" if self.provisional else self.title

    def heading(self) -> str:
        """The title with what else the figures rest on and, where it applies, PROVISIONAL."""
        return " — ".join(
            [self.title, *(b for b in self.basis if b not in self.title), *[PROVISIONAL] * self.provisional]
        )

    def display_rows(self, precision: int = 0) -> list[list[str]]:
        """Every cell as text: hours rounded half up, blank where nothing was logged."""
        if precision not in self._shown:
            self._shown[precision] = [
                [display_cell(cell, col.kind, precision) for cell, col in zip(row, self.columns, strict=True)]
                for row in self.rows
            ]
        return self._shown[precision]

    def number_rows(self, precision: int = 0) -> list[list[str | Decimal | int | date]]:
        """Cells as bare values for CSV: hours as rounded decimals, blank as empty."""
        return [
            [_number(cell, col.kind, precision) for cell, col in zip(row, self.columns, strict=True)]
            for row in self.rows
        ]


def display_cell(cell: Cell, kind: ColumnKind, precision: int = 0) -> str:
    """A cell as people read it: hours rounded half up, money with pence, blank as empty."""
    if cell is None:
        return ""
    if kind == "hours":
        return format_hours(cell, precision)  # type: ignore[arg-type]
    if kind == "money":
        return f"{cell:,.2f}"
    if kind == "decimal":
        return f"{Decimal(number_of(cell)).normalize():f}"
    if kind == "average":
        return f"{cell:.1f}"
    return tenths_text(cell) if kind == "score" else str(cell)  # type: ignore[arg-type]


def _number(cell: Cell, kind: ColumnKind, precision: int) -> str | Decimal | int | date:
    if cell is None:
        return ""
    if kind == "hours":
        return hours_decimal(cell, precision)  # type: ignore[arg-type]
    return tenths_decimal(cell) if kind == "score" else cell  # type: ignore[arg-type]


def tenths_text(tenths: int) -> str:
    return f"{tenths // 10}.{tenths % 10}"


def tenths_decimal(tenths: int) -> Decimal:
    return Decimal(tenths).scaleb(-1)
