"""Printed tables keep the promises exported files keep: CSV and TSV on stdout escape formula starts
(they are redirected into files a spreadsheet opens), Markdown tables escape `|` and line breaks."""

import pytest

from engage_tui.cli.output import render, render_report
from engage_tui.domain.tables import Column, Report

NOTES = Report(
    "notes",
    "Notes",
    [Column("Note"), Column("Minutes", "hours")],
    [["=1+1", 60], ['=HYPERLINK("http://example.com")', 30], ["a | b\nnext line", 90], ["0012345", 20]],
)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_spreadsheet_formats_on_stdout_escape_formula_starts(fmt):
    text = render_report(NOTES, fmt)
    assert "'=1+1" in text and "'=HYPERLINK(" in text
    assert "0012345" in text and "'0012345" not in text  # only formula starts are escaped
    assert render(["=head"], [["-Huw"]], fmt).splitlines()[1].startswith("'-Huw")


@pytest.mark.parametrize("fmt", ["markdown", "github", "pipe"])
def test_markdown_escapes_pipes_and_line_breaks_so_a_note_stays_in_its_cell(fmt):
    lines = render_report(NOTES, fmt).splitlines()
    assert len(lines) == 2 + len(NOTES.rows)
    assert r"a \| b<br>next line" in lines[4]
    assert all(line.count("|") - line.count(r"\|") == 3 for line in lines)


def test_tables_for_people_are_not_escaped():
    assert "=1+1" in render_report(NOTES, "table") and "'=1+1" not in render_report(NOTES, "table")
