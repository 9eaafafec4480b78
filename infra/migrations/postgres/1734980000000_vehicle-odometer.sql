-- Up Migration

-- A manual reading of a vehicle with a tracker keeps the tracker's own odometer at that moment (its
-- last reported value, when the reading is not older than the tracker's last point): the engine sets
-- the vehicle's odometer against the tracker's from it (engine/src/VehicleRules.ts), so a tracker
-- counting from its installation shows the vehicle's true figure.
ALTER TABLE odometer_readings ADD COLUMN device_odometer_m float8;
-- When the engine last set the vehicle's odometer against the tracker's (a reading's time, or a
-- rollback's or jump's): written with the estimate, each second for the vehicles that changed.
ALTER TABLE vehicle_rule_state ADD COLUMN odometer_offset_at timestamptz;

-- A vehicle's odometer now, metres: one definition for every reader (the vehicles list and record,
-- the driver's home, the maintenance board, the maintenance planner and its reminders), which
-- before this read four different mixes of the same sources. In order:
-- 1. a reading taken against the tracker that the engine has not taken yet: it, plus what the
--    tracker counted since;
-- 2. a reading newer than anything the vehicle reported: it;
-- 3. the engine's figure (`estimated_odometer_m`: the tracker's reading, carried on from the last
--    trusted value across a rollback or a jump and set by readings; without a tracker odometer, the
--    latest reading plus GPS distance since), the tracker's raw reading until the engine has written
--    one, else the latest reading;
-- never below the commissioning odometer. Runs with the caller's rights: row-level security applies.
CREATE FUNCTION vehicle_odometer_m(vehicle uuid) RETURNS float8
LANGUAGE sql STABLE SET search_path = public, pg_temp AS
$$ SELECT GREATEST(
     CASE
       WHEN m.device_m IS NOT NULL AND m.at > COALESCE(rs.offset_at, '-infinity')
         THEN m.value_m + GREATEST(0, COALESCE(s.odometer_m, m.device_m) - m.device_m)
       WHEN m.at > COALESCE(s.time, '-infinity') THEN m.value_m
       ELSE COALESCE(rs.estimated_m, s.odometer_m, m.value_m)
     END,
     (SELECT v.commissioned_odometer_km::float8 * 1000 FROM vehicles v WHERE v.id = vehicle))
   FROM (SELECT 1) AS one
   LEFT JOIN LATERAL (
     SELECT r.value_km::float8 * 1000 AS value_m, r.at, r.device_odometer_m AS device_m
     FROM odometer_readings r WHERE r.vehicle_id = vehicle ORDER BY r.at DESC, r.created_at DESC LIMIT 1
   ) m ON true
   LEFT JOIN LATERAL (
     SELECT estimated_odometer_m AS estimated_m, odometer_offset_at AS offset_at
     FROM vehicle_rule_state WHERE vehicle_id = vehicle
   ) rs ON true
   LEFT JOIN LATERAL (SELECT odometer_m, time FROM vehicle_state WHERE vehicle_id = vehicle) s ON true $$;

-- Down Migration
DROP FUNCTION vehicle_odometer_m(uuid);
ALTER TABLE vehicle_rule_state DROP COLUMN odometer_offset_at;
ALTER TABLE odometer_readings DROP COLUMN device_odometer_m;
