"""Printed tables keep the promises exported files keep: CSV and TSV on stdout escape formula starts
(they are redirected into files a spreadsheet opens), Markdown tables escape `|` and line breaks; and
every format says PROVISIONAL before the first row where not every month counted is approved."""

import csv
import io

import pytest

from engage_tui.cli.output import FORMATS, render, render_report
from engage_tui.domain.tables import PROVISIONAL, Column, Report

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


def test_tsv_keeps_a_note_with_a_tab_or_a_line_break_in_its_cell():
    """A TSV row is one row however its note is written (quoted, as a CSV reader reads it), and
    cells are not padded."""
    text = render(["who", "note", "hours"], [["Ann", "a\tb\nline2", "1.12"]], "tsv")
    assert list(csv.reader(io.StringIO(text), delimiter="\t")) == [
        ["who", "note", "hours"],
        ["Ann", "a\tb\nline2", "1.12"],
    ]


@pytest.mark.parametrize("fmt", ["markdown", "github", "pipe"])
def test_markdown_escapes_pipes_and_line_breaks_so_a_note_stays_in_its_cell(fmt):
    heading, table = render_report(NOTES, fmt).split("\n\n")
    assert heading == "## Notes"
    lines = table.splitlines()
    assert len(lines) == 2 + len(NOTES.rows)
    assert r"a \| b<br>next line" in lines[4]
    assert all(line.count("|") - line.count(r"\|") == 3 for line in lines)


def test_tables_for_people_are_not_escaped():
    assert "=1+1" in render_report(NOTES, "table") and "'=1+1" not in render_report(NOTES, "table")


PENDING = Report(
    "annual",
    "Hours of Ōtaki & <Brancepeth> | 100%_#1",
    [Column("Year"), Column("Hours", "hours")],
    [["2017", 600], ["TOTAL", 600]],
    notes=["PROVISIONAL: 2 officer-month(s) with hours are not yet approved (2017)", "a second note"],
    unapproved=2,
)
PEOPLE_FORMATS = [f for f in FORMATS if f not in ("csv", "tsv")]


@pytest.mark.parametrize("fmt", PEOPLE_FORMATS)
def test_every_format_for_people_prints_the_title_and_notes_above_the_table(fmt):
    text = render_report(PENDING, fmt)
    first_row = text.index("2017", text.index("Year"))  # the table starts with its header, then 2017
    before = text[: text.index("Year")]
    assert "PROVISIONAL — Hours of" in before and "2 officer-month(s)" in before and "a second note" in before
    assert before.index("PROVISIONAL") < before.index("a second note") < first_row
    assert "PROVISIONAL" not in render_report(NOTES, fmt)  # nothing pending, no mark


@pytest.mark.parametrize(
    "fmt, title",
    [
        ("table", "PROVISIONAL — Hours of Ōtaki & <Brancepeth> | 100%_#1"),
        ("markdown", r"## PROVISIONAL — Hours of Ōtaki & <Brancepeth> \| 100%_#1"),
        ("github", r"## PROVISIONAL — Hours of Ōtaki & <Brancepeth> \| 100%_#1"),
        ("html", "<h2>PROVISIONAL — Hours of Ōtaki &amp; &lt;Brancepeth&gt; | 100%_#1</h2>"),
        ("unsafehtml", "<h2>PROVISIONAL — Hours of Ōtaki &amp; &lt;Brancepeth&gt; | 100%_#1</h2>"),
        ("latex", r"\noindent\textbf{PROVISIONAL — Hours of Ōtaki \& <Brancepeth> | 100\%\_\#1}\par"),
        (
            "latex_booktabs",
            r"\noindent\textbf{PROVISIONAL — Hours of Ōtaki \& <Brancepeth> | 100\%\_\#1}\par",
        ),
    ],
)
def test_the_title_is_written_in_the_formats_own_markup(fmt, title):
    assert render_report(PENDING, fmt).splitlines()[0] == title


@pytest.mark.parametrize("fmt, sep", [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_say_provisional_in_the_first_header_and_nothing_above_it(fmt, sep):
    def cells(report: Report) -> list[list[str]]:
        return [[c.strip() for c in line.split(sep)] for line in render_report(report, fmt).splitlines()]

    assert cells(PENDING) == [[f"Year [{PROVISIONAL}]", "Hours"], ["2017", "10"], ["TOTAL", "10"]]
    assert cells(NOTES)[0] == ["Note", "Minutes"]
