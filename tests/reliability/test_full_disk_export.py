"""An export onto a full disk, on both backends: on a server the entries' CSV is written by the server
and cut short here, on a file by engage's own writer; either way nothing is left half written."""

import pytest

from tests.reliability.surroundings import refused, small_disk


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_onto_a_full_disk_leaves_no_half_file_and_no_traceback(cli, demo_store, tmp_path, suffix):
    """Every entry written out where there is no room: one refusal line, nothing under the name asked
    for (a half return looks whole in a spreadsheet), and nothing printed after it — on a server, a
    CSV's lines written by the server and cut short here."""
    with small_disk(tmp_path / "disk", "64k") as disk:
        out = disk / f"entries{suffix}"
        result = cli("export", "entries", "--out", str(out))
        refused(result, "out: cannot write")
        assert list(disk.iterdir()) == []
