"""The Police and Crime Panel pack: every table a panel report draws on, for one period, as one
workbook (a sheet a table, then the Method sheet) and the same tables as one Markdown document
beside it, ready to paste into the report.

For a period (a calendar or financial year, a quarter or a month): T1 and T2 as of its last day and
the actual cost of its PACT meetings, T3 for its year (financial for a financial period), T4 when two
survey waves are given, hours by area and by locality per month (per quarter over a year), PACT
attendance and the issues raised, events by type and by audience, and the returns of its months.
The caller reads them all in one transaction, so the tables agree with one another.
"""

from __future__ import annotations

import calendar
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from engage_tui.domain.csvfiles import is_workbook
from engage_tui.domain.exports import default_path
from engage_tui.domain.markdown import markdown_table, markdown_text, report_markdown
from engage_tui.domain.method import MethodInfo, Sheets, method_rows
from engage_tui.domain.pact import attendance_mix, pact_actual_cost, pact_areas, pact_attendance, pact_cost
from engage_tui.domain.pact_issues import issues_by_area
from engage_tui.domain.periods import Month, Period, financial_year_of, year_label
from engage_tui.domain.reports import confidence, events_summary, monthly, rollup
from engage_tui.domain.returns import ReturnRow, status, unapproved_months
from engage_tui.domain.tables import Cell, Column, Report, column_total
from engage_tui.domain.workbook import write_workbook
from engage_tui.errors import EngageError

PACK_TITLE = "Police and Crime Panel pack"
RETURN_STATES_SAID = (
    "not started (nothing logged), draft (logged, not submitted), submitted, approved (its figures "
    "frozen), sent back (to the officer, with a reason), reopened (by a supervisor, with a reason)"
)


@dataclass(frozen=True)
class Pack:
    """The pack's tables, in order, as (sheet name, report), and how they were made."""

    period: Period
    sheets: Sheets
    method: MethodInfo


def pack_sheets(
    session: Session, period: Period, baseline: str | None = None, compared: str | None = None
) -> list[tuple[str, Report]]:
    """Every table of the pack for `period`, read in the caller's one transaction; T4 only when both
    survey waves are given."""
    if (baseline is None) != (compared is None):
        missing = "compare" if compared is None else "baseline"
        raise EngageError(
            f"{missing}: T4 compares two survey periods; give --baseline and --compare together",
            field=missing,
        )
    start, end = period.start, period.end
    per = "quarter" if period.kind == "year" else "month"
    sheets = [
        ("T1 PACT meetings by area", pact_areas(session, end)),
        ("T2 PACT cost a year", pact_cost(session, end, mix=attendance_mix(session, start, end))),
        ("T2 PACT actual cost", pact_actual_cost(session, start, end)),
    ]
    sheets += [
        (f"T3 hours {year_label(year, period.fy).replace('/', '-')}", monthly(session, year, period.fy))
        for year in t3_years(period)
    ]
    if baseline is not None and compared is not None:
        sheets.append(("T4 confidence", confidence(session, baseline, compared, wide=True)))
    sheets += [
        ("Hours by area", rollup(session, "area", per, start, end, period.fy)),
        ("Hours by locality", rollup(session, "locality", per, start, end, period.fy)),
        ("PACT attendance", pact_attendance(session, start, end)),
        ("PACT issues", issues_by_area(session, "area", start, end)),
        ("Events by type", events_summary(session, "type", start, end)),
        ("Events by audience", events_summary(session, "audience", start, end)),
        ("Returns", returns_report(session, period)),
    ]
    return sheets


def t3_years(period: Period) -> list[int]:
    """The years T3 is shown for: financial ones for a financial period, else calendar ones."""
    years = (financial_year_of(m.first_day) if period.fy else m.year for m in period.months())
    return list(dict.fromkeys(years))


def returns_report(session: Session, period: Period) -> Report:
    """The monthly returns of the period: a row per officer, their state in each month, how many
    months are approved and the hours logged; TOTAL says how many are approved each month."""
    months = period.months()
    states: dict[str, dict[Month, ReturnRow]] = {}
    for month in months:
        for row in status(session, month):
            states.setdefault(row.officer, {})[month] = row
    rows: list[list[Cell]] = []
    for officer in sorted(states, key=str.lower):
        held = states[officer]
        logged = [r.minutes for r in held.values() if r.minutes]
        rows.append(
            [
                officer,
                *(held[m].state if m in held else None for m in months),
                sum(r.state == "approved" for r in held.values()),
                sum(logged) if logged else None,
            ]
        )
    approved = [sum(states[o][m].state == "approved" for o in states if m in states[o]) for m in months]
    expected = [sum(m in states[o] for o in states) for m in months]
    rows.append(
        [
            "TOTAL",
            *(f"{a} of {e}" for a, e in zip(approved, expected, strict=True)),
            sum(approved),
            column_total([r[-1] for r in rows]),
        ]
    )
    pending = unapproved_months(session, months[0], months[-1])
    notes = [
        f"{pending} officer-month(s) with hours are not yet approved: their figures may still change"
        if pending
        else "every officer-month with hours is approved",
        f"states: {RETURN_STATES_SAID}",
        "TOTAL: in each month, how many of the officers listed are approved",
    ]
    return Report(
        name="returns",
        title=f"Monthly returns by officer, {period.label}",
        columns=[
            Column("Officer"),
            *(Column(f"{calendar.month_abbr[m.month]} {m.year}") for m in months),
            Column("Months approved", "count"),
            Column("Hours logged", "hours"),
        ],
        rows=rows,
        period=period.label.replace("/", "-").replace(" ", "-"),
        notes=notes,
    )


def parse_comparison(text: str, known: Sequence[str]) -> tuple[str, str] | None:
    """`BASELINE, COMPARE` — two of the `known` survey periods (ignoring case) — or None when blank
    (no T4). A period whose name holds a comma still splits right: each way of cutting is tried."""
    if not text.strip():
        return None
    names = {name.lower(): name for name in known}
    for at in (i for i, c in enumerate(text) if c == ","):
        baseline, compared = text[:at].strip().lower(), text[at + 1 :].strip().lower()
        if baseline in names and compared in names:
            return names[baseline], names[compared]
    raise EngageError(
        f"survey: give two survey periods as BASELINE, COMPARE from: {', '.join(known) or 'none yet'}; "
        "or leave it empty for no T4",
        field="survey",
    )


def pack_rules(period: Period) -> tuple[str, ...]:
    """What the whole pack rests on, for its Method sheet."""
    years = ", ".join(year_label(y, period.fy) for y in t3_years(period))
    return (
        f"every table covers {period.label} ({period.start} to {period.end}) except T1 and T2 "
        f"(the PACT register and the rates as of {period.end}), T3 (the whole of {years}) and T4 "
        "(the two survey periods compared)",
        "the tables were read in one transaction: they are figures of one moment and agree with one another",
    )


def pack_path(exports_dir: Path, period: Period, now: datetime | None = None) -> Path:
    """`exports/panel-pack-2021-22-20261123-231500.xlsx`: what, which period, and when."""
    return default_path(exports_dir, "panel-pack", period.label, now, suffix=".xlsx")


def markdown_of(pack: Pack, precision: int = 0) -> str:
    """The pack as one Markdown document: its title, each table under its own `##` title with its
    notes, then how the figures were made."""
    period = pack.period
    intro = (
        f"# {PACK_TITLE}: {markdown_text(period.label)}\n\n"
        f"{period.start} to {period.end}; T1 and T2 as of {period.end}. Hours are "
        f"{'whole hours' if precision == 0 else f'shown to {precision} decimal places'}, rounded half "
        "up; every total is computed from the exact minutes, so the rounded cells need not add up "
        "to it.\n"
    )
    method = markdown_table(
        ["Item", "How the figures were made"],
        method_rows(pack.method, pack.sheets, precision),
        [False, False],
    )
    tables = [report_markdown(report, precision) for _, report in pack.sheets]
    return "\n".join([intro, *tables, f"## Method\n\n{method}\n"])


def write_pack(pack: Pack, path: Path, precision: int = 0) -> tuple[Path, Path]:
    """The workbook at `path` (ending .xlsx) and the Markdown beside it (`path` with .md), each
    written under a temporary name and renamed when complete; returns both paths."""
    if not is_workbook(path):
        raise EngageError(
            f"out: {path.name} does not end .xlsx; the pack is a workbook (its Markdown goes beside it)",
            field="out",
        )
    markdown = path.with_suffix(".md")
    partial = markdown.with_name(f".{markdown.name}.part")
    text = markdown_of(pack, precision)
    try:
        markdown.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        write_workbook(path, pack.sheets, pack.method, precision)
        os.replace(partial, markdown)
    except OSError as error:
        raise EngageError(f"out: cannot write {markdown}: {error.strerror or error}", field="out") from None
    finally:
        partial.unlink(missing_ok=True)
    return path, markdown
