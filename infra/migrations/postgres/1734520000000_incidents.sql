-- Up Migration

-- Each incident its own record (issue 10): a theft, a fill, an odometer rollback, jump, mismatch or
-- freeze is one row, never merged with the next one of its kind. Re-deriving it (a restart, a replay,
-- a late-data re-run) finds the same row by (vehicle, kind, start) and updates its amount and end.
CREATE TABLE incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  -- the driver assigned to the vehicle when the incident started
  driver_id uuid REFERENCES drivers(id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('fuel_drop', 'fuel_fill', 'odometer_rollback', 'odometer_jump',
    'odometer_mismatch', 'odometer_frozen')),
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL CHECK (ended_at >= started_at),
  lat double precision,
  lon double precision,
  -- litres for fuel kinds, metres for odometer kinds (percent for a mismatch), as `unit` says
  amount double precision,
  unit text NOT NULL CHECK (unit IN ('l', 'm', 'pct')),
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- the alert the incident raised (one per incident; none for fills, which are informational)
  alert_id uuid UNIQUE REFERENCES alerts(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX incidents_identity_key ON incidents (vehicle_id, kind, started_at);
CREATE INDEX incidents_org_started_idx ON incidents (org_id, started_at DESC);
CREATE INDEX incidents_vehicle_started_idx ON incidents (vehicle_id, started_at DESC);
CREATE INDEX incidents_driver_idx ON incidents (org_id, driver_id) WHERE driver_id IS NOT NULL;

ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON incidents
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON incidents TO fleetcore_app;

-- Down Migration
DROP TABLE incidents;
