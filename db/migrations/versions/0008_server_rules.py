"""On PostgreSQL, the rules hold on the server: each person connects as their own database role, and
the database itself knows who they are, what they may change, and writes the audit trail.

- Group roles `engage_officer` and `engage_supervisor` (a supervisor is an officer too), with grants:
  every table readable; officers write entries, events, PACT meetings and issues, imports and returns;
  supervisors also the people, places, vocabularies, settings, register and survey. Nobody but the
  owner writes, deletes or truncates `audit_log`.
- Who is acting: `engage_me()` is the person whose login is `session_user`; `engage_acting()` the
  person the app says it acts as (`engage.act_as`), allowed only when `engage_me()` is a supervisor.
- Row-level security: an officer's role changes only its own entries, and events, meetings and issues
  it recorded (events and meetings it attended too); a supervisor anything.
- Returns move only as the domain moves them (a trigger checks each transition against who is acting;
  nobody approves their own; approval freezes the figures from the entries); entries of a submitted or
  approved month are locked.
- Audit rows are written by triggers in the same transaction as each change, recording who acted, so
  a change made with psql is on the trail too; an import is recorded once, by its batch. The row's hash
  is made exactly as the app makes it, so `audit verify` checks one chain.

SQLite has no roles: there the app enforces the rules (the README's threat model says what that means).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

OFFICER_WRITES = (
    "entries",
    "events",
    "event_audiences",
    "pact_meetings",
    "pact_officers",
    "pact_issues",
    "import_batches",
)
SUPERVISOR_WRITES = (
    "people",
    "areas",
    "localities",
    "terms",
    "issue_terms",
    "settings",
    "pact_series",
    "survey_variables",
    "survey_periods",
    "survey_scores",
)
AUDITED = (*OFFICER_WRITES, "returns", *SUPERVISOR_WRITES)

IDENTITY = """
CREATE FUNCTION engage_me() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT id FROM people WHERE lower(login) = lower(session_user) AND active
$$;

CREATE FUNCTION engage_is_supervisor() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT coalesce((SELECT role = 'supervisor' FROM people WHERE id = engage_me()), false)
$$;

CREATE FUNCTION engage_trusted() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  -- the database's owner or a superuser, who can do anything anyway (the threat model says so)
  SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
      OR session_user = (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database())
$$;

CREATE FUNCTION engage_acting() RETURNS integer LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  wanted text := nullif(current_setting('engage.act_as', true), '');
BEGIN
  IF wanted IS NULL OR wanted = engage_me()::text THEN
    RETURN engage_me();
  END IF;
  IF NOT engage_is_supervisor() AND NOT engage_trusted() THEN
    RAISE EXCEPTION 'user: only a supervisor may act as someone else' USING ERRCODE = '42501';
  END IF;
  RETURN wanted::integer;
END $$;
"""

AUDIT = """
CREATE FUNCTION engage_audit_row(p_action text, p_entity text, p_entity_id bigint, p_before text,
                                 p_after text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_real integer := engage_me();
  v_acting integer := engage_acting();
  v_actor text;
  v_real_id integer := NULL;
  v_prev text;
  v_at text := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00';
  v_payload text;
BEGIN
  PERFORM pg_advisory_xact_lock(7340001);  -- the same lock as the app's appends: one chain
  SELECT hash INTO v_prev FROM audit_log ORDER BY id DESC LIMIT 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  IF v_acting IS NULL THEN
    v_actor := session_user;  -- the owner, as no person
  ELSIF v_real IS NULL OR v_acting = v_real THEN
    SELECT name INTO v_actor FROM people WHERE id = v_acting;
  ELSE
    SELECT r.name || ' as ' || a.name INTO v_actor FROM people r, people a
     WHERE r.id = v_real AND a.id = v_acting;
    v_real_id := v_real;
  END IF;
  -- exactly the app's json.dumps([...], separators=(",", ":"), ensure_ascii=False)
  v_payload := '[' || to_json(v_at)::text || ',' || coalesce(v_acting::text, 'null') || ','
    || to_json(v_actor)::text || ',' || to_json(p_action)::text || ',' || to_json(p_entity)::text || ','
    || coalesce(p_entity_id::text, 'null') || ',' || coalesce(to_json(p_before)::text, 'null') || ','
    || coalesce(to_json(p_after)::text, 'null') || coalesce(',' || v_real_id::text, '') || ']';
  INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash,
                         real_id)
  VALUES (v_at, v_acting, v_actor, p_action, p_entity, p_entity_id, p_before, p_after, v_prev,
          encode(sha256(convert_to(v_prev || v_payload, 'UTF8')), 'hex'), v_real_id);
END $$;

CREATE FUNCTION engage_audit() RETURNS trigger
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
    RETURN NULL;  -- an imported row: the import is recorded once, by its batch
  END IF;
  IF TG_TABLE_NAME = 'import_batches' AND TG_OP = 'INSERT' THEN
    v_action := 'import';
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

CREATE FUNCTION audit_log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_truncate();
"""

RETURNS_RULES = """
CREATE FUNCTION engage_return_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_me integer := engage_me();
  v_acting integer := engage_acting();
  v_super boolean := engage_is_supervisor();
  v_from text := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.state END;
  v_mine boolean;
BEGIN
  IF v_me IS NULL AND engage_trusted() THEN  -- the owner, as no person: maintenance
    RETURN coalesce(NEW, OLD);
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'return: returns are never deleted' USING ERRCODE = '42501';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.officer_id <> OLD.officer_id OR NEW.month_key <> OLD.month_key) THEN
    RAISE EXCEPTION 'return: a return stays with its officer and month' USING ERRCODE = '42501';
  END IF;
  v_mine := NEW.officer_id IN (v_me, v_acting);
  IF NEW.state = 'submitted' AND coalesce(v_from, 'draft') IN ('draft', 'sent back', 'reopened')
     AND (v_mine OR v_super) THEN
    RETURN NEW;
  ELSIF NEW.state = 'draft' AND v_from = 'submitted' AND (v_mine OR v_super) THEN
    RETURN NEW;
  ELSIF NEW.state IN ('sent back', 'approved') AND v_from = 'submitted' AND v_super AND NOT v_mine THEN
    IF NEW.state = 'approved' THEN  -- the figures frozen are the entries', whatever was sent
      SELECT coalesce(sum(minutes) FILTER (WHERE category = 'community'), 0),
             coalesce(sum(minutes) FILTER (WHERE category = 'cyp'), 0)
        INTO NEW.community_minutes, NEW.cyp_minutes
        FROM entries WHERE officer_id = NEW.officer_id AND month_key = NEW.month_key;
    END IF;
    RETURN NEW;
  ELSIF NEW.state = 'reopened' AND v_from = 'approved' AND v_super AND NOT v_mine THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'return: % of officer % cannot go from % to % for %', NEW.month_key, NEW.officer_id,
    coalesce(v_from, 'not started'), NEW.state, session_user USING ERRCODE = '42501';
END $$;
CREATE TRIGGER returns_rules BEFORE INSERT OR UPDATE OR DELETE ON returns
  FOR EACH ROW EXECUTE FUNCTION engage_return_rules();

CREATE OR REPLACE FUNCTION entries_frozen() RETURNS trigger AS $$
BEGIN
  IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM returns r WHERE r.officer_id = OLD.officer_id
        AND r.month_key = OLD.month_key AND r.state IN ('submitted', 'approved')))
     OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM returns r WHERE r.officer_id = NEW.officer_id
        AND r.month_key = NEW.month_key AND r.state IN ('submitted', 'approved'))) THEN
    RAISE EXCEPTION 'entries of a submitted or approved month are locked; withdraw it, or a '
      'supervisor must send it back or reopen it';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$ LANGUAGE plpgsql;
"""

POLICIES = """
CREATE FUNCTION engage_attended_event(p_event integer) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM entries WHERE event_id = p_event AND officer_id = engage_me())
$$;
CREATE FUNCTION engage_attended_meeting(p_meeting integer) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM pact_officers WHERE meeting_id = p_meeting AND officer_id = engage_me())
$$;

ALTER TABLE entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON entries FOR SELECT USING (true);
CREATE POLICY own_time ON entries FOR ALL TO engage_officer
  USING (officer_id = engage_me() OR engage_is_supervisor())
  WITH CHECK (officer_id = engage_me() OR engage_is_supervisor());

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON events FOR SELECT USING (true);
CREATE POLICY records ON events FOR INSERT TO engage_officer
  WITH CHECK (created_by = engage_me() OR engage_is_supervisor());
CREATE POLICY changes ON events FOR UPDATE TO engage_officer
  USING (created_by = engage_me() OR engage_attended_event(id) OR engage_is_supervisor());
CREATE POLICY deletes ON events FOR DELETE TO engage_officer
  USING (created_by = engage_me() OR engage_is_supervisor());

ALTER TABLE event_audiences ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON event_audiences FOR SELECT USING (true);
CREATE POLICY with_its_event ON event_audiences FOR ALL TO engage_officer
  USING (engage_is_supervisor() OR EXISTS (SELECT 1 FROM events e WHERE e.id = event_id
         AND (e.created_by = engage_me() OR engage_attended_event(e.id))))
  WITH CHECK (engage_is_supervisor() OR EXISTS (SELECT 1 FROM events e WHERE e.id = event_id
         AND (e.created_by = engage_me() OR engage_attended_event(e.id))));

ALTER TABLE pact_meetings ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON pact_meetings FOR SELECT USING (true);
CREATE POLICY records ON pact_meetings FOR INSERT TO engage_officer
  WITH CHECK (created_by = engage_me() OR engage_is_supervisor());
CREATE POLICY changes ON pact_meetings FOR UPDATE TO engage_officer
  USING (created_by = engage_me() OR engage_attended_meeting(id) OR engage_is_supervisor());
CREATE POLICY deletes ON pact_meetings FOR DELETE TO engage_officer
  USING (created_by = engage_me() OR engage_is_supervisor());

ALTER TABLE pact_officers ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON pact_officers FOR SELECT USING (true);
CREATE POLICY own_rank ON pact_officers FOR ALL TO engage_officer
  USING (officer_id = engage_me() OR engage_is_supervisor())
  WITH CHECK (officer_id = engage_me() OR engage_is_supervisor());

ALTER TABLE pact_issues ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON pact_issues FOR SELECT USING (true);
CREATE POLICY records ON pact_issues FOR INSERT TO engage_officer
  WITH CHECK (created_by = engage_me() OR engage_is_supervisor());
CREATE POLICY follows_up ON pact_issues FOR UPDATE TO engage_officer
  USING (created_by = engage_me() OR engage_is_supervisor());
CREATE POLICY deletes ON pact_issues FOR DELETE TO engage_officer
  USING (created_by = engage_me() OR engage_is_supervisor());

ALTER TABLE import_batches ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON import_batches FOR SELECT USING (true);
CREATE POLICY own_imports ON import_batches FOR ALL TO engage_officer
  USING (imported_by = engage_me() OR engage_is_supervisor())
  WITH CHECK (imported_by = engage_me() OR engage_is_supervisor());
"""

GRANTS = f"""
GRANT USAGE ON SCHEMA public TO engage_officer;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO engage_officer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO engage_officer;
GRANT INSERT, UPDATE, DELETE ON {", ".join(OFFICER_WRITES)} TO engage_officer;
GRANT INSERT, UPDATE ON returns TO engage_officer;
GRANT INSERT, UPDATE ON {", ".join(SUPERVISOR_WRITES)} TO engage_supervisor;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO engage_officer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO engage_officer;
REVOKE ALL ON FUNCTION engage_audit_row(text, text, bigint, text, text) FROM PUBLIC;
"""

ROLES = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'engage_officer') THEN
    CREATE ROLE engage_officer NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'engage_supervisor') THEN
    CREATE ROLE engage_supervisor NOLOGIN;
  END IF;
END $$;
GRANT engage_officer TO engage_supervisor;
"""

GRANT_ROLE = """
CREATE FUNCTION engage_grant(p_login text, p_role text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  -- a supervisor's adding someone gives their database role its group; false: no such role yet
  IF NOT (engage_is_supervisor() OR engage_trusted()) THEN
    RAISE EXCEPTION 'user: only a supervisor may add people' USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
    RETURN false;
  END IF;
  EXECUTE format('GRANT %I TO %I', CASE p_role WHEN 'supervisor' THEN 'engage_supervisor'
                                                ELSE 'engage_officer' END, p_login);
  RETURN true;
END $$;
REVOKE ALL ON FUNCTION engage_grant(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION engage_grant(text, text) TO engage_supervisor;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for block in (ROLES, IDENTITY, AUDIT, RETURNS_RULES, POLICIES, GRANTS, GRANT_ROLE):
        op.execute(block)
    for table in AUDITED:
        op.execute(
            f"CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION engage_audit()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in AUDITED:
        op.execute(f"DROP TRIGGER {table}_audit ON {table}")
    for table in (
        "entries",
        "events",
        "event_audiences",
        "pact_meetings",
        "pact_officers",
        "pact_issues",
        "import_batches",
    ):
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for policy in (
            "everyone_reads",
            "own_time",
            "records",
            "changes",
            "deletes",
            "with_its_event",
            "own_rank",
            "follows_up",
            "own_imports",
        ):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
    op.execute("DROP TRIGGER returns_rules ON returns")
    op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
    op.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM engage_officer, engage_supervisor")
    op.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM engage_officer")
    op.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM engage_officer")
    op.execute(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM engage_officer"
    )
    op.execute("REVOKE USAGE ON SCHEMA public FROM engage_officer")
    for function in (
        "engage_grant(text, text)",
        "engage_return_rules()",
        "engage_audit()",
        "engage_audit_row(text, text, bigint, text, text)",
        "audit_log_no_truncate()",
        "engage_attended_event(integer)",
        "engage_attended_meeting(integer)",
        "engage_acting()",
        "engage_trusted()",
        "engage_is_supervisor()",
        "engage_me()",
    ):
        op.execute(f"DROP FUNCTION {function}")
    op.execute("""
        CREATE OR REPLACE FUNCTION entries_frozen() RETURNS trigger AS $$
        BEGIN
          IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM returns WHERE returns.officer_id = OLD.officer_id
                AND returns.month_key = OLD.month_key AND returns.state = 'approved'))
             OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM returns WHERE returns.officer_id = NEW.officer_id
                AND returns.month_key = NEW.month_key AND returns.state = 'approved')) THEN
            RAISE EXCEPTION 'entries of an approved month are frozen; a supervisor must reopen it';
          END IF;
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$ LANGUAGE plpgsql""")
