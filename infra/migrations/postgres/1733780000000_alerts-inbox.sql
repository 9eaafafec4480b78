-- Up Migration

-- The alerts inbox (issue 9): an acknowledgement keeps its note, an alert can be assigned to a
-- person of the organisation, and every action on an alert is kept as its history.
ALTER TABLE alerts
  ADD COLUMN acknowledgement_note text CHECK (acknowledgement_note IS NULL OR length(acknowledgement_note) <= 2000),
  ADD COLUMN assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
  ADD COLUMN assigned_at timestamptz,
  ADD COLUMN assigned_by uuid REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX alerts_assignee_idx ON alerts (org_id, assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX alerts_driver_idx ON alerts (org_id, driver_id) WHERE driver_id IS NOT NULL;
CREATE INDEX alerts_vehicle_opened_idx ON alerts (vehicle_id, opened_at DESC);

-- Who did what to an alert, when, with which note (the inbox's history; the audit log keeps the
-- same facts in its hash chain, this table serves the alert's page).
CREATE TABLE alert_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  alert_id uuid NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('acknowledge', 'assign', 'unassign', 'resolve')),
  actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
  assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
  note text CHECK (note IS NULL OR length(note) <= 2000),
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX alert_actions_alert_idx ON alert_actions (alert_id, at);

ALTER TABLE alert_actions ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON alert_actions
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON alert_actions TO fleetcore_app;

-- Down Migration
DROP TABLE alert_actions;
ALTER TABLE alerts DROP COLUMN acknowledgement_note, DROP COLUMN assignee_id, DROP COLUMN assigned_at,
  DROP COLUMN assigned_by;
