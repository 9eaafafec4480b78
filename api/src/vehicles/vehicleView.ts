import type { Vehicle } from "@fleetcore/contract"
import { sql as raw } from "kysely"
import { sql } from "../db/sql.js"

/** Vehicles with their type, device, last state and current odometer: one row per vehicle. */
export const vehicleQuery = () =>
  sql
    .selectFrom("vehicles as v")
    .leftJoin("vehicle_types as t", "t.id", "v.vehicle_type_id")
    .leftJoin("devices as d", "d.vehicle_id", "v.id")
    .leftJoin("vehicle_state as s", "s.vehicle_id", "v.id")
    .leftJoin("vehicle_rule_state as rs", "rs.vehicle_id", "v.id")
    .select([
      "v.id",
      "v.name",
      "v.plate",
      "v.vin",
      "t.id as type_id",
      "t.name as type_name",
      "d.id as device_id",
      // One definition of a vehicle's odometer (migration 1734980000000_vehicle-odometer.sql).
      raw<number | null>`vehicle_odometer_m(v.id)`.as("current_odometer_m"),
      "s.time",
      "s.lat",
      "s.lon",
      "s.speed_mps",
      "s.heading_deg",
      "s.ignition",
      "s.odometer_m",
      "s.fuel_level_pct",
      "s.battery_v",
    ])

type VehicleRow = Awaited<ReturnType<ReturnType<typeof vehicleQuery>["executeTakeFirstOrThrow"]>>

export const toVehicle = (r: VehicleRow): typeof Vehicle.Encoded => ({
  id: r.id,
  name: r.name,
  plate: r.plate,
  vin: r.vin,
  vehicleType: r.type_id === null || r.type_name === null ? null : { id: r.type_id, name: r.type_name },
  deviceId: r.device_id,
  odometerKm: r.current_odometer_m === null ? null : Math.round(r.current_odometer_m / 100) / 10,
  last:
    r.time === null || r.lat === null || r.lon === null
      ? null
      : {
          vehicleId: r.id,
          timeMs: r.time.getTime(),
          lat: r.lat,
          lon: r.lon,
          speedMps: r.speed_mps,
          headingDeg: r.heading_deg,
          ignition: r.ignition,
          odometerM: r.odometer_m,
          fuelLevelPct: r.fuel_level_pct,
          batteryV: r.battery_v,
        },
})
