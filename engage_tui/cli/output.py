"""Printing tables: tabulate for people, CSV for scripts, from the same plain rows.

Printed CSV is redirected into files that a spreadsheet opens, so its cells are escaped as exported
files are (`=1+1` does not run); Markdown tables escape `|` and line breaks, which would end a cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from engage_tui.domain.csvfiles import escape_cell
from engage_tui.domain.markdown import markdown_cell

if TYPE_CHECKING:
    from engage_tui.domain.tables import Report

TABULATE_FORMATS = (
    "asciidoc",
    "colon_grid",
    "double_grid",
    "double_outline",
    "fancy_grid",
    "fancy_outline",
    "github",
    "grid",
    "heavy_grid",
    "heavy_outline",
    "html",
    "jira",
    "latex",
    "latex_booktabs",
    "latex_longtable",
    "latex_raw",
    "mediawiki",
    "mixed_grid",
    "mixed_outline",
    "moinmoin",
    "orgtbl",
    "outline",
    "pipe",
    "plain",
    "presto",
    "pretty",
    "psql",
    "rounded_grid",
    "rounded_outline",
    "rst",
    "simple",
    "simple_grid",
    "simple_outline",
    "textile",
    "tsv",
    "unsafehtml",
    "youtrack",
)
"""tabulate's formats, written out: importing tabulate costs a cold command ≈45 ms (a test keeps
this list equal to `tabulate.tabulate_formats`)."""
FORMATS = ("table", "csv", "markdown", *TABULATE_FORMATS)
TABLE_STYLE = "simple"


def add_format_option(parser) -> None:
    parser.add_argument(
        "--format",
        default="table",
        choices=FORMATS,
        metavar="FORMAT",
        help="table (default), csv, markdown, or another tabulate format (github, grid, html, latex, tsv, …)",
    )


def render(
    headers: Sequence[str], rows: Sequence[Sequence[object]], fmt: str, right: Sequence[bool] | None = None
) -> str:
    """One table as text in the chosen format; `right` marks the numeric columns to right-align."""
    safe_headers, safe_rows = _safe(headers, rows, fmt)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(safe_headers)
        writer.writerows(safe_rows)
        return buffer.getvalue().rstrip("\n")
    from tabulate import tabulate

    style = {"table": TABLE_STYLE, "markdown": "github"}.get(fmt, fmt)
    align = ["right" if r else "left" for r in right] if right else None
    return tabulate(safe_rows, headers=safe_headers, tablefmt=style, disable_numparse=True, colalign=align)


def _safe(
    headers: Sequence[str], rows: Sequence[Sequence[object]], fmt: str
) -> tuple[Sequence[object], Sequence[Sequence[object]]]:
    """Cells escaped for what `fmt` is read by: a spreadsheet (formula starts) or Markdown (pipes)."""
    cell = _ESCAPES.get(fmt)
    if cell is None:
        return headers, rows
    return [cell(h) for h in headers], [[cell(c) for c in row] for row in rows]


_ESCAPES: dict[str, Callable[[object], object]] = {
    "csv": escape_cell,
    "tsv": escape_cell,
    "markdown": markdown_cell,
    "github": markdown_cell,
    "pipe": markdown_cell,
}


def render_report(report: Report, fmt: str, precision: int = 0) -> str:
    """A report with its title (tables for people) or bare (csv and the other machine formats)."""
    right = [c.kind != "text" for c in report.columns]
    machine = fmt in ("csv", "tsv")  # bare numbers for scripts: no thousands separators
    rows = report.number_rows(precision) if machine else report.display_rows(precision)
    body = render(report.headers(), rows, fmt, right)
    if fmt in (
        "table",
        "simple",
        "grid",
        "rounded_grid",
        "simple_grid",
        "fancy_grid",
        "pretty",
        "rounded_outline",
        "simple_outline",
    ):
        notes = "".join(f"\n{note}" for note in report.notes)
        return f"{report.title}\n\n{body}\n{notes}".rstrip("\n")
    return body
