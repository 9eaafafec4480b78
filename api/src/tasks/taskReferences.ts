import { reason } from "@fleetcore/contract"
import type pg from "pg"
import { refuse } from "../http/refuse.js"

/** The links a task body may name, the table each lives in, and the field that names it. */
const REFERENCES = [
  ["assigneeUserId", "users"],
  ["teamId", "teams"],
  ["vehicleId", "vehicles"],
  ["driverId", "drivers"],
  ["geofenceId", "geofences"],
] as const

export type TaskReferences = Partial<Record<(typeof REFERENCES)[number][0], string | null>>

/**
 * Refuses with 422 FLEET_REFERENCE_NOT_FOUND (naming the field) a link to something that is not in
 * the caller's organisation: `c` is a `withOrg` connection, so another organisation's row is not found.
 */
export const requireReferences = async (c: pg.ClientBase, body: TaskReferences): Promise<void> => {
  for (const [field, table] of REFERENCES) {
    const id = body[field]
    if (id == null) continue
    const found = await c.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])
    if (found.rowCount === 0)
      throw refuse(422, "FLEET_REFERENCE_NOT_FOUND", field, reason("referenceMissing"))
  }
}
