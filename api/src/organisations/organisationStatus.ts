import { HttpError } from "@fleetcore/platform"
import type { Queryable } from "../db/sql.js"

export const organisationSuspended = (): HttpError =>
  new HttpError(
    403,
    "FLEET_ORGANISATION_SUSPENDED",
    "the organisation is suspended; ask the installation owner",
  )

/**
 * Refuses (403 FLEET_ORGANISATION_SUSPENDED) unless the organisation exists and is active. Sign-in,
 * refresh and authentication call it, so a suspended organisation's users are kept out. Run it on
 * the system pool or inside `withOrg(orgId)`: elsewhere row-level security hides the row, and an
 * organisation that cannot be seen is not active.
 */
export const assertOrganisationActive = async (client: Queryable, orgId: string): Promise<void> => {
  const { rows } = await client.query<{ status: string }>("SELECT status FROM organisations WHERE id = $1", [
    orgId,
  ])
  if (rows[0]?.status !== "active") throw organisationSuspended()
}
