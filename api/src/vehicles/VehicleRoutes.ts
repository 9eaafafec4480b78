import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { toVehicle, vehicleQuery } from "./vehicleView.js"
import { vehicleNotFound, visibleVehicle, visibleVehicles } from "./visibleVehicle.js"

/** The most points one track request returns; ask for a shorter range for more detail. */
export const MAX_TRACK_POINTS = 50_000
const MAX_TRACK_RANGE_MS = 31 * 24 * 3600_000

const SORTS = { name: "v.name", plate: "v.plate", createdAt: "v.created_at" } as const

/** Vehicles with their last position; a vehicle's track from ClickHouse. */
export const registerVehicleRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch } = deps

  serve(app, deps, endpoints.vehicles.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "v.name", direction: "asc" })
    let query = vehicleQuery()
      .where(visibleVehicles(p, "v.id"))
      .orderBy(sort.column, sort.direction)
      .orderBy("v.id")
    if (f.vehicleTypeId) query = query.where("v.vehicle_type_id", "=", f.vehicleTypeId)
    if (f.hasDevice) query = query.where("d.id", f.hasDevice === "true" ? "is not" : "is", null)
    if (f.teamId) query = query.where("v.team_id", "=", f.teamId)
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) =>
        eb.or([eb("v.name", "ilike", like), eb("v.plate", "ilike", like), eb("v.vin", "ilike", like)]),
      )
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(toVehicle) } }
  })

  serve(app, deps, endpoints.vehicles.live, async ({ principal: p }) => {
    const found = await db.withOrg(p.orgId, (c) =>
      rows(c, vehicleQuery().where(visibleVehicles(p, "v.id")).orderBy("v.name").orderBy("v.id")),
    )
    return { body: { items: found.map(toVehicle) } }
  })

  serve(app, deps, endpoints.vehicles.get, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) =>
      firstRow(c, vehicleQuery().where("v.id", "=", params.id).where(visibleVehicles(p, "v.id"))),
    )
    if (row === undefined) throw vehicleNotFound()
    return { body: toVehicle(row) }
  })

  serve(app, deps, endpoints.vehicles.create, async ({ principal: p, body, request }) => {
    const row = await db.withOrg(p.orgId, async (c) => {
      if (body.vehicleTypeId) await requireReference(c, "vehicleType", body.vehicleTypeId, "vehicleTypeId")
      const inserted = await firstRow(
        c,
        sql
          .insertInto("vehicles")
          .values({
            org_id: p.orgId,
            name: body.name,
            plate: body.plate ?? null,
            vin: body.vin ?? null,
            vehicle_type_id: body.vehicleTypeId ?? null,
            commissioned_on: body.commissionedOn ?? null,
            commissioned_odometer_km: body.commissionedOdometerKm ?? null,
          })
          .returning("id"),
      ).catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          throw new HttpError(409, "FLEET_VEHICLE_EXISTS", "a vehicle with this plate exists", "plate")
        }
        throw error
      })
      const id = inserted?.id as string
      await audit(c, p, request, {
        action: "vehicle.create",
        entity: "vehicle",
        entityId: id,
        newValues: body,
      })
      return firstRow(c, vehicleQuery().where("v.id", "=", id))
    })
    if (row === undefined) throw new Error("the vehicle just created was not found")
    return { body: toVehicle(row) }
  })

  serve(app, deps, endpoints.vehicles.track, async ({ principal: p, params, query: q }) => {
    const from = Date.parse(q.from)
    const to = Date.parse(q.to)
    if (to <= from) throw new HttpError(400, "FLEET_QUERY_INVALID", "to must be after from", "to")
    if (to - from > MAX_TRACK_RANGE_MS) {
      throw new HttpError(400, "FLEET_QUERY_INVALID", "a track covers at most 31 days", "to")
    }
    await visibleVehicle(db, p, params.id)
    const points = await ch.query<{
      timeMs: number | string
      lat: number
      lon: number
      speedMps: number | null
      headingDeg: number | null
      ignition: boolean | null
      odometerM: number | null
      fuelLevelPct: number | null
    }>(
      `SELECT toUnixTimestamp64Milli(time) AS timeMs, lat, lon, speed_mps AS speedMps, heading_deg AS headingDeg,
              ignition, odometer_m AS odometerM, fuel_level_pct AS fuelLevelPct
       FROM positions FINAL
       WHERE org_id = {org:UUID} AND vehicle_id = {vehicle:UUID}
         AND time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
       ORDER BY time
       LIMIT {limit:UInt32}`,
      { org: p.orgId, vehicle: params.id, from, to, limit: MAX_TRACK_POINTS },
    )
    return {
      body: {
        vehicleId: params.id,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        truncated: points.length === MAX_TRACK_POINTS,
        points: points.map((pt) => ({ ...pt, timeMs: Number(pt.timeMs) })),
      },
    }
  })
}
