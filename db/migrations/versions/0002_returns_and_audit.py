"""Monthly returns and the audit trail, with the triggers that guard them.

An approved officer-month refuses any change to its entries (the domain checks first; the trigger is
the second line of defence), and the audit trail refuses update and delete.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "returns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("community_minutes", sa.Integer(), nullable=True),
        sa.Column("cyp_minutes", sa.Integer(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('draft', 'submitted', 'approved', 'sent back', 'reopened')",
            name=op.f("ck_returns_state"),
        ),
        sa.ForeignKeyConstraint(["officer_id"], ["people.id"], name=op.f("fk_returns_officer_id_people")),
        sa.ForeignKeyConstraint(["updated_by"], ["people.id"], name=op.f("fk_returns_updated_by_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_returns")),
        sa.UniqueConstraint("officer_id", "month_key", name=op.f("uq_returns_officer_id_month_key")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


FROZEN = (
    "EXISTS (SELECT 1 FROM returns WHERE returns.officer_id = {row}.officer_id "
    "AND returns.month_key = {row}.month_key AND returns.state = 'approved')"
)


def _sqlite_triggers() -> None:
    refuse = "BEGIN SELECT RAISE(ABORT, '{}'); END"
    frozen = refuse.format("entries of an approved month are frozen; a supervisor must reopen it")
    op.execute(
        f"CREATE TRIGGER entries_frozen_insert BEFORE INSERT ON entries "
        f"WHEN {FROZEN.format(row='NEW')} {frozen}"
    )
    op.execute(
        f"CREATE TRIGGER entries_frozen_update BEFORE UPDATE ON entries "
        f"WHEN {FROZEN.format(row='OLD')} OR {FROZEN.format(row='NEW')} {frozen}"
    )
    op.execute(
        f"CREATE TRIGGER entries_frozen_delete BEFORE DELETE ON entries "
        f"WHEN {FROZEN.format(row='OLD')} {frozen}"
    )
    append_only = refuse.format("the audit trail is append-only")
    op.execute(f"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log {append_only}")
    op.execute(f"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log {append_only}")


def _postgresql_triggers() -> None:
    op.execute(f"""
        CREATE FUNCTION entries_frozen() RETURNS trigger AS $$
        BEGIN
          IF (TG_OP <> 'INSERT' AND {FROZEN.format(row="OLD")})
             OR (TG_OP <> 'DELETE' AND {FROZEN.format(row="NEW")}) THEN
            RAISE EXCEPTION 'entries of an approved month are frozen; a supervisor must reopen it';
          END IF;
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$ LANGUAGE plpgsql""")
    op.execute(
        "CREATE TRIGGER entries_frozen BEFORE INSERT OR UPDATE OR DELETE ON entries "
        "FOR EACH ROW EXECUTE FUNCTION entries_frozen()"
    )
    op.execute("""
        CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$ LANGUAGE plpgsql""")
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER entries_frozen ON entries")
        op.execute("DROP FUNCTION entries_frozen()")
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    else:
        for name in (
            "entries_frozen_insert",
            "entries_frozen_update",
            "entries_frozen_delete",
            "audit_log_no_update",
            "audit_log_no_delete",
        ):
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("returns")
    op.drop_table("audit_log")
