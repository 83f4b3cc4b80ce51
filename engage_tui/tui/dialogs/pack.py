"""The panel pack from the palette (`export: panel pack…`): two questions, keyboard first — the period
(the current financial year offered) and the two survey periods T4 compares (the first and the latest
offered; empty for no T4) — then the pack is written in a thread and a notification says where."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from engage_tui.domain.pack import pack_path, parse_comparison, write_pack
from engage_tui.domain.periods import Month, Period, parse_period, period_of
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.work import Calls

PERIOD_QUESTION = "Panel pack for which period? (2017, 2021/22, Q1 2021/22, 2017-10)"


def export_pack(screen: Calls) -> None:
    """Ask, write and say where; `screen` runs the work (its threads deliver back to it)."""
    today = screen.engage.settings.today()
    current = period_of(Month.of(today), "year", fy=True).label

    def period_given(answer: str | None) -> None:
        if answer:
            period = parse_period(answer)
            known = screen.engage.service.survey.periods
            screen.call(known, lambda waves: _ask_survey(screen, period, waves), group="pack")

    screen.app.push_screen(Ask(PERIOD_QUESTION, current, parse_period), period_given)


def _ask_survey(screen: Calls, period: Period, known: Sequence[str]) -> None:
    """The T4 question, skipped when there is no survey to compare."""
    if not known:
        _write(screen, period, None)
        return

    def given(answer: str | None) -> None:
        if answer is not None:  # escape: no pack
            _write(screen, period, parse_comparison(answer, known))

    offered = f"{known[0]}, {known[-1]}" if len(known) > 1 else ""
    question = (
        f"T4 of {period.label}: the survey periods to compare, as BASELINE, COMPARE "
        f"(empty for no T4). Known: {', '.join(known)}"
    )
    screen.app.push_screen(Ask(question, offered, lambda text: parse_comparison(text, known)), given)


def _write(screen: Calls, period: Period, comparison: tuple[str, str] | None) -> None:
    path = pack_path(screen.engage.settings.exports_dir, period)
    reports = screen.engage.service.reports
    baseline, compared = comparison or (None, None)

    def done(written: tuple[Path, Path]) -> None:
        workbook, markdown = written
        screen.notify(
            f"Wrote {workbook} and, beside it, {markdown.name}",
            title=f"Panel pack {period.label}",
            markup=False,
            timeout=10,
        )

    screen.notify(f"Writing the panel pack for {period.label}…", markup=False, timeout=3)
    screen.call(lambda: write_pack(reports.pack(period, baseline, compared), path), done, load=False)
