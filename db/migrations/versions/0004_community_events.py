"""Community events, their audiences, and entries linked to the event they came from.

The new column is added in place (not with a batch copy of `entries`), so the frozen-month triggers
on `entries` stay as they are.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from engage_tui.store.migrate import sqlite_triggers_kept

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("type_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("partners", sa.Text(), nullable=False),
        sa.Column("reached", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("reached IS NULL OR reached >= 0", name=op.f("ck_events_reached")),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], name=op.f("fk_events_area_id_areas")),
        sa.ForeignKeyConstraint(["created_by"], ["people.id"], name=op.f("fk_events_created_by_people")),
        sa.ForeignKeyConstraint(["type_id"], ["terms.id"], name=op.f("fk_events_type_id_terms")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_table(
        "event_audiences",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_audiences_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["term_id"], ["terms.id"], name=op.f("fk_event_audiences_term_id_terms")),
        sa.PrimaryKeyConstraint("event_id", "term_id", name=op.f("pk_event_audiences")),
    )
    if op.get_bind().dialect.name == "sqlite":  # SQLite adds a referencing column only in plain SQL
        op.execute(
            "ALTER TABLE entries ADD COLUMN event_id INTEGER "
            "CONSTRAINT fk_entries_event_id_events REFERENCES events (id)"
        )
    else:
        op.add_column("entries", sa.Column("event_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_entries_event_id_events", "entries", "events", ["event_id"], ["id"])
    op.create_index("ix_entries_event_id", "entries", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_entries_event_id", "entries")
    if op.get_bind().dialect.name == "sqlite":  # only a copy of the table drops a referencing column
        with sqlite_triggers_kept(op.get_bind(), "entries"):
            with op.batch_alter_table("entries", recreate="always") as batch_op:
                batch_op.drop_column("event_id")
    else:
        op.drop_constraint("fk_entries_event_id_events", "entries", type_="foreignkey")
        op.drop_column("entries", "event_id")

    op.drop_table("event_audiences")
    op.drop_table("events")
