import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
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
  active: r.active,
})

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
      .where("active", "=", true)
      .orderBy("name", f.sort === "-name" ? "desc" : "asc")
      .orderBy("id")
    if (f.kind) query = query.where("kind", "=", f.kind)
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

  serve(app, deps, endpoints.geofences.delete, async ({ principal: p, params, request }) => {
    const done = await db.withOrg(p.orgId, async (c) => {
      const removed = await firstRow(
        c,
        sql
          .updateTable("geofences")
          .set({ active: false })
          .where("id", "=", params.id)
          .where("active", "=", true)
          .returning(COLUMNS),
      )
      if (removed === undefined) return false
      // A geofence is deactivated, not erased; the entry keeps what it was.
      await audit(c, p, request, {
        action: "geofence.delete",
        entity: "geofence",
        entityId: params.id,
        oldValues: { ...toGeofence(removed), active: true },
      })
      return true
    })
    if (!done) throw new HttpError(404, "FLEET_GEOFENCE_NOT_FOUND", "no such geofence")
    return {}
  })
}
