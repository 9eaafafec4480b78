import type { PostgresClient } from "@fleetcore/platform"
import type { Principal } from "../auth/Principal.js"
import { requireVisibleVehicle } from "../vehicles/visibleVehicle.js"

/** Whose vehicle a proposal is about: the organisation it is stored and decided in. */
export interface ProposalTarget {
  readonly orgId: string
}

/**
 * Where `p` may propose a change to vehicle `vehicleId`: a driver for a vehicle assigned to them
 * now (else 404, as for any vehicle they may not see).
 */
export const proposalTarget = async (
  db: PostgresClient,
  p: Principal,
  vehicleId: string,
): Promise<ProposalTarget> => {
  await db.withOrg(p.orgId, (c) => requireVisibleVehicle(c, p, vehicleId))
  return { orgId: p.orgId }
}
