-- Up Migration

-- Each vehicle's rule state (mileage, trips, odometer, fuel...), snapshotted by the engine so a
-- restart resumes where it stopped; last_time is the newest point the state reflects.
CREATE TABLE vehicle_rule_state (
  vehicle_id uuid PRIMARY KEY REFERENCES vehicles(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  state jsonb NOT NULL,
  last_time timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid REFERENCES vehicles(id) ON DELETE CASCADE,
  type text NOT NULL,
  -- distinguishes alerts of one type on one vehicle (a geofence id, a DTC code); '' when none
  key text NOT NULL DEFAULT '',
  severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  opened_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  occurrences integer NOT NULL DEFAULT 1,
  lat double precision,
  lon double precision,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users(id),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users(id),
  resolution_note text
);
-- One open alert per vehicle + type + key: a repeat bumps the open one instead of flooding.
CREATE UNIQUE INDEX alerts_one_open_key ON alerts (vehicle_id, type, key) WHERE status <> 'resolved';
-- Re-deriving an alert (restart, replay) finds the one it raised before instead of adding another.
CREATE UNIQUE INDEX alerts_identity_key ON alerts (vehicle_id, type, key, opened_at);
CREATE INDEX alerts_org_status_idx ON alerts (org_id, status, opened_at DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['vehicle_rule_state', 'alerts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON vehicle_rule_state, alerts TO fleetcore_app;

-- Down Migration
DROP TABLE alerts, vehicle_rule_state;
