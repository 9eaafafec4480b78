import { HttpError } from "@fleetcore/platform"
import { type ActiveGrant, activeGrant } from "../centres/vehicleAccess.js"
import { firstRow, type Queryable, sql } from "../db/sql.js"
import { vehicleNotFound } from "../vehicles/visibleVehicle.js"

/**
 * Answers 403 unless service centre `centreOrgId` is approved by the moderators: a centre not yet
 * verified (draft, submitted, rejected) or suspended records no trusted visits.
 */
export const requireApprovedCentre = async (c: Queryable, centreOrgId: string): Promise<string> => {
  const centre = await firstRow(
    c,
    sql
      .selectFrom("service_centres as s")
      .innerJoin("organisations as o", "o.id", "s.org_id")
      .select(["s.status", "o.name"])
      .where("s.org_id", "=", centreOrgId),
  )
  if (centre?.status !== "approved") {
    throw new HttpError(
      403,
      "FLEET_VISIT_CENTRE_UNVERIFIED",
      centre === undefined
        ? "your organisation is not a service centre"
        : `your service centre is ${centre.status === "suspended" ? "suspended" : `not verified (${centre.status})`}: it cannot record trusted visits`,
    )
  }
  return centre.name
}

/**
 * The grant in force that lets centre `centreOrgId` work on vehicle `vehicleId` (scope 'service'),
 * or 403: never granted, expired, revoked, or read-only. Runs in the centre's transaction. With
 * `unknownAs404` (the vehicle's id is in the path), a vehicle the centre was never granted is
 * answered as an unknown one (404), so no id tells another organisation's vehicle from none.
 */
export const requireServiceGrant = async (
  c: Queryable,
  centreOrgId: string,
  vehicleId: string,
  unknownAs404 = false,
): Promise<ActiveGrant> => {
  const grant = await activeGrant(c, centreOrgId, vehicleId)
  if (grant === null && unknownAs404) {
    const ever = await firstRow(
      c,
      sql
        .selectFrom("vehicle_access_grants")
        .select("id")
        .where("centre_org_id", "=", centreOrgId)
        .where("vehicle_id", "=", vehicleId)
        .limit(1),
    )
    if (ever === undefined) throw vehicleNotFound()
  }
  if (grant === null || grant.scope !== "service") {
    throw new HttpError(
      403,
      "FLEET_VEHICLE_ACCESS_REQUIRED",
      grant === null
        ? "your service centre has no access in force to this vehicle (never granted, expired or revoked)"
        : "your service centre's access to this vehicle is read-only; ask the owner for service access",
      "vehicleId",
    )
  }
  return grant
}
