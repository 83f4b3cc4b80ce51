"""Reports read from a standby server — a read replica, where a force may point its reporting. The fast
read path cannot export a snapshot there for its second connection, so its two queries share the one
connection; the figures are the primary's. A real standby, streamed from the test server."""

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url

from engage_tui.config import Settings
from engage_tui.service import Service
from tests.conftest import DEMO_ENTRIES, PG_URL, SUPERVISOR

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs a PostgreSQL server (ENGAGE_TEST_PG_URL)")


def _as_owner(command: str) -> None:
    """Run a server command as the account PostgreSQL runs as (it refuses root)."""
    wrapped = (
        ["su", "postgres", "-s", "/bin/sh", "-c", command] if os.geteuid() == 0 else ["sh", "-c", command]
    )
    done = subprocess.run(wrapped, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def standby(demo_store, db_url) -> Iterator[str]:
    """The test's database as a standby of the test server serves it: its URL."""
    if not db_url.startswith("postgresql"):
        pytest.skip("a PostgreSQL standby")
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_basebackup"))
    primary = make_url(PG_URL)
    if not found or primary.host not in ("127.0.0.1", "localhost"):
        pytest.skip("needs the server's own binaries, on this machine")
    binaries, data = found[-1].parent, Path(tempfile.mkdtemp(prefix="engage-standby."))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _as_owner(
        f"{binaries}/pg_basebackup -h {primary.host} -p {primary.port} -U {primary.username} -D {data} "
        "-R -X stream -c fast"
    )
    _as_owner(
        f"{binaries}/pg_ctl -D {data} -l {data}/log -w start "
        f"-o '-k {data} -c listen_addresses=127.0.0.1 -p {port} -c fsync=off'"
    )
    try:
        yield make_url(db_url).set(port=port).render_as_string(hide_password=False)
    finally:
        _as_owner(f"{binaries}/pg_ctl -D {data} -m immediate stop")
        shutil.rmtree(data, ignore_errors=True)


def test_reports_from_a_standby_are_the_primarys(standby, demo_store, db_url, tmp_path):
    replica = Service(Settings(standby, SUPERVISOR, tmp_path))
    monthly = replica.reports.monthly(2017)
    rollup = replica.reports.rollup("area", "quarter", None, True)
    assert replica.reports.export_entries(tmp_path / "replica.csv") == DEMO_ENTRIES
    assert not replica.core.store_open, "read on the fast path"
    primary = Service(Settings(db_url, SUPERVISOR, tmp_path), demo_store)
    assert monthly == primary.reports.monthly(2017)
    assert rollup == primary.reports.rollup("area", "quarter", None, True)
    primary.reports.export_entries(tmp_path / "primary.csv")
    assert (tmp_path / "replica.csv").read_bytes() == (tmp_path / "primary.csv").read_bytes()
