import { endpoints } from "@fleetcore/contract"
import { checkManualReading, raiseAlerts } from "@fleetcore/engine"
import { HttpError } from "@fleetcore/platform"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { requireVisibleVehicle, vehicleNotFound, visibleVehicle } from "./visibleVehicle.js"

const DEFAULT_MAX_KM_PER_DAY = 1000

const readings = () =>
  sql
    .selectFrom("odometer_readings")
    .select((eb) => [
      "id",
      eb.cast<number>("value_km", "float8").as("value_km"),
      "at",
      "entered_by",
      "flagged",
      "note",
    ])

interface ReadingRow {
  id: string
  value_km: number
  at: Date
  entered_by: string | null
  flagged: boolean
  note: string | null
}
const readingView = (r: ReadingRow) => ({
  id: r.id,
  valueKm: r.value_km,
  at: r.at.toISOString(),
  enteredBy: r.entered_by,
  flagged: r.flagged,
  note: r.note,
})

const SORTS = { at: "at", valueKm: "value_km" } as const

/** Odometer readings entered by drivers (on their assigned vehicles) and managers. */
export const registerOdometerRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.odometer.create, async ({ principal: p, params, body, request }) => {
    const vehicleId = params.id
    const at = body.at === undefined ? new Date() : new Date(body.at)
    if (at.getTime() > Date.now() + 5 * 60_000) {
      throw new HttpError(400, "FLEET_ODOMETER_READING_INVALID", "at must not be in the future", "at")
    }
    const result = await db.withOrg(p.orgId, async (c) => {
      await requireVisibleVehicle(c, p, vehicleId)
      const org = await firstRow(c, sql.selectFrom("organisations").select("settings"))
      if (org === undefined) throw vehicleNotFound()
      // Serialise readings of one vehicle so two entries cannot both pass the checks.
      await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [vehicleId])
      const before = await firstRow(
        c,
        readings().where("vehicle_id", "=", vehicleId).where("at", "<=", at).orderBy("at", "desc").limit(1),
      )
      const after = await firstRow(
        c,
        readings().where("vehicle_id", "=", vehicleId).where("at", ">", at).orderBy("at", "asc").limit(1),
      )
      const maxKmPerDay =
        typeof org.settings.maxKmPerDay === "number" ? org.settings.maxKmPerDay : DEFAULT_MAX_KM_PER_DAY
      const check = checkManualReading(
        { valueKm: body.valueKm, atMs: at.getTime() },
        before ? { valueKm: before.value_km, atMs: before.at.getTime() } : null,
        after ? { valueKm: after.value_km, atMs: after.at.getTime() } : null,
        maxKmPerDay,
      )
      if (check.kind === "invalid")
        throw new HttpError(422, "FLEET_ODOMETER_READING_DECREASES", check.reason, "valueKm")
      const inserted = await firstRow(
        c,
        sql
          .insertInto("odometer_readings")
          .values({
            org_id: p.orgId,
            vehicle_id: vehicleId,
            value_km: body.valueKm,
            at,
            entered_by: p.userId,
            flagged: check.flagged,
            note: body.note ?? null,
          })
          .returning("id"),
      )
      const row = await firstRow(c, readings().where("id", "=", inserted?.id as string))
      if (row === undefined) throw new Error("the reading was not stored")
      await audit(c, p, request, {
        action: "odometer-reading.create",
        entity: "odometer_reading",
        entityId: row.id,
        newValues: row,
      })
      return { row, kmPerDay: check.kmPerDay, maxKmPerDay }
    })
    if (result.row.flagged) {
      await raiseAlerts(db.system, [
        {
          orgId: p.orgId as OrgId,
          vehicleId: vehicleId as VehicleId,
          type: "odometer_manual_jump",
          key: result.row.id,
          severity: "warning",
          timeMs: at.getTime(),
          lat: null,
          lon: null,
          details: {
            valueKm: result.row.value_km,
            kmPerDay: result.kmPerDay,
            maxKmPerDay: result.maxKmPerDay,
          },
        },
      ])
    }
    return { body: { ...readingView(result.row), kmPerDay: result.kmPerDay } }
  })

  serve(app, deps, endpoints.odometer.list, async ({ principal: p, params, query: f }) => {
    await visibleVehicle(db, p, params.id)
    const sort = sortOf(f.sort, SORTS, { column: "at", direction: "desc" })
    let query = readings()
      .where("vehicle_id", "=", params.id)
      .orderBy(sort.column, sort.direction)
      .orderBy("id")
    if (f.flagged) query = query.where("flagged", "=", f.flagged === "true")
    if (f.q) query = query.where("note", "ilike", contains(f.q))
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(readingView) } }
  })
}
