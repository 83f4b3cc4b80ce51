"""Who acted and as whom: an audit row names the supervisor behind a change made acting as someone
else (`real_id`; `actor_id` and `actor` are the person acted as, and "Sue Grant as Amira Khan").

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from engage_tui.store.migrate import sqlite_triggers_kept

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("real_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # a batch copy of the table keeps its append-only triggers
        with sqlite_triggers_kept(op.get_bind(), "audit_log"), op.batch_alter_table("audit_log") as batch:
            batch.drop_column("real_id")
    else:
        op.drop_column("audit_log", "real_id")
