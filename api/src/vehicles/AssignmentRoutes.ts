import { endpoints, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { driverNotFound, readableDrivers } from "../drivers/driverQueries.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { requireAssignable } from "../onboarding/requireAssignable.js"
import { requireVisibleVehicle, visibleVehicle, visibleVehicles } from "./visibleVehicle.js"

/** Assignments with the driver's and vehicle's names; callers add the filters. */
const withNames = () =>
  sql
    .selectFrom("driver_assignments as a")
    .innerJoin("drivers as d", "d.id", "a.driver_id")
    .innerJoin("vehicles as v", "v.id", "a.vehicle_id")
    .select([
      "a.id",
      "a.vehicle_id",
      "a.driver_id",
      "a.starts_at",
      "a.ends_at",
      "d.full_name",
      "v.name as vehicle_name",
      "v.plate",
    ])

const namedView = (
  r: Parameters<typeof view>[0] & { full_name: string; vehicle_name: string; plate: string | null },
) => ({ ...view(r), driverName: r.full_name, vehicleName: r.vehicle_name, vehiclePlate: r.plate })

const assignmentNotFound = () => new HttpError(404, "FLEET_ASSIGNMENT_NOT_FOUND", "no such assignment")

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
      throw refuse(400, "FLEET_ASSIGNMENT_INVALID", "endsAt", reason("afterStart"))
    }
    const row = await db.withOrg(p.orgId, async (c) => {
      await requireVisibleVehicle(c, p, vehicleId)
      await requireReference(c, "driver", b.driverId, "driverId")
      await requireAssignable(c, vehicleId, b.driverId)
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
    let query = withNames()
      .where("a.vehicle_id", "=", params.id)
      .orderBy("a.starts_at", f.sort === "startsAt" ? "asc" : "desc")
      .orderBy("a.id")
    if (f.driverId) query = query.where("a.driver_id", "=", f.driverId)
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(namedView) } }
  })

  serve(app, deps, endpoints.assignments.byDriver, async ({ principal: p, params, query: f }) => {
    const page = await db.withOrg(p.orgId, async (c) => {
      const driver = await firstRow(
        c,
        sql
          .selectFrom("drivers as d")
          .select("d.id")
          .where("d.id", "=", params.id)
          .where(readableDrivers(p, "d.id")),
      )
      if (driver === undefined) throw driverNotFound()
      let query = withNames()
        .where("a.driver_id", "=", params.id)
        .orderBy("a.starts_at", f.sort === "startsAt" ? "asc" : "desc")
        .orderBy("a.id")
      if (f.q) {
        const like = contains(f.q)
        query = query.where((eb) => eb.or([eb("v.name", "ilike", like), eb("v.plate", "ilike", like)]))
      }
      return listPage(c, query, f)
    })
    return { body: { ...page, items: page.items.map(namedView) } }
  })

  serve(app, deps, endpoints.assignments.current, async ({ principal: p, params }) => {
    const found = await db.withOrg(p.orgId, async (c) => {
      await requireVisibleVehicle(c, p, params.id)
      return firstRow(
        c,
        withNames()
          .where("a.vehicle_id", "=", params.id)
          .where("a.starts_at", "<=", raw<Date>`now()`)
          .where((eb) => eb.or([eb("a.ends_at", "is", null), eb("a.ends_at", ">", raw<Date>`now()`)])),
      )
    })
    return { body: { assignment: found === undefined ? null : namedView(found) } }
  })

  serve(app, deps, endpoints.assignments.end, async ({ principal: p, params, body: b, request }) => {
    const now = new Date()
    const endsAt = b.endsAt === undefined ? now : new Date(b.endsAt)
    if (endsAt.getTime() > now.getTime())
      throw refuse(400, "FLEET_ASSIGNMENT_INVALID", "endsAt", reason("notInFuture"))
    const ended = await db.withOrg(p.orgId, async (c) => {
      const before = await firstRow(
        c,
        sql
          .selectFrom("driver_assignments as a")
          .select(["a.id", "a.vehicle_id", "a.driver_id", "a.starts_at", "a.ends_at"])
          .where("a.id", "=", params.id)
          .where(visibleVehicles(p, "a.vehicle_id"))
          .forUpdate(),
      )
      if (before === undefined) throw assignmentNotFound()
      if (before.ends_at !== null && before.ends_at.getTime() <= now.getTime())
        throw new HttpError(409, "FLEET_ASSIGNMENT_ENDED", "the assignment has already ended")
      if (!(endsAt > before.starts_at))
        throw refuse(400, "FLEET_ASSIGNMENT_INVALID", "endsAt", reason("afterStart"))
      if (before.ends_at !== null && endsAt > before.ends_at)
        throw refuse(400, "FLEET_ASSIGNMENT_INVALID", "endsAt", reason("notAfterPlannedEnd"))
      const [row] = await rows(
        c,
        sql
          .updateTable("driver_assignments")
          .set({ ends_at: endsAt })
          .where("id", "=", params.id)
          .returning(["id", "vehicle_id", "driver_id", "starts_at", "ends_at"]),
      )
      if (row === undefined) throw assignmentNotFound()
      await audit(c, p, request, {
        action: "assignment.end",
        entity: "driver_assignment",
        entityId: params.id,
        oldValues: { endsAt: before.ends_at?.toISOString() ?? null },
        newValues: { endsAt: endsAt.toISOString() },
      })
      return row
    })
    return { body: view(ended) }
  })
}
