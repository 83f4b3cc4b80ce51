"""An import of rows already imported, forced on purpose, says so in its own row.

`import_batches.forced` keeps the reason given with `--force` and `repeats_id` the first import of the
same rows, so the trail holds both however it is written (PostgreSQL's triggers record the row as
stored). The rows' digest is unique only among first imports (a partial index); 0009 kept a forced
repeat apart with a digest of its own (`sha256("<digest> again <n>")`), which this migration turns
back into the rows' digest and a link to the first.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

import hashlib

import sqlalchemy as sa
from alembic import op

from engage_tui.store.migrate import sqlite_triggers_kept

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

FIRSTS = "ux_import_batches_kind_sha256"
FIRSTS_ONLY = sa.text("repeats_id IS NULL")


def _again(digest: str, times: int) -> str:
    """0009's digest of the `times`-th forced repeat of the rows known by `digest`."""
    return hashlib.sha256(f"{digest} again {times}".encode()).hexdigest()


def upgrade() -> None:
    bind = op.get_bind()
    op.execute("ALTER TABLE import_batches ADD COLUMN forced VARCHAR(500)")
    op.execute(
        "ALTER TABLE import_batches ADD COLUMN repeats_id INTEGER "
        "CONSTRAINT fk_import_batches_repeats_id_import_batches REFERENCES import_batches (id)"
    )
    op.drop_index(FIRSTS, table_name="import_batches")
    _link_repeats(bind)
    op.create_index(
        FIRSTS,
        "import_batches",
        ["kind", "sha256"],
        unique=True,
        sqlite_where=FIRSTS_ONLY,
        postgresql_where=FIRSTS_ONLY,
    )
    op.create_index("ix_import_batches_repeats_id", "import_batches", ["repeats_id"])


def _link_repeats(bind: sa.Connection) -> None:
    """Each 0009-style repeat: the first import's digest, and a link to it."""
    batches = bind.execute(sa.text("SELECT id, kind, sha256 FROM import_batches ORDER BY id")).all()
    by_digest = {(b.kind, b.sha256): b.id for b in batches}
    for first in batches:
        times = 1
        while (repeat := by_digest.get((first.kind, _again(first.sha256, times)))) is not None:
            bind.execute(
                sa.text("UPDATE import_batches SET sha256 = :digest, repeats_id = :first WHERE id = :id"),
                {"digest": first.sha256, "first": first.id, "id": repeat},
            )
            times += 1


def downgrade() -> None:
    """Repeats get 0009's digests of their own again; the columns go."""
    bind = op.get_bind()
    op.drop_index("ix_import_batches_repeats_id", table_name="import_batches")
    op.drop_index(FIRSTS, table_name="import_batches")
    repeats = bind.execute(
        sa.text("SELECT id, sha256, repeats_id FROM import_batches WHERE repeats_id IS NOT NULL ORDER BY id")
    ).all()
    counted: dict[int, int] = {}
    for repeat in repeats:
        counted[repeat.repeats_id] = counted.get(repeat.repeats_id, 0) + 1
        bind.execute(
            sa.text("UPDATE import_batches SET sha256 = :digest WHERE id = :id"),
            {"digest": _again(repeat.sha256, counted[repeat.repeats_id]), "id": repeat.id},
        )
    if bind.dialect.name == "sqlite":  # SQLite drops a column with a foreign key only by a copy
        with (
            sqlite_triggers_kept(bind, "import_batches"),
            op.batch_alter_table(
                "import_batches", recreate="always", table_kwargs={"sqlite_autoincrement": True}
            ) as batch,
        ):
            batch.drop_column("repeats_id")
            batch.drop_column("forced")
    else:
        op.drop_column("import_batches", "repeats_id")
        op.drop_column("import_batches", "forced")
    op.create_index(FIRSTS, "import_batches", ["kind", "sha256"], unique=True)
