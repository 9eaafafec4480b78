import type { User } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type pg from "pg"
import { requireReference } from "../http/requireReference.js"

/**
 * Links a login with the driver role to its driver record and answers the record's id: the record
 * `driverId` names (which must have no login yet), else the one already linked to the user, else a
 * new record made from the user's name, phone and e-mail WITH THE USER'S id (so, as for the drivers
 * the migration made, the login's id and the driver's id are the same). `c` is a `withOrg` connection.
 */
export const linkDriver = async (
  c: pg.PoolClient,
  orgId: string,
  user: typeof User.Encoded,
  driverId: string | undefined,
): Promise<string> => {
  if (driverId !== undefined) {
    await requireReference(c, "driver", driverId, "driverId")
    // FOR NO KEY UPDATE: the audit log's key-share lock on rows it references must not wait on us.
    const linked = await c.query<{ user_id: string | null }>(
      "SELECT user_id FROM drivers WHERE id = $1 FOR NO KEY UPDATE",
      [driverId],
    )
    if (linked.rows[0]?.user_id != null)
      throw new HttpError(409, "FLEET_DRIVER_HAS_LOGIN", "the driver already has a login", "driverId")
    await c.query("UPDATE drivers SET user_id = $2, updated_at = now() WHERE id = $1", [driverId, user.id])
    return driverId
  }
  const own = await c.query<{ id: string }>("SELECT id FROM drivers WHERE user_id = $1", [user.id])
  if (own.rows[0] !== undefined) return own.rows[0].id
  await c.query(
    `INSERT INTO drivers (id, org_id, user_id, full_name, phone, email)
     VALUES ($1, $2, $1, left($3, 200), $4, $5)
     ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id WHERE drivers.user_id IS NULL`,
    [user.id, orgId, user.name, user.phone, user.email],
  )
  return user.id
}
