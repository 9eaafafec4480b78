import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { listPage } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { requireVisibleVehicle, visibleVehicle } from "./visibleVehicle.js"

const view = (r: {
  id: string
  vehicle_id: string
  driver_id: string
  starts_at: Date
  ends_at: Date | null
}) => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  driverId: r.driver_id,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at?.toISOString() ?? null,
})

/** Who drives which vehicle when. */
export const registerAssignmentRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.assignments.create, async ({ principal: p, params, body: b, request }) => {
    const vehicleId = params.id
    const startsAt = new Date(b.startsAt)
    const endsAt = b.endsAt ? new Date(b.endsAt) : null
    if (endsAt !== null && !(endsAt > startsAt)) {
      throw new HttpError(400, "FLEET_ASSIGNMENT_INVALID", "endsAt must be after startsAt", "endsAt")
    }
    const row = await db.withOrg(p.orgId, async (c) => {
      await requireVisibleVehicle(c, p, vehicleId)
      await requireReference(c, "driver", b.driverId, "driverId")
      // One assignment at a time per vehicle: the overlap check and the insert cannot interleave.
      await c.query("SELECT pg_advisory_xact_lock(hashtext('assign:' || $1))", [vehicleId])
      const overlap = await firstRow(
        c,
        sql
          .selectFrom("driver_assignments")
          .select("id")
          .where("vehicle_id", "=", vehicleId)
          .where(
            raw<boolean>`tstzrange(starts_at, ends_at) && tstzrange(${startsAt}::timestamptz, ${endsAt}::timestamptz)`,
          ),
      )
      if (overlap !== undefined) {
        throw new HttpError(
          409,
          "FLEET_ASSIGNMENT_OVERLAPS",
          "the vehicle has another driver in that period",
          "startsAt",
        )
      }
      const created = await firstRow(
        c,
        sql
          .insertInto("driver_assignments")
          .values({
            org_id: p.orgId,
            vehicle_id: vehicleId,
            driver_id: b.driverId,
            starts_at: startsAt,
            ends_at: endsAt,
          })
          .returning(["id", "vehicle_id", "driver_id", "starts_at", "ends_at"]),
      )
      if (created === undefined) throw new Error("the assignment was not stored")
      await audit(c, p, request, {
        action: "assignment.create",
        entity: "driver_assignment",
        entityId: created.id,
        newValues: { vehicleId, ...b },
      })
      return created
    })
    return { body: view(row) }
  })

  serve(app, deps, endpoints.assignments.list, async ({ principal: p, params, query: f }) => {
    await visibleVehicle(db, p, params.id)
    let query = sql
      .selectFrom("driver_assignments")
      .select(["id", "vehicle_id", "driver_id", "starts_at", "ends_at"])
      .where("vehicle_id", "=", params.id)
      .orderBy("starts_at", f.sort === "startsAt" ? "asc" : "desc")
      .orderBy("id")
    if (f.driverId) query = query.where("driver_id", "=", f.driverId)
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(view) } }
  })
}
