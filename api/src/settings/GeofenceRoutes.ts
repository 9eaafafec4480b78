import { HttpError, route } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { authorize } from "../auth/authorize.js"
import { decodeOr400, jsonBody } from "../http/decode.js"
import { type RouteDeps, UUID } from "../http/RouteDeps.js"

const Lat = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: -90, maximum: 90 }))
const Lon = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: -180, maximum: 180 }))
const Common = {
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  dwellS: Schema.optionalKey(
    Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 86_400 })),
  ),
}
const CreateGeofence = Schema.Union([
  Schema.Struct({
    ...Common,
    kind: Schema.Literal("circle"),
    lat: Lat,
    lon: Lon,
    radiusM: Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 10, maximum: 100_000 })),
  }),
  Schema.Struct({
    ...Common,
    kind: Schema.Literal("polygon"),
    ring: Schema.Array(Schema.Tuple([Lat, Lon])).check(Schema.isMinLength(3), Schema.isMaxLength(1000)),
  }),
])

const COLUMNS = `id, name, kind, center_lat AS lat, center_lon AS lon, radius_m AS "radiusM", ring, dwell_s AS "dwellS", active`

/** Circles and polygons per organisation; vehicles entering or leaving them raise alerts. */
export const registerGeofenceRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db, tokens, log } = deps
  route(
    app,
    "get",
    "/api/v1/geofences",
    async (request) => {
      const p = await authorize(tokens, request)
      const rows = await db.withOrg(
        p.orgId,
        async (c) => (await c.query(`SELECT ${COLUMNS} FROM geofences WHERE active ORDER BY name`)).rows,
      )
      return { status: 200, body: { items: rows } }
    },
    { log },
  )
  route(
    app,
    "post",
    "/api/v1/geofences",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager"])
      const g = decodeOr400(CreateGeofence, jsonBody(request.body), "FLEET_GEOFENCE_INVALID")
      const row = await db.withOrg(p.orgId, async (c) => {
        const r = await c.query(
          `INSERT INTO geofences (org_id, name, kind, center_lat, center_lon, radius_m, ring, dwell_s)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
          [
            p.orgId,
            g.name,
            g.kind,
            g.kind === "circle" ? g.lat : null,
            g.kind === "circle" ? g.lon : null,
            g.kind === "circle" ? g.radiusM : null,
            g.kind === "polygon" ? JSON.stringify(g.ring) : null,
            g.dwellS ?? 60,
          ],
        )
        const created = r.rows[0] as { id: string }
        await audit(c, p, request, {
          action: "geofence.create",
          entity: "geofence",
          entityId: created.id,
          newValues: created,
        })
        return created
      })
      return { status: 201, body: row }
    },
    { log },
  )
  route(
    app,
    "del",
    "/api/v1/geofences/:id",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager"])
      const id = request.params[0] ?? ""
      const done = await db.withOrg(p.orgId, async (c) => {
        if (!UUID.test(id)) return false
        const r = await c.query<Record<string, unknown>>(
          `UPDATE geofences SET active = false WHERE id = $1 AND active RETURNING ${COLUMNS}`,
          [id],
        )
        const removed = r.rows[0]
        if (removed === undefined) return false
        // A geofence is deactivated, not erased; the entry keeps what it was.
        await audit(c, p, request, {
          action: "geofence.delete",
          entity: "geofence",
          entityId: id,
          oldValues: { ...removed, active: true },
        })
        return true
      })
      if (!done) throw new HttpError(404, "FLEET_GEOFENCE_NOT_FOUND", "no such geofence")
      return { status: 204 }
    },
    { log },
  )
}
