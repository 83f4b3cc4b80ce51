"""The indexes on an entry's event and PACT meeting hold only the entries that have one.

Most entries were logged at neither, so each index held a million NULLs beside a few thousand links;
SQLite's statistics then said a lookup by meeting returned the whole table, and the planner listed a
year's PACT meetings by walking every officer's entries instead (2.3 s at a million entries). Partial
indexes (`IS NOT NULL`) hold only the links, are smaller, and are chosen for them.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

LINKS = ("event_id", "pact_meeting_id")


def upgrade() -> None:
    for column in LINKS:
        op.drop_index(f"ix_entries_{column}", "entries")
        linked = sa.text(f"{column} IS NOT NULL")
        op.create_index(
            f"ix_entries_{column}", "entries", [column], sqlite_where=linked, postgresql_where=linked
        )


def downgrade() -> None:
    for column in LINKS:
        op.drop_index(f"ix_entries_{column}", "entries")
        op.create_index(f"ix_entries_{column}", "entries", [column])
