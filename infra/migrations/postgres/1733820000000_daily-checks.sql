-- Up Migration

-- Notifications in the reader's language (issue 9): an event carries a message key and its
-- parameters, rendered per recipient in their language (users.locale) for in-app, e-mail and
-- Telegram. title/body stay the English text: the fallback for rows made before this, and the
-- stable payload of webhooks.
ALTER TABLE notification_events
  ADD COLUMN message_key text CHECK (message_key IS NULL OR message_key ~ '^[a-z][a-z0-9_.]{1,63}$'),
  ADD COLUMN message_params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(message_params) = 'object');

-- Daily checks (expiries, maintenance reminders, budgets): one run per organisation and local day.
-- A process claims the day by inserting its row; a second process (or a second tick) finds it and
-- does nothing. A run that never finished (its process died) may be claimed again after a lease;
-- raising is idempotent (dedupe keys), so a repeated run tells nobody twice.
CREATE TABLE daily_check_runs (
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  -- the organisation's local day the run is for
  day date NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  -- notifications raised by the run
  raised integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day)
);

ALTER TABLE daily_check_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON daily_check_runs USING (org_id = (SELECT app_org_id()))
  WITH CHECK (org_id = (SELECT app_org_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON daily_check_runs TO fleetcore_app;

-- Down Migration
DROP TABLE daily_check_runs;
ALTER TABLE notification_events DROP COLUMN message_params, DROP COLUMN message_key;
