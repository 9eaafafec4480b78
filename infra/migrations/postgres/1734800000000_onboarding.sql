-- Up Migration

-- Vehicle and driver onboarding (issue 15, seed 001). Every existing vehicle and driver is approved:
-- the column's default. An organisation that turns onboarding on
-- (`organisations.settings->'onboarding'->>'vehicles' | 'drivers'` = true) has its new records start
-- at 'created' instead: the trigger below decides on insert, so every way a record is made (the API,
-- CSV imports, users.create's driver record, the demo seed) follows the one setting.
ALTER TABLE vehicles ADD COLUMN onboarding_status text NOT NULL DEFAULT 'approved'
  CHECK (onboarding_status IN ('created', 'under_review', 'approved', 'rejected'));
ALTER TABLE drivers ADD COLUMN onboarding_status text NOT NULL DEFAULT 'approved'
  CHECK (onboarding_status IN ('created', 'background_check', 'training', 'approved', 'rejected', 'suspended'));
-- When the record entered its current stage (the queue's age).
ALTER TABLE vehicles ADD COLUMN onboarding_changed_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE drivers ADD COLUMN onboarding_changed_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX vehicles_onboarding_idx ON vehicles (org_id, onboarding_status) WHERE onboarding_status <> 'approved';
CREATE INDEX drivers_onboarding_idx ON drivers (org_id, onboarding_status) WHERE onboarding_status <> 'approved';

CREATE FUNCTION onboarding_initial_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM organisations o WHERE o.id = NEW.org_id
             AND (o.settings->'onboarding'->>TG_ARGV[0])::boolean) THEN
    NEW.onboarding_status := 'created';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER vehicles_onboarding_initial BEFORE INSERT ON vehicles
  FOR EACH ROW EXECUTE FUNCTION onboarding_initial_status('vehicles');
CREATE TRIGGER drivers_onboarding_initial BEFORE INSERT ON drivers
  FOR EACH ROW EXECUTE FUNCTION onboarding_initial_status('drivers');

-- Every onboarding step of a vehicle or driver: the timeline. `step` is what was done ('submit',
-- 'inspect', 'approve', 'reject' for vehicles; 'start', 'pass', 'fail', 'suspend', 'reinstate' for
-- drivers), from/to the stages around it (equal for an inspection), the result of the stage left,
-- notes (the reason of a rejection or suspension) and the documents attached to the step.
CREATE TABLE onboarding_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  entity_type text NOT NULL CHECK (entity_type IN ('vehicle', 'driver')),
  entity_id uuid NOT NULL,
  step text NOT NULL CHECK (step IN ('submit', 'inspect', 'approve', 'reject', 'start', 'pass', 'fail',
                                     'suspend', 'reinstate')),
  from_status text NOT NULL,
  to_status text NOT NULL,
  result text CHECK (result IS NULL OR result IN ('passed', 'failed')),
  notes text CHECK (notes IS NULL OR length(notes) <= 2000),
  document_ids uuid[] NOT NULL DEFAULT '{}',
  actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX onboarding_events_entity_idx ON onboarding_events (org_id, entity_type, entity_id, at);
ALTER TABLE onboarding_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON onboarding_events USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
GRANT SELECT, INSERT ON onboarding_events TO fleetcore_app;

-- Down Migration
DROP TABLE onboarding_events;
DROP TRIGGER drivers_onboarding_initial ON drivers;
DROP TRIGGER vehicles_onboarding_initial ON vehicles;
DROP FUNCTION onboarding_initial_status();
ALTER TABLE drivers DROP COLUMN onboarding_changed_at, DROP COLUMN onboarding_status;
ALTER TABLE vehicles DROP COLUMN onboarding_changed_at, DROP COLUMN onboarding_status;
