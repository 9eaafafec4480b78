-- Up Migration
CREATE TABLE geofences (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('circle', 'polygon')),
  -- circle: centre and radius in metres
  center_lat double precision,
  center_lon double precision,
  radius_m double precision CHECK (radius_m > 0),
  -- polygon: [[lat, lon], ...], at least 3 vertices
  ring jsonb,
  -- seconds a vehicle must stay on the new side before enter/exit is raised
  dwell_s integer NOT NULL DEFAULT 60 CHECK (dwell_s >= 0),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'circle' AND center_lat IS NOT NULL AND center_lon IS NOT NULL AND radius_m IS NOT NULL)
      OR (kind = 'polygon' AND jsonb_typeof(ring) = 'array' AND jsonb_array_length(ring) >= 3))
);
CREATE INDEX geofences_org_idx ON geofences (org_id) WHERE active;
ALTER TABLE geofences ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON geofences USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON geofences TO fleetcore_app;

-- Down Migration
DROP TABLE geofences;
