-- Up Migration

-- The audit log becomes append-only and tamper-evident: each organisation's entries form a hash
-- chain computed here, in the database, so no client can write an entry with a chosen hash.
ALTER TABLE audit_log
  ADD COLUMN ip inet,
  ADD COLUMN user_agent text,
  ADD COLUMN old_values jsonb,
  ADD COLUMN new_values jsonb,
  ADD COLUMN seq bigint,
  ADD COLUMN prev_hash bytea,
  ADD COLUMN hash bytea;

-- The hash of "nothing before": the first entry of an organisation links to 32 zero bytes.
CREATE FUNCTION audit_genesis() RETURNS bytea LANGUAGE sql IMMUTABLE AS
$$ SELECT '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea $$;

-- The one canonical text of an entry: every field but the hashes, as a JSON array (unambiguous
-- delimiting; jsonb prints its objects in one fixed key order), the time in UTC with microseconds
-- so the session's time zone cannot change the bytes. The insert trigger and verification both
-- hash exactly this.
CREATE FUNCTION audit_log_canonical(a audit_log) RETURNS bytea LANGUAGE sql STABLE AS
$$ SELECT convert_to(jsonb_build_array(
     a.org_id, a.seq, a.id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
     a.actor_user_id, a.action, a.entity, a.entity_id, a.details, host(a.ip), a.user_agent,
     a.old_values, a.new_values)::text, 'UTF8') $$;

-- The link the oldest remaining entry of an organisation continues from, once older entries were
-- purged by retention: the (seq, hash) of the last purged entry.
CREATE TABLE audit_anchor (
  org_id uuid PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  hash bytea NOT NULL,
  purged_at timestamptz NOT NULL DEFAULT now()
);
-- Read and written only by the owner (the functions below); isolated like every org table anyway.
REVOKE ALL ON audit_anchor FROM fleetcore_app;
ALTER TABLE audit_anchor ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON audit_anchor USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

-- Existing entries are chained in the order they were written.
DO $$
DECLARE
  r record;
  cur_org uuid := NULL;
  n bigint := 0;
  h bytea;
BEGIN
  FOR r IN SELECT id, org_id FROM audit_log ORDER BY org_id, at, id LOOP
    IF cur_org IS DISTINCT FROM r.org_id THEN
      cur_org := r.org_id;
      n := 0;
      h := audit_genesis();
    END IF;
    n := n + 1;
    UPDATE audit_log SET seq = n, prev_hash = h WHERE id = r.id;
    UPDATE audit_log a SET hash = sha256(a.prev_hash || audit_log_canonical(a)) WHERE a.id = r.id
      RETURNING a.hash INTO h;
  END LOOP;
END $$;

ALTER TABLE audit_log
  ALTER COLUMN seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_log_org_seq_key ON audit_log (org_id, seq);

-- Days an organisation keeps its audit entries: settings.auditRetentionDays, else two years.
CREATE FUNCTION audit_retention_days(org uuid) RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS
$$ SELECT COALESCE(
     (SELECT CASE WHEN jsonb_typeof(settings->'auditRetentionDays') = 'number'
                  THEN (settings->>'auditRetentionDays')::numeric::integer END
      FROM organisations WHERE id = org),
     730) $$;

-- Links a new entry to its organisation's last one. The advisory lock serialises writers of one
-- organisation (seq is gapless and the chain has one head); it is held to the end of the
-- transaction, so the next writer reads this entry once it is committed. Security definer: the
-- head is read without row-level security and the anchor without granting it to the app.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  last_seq bigint;
  last_hash bytea;
BEGIN
  PERFORM pg_advisory_xact_lock(7331, hashtext(NEW.org_id::text));
  SELECT seq, hash INTO last_seq, last_hash FROM audit_log
    WHERE org_id = NEW.org_id ORDER BY seq DESC LIMIT 1;
  IF NOT FOUND THEN
    SELECT seq, hash INTO last_seq, last_hash FROM audit_anchor WHERE org_id = NEW.org_id;
    IF NOT FOUND THEN
      last_seq := 0;
      last_hash := audit_genesis();
    END IF;
  END IF;
  NEW.seq := last_seq + 1;
  NEW.prev_hash := last_hash;
  NEW.hash := sha256(NEW.prev_hash || audit_log_canonical(NEW));
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- Append-only, even for the owner: an entry is never updated; it is deleted only by retention
-- (purge_audit_log, past the organisation's retention) or with its organisation (the cascade runs
-- after the organisation row is gone).
CREATE FUNCTION audit_log_protect() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM organisations WHERE id = OLD.org_id) THEN
      RETURN OLD;
    END IF;
    IF current_setting('fleetcore.audit_purge', true) = 'on'
       AND OLD.at < now() - make_interval(days => audit_retention_days(OLD.org_id)) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_protect();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_protect();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM fleetcore_app;

-- Retention: deletes the organisation's oldest entries, up to (not including) the first one
-- still inside the retention, so what remains is one unbroken stretch of the chain; the last
-- deleted entry becomes the anchor verification starts from. Returns the entries deleted.
CREATE FUNCTION purge_audit_log(org uuid) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  cutoff timestamptz := now() - make_interval(days => audit_retention_days(org));
  keep_from bigint;
  last_seq bigint;
  last_hash bytea;
  removed bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(7331, hashtext(org::text));
  SELECT min(seq) INTO keep_from FROM audit_log WHERE org_id = org AND at >= cutoff;
  SELECT seq, hash INTO last_seq, last_hash FROM audit_log
    WHERE org_id = org AND (keep_from IS NULL OR seq < keep_from) ORDER BY seq DESC LIMIT 1;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;
  INSERT INTO audit_anchor (org_id, seq, hash) VALUES (org, last_seq, last_hash)
    ON CONFLICT (org_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, purged_at = now();
  PERFORM set_config('fleetcore.audit_purge', 'on', true);
  DELETE FROM audit_log WHERE org_id = org AND seq <= last_seq;
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('fleetcore.audit_purge', 'off', true);
  RETURN removed;
END $$;
REVOKE ALL ON FUNCTION purge_audit_log(uuid) FROM PUBLIC;

-- Down Migration
DROP FUNCTION purge_audit_log(uuid);
DROP TRIGGER audit_log_no_truncate ON audit_log;
DROP TRIGGER audit_log_append_only ON audit_log;
DROP FUNCTION audit_log_protect();
DROP TRIGGER audit_log_chain ON audit_log;
DROP FUNCTION audit_log_chain();
DROP FUNCTION audit_retention_days(uuid);
DROP INDEX audit_log_org_seq_key;
DROP TABLE audit_anchor;
DROP FUNCTION audit_log_canonical(audit_log);
DROP FUNCTION audit_genesis();
ALTER TABLE audit_log DROP COLUMN ip, DROP COLUMN user_agent, DROP COLUMN old_values,
  DROP COLUMN new_values, DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash;
GRANT UPDATE, DELETE ON audit_log TO fleetcore_app;
