import { endpoints, reason } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { type Insertable, sql as raw, type SqlBool } from "kysely"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import type { VehiclesTable } from "../db/Database.js"
import { countRows, pageOf, sortOf } from "../db/listPage.js"
import { pageRows } from "../db/preparedRows.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { liveMapSnapshot } from "./liveMapSnapshot.js"
import { offlineAfterMinutesOf } from "./offlineAfter.js"
import { readTrack } from "./readTrack.js"
import { checkVehicleRules, vehicleColumns } from "./vehicleColumns.js"
import { toVehicleRecord, vehicleRecordQuery } from "./vehicleRecordView.js"
import { toVehicle, vehicleQuery } from "./vehicleView.js"
import { vehicleNotFound, visibleVehicle, visibleVehicles } from "./visibleVehicle.js"
import { insertVehicle } from "./writeVehicle.js"

const MAX_TRACK_DAYS = 31
const MAX_TRACK_RANGE_MS = MAX_TRACK_DAYS * 24 * 3600_000

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
    // The page is chosen from the vehicles table alone (filters, order, bounds); the record's joins
    // and look-ups (type, device, state, driver, devices) then run for that page's rows only.
    let ids = sql.selectFrom("vehicles as v").select("v.id").where(visibleVehicles(p, "v.id"))
    if (f.ids) ids = ids.where("v.id", "in", f.ids.toLowerCase().split(","))
    if (f.vehicleTypeId) ids = ids.where("v.vehicle_type_id", "=", f.vehicleTypeId)
    if (f.hasDevice) {
      const withDevice = raw<SqlBool>`EXISTS (SELECT 1 FROM devices d WHERE d.vehicle_id = v.id)`
      ids = ids.where(f.hasDevice === "true" ? withDevice : raw<SqlBool>`NOT ${withDevice}`)
    }
    if (f.teamId) ids = ids.where("v.team_id", "=", f.teamId)
    if (f.status) ids = ids.where("v.status", "=", f.status)
    if (f.fuelType) ids = ids.where("v.fuel_type", "=", f.fuelType)
    if (f.bodyType) ids = ids.where("v.body_type", "=", f.bodyType)
    if (f.department) ids = ids.where("v.department", "=", f.department)
    if (f.rental) ids = ids.where("v.rental", "=", f.rental === "true")
    // Name, plate, VIN, brand or model contains the text, in any case: one LIKE on their lowered
    // text (migration 1734720000000) instead of five ILIKEs.
    if (f.q) ids = ids.where(raw<SqlBool>`v.search_lower LIKE lower(${contains(f.q)})`)
    const { page, pageSize, offset } = pageOf(f)
    // One statement answers the page and the count (`count(*) OVER ()` over the filtered ids,
    // before the limit): a round trip and a statement fewer. Past the last row the page is empty and
    // carries no count: only then is it counted on its own.
    const pageIds = ids
      .select(raw<string>`count(*) OVER ()`.as("total"))
      .orderBy(sort.column, sort.direction)
      .orderBy("v.id")
      .limit(raw.lit(pageSize))
      .offset(raw.lit(offset))
    const { items, total } = await db.withOrg(p.orgId, async (c) => {
      const found = await pageRows(
        c,
        vehicleRecordQuery()
          .innerJoin(pageIds.as("page"), "page.id", "v.id")
          .select("page.total")
          .orderBy(sort.column, sort.direction)
          .orderBy("v.id"),
        page,
      )
      const counted = found[0]?.total
      return {
        items: found,
        total: counted !== undefined ? Number(counted) : offset === 0 ? 0 : await countRows(c, ids),
      }
    })
    return { body: { items: items.map(toVehicleRecord), total, page, pageSize } }
  })

  serve(app, deps, endpoints.vehicles.live, async ({ principal: p }) => {
    const { found, offlineAfterMinutes } = await db.withOrg(p.orgId, async (c) => ({
      found: await rows(
        c,
        vehicleQuery().where(visibleVehicles(p, "v.id")).orderBy("v.name").orderBy("v.id"),
      ),
      offlineAfterMinutes: await offlineAfterMinutesOf(c, p.orgId),
    }))
    return { body: { items: found.map(toVehicle), offlineAfterMinutes } }
  })

  serve(app, deps, endpoints.vehicles.liveMap, async ({ principal: p, query }) => {
    const body = await db.withOrg(p.orgId, (c) => liveMapSnapshot(c, p, query, Date.now()))
    return { body }
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
    if (to <= from) throw refuse(400, "FLEET_QUERY_INVALID", "to", reason("afterFrom"))
    if (to - from > MAX_TRACK_RANGE_MS) {
      throw refuse(
        400,
        "FLEET_QUERY_INVALID",
        "to",
        reason("periodAtMost", { max: MAX_TRACK_DAYS, unit: { unit: "days", count: MAX_TRACK_DAYS } }),
      )
    }
    await visibleVehicle(db, p, params.id)
    const track = await readTrack(ch, p.orgId, params.id, from, to)
    return {
      body: {
        vehicleId: params.id,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        truncated: track.step > 1,
        stored: track.stored,
        step: track.step,
        points: track.points,
      },
    }
  })
}
