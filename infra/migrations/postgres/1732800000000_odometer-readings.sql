-- Up Migration
-- Odometer readings entered by drivers and managers (the device's own odometer is telemetry).
CREATE TABLE odometer_readings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  value_km numeric(12, 1) NOT NULL CHECK (value_km >= 0),
  at timestamptz NOT NULL,
  entered_by uuid REFERENCES users(id),
  -- accepted but implausible: more than the organisation's maxKmPerDay since the previous reading
  flagged boolean NOT NULL DEFAULT false,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX odometer_readings_vehicle_at_idx ON odometer_readings (vehicle_id, at);
ALTER TABLE odometer_readings ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON odometer_readings USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON odometer_readings TO fleetcore_app;

-- Down Migration
DROP TABLE odometer_readings;
