"""`engage pack`: the panel pack from the command line, as a script would run it, and opened in
LibreOffice where it is installed."""

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest


def _written(out: str) -> list[Path]:
    return [Path(line.removeprefix("wrote ").split(" (")[0]) for line in out.splitlines()]


def test_pack_into_a_folder_writes_the_workbook_and_its_markdown(cli, demo_store, tmp_path):
    folder = tmp_path / "panel"
    folder.mkdir()
    done = cli("pack", "--period", "2017", "--out", f"{folder}/")
    assert done.code == 0, done.err
    workbook, markdown = _written(done.out)
    assert workbook.parent == folder and workbook.name.startswith("panel-pack-2017-")
    assert workbook.suffix == ".xlsx" and markdown == workbook.with_suffix(".md")
    assert sorted(p.name for p in folder.iterdir()) == sorted([workbook.name, markdown.name])
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames[3] == "T3 hours 2017" and book.sheetnames[-1] == "Method"
    assert "## Cohesion officers' monthly engagement hours, 2017" in markdown.read_text(encoding="utf-8")


def test_pack_by_default_into_the_exports_folder_with_t4(cli, demo_store, tmp_path):
    done = cli("pack", "--period", "2021-22", "--baseline", "Baseline", "--compare", "2013-14 Q1")
    assert done.code == 0, done.err
    workbook, _ = _written(done.out)
    assert workbook.parent == tmp_path / "exports" and workbook.name.startswith("panel-pack-2021-22-")
    assert "T4 confidence" in openpyxl.load_workbook(workbook).sheetnames
    named = cli("pack", "--period", "Q4 2017/18", "--out", str(tmp_path / "q4.xlsx"))
    assert named.code == 0 and _written(named.out) == [tmp_path / "q4.xlsx", tmp_path / "q4.md"]


@pytest.mark.parametrize(
    "argv, error",
    [
        (["--period", "2017-13"], "error: period: '2017-13' is neither a month"),
        (["--period", "next year"], "error: period: 'next year' is not a period"),
        (["--period", "2017", "--out", "missing/"], "error: out: there is no folder missing"),
        (["--period", "2017", "--out", "pack.csv"], "error: out: pack.csv does not end .xlsx"),
        (["--period", "2017", "--baseline", "Baseline"], "error: compare: T4 compares two survey periods"),
        (["--period", "2017", "--baseline", "x", "--compare", "Baseline"], "error: baseline: unknown survey"),
    ],
)
def test_pack_refusals_are_one_error_line_and_write_nothing(cli, demo_store, tmp_path, argv, error):
    done = cli("pack", *argv)
    assert done.code == 1 and done.err.startswith(error) and len(done.err.splitlines()) == 1, done.err
    assert not (tmp_path / "exports").exists() and not list(tmp_path.glob("*.xlsx"))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_pack_and_shows_the_printed_figures(cli, demo_store, tmp_path):
    assert cli("pack", "--period", "2017", "--out", str(tmp_path / "pack.xlsx")).code == 0
    every_sheet_as_shown = "44,34,76,1,,0,false,true,true,false,false,-1"  # UTF-8, one CSV a sheet
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{every_sheet_as_shown}",
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "pack.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )

    def sheet(name: str) -> list[str]:
        return (tmp_path / "out" / f"pack-{name}.csv").read_text(encoding="utf-8").splitlines()

    t3 = sheet("T3 hours 2017")
    assert t3[2] == "January,246,32" and t3[14] == "TOTAL,2350,196"
    assert "TOTAL,88,2" in sheet("T1 PACT meetings by area")
    assert any(line.startswith("Rule,") and "2350" in line for line in sheet("Method"))
