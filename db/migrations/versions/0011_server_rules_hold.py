"""On PostgreSQL, two ways round the server's rules are closed.

- **A temporary table could stand in for a real one.** A role may create temporary tables by default,
  and a function without a fixed `search_path` — or with one that leaves out `pg_temp`, which is then
  searched *first* — finds `pg_temp.people` before `public.people`: an officer made herself a
  supervisor in her own session and approved someone else's return. Every function of engage's now
  searches `pg_catalog, public, pg_temp` (temporary objects last), and PUBLIC may no longer create
  temporary tables in the database at all.
- **Rows tagged as imported went unaudited.** The row trigger skipped every entry or survey score
  with an `import_id`, so rows inserted with psql under any batch left no trace. Now it skips only
  rows whose batch was written in the same transaction, and that batch's audit row is written when
  the transaction commits (a deferred trigger), counting the rows actually stored under it and their
  minutes — whatever the batch claims.

SQLite has no roles and no server: nothing changes there.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

SAFE_PATH = "pg_catalog, public, pg_temp"

ENGAGE_FUNCTIONS = """
SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' AND p.prokind = 'f'
"""

AUDIT = """
CREATE OR REPLACE FUNCTION engage_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_old jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  v_new jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  v_row jsonb := coalesce(v_new, v_old);
  v_action text := CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END;
  v_mark text;
BEGIN
  IF TG_OP = 'INSERT' AND TG_TABLE_NAME IN ('entries', 'survey_scores')
     AND v_row->>'import_id' IS NOT NULL
     AND EXISTS (SELECT 1 FROM import_batches b WHERE b.id = (v_row->>'import_id')::integer
                 AND b.xmin = pg_current_xact_id()::xid) THEN
    RETURN NULL;  -- imported with its batch: counted on the batch's audit row, written at commit
  END IF;
  IF TG_TABLE_NAME = 'import_batches' AND TG_OP = 'INSERT' THEN
    RETURN NULL;  -- the batch's audit row is written at commit (engage_audit_import)
  ELSIF TG_TABLE_NAME = 'returns' AND TG_OP <> 'DELETE' THEN
    v_action := NEW.state;
    IF NEW.state = 'approved' THEN  -- the trail as it stood, kept with the approval
      SELECT count(*)::text || ':' || coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
                                               repeat('0', 64))
        INTO v_mark FROM audit_log;
      v_new := v_new || jsonb_build_object('checkpoint', v_mark);
    END IF;
  END IF;
  PERFORM engage_audit_row(v_action, TG_TABLE_NAME,
                           coalesce((v_row->>'id')::bigint, (v_row->>'meeting_id')::bigint,
                                    (v_row->>'event_id')::bigint),
                           v_old::text, v_new::text);
  RETURN NULL;
END $$;

CREATE FUNCTION engage_audit_import() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_batch jsonb;
BEGIN
  SELECT to_jsonb(b) INTO v_batch FROM import_batches b WHERE b.id = NEW.id;
  IF v_batch IS NULL THEN
    RETURN NULL;  -- deleted again before the commit: its deletion is on the trail
  END IF;
  v_batch := v_batch || jsonb_build_object(
    'entries', (SELECT count(*) FROM entries WHERE import_id = NEW.id),
    'minutes', (SELECT coalesce(sum(minutes), 0) FROM entries WHERE import_id = NEW.id),
    'survey_scores', (SELECT count(*) FROM survey_scores WHERE import_id = NEW.id));
  PERFORM engage_audit_row('import', 'import_batches', NEW.id, NULL, v_batch::text);
  RETURN NULL;
END $$;
"""

IMPORT_TRIGGER = """
CREATE CONSTRAINT TRIGGER import_batches_audit_at_commit AFTER INSERT ON import_batches
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION engage_audit_import()
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(AUDIT)
    op.execute(IMPORT_TRIGGER)
    for function in bind.exec_driver_sql(ENGAGE_FUNCTIONS).scalars().all():
        op.execute(f"ALTER FUNCTION {function} SET search_path = {SAFE_PATH}")
    database = bind.exec_driver_sql("SELECT current_database()").scalar()
    op.execute(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM PUBLIC')


def downgrade() -> None:
    """0010's rules: temporary tables allowed, functions on the caller's path, imports as before."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    database = bind.exec_driver_sql("SELECT current_database()").scalar()
    op.execute(f'GRANT TEMPORARY ON DATABASE "{database}" TO PUBLIC')
    op.execute("DROP TRIGGER import_batches_audit_at_commit ON import_batches")
    op.execute("DROP FUNCTION engage_audit_import()")
    for function in bind.exec_driver_sql(ENGAGE_FUNCTIONS).scalars().all():
        op.execute(f"ALTER FUNCTION {function} RESET search_path")
    for function in (
        "engage_me()",
        "engage_is_supervisor()",
        "engage_trusted()",
        "engage_acting()",
        "engage_audit_row(text, text, bigint, text, text)",
        "engage_audit()",
        "engage_return_rules()",
        "engage_attended_event(integer)",
        "engage_attended_meeting(integer)",
        "engage_grant(text, text)",
    ):
        op.execute(f"ALTER FUNCTION {function} SET search_path = public")
    op.execute(OLD_AUDIT)


OLD_AUDIT = """
CREATE OR REPLACE FUNCTION engage_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_old jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  v_new jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  v_row jsonb := coalesce(v_new, v_old);
  v_action text := CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END;
  v_mark text;
BEGIN
  IF TG_OP = 'INSERT' AND TG_TABLE_NAME IN ('entries', 'survey_scores')
     AND v_row->>'import_id' IS NOT NULL THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'import_batches' AND TG_OP = 'INSERT' THEN
    v_action := 'import';
  ELSIF TG_TABLE_NAME = 'returns' AND TG_OP <> 'DELETE' THEN
    v_action := NEW.state;
    IF NEW.state = 'approved' THEN
      SELECT count(*)::text || ':' || coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
                                               repeat('0', 64))
        INTO v_mark FROM audit_log;
      v_new := v_new || jsonb_build_object('checkpoint', v_mark);
    END IF;
  END IF;
  PERFORM engage_audit_row(v_action, TG_TABLE_NAME,
                           coalesce((v_row->>'id')::bigint, (v_row->>'meeting_id')::bigint,
                                    (v_row->>'event_id')::bigint),
                           v_old::text, v_new::text);
  RETURN NULL;
END $$
"""
