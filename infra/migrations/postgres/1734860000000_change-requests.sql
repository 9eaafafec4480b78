-- Up Migration

-- A vehicle's technical card (issue 16, seed 002): the oil it takes, its service norms and engine
-- parameters beside the record's engine volume. One row per vehicle, written by its organisation
-- (PUT /vehicles/:id/specs) or by an approved change request through the same code.
CREATE TABLE vehicle_specs (
  vehicle_id uuid PRIMARY KEY REFERENCES vehicles(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  oil_type text CHECK (oil_type IS NULL OR length(oil_type) BETWEEN 1 AND 100),
  -- litres
  oil_volume_l numeric(6, 2) CHECK (oil_volume_l IS NULL OR oil_volume_l > 0),
  service_interval_km integer CHECK (service_interval_km IS NULL OR service_interval_km > 0),
  service_interval_months integer CHECK (service_interval_months IS NULL OR service_interval_months > 0),
  engine_power_kw numeric(7, 1) CHECK (engine_power_kw IS NULL OR engine_power_kw > 0),
  engine_code text CHECK (engine_code IS NULL OR length(engine_code) BETWEEN 1 AND 50),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A proposed change to a vehicle's critical fields (VIN, plate, odometer, oil, service norms,
-- engine). It changes nothing until the vehicle's organisation approves it; approving applies it
-- through the same code an edit uses. org_id is the vehicle's organisation; proposer_org_id the
-- proposer's (a service centre's, or the same organisation for a driver): both sides see it.
CREATE TABLE vehicle_change_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  proposer_org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  proposed_by uuid REFERENCES users(id) ON DELETE SET NULL,
  -- The proposed values (wire names: {"vin": "…", "odometerKm": 123456}) and the values they replace.
  changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'object' AND changes <> '{}'::jsonb),
  old_values jsonb NOT NULL,
  comment text CHECK (comment IS NULL OR length(comment) <= 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
  decided_at timestamptz,
  reason text CHECK (reason IS NULL OR length(reason) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status <> 'rejected' OR reason IS NOT NULL)
);
CREATE INDEX vehicle_change_requests_queue_idx ON vehicle_change_requests (org_id, status, created_at);
CREATE INDEX vehicle_change_requests_proposer_idx ON vehicle_change_requests (proposer_org_id, created_at);
CREATE INDEX vehicle_change_requests_vehicle_idx ON vehicle_change_requests (vehicle_id);

ALTER TABLE vehicle_specs ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON vehicle_specs
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
ALTER TABLE vehicle_change_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY both_sides ON vehicle_change_requests
  USING (org_id = (SELECT app_org_id()) OR proposer_org_id = (SELECT app_org_id()))
  WITH CHECK (org_id = (SELECT app_org_id()) OR proposer_org_id = (SELECT app_org_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON vehicle_specs TO fleetcore_app;
-- Never deleted: a decided request is the record of who changed what on whose word.
GRANT SELECT, INSERT, UPDATE ON vehicle_change_requests TO fleetcore_app;

-- Down Migration
DROP TABLE vehicle_change_requests, vehicle_specs;
