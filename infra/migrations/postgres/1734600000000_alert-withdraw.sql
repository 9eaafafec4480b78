-- Up Migration

-- Alerts reconciled after late data (issue 10): when the rules re-run over points that arrived
-- late and no longer find an alert, the system withdraws it (resolved, no person) or, when someone
-- already acted on it, adds a note. Both are kept in the alert's history, with no actor.
ALTER TABLE alert_actions DROP CONSTRAINT alert_actions_action_check;
ALTER TABLE alert_actions ADD CONSTRAINT alert_actions_action_check
  CHECK (action IN ('acknowledge', 'assign', 'unassign', 'resolve', 'withdraw', 'note'));

-- Down Migration
DELETE FROM alert_actions WHERE action IN ('withdraw', 'note');
ALTER TABLE alert_actions DROP CONSTRAINT alert_actions_action_check;
ALTER TABLE alert_actions ADD CONSTRAINT alert_actions_action_check
  CHECK (action IN ('acknowledge', 'assign', 'unassign', 'resolve'));
