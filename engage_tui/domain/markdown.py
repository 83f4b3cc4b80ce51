"""Markdown to paste into a Police and Crime Panel report: reports as pipe tables under `##` titles
with their notes.

A cell is escaped so that it stays one cell: a `|` in a name or note would end it and a line break
would end the row, so they are written `\\|` and `<br>`. The command line's `--format markdown` uses
the same escaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engage_tui.domain.tables import Report

PADDED = 40
"""Columns are padded to their longest cell up to this many characters."""


def markdown_cell(value: object) -> object:
    """Text escaped for a Markdown table cell (`|` → `\\|`, a line break → `<br>`); other values as
    they are."""
    if not isinstance(value, str):
        return value
    return value.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def markdown_text(value: str) -> str:
    """Text for one line of Markdown (a title, a table cell, a note), escaped as a cell is."""
    return str(markdown_cell(value))


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """A pipe table, its columns padded so the text reads as a table too (up to a width: a long note
    is not worth a page of spaces); `right` aligns a column (numbers) to the right."""
    cells = [[markdown_text(h) for h in headers], *([markdown_text(c) for c in row] for row in rows)]
    widths = [min(PADDED, max(3, *(len(row[i]) for row in cells))) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        padded = (
            cell.rjust(width) if align else cell.ljust(width)
            for cell, width, align in zip(row, widths, right, strict=True)
        )
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * (w - 1) + ":" if align else "-" * w for w, align in zip(widths, right, strict=True)]
    return "\n".join([line(cells[0]), line(rule), *(line(row) for row in cells[1:])])


def report_markdown(report: Report, precision: int = 0) -> str:
    """A report under a `##` title (its heading: basis and PROVISIONAL included), as a table of the
    cells as people read them, then its notes as a list."""
    table = markdown_table(
        report.headers(), report.display_rows(precision), [c.kind != "text" for c in report.columns]
    )
    notes = "".join(f"\n- {markdown_text(note)}" for note in report.notes)
    return f"## {markdown_text(report.heading())}\n\n{table}\n" + (f"{notes}\n" if notes else "")
