import type pg from "pg"
import { rows, sql } from "../db/sql.js"

/** Who drove a vehicle at an instant: the assignment covering it, by the driver's name. */
export interface AssignedDrivers {
  readonly at: (vehicleId: string, ms: number) => string | null
}

/**
 * The assignments of `vehicleIds` overlapping [fromMs, toMs), with their drivers' names (one
 * query, inside the caller's organisation by row-level security), answering who drove when.
 */
export const assignedDrivers = async (
  c: pg.ClientBase,
  vehicleIds: ReadonlyArray<string>,
  fromMs: number,
  toMs: number,
): Promise<AssignedDrivers> => {
  const found =
    vehicleIds.length === 0
      ? []
      : await rows(
          c,
          sql
            .selectFrom("driver_assignments as a")
            .innerJoin("drivers as d", "d.id", "a.driver_id")
            .select(["a.vehicle_id", "a.starts_at", "a.ends_at", "d.full_name"])
            .where("a.vehicle_id", "in", vehicleIds)
            .where("a.starts_at", "<", new Date(toMs))
            .where((w) => w.or([w("a.ends_at", "is", null), w("a.ends_at", ">", new Date(fromMs))])),
        )
  const byVehicle = new Map<string, Array<(typeof found)[number]>>()
  for (const a of found) {
    const own = byVehicle.get(a.vehicle_id)
    if (own === undefined) byVehicle.set(a.vehicle_id, [a])
    else own.push(a)
  }
  return {
    at: (vehicleId, ms) =>
      byVehicle
        .get(vehicleId)
        ?.find((a) => a.starts_at.getTime() <= ms && (a.ends_at === null || a.ends_at.getTime() > ms))
        ?.full_name ?? null,
  }
}
