"""PostgreSQL at force scale: `report monthly`, `report rollup --by area --period quarter --fy`,
`export entries` and `import hours` as cold `engage` processes on a local server, each against `psql`
running the same SQL (the statements engage sent, captured once and replayed; the export against
`\\copy (select …) to file csv`; the import against `\\copy` of the same rows, as ids, into the same
schema with its triggers), ours and the floor in turn.

    python benchmarks/bench_pg.py 1000000     # starts a throwaway server, fsync on

The database is the SQLite benchmark database's rows (`generate.py`) copied into `engage init`'s
PostgreSQL schema, triggers off for the copy only. Each import runs on a fresh clone of it.
`ENGAGE_BENCH_PG_URL` uses a server of your own instead (its user must create databases).
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from common import HERE, PY, Row, alternate_processes, db_for, import_file, imported, ratio_row

ROOT = HERE.parent
BATCH, STAMP = 999_999, "2026-12-02 00:00:00+00"
COPIED = ("localities", "areas", "people", "person_jobs", "entries")
WHERE = {"people": " WHERE id > 1", "person_jobs": " WHERE person_id > 1"}
"""`bench`, the supervisor `engage init` makes, and their job: there already."""
REPORTS = {
    "report monthly": ["report", "monthly", "--year", "2023", "--format", "csv"],
    "report rollup --by area --period quarter --fy": [
        "report", "rollup", "--by", "area", "--period", "quarter", "--fy", "--format", "csv",
    ],
}  # fmt: skip
CAPTURE = """
import json, sys
import psycopg
sent = []
execute = psycopg.Cursor.execute

def capture(cursor, query, params=None, **options):
    sent.append(psycopg.ClientCursor(cursor.connection).mogrify(query, params))
    return execute(cursor, query, params, **options)

psycopg.Cursor.execute = capture  # the fast read path's statements, and SQLAlchemy's through psycopg

from engage_tui.cli import main
try:
    main(sys.argv[1:])
finally:
    replayed = [s for s in sent if not s.startswith("SET TRANSACTION SNAPSHOT")]  # its snapshot only
    print("\\n".join(json.dumps(s) for s in replayed), file=sys.stderr)
"""


@contextmanager
def server() -> Iterator[str]:
    """A server to measure on: `ENGAGE_BENCH_PG_URL`, else a throwaway one with fsync on."""
    if os.environ.get("ENGAGE_BENCH_PG_URL"):
        yield os.environ["ENGAGE_BENCH_PG_URL"]
        return
    started = subprocess.run(
        ["bash", str(ROOT / ".ci" / "pg-start")],
        env={**os.environ, "ENGAGE_PG_FSYNC": "on"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    url, data, binaries = started
    try:
        yield url
    finally:
        stop = f"{binaries}/pg_ctl -D {data} -m fast stop"
        subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", stop] if os.getuid() == 0 else stop.split())


def libpq(url: str, database: str | None = None) -> str:
    """The SQLAlchemy URL as psql and psycopg take it, optionally on another database."""
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    return plain if database is None else plain.rsplit("/", 1)[0] + f"/{database}"


def make_database(url: str, size: int) -> str:
    """`engage init` on a new database, then the SQLite benchmark database's rows copied in."""
    name = f"engage_bench_{size}"
    with psycopg.connect(libpq(url), autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return name
        admin.execute(f"CREATE DATABASE {name}_making")
    making = libpq(url, f"{name}_making")
    engage_url = making.replace("postgresql://", "postgresql+psycopg://")
    subprocess.run(
        [PY, "-m", "engage_tui", "--db", engage_url, "--user", "bench", "init"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    source = sqlite3.connect(db_for(size))
    with psycopg.connect(making) as db:
        db.execute("SET session_replication_role = replica")  # the copy only: no triggers, no audit
        for table in COPIED:
            columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
            where = WHERE.get(table, "")
            rows = source.execute(f"SELECT {', '.join(columns)} FROM {table}{where}")
            with db.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    with psycopg.connect(libpq(url), autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {name}_making RENAME TO {name}")
    with psycopg.connect(libpq(url, name), autocommit=True) as db:
        db.execute("VACUUM ANALYZE")
    return name


def engage_on(url: str, *args: str) -> list[str]:
    return [str(Path(PY).with_name("engage")), "--db", url, *args]


def captured(url: str, args: list[str]) -> list[str]:
    """The statements a command sends, with their values in place, for psql to send the same."""
    run = subprocess.run([PY, "-c", CAPTURE, "--db", url, *args], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in run.stderr.splitlines() if line.startswith('"')]


def psql(url: str, *args: str) -> list[str]:
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))
    command = str(binaries[-1]) if binaries else "psql"
    return [command, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-d", url, *args]


def reports(url: str, database: str, runs: int) -> list[Row]:
    engage_url = libpq(url, database).replace("postgresql://", "postgresql+psycopg://")
    rows = []
    for name, args in REPORTS.items():
        statements = captured(engage_url, args)
        script = ";\n".join(statements) + ";\n"
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as sql:
            sql.write(script)
        ours, floor, _, _ = alternate_processes(
            engage_on(engage_url, *args), psql(libpq(url, database), "-f", sql.name), runs
        )
        rows.append(ratio_row(f"PostgreSQL: engage {name} ({len(statements)} statements)", ours, floor, 1.5))
        os.unlink(sql.name)
    return rows


def export(url: str, database: str, runs: int) -> list[Row]:
    """Against `\\copy` of the statement whose rows engage's COPY writes (names escaped, hours
    looked up): the same SQL, the server's CSV straight to a file."""
    from sqlalchemy.dialects import postgresql

    from engage_tui.domain.entry_export import entries_csv_query

    engage_url = libpq(url, database).replace("postgresql://", "postgresql+psycopg://")
    select = entries_csv_query().compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "entries.csv"
        query = str(select).replace("\n", " ")
        floor = psql(
            libpq(url, database), "-c", f"\\copy ({query}) to '{Path(tmp) / 'floor.csv'}' csv header"
        )
        ours, theirs, _, _ = alternate_processes(
            engage_on(engage_url, "export", "entries", "--out", str(out)), floor, runs
        )
    return [ratio_row("PostgreSQL: engage export entries", ours, theirs, 1.5, "s")]


def import_rows(url: str, database: str, size: int, runs: int) -> list[Row]:
    """`imported(size)` rows into the `size`-entry database, each run on a fresh clone of it."""
    count = imported(size)
    source = import_file(count)
    with psycopg.connect(libpq(url, database)) as db:
        people = dict(db.execute("SELECT name, id FROM people").fetchall())
        supervisor = db.execute("SELECT id FROM people WHERE name = 'bench'").fetchone()[0]
    with tempfile.TemporaryDirectory() as tmp:
        as_ids = Path(tmp) / "rows.csv"
        with source.open(newline="") as f, as_ids.open("w", newline="") as out:
            rows = csv.reader(f)
            next(rows)
            write = csv.writer(out).writerow
            for officer, day, category, hours, _area, _aud, _act, notes in rows:
                key = day[:4] + day[5:7]
                write((people[officer], day, key, hours[:-1], category, notes, supervisor, STAMP, BATCH))
        batch = (  # as engage does: a batch in the same transaction, so its rows are audited on it
            "INSERT INTO import_batches (id, kind, source, sha256, rows, imported_by, imported_at) "
            f"VALUES ({BATCH}, 'hours', 'psql', repeat('a', 64), {count}, {supervisor}, now())"
        )
        copy = (
            "\\copy entries (officer_id, date, month_key, minutes, category, notes, created_by, created_at, "
            f"import_id) from '{as_ids}' csv"
        )
        clone = f"{database}_run"

        def fresh() -> None:
            with psycopg.connect(libpq(url), autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {clone}")
                admin.execute(f"CREATE DATABASE {clone} TEMPLATE {database}")

        ours = engage_on(
            libpq(url, clone).replace("postgresql://", "postgresql+psycopg://"),
            "import",
            "hours",
            str(source),
        )
        floor = psql(libpq(url, clone), "-1", "-c", batch, "-c", copy)
        mine, theirs, _, _ = alternate_processes(ours, floor, runs, before=fresh)
        with psycopg.connect(libpq(url), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {clone}")
    return [
        ratio_row(f"PostgreSQL: engage import hours, {count:,} rows into {size:,}", mine, theirs, 1.5, "s")
    ]


def main(size: int, runs: int = 3) -> list[Row]:
    print(f"--- PostgreSQL, {size:,} entries")
    with server() as url:
        database = make_database(url, size)
        return (
            reports(url, database, runs)
            + export(url, database, runs)
            + import_rows(url, database, size, runs)
        )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for arg in sys.argv[1:] or ["100000"]:
        main(int(arg))
