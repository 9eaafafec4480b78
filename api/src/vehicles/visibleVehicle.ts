import { isConfinedToAssignedVehicles } from "@fleetcore/contract"
import { HttpError, type PostgresClient } from "@fleetcore/platform"
import { type Expression, sql as raw, type SqlBool } from "kysely"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"

/**
 * Which vehicles a caller may see and act on. Row-level security confines everyone to their
 * organisation; a role confined to assigned vehicles (a driver, `isConfinedToAssignedVehicles`)
 * further sees only the vehicles of their assignments covering now. Every route and the live feed
 * ask here; another vehicle answers exactly as a foreign or unknown one (404).
 */

export const vehicleNotFound = (): HttpError =>
  new HttpError(404, "FLEET_VEHICLE_NOT_FOUND", "no such vehicle")

const now = raw<Date>`now()`

/** The driver records a login belongs to (drivers.user_id): assignments name drivers, not users. */
const driversOfUser = (userId: string) => sql.selectFrom("drivers").select("id").where("user_id", "=", userId)

/** The ids of the vehicles assigned to the driver of login `userId` by an assignment covering now. */
export const assignedNow = (userId: string) =>
  sql
    .selectFrom("driver_assignments")
    .select("vehicle_id")
    .where("driver_id", "in", driversOfUser(userId))
    .where("starts_at", "<=", now)
    .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now)]))

/**
 * The condition that keeps the rows of vehicles `p` may see; `column` names the rows' vehicle id
 * ("v.id", "k.vehicle_id"). Always true for roles that see the whole organisation.
 */
export const visibleVehicles = (p: Principal, column: string): Expression<SqlBool> =>
  isConfinedToAssignedVehicles(p.role)
    ? raw<SqlBool>`${raw.ref(column)} IN (${assignedNow(p.userId)})`
    : raw<SqlBool>`true`

/** Answers 404 unless `p` may see vehicle `id`; `c` is a `withOrg` connection. */
export const requireVisibleVehicle = async (c: pg.ClientBase, p: Principal, id: string): Promise<void> => {
  const found = await firstRow(
    c,
    sql.selectFrom("vehicles as v").select("v.id").where("v.id", "=", id).where(visibleVehicles(p, "v.id")),
  )
  if (found === undefined) throw vehicleNotFound()
}

/** Answers 404 unless `p` may see vehicle `id`. */
export const visibleVehicle = (db: PostgresClient, p: Principal, id: string): Promise<void> =>
  db.withOrg(p.orgId, (c) => requireVisibleVehicle(c, p, id))

/** One assignment's period, for deciding "covering now" at any later moment without a query. */
export interface AssignmentWindow {
  readonly vehicleId: string
  readonly startsAtMs: number
  /** null: open-ended. */
  readonly endsAtMs: number | null
}

/** The same rule as `assignedNow`, evaluated at `atMs`. */
export const windowCovers = (w: AssignmentWindow, atMs: number): boolean =>
  w.startsAtMs <= atMs && (w.endsAtMs === null || w.endsAtMs > atMs)

/** The assignments of login `userId`'s driver that have not ended yet (current and future ones). */
export const openAssignmentWindows = async (
  db: PostgresClient,
  orgId: string,
  userId: string,
): Promise<ReadonlyArray<AssignmentWindow>> => {
  const found = await db.withOrg(orgId, (c) =>
    rows(
      c,
      sql
        .selectFrom("driver_assignments")
        .select(["vehicle_id", "starts_at", "ends_at"])
        .where("driver_id", "in", driversOfUser(userId))
        .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now)])),
    ),
  )
  return found.map((r) => ({
    vehicleId: r.vehicle_id,
    startsAtMs: r.starts_at.getTime(),
    endsAtMs: r.ends_at?.getTime() ?? null,
  }))
}
