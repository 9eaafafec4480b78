import { IsoDate, IsoDateTime, Uuid } from "@fleetcore/contract"
import { HttpError, route } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { authorize } from "../auth/authorize.js"
import { decodeOr400, jsonBody } from "../http/decode.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"
import { vehicleIdParam, visibleVehicle } from "./visibleVehicle.js"

const CreateVehicle = Schema.Struct({
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  plate: Schema.optionalKey(
    Schema.NullOr(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(20))),
  ),
  vin: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isPattern(/^[A-HJ-NPR-Z0-9]{17}$/)))),
  vehicleTypeId: Schema.optionalKey(Schema.NullOr(Uuid)),
  /** Where the service book starts when no service is recorded yet. */
  commissionedOn: Schema.optionalKey(IsoDate),
  commissionedOdometerKm: Schema.optionalKey(
    Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })),
  ),
})

/** The most points one track request returns; ask for a shorter range for more detail. */
export const MAX_TRACK_POINTS = 50_000
const MAX_TRACK_RANGE_MS = 31 * 24 * 3600_000

const VEHICLE_SQL = `
  SELECT v.id, v.name, v.plate, v.vin, t.id AS type_id, t.name AS type_name, d.id AS device_id,
         COALESCE(s.odometer_m, (rs.state->>'estimatedOdometerM')::float8) AS current_odometer_m,
         s.time, s.lat, s.lon, s.speed_mps, s.heading_deg, s.ignition, s.odometer_m, s.fuel_level_pct, s.battery_v
  FROM vehicles v
  LEFT JOIN vehicle_types t ON t.id = v.vehicle_type_id
  LEFT JOIN devices d ON d.vehicle_id = v.id
  LEFT JOIN vehicle_state s ON s.vehicle_id = v.id
  LEFT JOIN vehicle_rule_state rs ON rs.vehicle_id = v.id`

interface VehicleRow {
  id: string
  name: string
  plate: string | null
  vin: string | null
  type_id: string | null
  type_name: string | null
  device_id: string | null
  current_odometer_m: number | null
  time: Date | null
  lat: number | null
  lon: number | null
  speed_mps: number | null
  heading_deg: number | null
  ignition: boolean | null
  odometer_m: number | null
  fuel_level_pct: number | null
  battery_v: number | null
}

const toVehicle = (r: VehicleRow) => ({
  id: r.id,
  name: r.name,
  plate: r.plate,
  vin: r.vin,
  vehicleType: r.type_id === null ? null : { id: r.type_id, name: r.type_name },
  deviceId: r.device_id,
  /** The device's odometer, else the estimate from manual readings and GPS distance. */
  odometerKm: r.current_odometer_m === null ? null : Math.round(r.current_odometer_m / 100) / 10,
  last:
    r.time === null
      ? null
      : {
          vehicleId: r.id,
          timeMs: r.time.getTime(),
          lat: r.lat,
          lon: r.lon,
          speedMps: r.speed_mps,
          headingDeg: r.heading_deg,
          ignition: r.ignition,
          odometerM: r.odometer_m,
          fuelLevelPct: r.fuel_level_pct,
          batteryV: r.battery_v,
        },
})

const TrackQuery = Schema.Struct({ from: IsoDateTime, to: IsoDateTime })

/** Vehicles with their last position; a vehicle's track from ClickHouse. */
export const registerVehicleRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch, tokens, log } = deps

  route(
    app,
    "get",
    "/api/v1/vehicles",
    async (request) => {
      const p = await authorize(tokens, request)
      const rows = await db.withOrg(
        p.orgId,
        async (c) => (await c.query<VehicleRow>(`${VEHICLE_SQL} ORDER BY v.name`)).rows,
      )
      return { status: 200, body: { items: rows.map(toVehicle) } }
    },
    { log },
  )

  route(
    app,
    "post",
    "/api/v1/vehicles",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager"])
      const body = decodeOr400(CreateVehicle, jsonBody(request.body), "FLEET_VEHICLE_INVALID")
      const row = await db.withOrg(p.orgId, async (c) => {
        if (body.vehicleTypeId) await requireReference(c, "vehicleType", body.vehicleTypeId, "vehicleTypeId")
        const inserted = await c
          .query<{ id: string }>(
            `INSERT INTO vehicles (org_id, name, plate, vin, vehicle_type_id, commissioned_on, commissioned_odometer_km)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
            [
              p.orgId,
              body.name,
              body.plate ?? null,
              body.vin ?? null,
              body.vehicleTypeId ?? null,
              body.commissionedOn ?? null,
              body.commissionedOdometerKm ?? null,
            ],
          )
          .catch((error: { code?: string }) => {
            if (error.code === "23505") {
              throw new HttpError(409, "FLEET_VEHICLE_EXISTS", "a vehicle with this plate exists", "plate")
            }
            throw error
          })
        const id = inserted.rows[0]?.id as string
        await audit(c, p, request, {
          action: "vehicle.create",
          entity: "vehicle",
          entityId: id,
          newValues: body,
        })
        return (await c.query<VehicleRow>(`${VEHICLE_SQL} WHERE v.id = $1`, [id])).rows[0] as VehicleRow
      })
      return { status: 201, body: toVehicle(row) }
    },
    { log },
  )

  route(
    app,
    "get",
    "/api/v1/vehicles/:id/track",
    async (request) => {
      const p = await authorize(tokens, request)
      const id = vehicleIdParam(request)
      const q = decodeOr400(TrackQuery, Object.fromEntries(request.query), "FLEET_QUERY_INVALID")
      const from = Date.parse(q.from)
      const to = Date.parse(q.to)
      if (to <= from) throw new HttpError(400, "FLEET_QUERY_INVALID", "to must be after from", "to")
      if (to - from > MAX_TRACK_RANGE_MS) {
        throw new HttpError(400, "FLEET_QUERY_INVALID", "a track covers at most 31 days", "to")
      }
      await visibleVehicle(db, p, request)
      const points = await ch.query<Record<string, number | boolean | null>>(
        `SELECT toUnixTimestamp64Milli(time) AS timeMs, lat, lon, speed_mps AS speedMps, heading_deg AS headingDeg,
                ignition, odometer_m AS odometerM, fuel_level_pct AS fuelLevelPct
         FROM positions FINAL
         WHERE org_id = {org:UUID} AND vehicle_id = {vehicle:UUID}
           AND time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
         ORDER BY time
         LIMIT {limit:UInt32}`,
        { org: p.orgId, vehicle: id, from, to, limit: MAX_TRACK_POINTS },
      )
      return {
        status: 200,
        body: {
          vehicleId: id,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          truncated: points.length === MAX_TRACK_POINTS,
          points: points.map((pt) => ({ ...pt, timeMs: Number(pt.timeMs) })),
        },
      }
    },
    { log },
  )
}
