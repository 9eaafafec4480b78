import type { Queryable } from "../db/sql.js"
import { firstRow, sql } from "../db/sql.js"

/**
 * The driver of vehicle `vehicleId`'s assignment covering `at` (starts at or before it, ends after
 * it or never), or null: the rule the engine applies to the alerts it raises (`driverAt`), for the
 * alerts API actions raise. The latest-starting assignment wins if two overlap.
 */
export const assignedDriverAt = async (
  db: Queryable,
  orgId: string,
  vehicleId: string,
  at: Date,
): Promise<string | null> => {
  const found = await firstRow(
    db,
    sql
      .selectFrom("driver_assignments")
      .select("driver_id")
      .where("org_id", "=", orgId)
      .where("vehicle_id", "=", vehicleId)
      .where("starts_at", "<=", at)
      .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", at)]))
      .orderBy("starts_at", "desc")
      .limit(1),
  )
  return found?.driver_id ?? null
}
