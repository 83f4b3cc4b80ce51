"""Vocabulary words retire as people and areas do: `active` on audiences, activities, themes and
referrals. A retired word is no longer offered; the records that use it keep it and count.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

WORDS = ("terms", "issue_terms")


def upgrade() -> None:
    for table in WORDS:
        op.add_column(table, sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    for table in WORDS:
        op.execute(f"ALTER TABLE {table} DROP COLUMN active")
