"""Workbooks against CSV: `export monthly` and `export rollup` as XLSX beside the CSV return of the
same report (target: within 1.5×), and `export entries` as XLSX — time beside its CSV, and peak
memory (target: under 150 MB, flat as N grows; a sheet holds at most 1,048,575 entries). The XLSX
and the CSV run in turn.

    python benchmarks/bench_xlsx.py 500000 1000000
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from statistics import median

from common import Row, alternate_processes, db_for, engage, ratio_row


def main(size: int, runs: int = 5) -> list[Row]:
    db = db_for(size)
    print(f"--- {size:,} entries")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, options in (
            ("monthly", ["--year", "2023"]),
            ("rollup", ["--by", "officer", "--period", "month", "--from", "2023"]),
        ):
            command = engage(db, "export", name, *options, "--out")
            workbook, csv, _, _ = alternate_processes(
                [*command, str(Path(tmp) / f"{name}.xlsx")], [*command, str(Path(tmp) / f"{name}.csv")], runs
            )
            rows.append(ratio_row(f"engage export {name} --format xlsx vs csv", workbook, csv, 1.5))
        if size < 1_048_576:
            command = engage(db, "export", "entries", "--out")
            workbook, csv, peak, csv_peak = alternate_processes(
                [*command, str(Path(tmp) / "entries.xlsx")],
                [*command, str(Path(tmp) / "entries.csv")],
                max(1, runs // 3),
            )
            print(
                f"{f'engage export entries, {size:,} rows':<44} xlsx median {median(workbook):.1f} s, "
                f"csv {median(csv):.1f} s ({median(workbook) / median(csv):.1f}x); peak memory xlsx "
                f"{peak:.0f} MB, csv {csv_peak:.0f} MB (target < 150 MB)"
            )
            rows.append(
                Row(
                    "engage export entries --format xlsx vs csv",
                    f"{median(workbook):.1f} s, peak {peak:.0f} MB",
                    f"{median(csv):.1f} s, peak {csv_peak:.0f} MB",
                    median(workbook) / median(csv),
                    "memory < 150 MB",
                )
            )
    return rows


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100000"]:
        main(int(arg))
