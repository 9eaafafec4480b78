import { endpoints, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import type { GeofenceScheduleJson } from "../db/Database.js"
import { listPage } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"

const COLUMNS = [
  "id",
  "name",
  "kind",
  "center_lat",
  "center_lon",
  "radius_m",
  "ring",
  "dwell_s",
  "alert_on",
  "schedule",
  "active",
] as const

const toGeofence = (r: {
  id: string
  name: string
  kind: "circle" | "polygon"
  center_lat: number | null
  center_lon: number | null
  radius_m: number | null
  ring: Array<[number, number]> | null
  dwell_s: number
  alert_on: "enter" | "exit" | "both"
  schedule: GeofenceScheduleJson | null
  active: boolean
}) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  lat: r.center_lat,
  lon: r.center_lon,
  radiusM: r.radius_m,
  ring: r.ring,
  dwellS: r.dwell_s,
  alertOn: r.alert_on,
  schedule: r.schedule,
  active: r.active,
})

const notFound = () => new HttpError(404, "FLEET_GEOFENCE_NOT_FOUND", "no such geofence")
const scheduleJson = (s: Readonly<GeofenceScheduleJson> | null | undefined) =>
  s === undefined ? undefined : s === null ? null : JSON.stringify({ days: s.days, from: s.from, to: s.to })

/** Circles and polygons per organisation; vehicles entering or leaving them raise alerts. */
export const registerGeofenceRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.geofences.list, async ({ principal: p, query: f }) => {
    let query = sql
      .selectFrom("geofences")
      .select(COLUMNS)
      .orderBy("name", f.sort === "-name" ? "desc" : "asc")
      .orderBy("id")
    if (f.kind) query = query.where("kind", "=", f.kind)
    if (f.active) query = query.where("active", "=", f.active === "true")
    if (f.q) query = query.where("name", "ilike", contains(f.q))
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(toGeofence) } }
  })

  serve(app, deps, endpoints.geofences.create, async ({ principal: p, body: g, request }) => {
    const row = await db.withOrg(p.orgId, async (c) => {
      const created = await firstRow(
        c,
        sql
          .insertInto("geofences")
          .values({
            org_id: p.orgId,
            name: g.name,
            kind: g.kind,
            center_lat: g.kind === "circle" ? g.lat : null,
            center_lon: g.kind === "circle" ? g.lon : null,
            radius_m: g.kind === "circle" ? g.radiusM : null,
            ring: g.kind === "polygon" ? JSON.stringify(g.ring) : null,
            dwell_s: g.dwellS ?? 60,
            alert_on: g.alertOn ?? "both",
            schedule: scheduleJson(g.schedule) ?? null,
            active: g.active ?? true,
          })
          .returning(COLUMNS),
      )
      if (created === undefined) throw new Error("the geofence was not stored")
      const view = toGeofence(created)
      await audit(c, p, request, {
        action: "geofence.create",
        entity: "geofence",
        entityId: view.id,
        newValues: view,
      })
      return view
    })
    return { body: row }
  })

  serve(app, deps, endpoints.geofences.update, async ({ principal: p, params, body: b, request }) => {
    const row = await db.withOrg(p.orgId, async (c) => {
      const before = await firstRow(
        c,
        sql.selectFrom("geofences").select(COLUMNS).where("id", "=", params.id).forUpdate(),
      )
      if (before === undefined) throw notFound()
      // The shape's fields belong to its kind; a circle never turns into a polygon.
      const foreign =
        before.kind === "circle"
          ? b.ring === undefined
            ? null
            : "ring"
          : (["lat", "lon", "radiusM"] as const).find((k) => b[k] !== undefined)
      if (foreign)
        throw refuse(
          400,
          "FLEET_GEOFENCE_INVALID",
          foreign,
          reason("notOfGeofenceKind", { kind: before.kind }),
        )
      const changes = {
        ...(b.name === undefined ? {} : { name: b.name }),
        ...(b.dwellS === undefined ? {} : { dwell_s: b.dwellS }),
        ...(b.alertOn === undefined ? {} : { alert_on: b.alertOn }),
        ...(b.schedule === undefined ? {} : { schedule: scheduleJson(b.schedule) ?? null }),
        ...(b.active === undefined ? {} : { active: b.active }),
        ...(b.lat === undefined ? {} : { center_lat: b.lat }),
        ...(b.lon === undefined ? {} : { center_lon: b.lon }),
        ...(b.radiusM === undefined ? {} : { radius_m: b.radiusM }),
        ...(b.ring === undefined ? {} : { ring: JSON.stringify(b.ring) }),
      }
      // A patch that names no field changes nothing: the fence as it is, nothing audited.
      if (Object.keys(changes).length === 0) return toGeofence(before)
      const after = await firstRow(
        c,
        sql.updateTable("geofences").set(changes).where("id", "=", params.id).returning(COLUMNS),
      )
      if (after === undefined) throw notFound()
      const oldView = toGeofence(before)
      const newView = toGeofence(after)
      await audit(c, p, request, {
        action: "geofence.update",
        entity: "geofence",
        entityId: params.id,
        oldValues: oldView,
        newValues: newView,
      })
      return newView
    })
    return { body: row }
  })

  serve(app, deps, endpoints.geofences.delete, async ({ principal: p, params, request }) => {
    const done = await db.withOrg(p.orgId, async (c) => {
      const removed = await firstRow(
        c,
        sql.deleteFrom("geofences").where("id", "=", params.id).returning(COLUMNS),
      )
      if (removed === undefined) return false
      // Alerts keep the fence's id in their key and details; the audit entry keeps what it was.
      await audit(c, p, request, {
        action: "geofence.delete",
        entity: "geofence",
        entityId: params.id,
        oldValues: toGeofence(removed),
      })
      return true
    })
    if (!done) throw notFound()
    return {}
  })
}
