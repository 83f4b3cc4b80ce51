"""Printing tables: tabulate for people, CSV for scripts, from the same plain rows.

Printed CSV is redirected into files that a spreadsheet opens, so its cells are escaped as exported
files are (`=1+1` does not run); Markdown tables escape `|` and line breaks, which would end a cell.

A report in any format says what it is and whether it is PROVISIONAL before its first row: the
formats people read print the title (PROVISIONAL first) and the notes above the table, in the
format's own markup where it has one; CSV and TSV, read by scripts, say PROVISIONAL in the first
header, as a CSV return does.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from engage_tui.domain.csvfiles import escape_cell
from engage_tui.domain.markdown import markdown_cell, markdown_text
from engage_tui.domain.tables import PROVISIONAL

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
    if fmt in MACHINE_FORMATS:  # quoted where a cell holds a tab, a quote or a line break
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
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


MACHINE_FORMATS = ("csv", "tsv")
"""Read by scripts: bare numbers (no thousands separators), no lines above the header row."""


def render_report(report: Report, fmt: str, precision: int = 0) -> str:
    """A report in `fmt`: for scripts (CSV, TSV) its header row, PROVISIONAL in the first header where
    it applies, then its rows; for people its title (PROVISIONAL first) and notes, then the table."""
    right = [c.kind != "text" for c in report.columns]
    headers = report.headers()
    if fmt in MACHINE_FORMATS:
        if report.provisional:
            headers[0] += f" [{PROVISIONAL}]"
        return render(headers, report.number_rows(precision), fmt, right)
    body = render(headers, report.display_rows(precision), fmt, right)
    return f"{_preamble(report, fmt)}\n\n{body}"


def _preamble(report: Report, fmt: str) -> str:
    """The title and notes above the table, in the markup of `fmt` where it has one, so that the page
    it is pasted into shows them (and text in them stays text)."""
    title, notes = report.banner(), report.notes
    if fmt in ("markdown", "github", "pipe"):
        lines = [
            f"## {markdown_text(title)}",
            *([""] * bool(notes)),
            *(f"- {markdown_text(n)}" for n in notes),
        ]
    elif fmt in ("html", "unsafehtml"):
        lines = [f"<h2>{html.escape(title)}</h2>", *(f"<p>{html.escape(n)}</p>" for n in notes)]
    elif fmt.startswith("latex"):
        lines = [
            f"\\noindent\\textbf{{{_latex(title)}}}\\par",
            *(f"\\noindent {_latex(n)}\\par" for n in notes),
        ]
    else:
        lines = [title, *notes]
    return "\n".join(lines)


_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _latex(text: str) -> str:
    """Text as LaTeX prints it: its special characters escaped."""
    return "".join(_LATEX.get(c, c) for c in text)
