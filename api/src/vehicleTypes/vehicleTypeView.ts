import type { VehicleType } from "@fleetcore/contract"
import { sql as raw } from "kysely"
import { sql } from "../db/sql.js"

/**
 * Vehicle types with how many of the caller's organisation's vehicles use each. Row-level security
 * shows the universal catalogue (org_id NULL) and the caller's own types, and counts only the
 * caller's vehicles.
 */
export const vehicleTypeQuery = () =>
  sql
    .selectFrom("vehicle_types as t")
    .select([
      "t.id",
      "t.org_id",
      "t.name",
      "t.brand",
      "t.model",
      "t.fuel_type",
      raw<number | null>`t.rated_consumption_l_100km::float8`.as("rated"),
      raw<number | null>`t.tank_capacity_l::float8`.as("tank"),
      raw<number | null>`t.speed_limit_kmh::float8`.as("speed_limit"),
      raw<number>`(SELECT count(*)::int FROM vehicles v WHERE v.vehicle_type_id = t.id)`.as("vehicles"),
      "t.created_at",
      "t.updated_at",
    ])

type Row = Awaited<ReturnType<ReturnType<typeof vehicleTypeQuery>["executeTakeFirstOrThrow"]>>

export const toVehicleType = (r: Row): typeof VehicleType.Encoded => ({
  id: r.id,
  name: r.name,
  brand: r.brand,
  model: r.model,
  fuelType: r.fuel_type as (typeof VehicleType.Encoded)["fuelType"],
  ratedConsumptionL100km: r.rated,
  tankCapacityL: r.tank,
  speedLimitKmh: r.speed_limit,
  universal: r.org_id === null,
  vehicles: r.vehicles,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})
