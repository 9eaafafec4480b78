-- Up Migration
-- Where a vehicle's service book starts when it has no completed service yet.
ALTER TABLE vehicles ADD COLUMN commissioned_on date, ADD COLUMN commissioned_odometer_km numeric(12, 1);

-- "Every N km or M months, whichever first", for a vehicle type or one vehicle (which overrides
-- type templates of the same name).
CREATE TABLE maintenance_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  vehicle_type_id uuid REFERENCES vehicle_types(id) ON DELETE CASCADE,
  vehicle_id uuid REFERENCES vehicles(id) ON DELETE CASCADE,
  every_km numeric(10, 1) CHECK (every_km > 0),
  every_months integer CHECK (every_months > 0),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((vehicle_type_id IS NULL) <> (vehicle_id IS NULL)),
  CHECK (every_km IS NOT NULL OR every_months IS NOT NULL)
);

-- Per vehicle and template: the base the next service is counted from (last completion).
CREATE TABLE maintenance_plans (
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  template_id uuid NOT NULL REFERENCES maintenance_templates(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  base_odometer_km numeric(12, 1) NOT NULL,
  base_date date NOT NULL,
  PRIMARY KEY (vehicle_id, template_id)
);

CREATE TABLE maintenance_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  template_id uuid NOT NULL REFERENCES maintenance_templates(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('scheduled', 'overdue', 'completed', 'cancelled')),
  due_odometer_km numeric(12, 1),
  due_date date,
  reminders_sent integer[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_on date,
  completed_odometer_km numeric(12, 1),
  cost numeric(14, 2) CHECK (cost >= 0),
  currency char(3) CHECK (currency ~ '^[A-Z]{3}$'),
  notes text,
  completed_by uuid REFERENCES users(id)
);
CREATE UNIQUE INDEX maintenance_tasks_one_open ON maintenance_tasks (vehicle_id, template_id) WHERE status IN ('scheduled', 'overdue');

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['maintenance_templates', 'maintenance_plans', 'maintenance_tasks'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON maintenance_templates, maintenance_plans, maintenance_tasks TO fleetcore_app;

-- Down Migration
DROP TABLE maintenance_tasks, maintenance_plans, maintenance_templates;
ALTER TABLE vehicles DROP COLUMN commissioned_on, DROP COLUMN commissioned_odometer_km;
