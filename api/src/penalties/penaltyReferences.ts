import { reason } from "@fleetcore/contract"
import type { HttpError } from "@fleetcore/platform"
import type pg from "pg"
import { refuse } from "../http/refuse.js"

const referenceNotFound = (field: string): HttpError =>
  refuse(422, "FLEET_REFERENCE_NOT_FOUND", field, reason("referenceMissing"))

/**
 * A driver record of the caller's organisation (`c` is a `withOrg` connection: row-level security
 * hides other organisations' drivers, so theirs get the answer of an unknown id).
 */
export const requireDriver = async (c: pg.ClientBase, id: string, field: string): Promise<void> => {
  const found = await c.query("SELECT 1 FROM drivers WHERE id = $1", [id])
  if ((found.rowCount ?? 0) === 0) throw referenceNotFound(field)
}

/** A receipt: a document of the caller's organisation attached to this fine. */
export const requireReceipt = async (
  c: pg.ClientBase,
  documentId: string,
  penaltyId: string,
  field: string,
): Promise<void> => {
  const found = await c.query(
    "SELECT 1 FROM documents WHERE id = $1 AND entity_type = 'penalty' AND entity_id = $2",
    [documentId, penaltyId],
  )
  if ((found.rowCount ?? 0) === 0) throw referenceNotFound(field)
}

/**
 * The driver record of whoever was assigned to the vehicle at `at`, if any. Assignments name the
 * driver by user id today and by driver id once drivers are their own records; a driver that was a
 * user keeps the user's id, so either way the match is the driver whose id or login is named.
 */
export const driverAssignedAt = async (
  c: pg.ClientBase,
  vehicleId: string,
  at: Date,
): Promise<string | null> => {
  const found = await c.query<{ id: string }>(
    `SELECT d.id FROM driver_assignments a
       JOIN drivers d ON d.id = a.driver_id OR d.user_id = a.driver_id
      WHERE a.vehicle_id = $1 AND a.starts_at <= $2 AND (a.ends_at IS NULL OR a.ends_at > $2)
      ORDER BY a.starts_at DESC, (d.id = a.driver_id) DESC
      LIMIT 1`,
    [vehicleId, at],
  )
  return found.rows[0]?.id ?? null
}
