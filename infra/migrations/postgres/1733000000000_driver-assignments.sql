-- Up Migration
-- Who drives a vehicle when: drivers are users with the driver role. Intervals of one vehicle do
-- not overlap (checked by the API under a per-vehicle lock); ends_at null = still driving it.
CREATE TABLE driver_assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  driver_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz CHECK (ends_at IS NULL OR ends_at > starts_at),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX driver_assignments_vehicle_idx ON driver_assignments (vehicle_id, starts_at);
ALTER TABLE driver_assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON driver_assignments USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON driver_assignments TO fleetcore_app;

-- The driver at the moment an alert was raised, when one was assigned.
ALTER TABLE alerts ADD COLUMN driver_id uuid REFERENCES users(id) ON DELETE SET NULL;

-- Down Migration
ALTER TABLE alerts DROP COLUMN driver_id;
DROP TABLE driver_assignments;
