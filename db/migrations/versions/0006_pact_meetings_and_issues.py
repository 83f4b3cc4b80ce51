"""PACT meetings (attendance, cancellations), the rank each officer attended in, the issues raised
and their follow-up, their vocabularies, a schedule for each series, and entries linked to the meeting
they came from.

`entries.pact_meeting_id` is added in place (not with a batch copy of `entries`), so the frozen-month
triggers on `entries` stay as they are.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from engage_tui.store.migrate import sqlite_triggers_kept

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("pact_series", sa.Column("schedule", sa.String(length=40), nullable=True))
    op.create_table(
        "pact_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("public", sa.Integer(), nullable=True),
        sa.Column("partners", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("public IS NULL OR public >= 0", name=op.f("ck_pact_meetings_public")),
        sa.CheckConstraint("partners IS NULL OR partners >= 0", name=op.f("ck_pact_meetings_partners")),
        sa.CheckConstraint("cancelled OR public IS NOT NULL", name=op.f("ck_pact_meetings_held_counts")),
        sa.ForeignKeyConstraint(
            ["series_id"], ["pact_series.id"], name=op.f("fk_pact_meetings_series_id_pact_series")
        ),
        sa.ForeignKeyConstraint(
            ["import_id"], ["import_batches.id"], name=op.f("fk_pact_meetings_import_id_import_batches")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["people.id"], name=op.f("fk_pact_meetings_created_by_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pact_meetings")),
        sa.UniqueConstraint("series_id", "date", name=op.f("uq_pact_meetings_series_id_date")),
    )
    op.create_table(
        "pact_officers",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.String(length=16), nullable=False),
        sa.CheckConstraint("rank IN ('pcso', 'pc', 'inspector')", name=op.f("ck_pact_officers_rank")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["pact_meetings.id"],
            name=op.f("fk_pact_officers_meeting_id_pact_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["people.id"], name=op.f("fk_pact_officers_officer_id_people")
        ),
        sa.PrimaryKeyConstraint("meeting_id", "officer_id", name=op.f("pk_pact_officers")),
    )
    op.create_table(
        "issue_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("short", sa.String(length=16), nullable=True),
        sa.CheckConstraint("kind IN ('theme', 'referral')", name=op.f("ck_issue_terms_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue_terms")),
    )
    op.create_index("ux_issue_terms_kind_name", "issue_terms", ["kind", sa.text("lower(name)")], unique=True)
    op.create_table(
        "pact_issues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=120), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("reported_back_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'in hand', 'resolved', 'closed')", name=op.f("ck_pact_issues_status")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["pact_meetings.id"], name=op.f("fk_pact_issues_meeting_id_pact_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["issue_terms.id"], name=op.f("fk_pact_issues_theme_id_issue_terms")
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["issue_terms.id"], name=op.f("fk_pact_issues_referral_id_issue_terms")
        ),
        sa.ForeignKeyConstraint(
            ["reported_back_id"],
            ["pact_meetings.id"],
            name=op.f("fk_pact_issues_reported_back_id_pact_meetings"),
        ),
        sa.ForeignKeyConstraint(["created_by"], ["people.id"], name=op.f("fk_pact_issues_created_by_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pact_issues")),
    )
    op.create_index("ix_pact_issues_meeting_id", "pact_issues", ["meeting_id"])
    if op.get_bind().dialect.name == "sqlite":  # SQLite adds a referencing column only in plain SQL
        op.execute(
            "ALTER TABLE entries ADD COLUMN pact_meeting_id INTEGER "
            "CONSTRAINT fk_entries_pact_meeting_id_pact_meetings REFERENCES pact_meetings (id)"
        )
    else:
        op.add_column("entries", sa.Column("pact_meeting_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_entries_pact_meeting_id_pact_meetings",
            "entries",
            "pact_meetings",
            ["pact_meeting_id"],
            ["id"],
        )
    op.create_index("ix_entries_pact_meeting_id", "entries", ["pact_meeting_id"])


def downgrade() -> None:
    op.drop_index("ix_entries_pact_meeting_id", "entries")
    if op.get_bind().dialect.name == "sqlite":  # only a copy of the table drops a referencing column
        with sqlite_triggers_kept(op.get_bind(), "entries"):
            with op.batch_alter_table("entries", recreate="always") as batch_op:
                batch_op.drop_column("pact_meeting_id")
    else:
        op.drop_constraint("fk_entries_pact_meeting_id_pact_meetings", "entries", type_="foreignkey")
        op.drop_column("entries", "pact_meeting_id")
    op.drop_table("pact_issues")
    op.drop_table("issue_terms")
    op.drop_table("pact_officers")
    op.drop_table("pact_meetings")
    with op.batch_alter_table("pact_series", schema=None) as batch_op:
        batch_op.drop_column("schedule")
