"""Jobs, names in any alphabet, and ids never given twice.

- `person_jobs`: what each person does, from a day (co, pcso, pc, sergeant, inspector, staff). Everyone
  gets a job from the beginning: supervisors `sergeant`, officers `co` (cohesion officer), as `officer
  add` gives them by default.
- `name_key` beside every name people match (people, areas, localities, vocabularies, survey variables
  and periods, PACT series): NFKC, case folded, invisible characters dropped, spaces tidied — and the
  unique indexes on it replace those on SQLite's ASCII-only `lower(name)`. Two names that now share a
  key are named on the console and the later one's key is made unique by its id, instead of failing.
- On SQLite every audited table is rebuilt with AUTOINCREMENT, so a deleted row's id is never given to
  a new row (the audit trail names rows by id); PostgreSQL's sequences never reuse one already.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from engage_tui.store.keys import name_key
from engage_tui.store.migrate import sqlite_triggers_kept

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

KEYED = {
    "localities": ("name",),
    "areas": ("name",),
    "people": ("name",),
    "terms": ("kind", "name"),
    "issue_terms": ("kind", "name"),
    "survey_variables": ("name",),
    "survey_periods": ("label",),
    "pact_series": ("name",),
}
"""Each table with a key: the columns that must be unique together, the name last."""
OLD_INDEXES = {
    "localities": "ux_localities_name",
    "areas": "ux_areas_name",
    "people": "ux_people_name",
    "terms": "ux_terms_kind_name",
    "issue_terms": "ux_issue_terms_kind_name",
    "survey_variables": "ux_survey_variables_name",
    "survey_periods": "ux_survey_periods_label",
    "pact_series": "ux_pact_series_name",
}
AUDITED = (
    "localities",
    "areas",
    "people",
    "terms",
    "issue_terms",
    "import_batches",
    "entries",
    "returns",
    "audit_log",
    "survey_variables",
    "survey_periods",
    "survey_scores",
    "events",
    "pact_series",
    "pact_meetings",
    "pact_issues",
    "settings",
)


def upgrade() -> None:
    bind = op.get_bind()
    for table, index in OLD_INDEXES.items():
        op.drop_index(index, table_name=table)
    op.drop_index("ux_people_login", table_name="people")
    for table, columns in KEYED.items():
        op.add_column(table, sa.Column("name_key", sa.String(length=120), nullable=True))
        _fill_keys(bind, table, columns)
    if bind.dialect.name == "sqlite":
        _rebuild_with_autoincrement(bind)
    else:
        for table in KEYED:
            op.alter_column(table, "name_key", nullable=False)
    for table, columns in KEYED.items():
        keys = [*columns[:-1], "name_key"]
        op.create_index(f"ux_{table}_{'_'.join(keys)}", table, keys, unique=True)
    op.create_index("ux_people_login", "people", [sa.text("lower(login)")], unique=True)
    _jobs(bind)


def _jobs(bind: sa.Connection) -> None:
    op.create_table(
        "person_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(length=16), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "job IN ('co', 'pcso', 'pc', 'sergeant', 'inspector', 'staff')", name=op.f("ck_person_jobs_job")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_person_jobs_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_jobs")),
        sa.UniqueConstraint(
            "person_id", "effective_from", name=op.f("uq_person_jobs_person_id_effective_from")
        ),
        sqlite_autoincrement=True,
    )
    bind.execute(
        sa.text(
            "INSERT INTO person_jobs (person_id, job, effective_from) "
            "SELECT id, CASE WHEN role = 'supervisor' THEN 'sergeant' ELSE 'co' END, '1900-01-01' FROM people"
        )
    )
    if bind.dialect.name == "postgresql":  # the server's rules and trail cover the new table too
        op.execute("GRANT INSERT, UPDATE ON person_jobs TO engage_supervisor")
        op.execute(
            "CREATE TRIGGER person_jobs_audit AFTER INSERT OR UPDATE OR DELETE ON person_jobs "
            "FOR EACH ROW EXECUTE FUNCTION engage_audit()"
        )


def _fill_keys(bind: sa.Connection, table: str, columns: tuple[str, ...]) -> None:
    """Each row's key; a row whose key another already has keeps its name, with its id in its key."""
    *scope, name = columns
    taken: set[tuple[str, ...]] = set()
    rows = bind.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY id")).all()
    for row in rows:
        key = name_key(getattr(row, name))
        together = (*(getattr(row, c) for c in scope), key)
        if together in taken:
            print(
                f"engage: {table} {row.id} ({getattr(row, name)!r}) has the same name as an earlier row "
                "once case and accents are set aside; rename one of them"
            )
            key = f"{key} #{row.id}"
        taken.add((*together[:-1], key))
        bind.execute(
            sa.text(f"UPDATE {table} SET name_key = :key WHERE id = :id"), {"key": key, "id": row.id}
        )


def _rebuild_with_autoincrement(bind: sa.Connection) -> None:
    """Each audited table copied into one with AUTOINCREMENT, its triggers kept (foreign keys are off
    while a migration runs on SQLite, and checked before it commits)."""
    bind.execute(sa.text("PRAGMA legacy_alter_table = ON"))  # a trigger naming a table mid-copy is fine
    for table in AUDITED:
        with (
            sqlite_triggers_kept(bind, table),
            op.batch_alter_table(
                table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
            ) as batch,
        ):
            if table in KEYED:
                batch.alter_column("name_key", existing_type=sa.String(length=120), nullable=False)
    bind.execute(sa.text("PRAGMA legacy_alter_table = OFF"))


def downgrade() -> None:
    """Jobs and keys go; ids stay never reused (AUTOINCREMENT is harmless to 0008)."""
    op.drop_table("person_jobs")
    op.drop_index("ux_people_login", table_name="people")
    for table, columns in KEYED.items():
        op.drop_index(f"ux_{table}_{'_'.join([*columns[:-1], 'name_key'])}", table_name=table)
        op.execute(f"ALTER TABLE {table} DROP COLUMN name_key")
    for table, index in OLD_INDEXES.items():
        *scope, name = KEYED[table]
        op.create_index(index, table, [*scope, sa.text(f"lower({name})")], unique=True)
    op.create_index("ux_people_login", "people", [sa.text("lower(login)")], unique=True)
