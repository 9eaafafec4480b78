-- Up Migration

-- A vehicle's odometer now, metres: one definition for every reader (the vehicles list and record,
-- the driver's home, the maintenance board, the maintenance planner and its reminders), which
-- before this read four different mixes of the same sources. The engine's figure first
-- (`vehicle_rule_state.estimated_odometer_m`: the device's reading, carried on from the last
-- trusted value across a rollback or a jump, or the latest manual reading plus GPS distance), the
-- device's raw reading until the engine has written one; never below the latest manual reading or
-- the commissioning odometer. Runs with the caller's rights: row-level security still applies.
CREATE FUNCTION vehicle_odometer_m(vehicle uuid) RETURNS float8
LANGUAGE sql STABLE SET search_path = public, pg_temp AS
$$ SELECT GREATEST(
     COALESCE(
       (SELECT rs.estimated_odometer_m FROM vehicle_rule_state rs WHERE rs.vehicle_id = vehicle),
       (SELECT s.odometer_m FROM vehicle_state s WHERE s.vehicle_id = vehicle)),
     (SELECT r.value_km::float8 * 1000 FROM odometer_readings r WHERE r.vehicle_id = vehicle
      ORDER BY r.at DESC, r.created_at DESC LIMIT 1),
     (SELECT v.commissioned_odometer_km::float8 * 1000 FROM vehicles v WHERE v.id = vehicle)) $$;

-- Down Migration
DROP FUNCTION vehicle_odometer_m(uuid);
