"""Alembic environment: engage always hands in an open connection (see engage_tui/store/migrate.py)."""

from alembic import context

from engage_tui.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("run migrations through `engage init`, which supplies the database connection")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
