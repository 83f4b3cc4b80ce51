"""The PACT register (series by area, frequency, Super PACT, start and retirement) and settings that
take effect from a day (hours per meeting, hourly rates by rank).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings")),
        sa.UniqueConstraint("key", "effective_from", name=op.f("uq_settings_key_effective_from")),
    )
    op.create_table(
        "pact_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("frequency", sa.String(length=16), nullable=False),
        sa.Column("super_pact", sa.Boolean(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("retired", sa.Date(), nullable=True),
        sa.CheckConstraint("frequency IN ('monthly', 'bimonthly')", name=op.f("ck_pact_series_frequency")),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], name=op.f("fk_pact_series_area_id_areas")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pact_series")),
    )
    op.create_index("ux_pact_series_name", "pact_series", [sa.text("lower(name)")], unique=True)


def downgrade() -> None:
    op.drop_table("pact_series")
    op.drop_table("settings")
