import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { Insertable } from "kysely"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import type { VehiclesTable } from "../db/Database.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { checkVehicleRules, vehicleColumns } from "./vehicleColumns.js"
import { toVehicleRecord, vehicleRecordQuery } from "./vehicleRecordView.js"
import { toVehicle, vehicleQuery } from "./vehicleView.js"
import { vehicleNotFound, visibleVehicle, visibleVehicles } from "./visibleVehicle.js"
import { insertVehicle } from "./writeVehicle.js"

/** The most points one track request returns; ask for a shorter range for more detail. */
export const MAX_TRACK_POINTS = 50_000
const MAX_TRACK_RANGE_MS = 31 * 24 * 3600_000

const SORTS = {
  name: "v.name",
  plate: "v.plate",
  createdAt: "v.created_at",
  year: "v.year",
  status: "v.status",
  brand: "v.brand",
} as const

/** Vehicles with their last position; a vehicle's track from ClickHouse. */
export const registerVehicleRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch } = deps

  serve(app, deps, endpoints.vehicles.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "v.name", direction: "asc" })
    let query = vehicleRecordQuery()
      .where(visibleVehicles(p, "v.id"))
      .orderBy(sort.column, sort.direction)
      .orderBy("v.id")
    if (f.vehicleTypeId) query = query.where("v.vehicle_type_id", "=", f.vehicleTypeId)
    if (f.hasDevice) query = query.where("d.id", f.hasDevice === "true" ? "is not" : "is", null)
    if (f.teamId) query = query.where("v.team_id", "=", f.teamId)
    if (f.status) query = query.where("v.status", "=", f.status)
    if (f.fuelType) query = query.where("v.fuel_type", "=", f.fuelType)
    if (f.bodyType) query = query.where("v.body_type", "=", f.bodyType)
    if (f.department) query = query.where("v.department", "=", f.department)
    if (f.rental) query = query.where("v.rental", "=", f.rental === "true")
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) =>
        eb.or([
          eb("v.name", "ilike", like),
          eb("v.plate", "ilike", like),
          eb("v.vin", "ilike", like),
          eb("v.brand", "ilike", like),
          eb("v.model", "ilike", like),
        ]),
      )
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(toVehicleRecord) } }
  })

  serve(app, deps, endpoints.vehicles.live, async ({ principal: p }) => {
    const found = await db.withOrg(p.orgId, (c) =>
      rows(c, vehicleQuery().where(visibleVehicles(p, "v.id")).orderBy("v.name").orderBy("v.id")),
    )
    return { body: { items: found.map(toVehicle) } }
  })

  serve(app, deps, endpoints.vehicles.get, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) =>
      firstRow(c, vehicleRecordQuery().where("v.id", "=", params.id).where(visibleVehicles(p, "v.id"))),
    )
    if (row === undefined) throw vehicleNotFound()
    return { body: toVehicleRecord(row) }
  })

  serve(app, deps, endpoints.vehicles.create, async ({ principal: p, body, request }) => {
    const { status, ...fields } = body
    const columns = { ...vehicleColumns(fields), name: body.name, ...(status ? { status } : {}) }
    checkVehicleRules({
      purchase_price: columns.purchase_price ?? null,
      purchase_currency: columns.purchase_currency ?? null,
      rental_monthly_cost: columns.rental_monthly_cost ?? null,
      rental_currency: columns.rental_currency ?? null,
      rental_starts_on: columns.rental_starts_on ?? null,
      rental_ends_on: columns.rental_ends_on ?? null,
    })
    const row = await db.withOrg(p.orgId, async (c) => {
      if (body.vehicleTypeId) await requireReference(c, "vehicleType", body.vehicleTypeId, "vehicleTypeId")
      const id = await insertVehicle(c, {
        ...columns,
        org_id: p.orgId,
        name: body.name,
      } as Insertable<VehiclesTable>)
      await audit(c, p, request, {
        action: "vehicle.create",
        entity: "vehicle",
        entityId: id,
        newValues: body,
      })
      return firstRow(c, vehicleRecordQuery().where("v.id", "=", id))
    })
    if (row === undefined) throw new Error("the vehicle just created was not found")
    return { body: toVehicleRecord(row) }
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
