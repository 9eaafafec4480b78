import { IsoDateTime } from "@fleetcore/contract"
import { checkManualReading, raiseAlerts } from "@fleetcore/engine"
import { HttpError, route } from "@fleetcore/platform"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { authorize } from "../auth/authorize.js"
import { decodeOr400, jsonBody } from "../http/decode.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { vehicleIdParam, visibleVehicle } from "./visibleVehicle.js"

const Reading = Schema.Struct({
  valueKm: Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })),
  at: Schema.optionalKey(IsoDateTime),
  note: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(2000))),
})
const DEFAULT_MAX_KM_PER_DAY = 1000

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
const COLUMNS = "id, value_km::float8 AS value_km, at, entered_by, flagged, note"

/** Odometer readings entered by drivers and managers. */
export const registerOdometerRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db, tokens, log } = deps
  route(
    app,
    "post",
    "/api/v1/vehicles/:id/odometer-readings",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager", "driver"])
      const vehicleId = vehicleIdParam(request)
      const body = decodeOr400(Reading, jsonBody(request.body), "FLEET_ODOMETER_READING_INVALID")
      const at = body.at === undefined ? new Date() : new Date(body.at)
      if (Number.isNaN(at.getTime()) || at.getTime() > Date.now() + 5 * 60_000) {
        throw new HttpError(
          400,
          "FLEET_ODOMETER_READING_INVALID",
          "at must be a valid date-time, not in the future",
          "at",
        )
      }
      const result = await db.withOrg(p.orgId, async (c) => {
        const org = (
          await c.query<{ settings: Record<string, unknown> }>(
            "SELECT o.settings FROM vehicles v JOIN organisations o ON o.id = v.org_id WHERE v.id = $1",
            [vehicleId],
          )
        ).rows[0]
        if (org === undefined) throw new HttpError(404, "FLEET_VEHICLE_NOT_FOUND", "no such vehicle")
        // Serialise readings of one vehicle so two entries cannot both pass the checks.
        await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [vehicleId])
        const near = async (op: "<=" | ">", order: "DESC" | "ASC") =>
          (
            await c.query<{ value_km: number; at: Date }>(
              `SELECT value_km::float8 AS value_km, at FROM odometer_readings
               WHERE vehicle_id = $1 AND at ${op} $2 ORDER BY at ${order} LIMIT 1`,
              [vehicleId, at],
            )
          ).rows[0]
        const before = await near("<=", "DESC")
        const after = await near(">", "ASC")
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
        const row = (
          await c.query<ReadingRow>(
            `INSERT INTO odometer_readings (org_id, vehicle_id, value_km, at, entered_by, flagged, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
            [p.orgId, vehicleId, body.valueKm, at, p.userId, check.flagged, body.note ?? null],
          )
        ).rows[0] as ReadingRow
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
      return { status: 201, body: { ...readingView(result.row), kmPerDay: result.kmPerDay } }
    },
    { log },
  )
  route(
    app,
    "get",
    "/api/v1/vehicles/:id/odometer-readings",
    async (request) => {
      const p = await authorize(tokens, request)
      const vehicleId = await visibleVehicle(db, p, request)
      const rows = await db.withOrg(
        p.orgId,
        async (c) =>
          (
            await c.query<ReadingRow>(
              `SELECT ${COLUMNS} FROM odometer_readings WHERE vehicle_id = $1 ORDER BY at DESC LIMIT 1000`,
              [vehicleId],
            )
          ).rows,
      )
      return { status: 200, body: { items: rows.map(readingView) } }
    },
    { log },
  )
}
