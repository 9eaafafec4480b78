-- Up Migration

-- A service centre's visit on a vehicle it has access to (issue 16, seed 002): opened with the
-- odometer and the complaint, work items added, completed, then confirmed or disputed by the
-- vehicle's organisation; a confirmed visit enters the service book (a maintenance task) and the
-- expenses once; a disputed one waits for the moderators. Never deleted: cancelled with a reason.
-- org_id is the vehicle's organisation, centre_org_id the centre's: both sides see the visit.
CREATE TABLE service_visits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  centre_org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  -- The centre's name when the visit was opened (the fleet cannot read the centre's organisation).
  centre_name text NOT NULL,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  grant_id uuid REFERENCES vehicle_access_grants(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'completed', 'confirmed', 'disputed', 'cancelled')),
  -- km
  odometer_km numeric(10, 1) CHECK (odometer_km IS NULL OR odometer_km >= 0),
  complaint text CHECK (complaint IS NULL OR length(complaint) <= 4000),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  opened_by uuid REFERENCES users(id) ON DELETE SET NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  completed_by uuid REFERENCES users(id) ON DELETE SET NULL,
  completed_at timestamptz,
  confirmed_by uuid REFERENCES users(id) ON DELETE SET NULL,
  confirmed_at timestamptz,
  disputed_by uuid REFERENCES users(id) ON DELETE SET NULL,
  disputed_at timestamptz,
  dispute_reason text CHECK (dispute_reason IS NULL OR length(dispute_reason) <= 2000),
  -- The moderators' settlement of a dispute: 'upheld' (the owner was right) or 'rejected'.
  dispute_outcome text CHECK (dispute_outcome IS NULL OR dispute_outcome IN ('upheld', 'rejected')),
  dispute_note text CHECK (dispute_note IS NULL OR length(dispute_note) <= 2000),
  settled_by uuid REFERENCES users(id) ON DELETE SET NULL,
  settled_at timestamptz,
  cancelled_by uuid REFERENCES users(id) ON DELETE SET NULL,
  cancelled_at timestamptz,
  cancel_reason text CHECK (cancel_reason IS NULL OR length(cancel_reason) <= 2000),
  -- What confirming made of it, once: the service book's entry and its expense.
  maintenance_task_id uuid UNIQUE REFERENCES maintenance_tasks(id) ON DELETE SET NULL,
  expense_id uuid UNIQUE REFERENCES expenses(id) ON DELETE SET NULL,
  CHECK (org_id <> centre_org_id),
  CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL),
  CHECK (status <> 'disputed' OR dispute_reason IS NOT NULL),
  CHECK ((dispute_outcome IS NULL) = (settled_at IS NULL))
);
CREATE INDEX service_visits_org_idx ON service_visits (org_id, opened_at DESC);
CREATE INDEX service_visits_centre_idx ON service_visits (centre_org_id, opened_at DESC);
CREATE INDEX service_visits_vehicle_idx ON service_visits (vehicle_id, opened_at DESC);
CREATE INDEX service_visits_disputes_idx ON service_visits (disputed_at) WHERE status = 'disputed';

-- What was done on a visit: parts, labour, other; with its cost and the mechanic's recommendations.
CREATE TABLE service_work_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_id uuid NOT NULL REFERENCES service_visits(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  centre_org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('part', 'labour', 'other')),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  part_number text CHECK (part_number IS NULL OR length(part_number) BETWEEN 1 AND 100),
  quantity numeric(10, 3) NOT NULL CHECK (quantity > 0),
  unit_cost numeric(14, 2) NOT NULL CHECK (unit_cost >= 0),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  recommendations text CHECK (recommendations IS NULL OR length(recommendations) <= 2000),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX service_work_items_visit_idx ON service_work_items (visit_id, created_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_visits', 'service_work_items'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY both_sides ON %I USING (org_id = (SELECT app_org_id()) OR centre_org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()) OR centre_org_id = (SELECT app_org_id()))', t);
  END LOOP;
END $$;
-- No DELETE: a visit and its items are never deleted (cancel with a reason).
GRANT SELECT, INSERT, UPDATE ON service_visits, service_work_items TO fleetcore_app;

-- Down Migration
DROP TABLE service_work_items, service_visits;
