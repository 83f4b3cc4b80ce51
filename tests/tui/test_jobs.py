"""Whose hours the report screens count: `j` on Monthly hours, Rollups and Annual chooses a job (or
everyone's, or on Annual a column per job), the title says whose, and the figures are the command
line's for the same choice."""

import pytest
from textual.widgets import DataTable, Static

from engage_tui.tui.dialogs.pick import Pick
from engage_tui.tui.screens.annual import AnnualScreen
from engage_tui.tui.screens.monthly import MonthlyScreen
from engage_tui.tui.screens.rollups import RollupsScreen
from tests.tui.conftest import settle


def _rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def _pick(pilot, typed: str) -> None:
    await pilot.press("j")
    await settle(pilot)
    assert isinstance(pilot.app.screen, Pick)
    await pilot.press(*typed, "enter")
    await settle(pilot)


def _cli_rows(cli, *args: str) -> list[list[str]]:
    shown = cli("report", *args, "--format", "csv").out.splitlines()
    return [line.split(",") for line in shown[1:]]


async def test_monthly_hours_of_pcsos_are_the_command_lines(demo_app, cli):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MonthlyScreen)
        await _pick(pilot, "pcso")
        title = str(pilot.app.screen.query_one("#report-title", Static).content)
        assert "PCSOs' monthly engagement hours, 2017" in title
        shown = _rows(pilot.app.screen.query_one("#t3", DataTable))
    expected = _cli_rows(cli, "monthly", "--year", "2017", "--job", "pcso")
    assert shown[-1] == expected[-1] and shown[-1][0] == "TOTAL"
    assert shown[-1][1:] != ["2350", "196"] and shown[-1][1] not in ("", "0")


@pytest.mark.on_server
async def test_annual_everyone_and_a_column_per_job(demo_app, cli):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AnnualScreen)
        await _pick(pilot, "everyone")
        everyone = _rows(pilot.app.screen.query_one("#annual", DataTable))
        assert str(pilot.app.screen.query_one("#annual-title", Static).content).endswith(
            "Everyone's engagement hours by calendar year"
        )
        await _pick(pilot, "column")
        table = pilot.app.screen.query_one("#annual", DataTable)
        headers = [str(c.label) for c in table.columns.values()]
        by_job = _rows(table)
    assert everyone == _cli_rows(cli, "annual", "--job", "all")
    assert headers[:3] == ["Year", "Cohesion officers (Hours)", "PCSOs (Hours)"]
    assert by_job == _cli_rows(cli, "annual", "--by", "job")


async def test_rollups_of_everyone_include_the_neighbourhood_officers(demo_app, cli):
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RollupsScreen)
        officers = {row[0] for row in _rows(pilot.app.screen.query_one("#pivot", DataTable))}
        await _pick(pilot, "every")
        everyone = {row[0] for row in _rows(pilot.app.screen.query_one("#pivot", DataTable))}
        title = str(pilot.app.screen.query_one("#rollup-title", Static).content)
    assert "Jo Armstrong" not in officers and "Amira Khan" in officers  # a PCSO, a cohesion officer
    assert {"Jo Armstrong", "Amira Khan"} <= everyone and "Everyone's hours" in title
