"""Foundation: localities, areas, people, vocabularies, import batches and engagement entries.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "localities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_localities")),
    )
    op.create_table(
        "terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("short", sa.String(length=16), nullable=True),
        sa.CheckConstraint("kind IN ('audience', 'activity')", name=op.f("ck_terms_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terms")),
    )
    op.create_table(
        "areas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("locality_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["locality_id"], ["localities.id"], name=op.f("fk_areas_locality_id_localities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_areas")),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("login", sa.String(length=80), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('officer', 'supervisor')", name=op.f("ck_people_role")),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], name=op.f("fk_people_area_id_areas")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=400), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by"], ["people.id"], name=op.f("fk_import_batches_imported_by_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.create_index("ux_import_batches_kind_sha256", ["kind", "sha256"], unique=True)

    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("audience_id", sa.Integer(), nullable=True),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("category IN ('community', 'cyp')", name=op.f("ck_entries_category")),
        sa.CheckConstraint("minutes > 0 AND minutes <= 1440", name=op.f("ck_entries_minutes")),
        sa.ForeignKeyConstraint(["activity_id"], ["terms.id"], name=op.f("fk_entries_activity_id_terms")),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], name=op.f("fk_entries_area_id_areas")),
        sa.ForeignKeyConstraint(["audience_id"], ["terms.id"], name=op.f("fk_entries_audience_id_terms")),
        sa.ForeignKeyConstraint(["created_by"], ["people.id"], name=op.f("fk_entries_created_by_people")),
        sa.ForeignKeyConstraint(
            ["import_id"], ["import_batches.id"], name=op.f("fk_entries_import_id_import_batches")
        ),
        sa.ForeignKeyConstraint(["officer_id"], ["people.id"], name=op.f("fk_entries_officer_id_people")),
        sa.ForeignKeyConstraint(["updated_by"], ["people.id"], name=op.f("fk_entries_updated_by_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
    )
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index("ix_entries_month_cover", ["month_key", "category", "minutes"], unique=False)
        batch_op.create_index(
            "ix_entries_officer_month", ["officer_id", "month_key", "category", "minutes"], unique=False
        )
    # Names are unique whatever their case (expression indexes: autogenerate cannot compare these).
    op.create_index("ux_localities_name", "localities", [sa.text("lower(name)")], unique=True)
    op.create_index("ux_areas_name", "areas", [sa.text("lower(name)")], unique=True)
    op.create_index("ux_people_name", "people", [sa.text("lower(name)")], unique=True)
    op.create_index("ux_people_login", "people", [sa.text("lower(login)")], unique=True)
    op.create_index("ux_terms_kind_name", "terms", ["kind", sa.text("lower(name)")], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index("ix_entries_officer_month")
        batch_op.drop_index("ix_entries_month_cover")

    op.drop_table("entries")
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_index("ux_import_batches_kind_sha256")

    op.drop_table("import_batches")
    op.drop_table("people")
    op.drop_table("areas")
    op.drop_table("terms")
    op.drop_table("localities")
