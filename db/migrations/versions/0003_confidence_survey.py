"""Confidence survey (T4): variables with a direction, ordered waves, and scores by locality.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_periods")),
    )
    op.create_table(
        "survey_variables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("lower_is_better", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_variables")),
    )
    op.create_index("ux_survey_variables_name", "survey_variables", [sa.text("lower(name)")], unique=True)
    op.create_index("ux_survey_periods_label", "survey_periods", [sa.text("lower(label)")], unique=True)
    op.create_table(
        "survey_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("locality_id", sa.Integer(), nullable=False),
        sa.Column("variable_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("tenths", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("tenths >= 0 AND tenths <= 100", name=op.f("ck_survey_scores_tenths")),
        sa.ForeignKeyConstraint(
            ["import_id"], ["import_batches.id"], name=op.f("fk_survey_scores_import_id_import_batches")
        ),
        sa.ForeignKeyConstraint(
            ["locality_id"], ["localities.id"], name=op.f("fk_survey_scores_locality_id_localities")
        ),
        sa.ForeignKeyConstraint(
            ["period_id"], ["survey_periods.id"], name=op.f("fk_survey_scores_period_id_survey_periods")
        ),
        sa.ForeignKeyConstraint(
            ["variable_id"],
            ["survey_variables.id"],
            name=op.f("fk_survey_scores_variable_id_survey_variables"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_scores")),
        sa.UniqueConstraint(
            "locality_id",
            "variable_id",
            "period_id",
            name=op.f("uq_survey_scores_locality_id_variable_id_period_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("survey_scores")
    op.drop_table("survey_variables")
    op.drop_table("survey_periods")
