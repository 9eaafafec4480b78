import { sql as raw } from "kysely"
import { firstRow, type Queryable, sql } from "../db/sql.js"
import type { AccessScope } from "./centreTables.js"

/** A grant in force: a centre's access to one vehicle of another organisation. */
export interface ActiveGrant {
  readonly id: string
  /** The vehicle's organisation. */
  readonly orgId: string
  readonly centreOrgId: string
  readonly vehicleId: string
  /** 'read': the vehicle's card only; 'service': also visits and change proposals. */
  readonly scope: AccessScope
  readonly validFrom: Date
  readonly validUntil: Date | null
}

/**
 * The grant that lets `centreOrgId` reach `vehicleId` now (not revoked, now within its validity),
 * or null. Runs inside the centre's or the fleet's transaction: row-level security shows a grant to
 * both. With several in force, the widest scope wins ('service' over 'read'), then the longest.
 */
export const activeGrant = async (
  tx: Queryable,
  centreOrgId: string,
  vehicleId: string,
): Promise<ActiveGrant | null> => {
  const row = await firstRow(
    tx,
    sql
      .selectFrom("vehicle_access_grants")
      .select(["id", "org_id", "centre_org_id", "vehicle_id", "scope", "valid_from", "valid_until"])
      .where("centre_org_id", "=", centreOrgId)
      .where("vehicle_id", "=", vehicleId)
      .where("revoked_at", "is", null)
      .where("valid_from", "<=", raw<Date>`now()`)
      .where((eb) => eb.or([eb("valid_until", "is", null), eb("valid_until", ">", raw<Date>`now()`)]))
      .orderBy(raw`scope = 'service'`, "desc")
      .orderBy(raw`valid_until IS NULL`, "desc")
      .orderBy("valid_until", "desc")
      .limit(1),
  )
  return row === undefined
    ? null
    : {
        id: row.id,
        orgId: row.org_id,
        centreOrgId: row.centre_org_id,
        vehicleId: row.vehicle_id,
        scope: row.scope,
        validFrom: row.valid_from,
        validUntil: row.valid_until,
      }
}
