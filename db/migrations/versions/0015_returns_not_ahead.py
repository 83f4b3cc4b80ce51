"""On PostgreSQL, a month not yet begun is neither submitted nor approved, whoever connects.

The app refuses it (`return_moves.not_begun`): approving January 2030 now would lock its officer out of
logging that month when it came. A role connecting with plain SQL met no such rule. The server now
refuses a return made submitted or approved for a month after the one `current_date` is in, a day's
grace allowed so that a client a time zone ahead of the server is not refused on the first of a month.
The owner acting as no person (maintenance) is let through, as by the other return rules.

SQLite has no roles and no server: nothing changes there.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

NOT_AHEAD = """
CREATE FUNCTION engage_return_not_ahead() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF engage_me() IS NULL AND engage_trusted() THEN  -- the owner, as no person: maintenance
    RETURN NEW;
  END IF;
  IF NEW.month_key > to_char(current_date + 1, 'YYYYMM')::integer THEN
    RAISE EXCEPTION 'return: month %: it has not begun, so its return is neither submitted nor approved',
      NEW.month_key USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER returns_not_ahead BEFORE INSERT OR UPDATE ON returns
  FOR EACH ROW WHEN (NEW.state IN ('submitted', 'approved')) EXECUTE FUNCTION engage_return_not_ahead();
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(NOT_AHEAD)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER returns_not_ahead ON returns")
    op.execute("DROP FUNCTION engage_return_not_ahead()")
