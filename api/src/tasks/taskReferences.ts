import { HttpError } from "@fleetcore/platform"
import type pg from "pg"

/** The links a task body may name, the table each lives in, and the field that names it. */
const REFERENCES = [
  ["assigneeUserId", "users", "no such user"],
  ["teamId", "teams", "no such team"],
  ["vehicleId", "vehicles", "no such vehicle"],
  ["driverId", "drivers", "no such driver"],
  ["geofenceId", "geofences", "no such geofence"],
] as const

export type TaskReferences = Partial<Record<(typeof REFERENCES)[number][0], string | null>>

/**
 * Refuses with 422 FLEET_REFERENCE_NOT_FOUND (naming the field) a link to something that is not in
 * the caller's organisation: `c` is a `withOrg` connection, so another organisation's row is not found.
 */
export const requireReferences = async (c: pg.ClientBase, body: TaskReferences): Promise<void> => {
  for (const [field, table, message] of REFERENCES) {
    const id = body[field]
    if (id == null) continue
    const found = await c.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])
    if (found.rowCount === 0) throw new HttpError(422, "FLEET_REFERENCE_NOT_FOUND", message, field)
  }
}
