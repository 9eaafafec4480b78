import { HttpError, type PostgresClient, type Request } from "@fleetcore/platform"
import type { Principal } from "../auth/Principal.js"
import { UUID } from "../http/RouteDeps.js"

const notFound = () => new HttpError(404, "FLEET_VEHICLE_NOT_FOUND", "no such vehicle")

/** The `:id` path parameter as a vehicle id, or 404 (before any query). */
export const vehicleIdParam = (request: Request): string => {
  const id = request.params[0] ?? ""
  if (!UUID.test(id)) throw notFound()
  return id
}

/**
 * The `:id` vehicle, if the caller's organisation can see it (row-level security decides), else
 * 404: the same answer whether it does not exist or belongs to another organisation.
 */
export const visibleVehicle = async (db: PostgresClient, p: Principal, request: Request): Promise<string> => {
  const id = vehicleIdParam(request)
  const found = await db.withOrg(p.orgId, (c) => c.query("SELECT 1 FROM vehicles WHERE id = $1", [id]))
  if (found.rowCount === 0) throw notFound()
  return id
}
