"""On PostgreSQL, new entries are checked and audited once a statement, not once a row.

An import of a million entries ran two PL/pgSQL triggers a row: the frozen-month check (a lookup in
`returns`) and the audit trigger (the row as JSON, then a lookup of its batch), which halved even
`COPY` into the table. Inserts into `entries` now fire statement-level triggers that see the rows
added as a transition table: one join finds any in a submitted or approved month (the same refusal,
the statement undone), and one query picks the rows to audit — those not imported under a batch
written in the same transaction, exactly as the row trigger chose (0011) — and writes their audit
rows in id order, as the row trigger did. Updates and deletes keep their row triggers.

SQLite has no statement triggers with transition tables: nothing changes there.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

SAFE_PATH = "pg_catalog, public, pg_temp"
LOCKED = (
    "entries of a submitted or approved month are locked; withdraw it, or a "
    "supervisor must send it back or reopen it"
)

FUNCTIONS = f"""
CREATE FUNCTION entries_frozen_added() RETURNS trigger LANGUAGE plpgsql
SET search_path = {SAFE_PATH} AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM added n JOIN returns r
               ON r.officer_id = n.officer_id AND r.month_key = n.month_key
              WHERE r.state IN ('submitted', 'approved')) THEN
    RAISE EXCEPTION '{LOCKED}';
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION engage_audit_entries_added() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = {SAFE_PATH} AS $$
DECLARE
  v_row jsonb;
BEGIN
  FOR v_row IN
    SELECT to_jsonb(n) FROM added n
      LEFT JOIN import_batches b ON b.id = n.import_id AND b.xmin = pg_current_xact_id()::xid
     WHERE b.id IS NULL  -- imported with its batch: counted on the batch's audit row at commit
     ORDER BY n.id
  LOOP
    PERFORM engage_audit_row('create', 'entries', (v_row->>'id')::bigint, NULL, v_row::text);
  END LOOP;
  RETURN NULL;
END $$;
"""

TRIGGERS = """
DROP TRIGGER entries_frozen ON entries;
CREATE TRIGGER entries_frozen BEFORE UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION entries_frozen();
CREATE TRIGGER entries_frozen_added AFTER INSERT ON entries REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION entries_frozen_added();
DROP TRIGGER entries_audit ON entries;
CREATE TRIGGER entries_audit AFTER UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION engage_audit();
CREATE TRIGGER entries_audit_added AFTER INSERT ON entries REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION engage_audit_entries_added();
"""

ROW_TRIGGERS = """
DROP TRIGGER entries_frozen_added ON entries;
DROP TRIGGER entries_audit_added ON entries;
DROP FUNCTION entries_frozen_added();
DROP FUNCTION engage_audit_entries_added();
DROP TRIGGER entries_frozen ON entries;
CREATE TRIGGER entries_frozen BEFORE INSERT OR UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION entries_frozen();
DROP TRIGGER entries_audit ON entries;
CREATE TRIGGER entries_audit AFTER INSERT OR UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION engage_audit();
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTIONS)
    op.execute(TRIGGERS)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(ROW_TRIGGERS)
