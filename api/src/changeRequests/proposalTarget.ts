import { isCentreRole } from "@fleetcore/contract"
import type { PostgresClient } from "@fleetcore/platform"
import type { Principal } from "../auth/Principal.js"
import { requireVisibleVehicle } from "../vehicles/visibleVehicle.js"
import { requireServiceGrant } from "../visits/centreAccess.js"

/** Whose vehicle a proposal is about: the organisation it is stored and decided in. */
export interface ProposalTarget {
  readonly orgId: string
}

/**
 * Where `p` may propose a change to vehicle `vehicleId`: a centre's employee for a vehicle its
 * centre holds a service grant to (a grant ended or read-only: 403; never granted: 404); a driver for a vehicle assigned to them now (else
 * 404, as for any vehicle they may not see).
 */
export const proposalTarget = async (
  db: PostgresClient,
  p: Principal,
  vehicleId: string,
): Promise<ProposalTarget> => {
  if (isCentreRole(p.role)) {
    const grant = await db.withOrg(p.orgId, (c) => requireServiceGrant(c, p.orgId, vehicleId, true))
    return { orgId: grant.orgId }
  }
  await db.withOrg(p.orgId, (c) => requireVisibleVehicle(c, p, vehicleId))
  return { orgId: p.orgId }
}
