import { IsoDate, IsoDateTime, Uuid } from "@fleetcore/contract"
import { HttpError, route } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { authorize } from "../auth/authorize.js"
import { decodeOr400, jsonBody } from "../http/decode.js"
import { type RouteDeps, UUID } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"
import { vehicleIdParam, visibleVehicle } from "./visibleVehicle.js"

const Assign = Schema.Struct({
  driverId: Uuid,
  startsAt: IsoDateTime,
  endsAt: Schema.optionalKey(Schema.NullOr(IsoDateTime)),
})
const Range = Schema.Struct({ from: IsoDate, to: IsoDate })

/** Who drives which vehicle when; and each driver's distance per day. */
export const registerAssignmentRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch, tokens, log } = deps

  route(
    app,
    "post",
    "/api/v1/vehicles/:id/assignments",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager"])
      const vehicleId = vehicleIdParam(request)
      const b = decodeOr400(Assign, jsonBody(request.body), "FLEET_ASSIGNMENT_INVALID")
      const startsAt = new Date(b.startsAt)
      const endsAt = b.endsAt ? new Date(b.endsAt) : null
      if (Number.isNaN(startsAt.getTime()) || (endsAt !== null && !(endsAt > startsAt))) {
        throw new HttpError(400, "FLEET_ASSIGNMENT_INVALID", "endsAt must be after startsAt", "endsAt")
      }
      const id = await db.withOrg(p.orgId, async (c) => {
        if ((await c.query("SELECT 1 FROM vehicles WHERE id = $1", [vehicleId])).rowCount === 0) {
          throw new HttpError(404, "FLEET_VEHICLE_NOT_FOUND", "no such vehicle")
        }
        await requireReference(c, "driver", b.driverId, "driverId")
        await c.query("SELECT pg_advisory_xact_lock(hashtext('assign:' || $1))", [vehicleId])
        const overlap = await c.query(
          `SELECT 1 FROM driver_assignments WHERE vehicle_id = $1
             AND tstzrange(starts_at, ends_at) && tstzrange($2::timestamptz, $3::timestamptz)`,
          [vehicleId, startsAt, endsAt],
        )
        if ((overlap.rowCount ?? 0) > 0) {
          throw new HttpError(
            409,
            "FLEET_ASSIGNMENT_OVERLAPS",
            "the vehicle has another driver in that period",
            "startsAt",
          )
        }
        const r = await c.query<{ id: string }>(
          "INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
          [p.orgId, vehicleId, b.driverId, startsAt, endsAt],
        )
        const created = r.rows[0]?.id as string
        await audit(c, p, request, {
          action: "assignment.create",
          entity: "driver_assignment",
          entityId: created,
          newValues: { vehicleId, ...b },
        })
        return created
      })
      return { status: 201, body: { id, vehicleId, ...b } }
    },
    { log },
  )

  route(
    app,
    "get",
    "/api/v1/vehicles/:id/assignments",
    async (request) => {
      const p = await authorize(tokens, request)
      const vehicleId = await visibleVehicle(db, p, request)
      const rows = await db.withOrg(
        p.orgId,
        async (c) =>
          (
            await c.query(
              `SELECT id, driver_id AS "driverId", starts_at AS "startsAt", ends_at AS "endsAt"
               FROM driver_assignments WHERE vehicle_id = $1 ORDER BY starts_at DESC`,
              [vehicleId],
            )
          ).rows,
      )
      return { status: 200, body: { items: rows } }
    },
    { log },
  )

  route(
    app,
    "get",
    "/api/v1/drivers/:id/mileage",
    async (request) => {
      const p = await authorize(tokens, request)
      const driverId = request.params[0] ?? ""
      if (!UUID.test(driverId)) throw new HttpError(404, "FLEET_DRIVER_NOT_FOUND", "no such driver")
      if (p.role === "driver" && p.userId !== driverId) {
        throw new HttpError(403, "FLEET_FORBIDDEN", "a driver sees only their own mileage")
      }
      const q = decodeOr400(Range, Object.fromEntries(request.query), "FLEET_QUERY_INVALID")
      const known = await db.withOrg(p.orgId, (c) => c.query("SELECT 1 FROM users WHERE id = $1", [driverId]))
      if (known.rowCount === 0) throw new HttpError(404, "FLEET_DRIVER_NOT_FOUND", "no such driver")
      const rows = await ch.query<{ date: string; vehicleId: string; metres: number }>(
        `SELECT toString(day) AS date, toString(vehicle_id) AS vehicleId, metres
         FROM daily_mileage_driver FINAL
         WHERE org_id = {org:UUID} AND driver_id = {driver:UUID} AND day >= {from:Date} AND day <= {to:Date}
         ORDER BY date, vehicleId`,
        { org: p.orgId, driver: driverId, from: q.from, to: q.to },
      )
      const totalM = rows.reduce((sum, r) => sum + r.metres, 0)
      return {
        status: 200,
        body: {
          driverId,
          days: rows.map((r) => ({ day: r.date, vehicleId: r.vehicleId, km: Math.round(r.metres) / 1000 })),
          totalKm: Math.round(totalM) / 1000,
        },
      }
    },
    { log },
  )
}
