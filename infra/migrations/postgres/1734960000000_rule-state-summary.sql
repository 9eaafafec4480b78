-- Up Migration

-- What the API reads of a vehicle's rule state, kept beside it (engine/src/ruleSnapshots.ts):
-- written each second for the vehicles that changed, while the whole state (3-5 KB of JSON) is
-- written about once a minute a vehicle, and at a partition hand-over and at shutdown.
ALTER TABLE vehicle_rule_state
  ADD COLUMN estimated_odometer_m float8,
  ADD COLUMN trip_open boolean NOT NULL DEFAULT false;
UPDATE vehicle_rule_state SET
  estimated_odometer_m = (state->>'estimatedOdometerM')::float8,
  trip_open = jsonb_typeof(state #> '{trips,trip}') = 'object';

-- Down Migration
ALTER TABLE vehicle_rule_state DROP COLUMN estimated_odometer_m, DROP COLUMN trip_open;
