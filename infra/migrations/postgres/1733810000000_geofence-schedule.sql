-- Up Migration
-- Which confirmed crossings alert, and when the fence is watched. Existing fences keep alerting
-- on both, always.
ALTER TABLE geofences
  ADD COLUMN alert_on text NOT NULL DEFAULT 'both' CHECK (alert_on IN ('enter', 'exit', 'both')),
  -- {"days": ["mon", …], "from": "08:00", "to": "18:00"} in the organisation's time zone; NULL = always
  ADD COLUMN schedule jsonb CHECK (schedule IS NULL OR jsonb_typeof(schedule) = 'object');

-- Down Migration
ALTER TABLE geofences DROP COLUMN schedule, DROP COLUMN alert_on;
