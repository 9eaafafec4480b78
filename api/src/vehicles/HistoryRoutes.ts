import { IsoDate, IsoDateTime } from "@fleetcore/contract"
import { replayVehicle } from "@fleetcore/engine"
import { HttpError, route } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { authorize } from "../auth/authorize.js"
import { decodeOr400, jsonBody } from "../http/decode.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { visibleVehicle } from "./visibleVehicle.js"

const MileageQuery = Schema.Struct({
  from: IsoDate,
  to: IsoDate,
  groupBy: Schema.optionalKey(Schema.Literals(["day", "month"])),
})
const TripsQuery = Schema.Struct({ from: IsoDateTime, to: IsoDateTime })
const ReplayBody = Schema.Struct({ from: IsoDate, to: IsoDate })
const MAX_REPLAY_DAYS = 93

/** Derived history of a vehicle: daily/monthly mileage and trips, from ClickHouse. */
export const registerHistoryRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch, tokens, log } = deps

  route(
    app,
    "get",
    "/api/v1/vehicles/:id/mileage",
    async (request) => {
      const p = await authorize(tokens, request)
      const q = decodeOr400(MileageQuery, Object.fromEntries(request.query), "FLEET_QUERY_INVALID")
      if (q.to < q.from) throw new HttpError(400, "FLEET_QUERY_INVALID", "to must not be before from", "to")
      const vehicleId = await visibleVehicle(db, p, request)
      const bucket = q.groupBy === "month" ? "toStartOfMonth(day)" : "day"
      const rows = await ch.query<{ period: string; metres: number }>(
        `SELECT toString(${bucket}) AS period, sum(metres) AS metres
         FROM daily_mileage FINAL
         WHERE org_id = {org:UUID} AND vehicle_id = {vehicle:UUID} AND day >= {from:Date} AND day <= {to:Date}
         GROUP BY period ORDER BY period`,
        { org: p.orgId, vehicle: vehicleId, from: q.from, to: q.to },
      )
      const totalM = rows.reduce((sum, r) => sum + r.metres, 0)
      const days = Math.round((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000) + 1
      return {
        status: 200,
        body: {
          vehicleId,
          from: q.from,
          to: q.to,
          groupBy: q.groupBy ?? "day",
          periods: rows.map((r) => ({ period: r.period, km: Math.round(r.metres) / 1000 })),
          totalKm: Math.round(totalM) / 1000,
          averageKmPerDay: Math.round(totalM / days) / 1000,
        },
      }
    },
    { log },
  )

  route(
    app,
    "get",
    "/api/v1/vehicles/:id/trips",
    async (request) => {
      const p = await authorize(tokens, request)
      const q = decodeOr400(TripsQuery, Object.fromEntries(request.query), "FLEET_QUERY_INVALID")
      const from = Date.parse(q.from)
      const to = Date.parse(q.to)
      if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) {
        throw new HttpError(
          400,
          "FLEET_QUERY_INVALID",
          "from and to must be date-times with to after from",
          "to",
        )
      }
      const vehicleId = await visibleVehicle(db, p, request)
      const trips = await ch.query<Record<string, unknown>>(
        `SELECT toUnixTimestamp64Milli(start_time) AS startMs, toUnixTimestamp64Milli(end_time) AS endMs,
                start_lat AS startLat, start_lon AS startLon, end_lat AS endLat, end_lon AS endLon,
                distance_m AS distanceM, duration_s AS durationS, idle_s AS idleS,
                max_speed_mps AS maxSpeedMps, avg_speed_mps AS avgSpeedMps, fuel_used_l AS fuelUsedL
         FROM trips FINAL
         WHERE org_id = {org:UUID} AND vehicle_id = {vehicle:UUID}
           AND start_time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND start_time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
         ORDER BY start_time LIMIT 10000`,
        { org: p.orgId, vehicle: vehicleId, from, to },
      )
      return {
        status: 200,
        body: {
          vehicleId,
          items: trips.map((t) => ({ ...t, startMs: Number(t.startMs), endMs: Number(t.endMs) })),
        },
      }
    },
    { log },
  )

  route(
    app,
    "post",
    "/api/v1/vehicles/:id/replay",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager"])
      const b = decodeOr400(ReplayBody, jsonBody(request.body), "FLEET_REPLAY_INVALID")
      const days = (Date.parse(b.to) - Date.parse(b.from)) / 86_400_000 + 1
      if (!(days >= 1 && days <= MAX_REPLAY_DAYS)) {
        throw new HttpError(
          400,
          "FLEET_REPLAY_INVALID",
          `to must be on or after from, at most ${MAX_REPLAY_DAYS} days`,
          "to",
        )
      }
      const vehicleId = await visibleVehicle(db, p, request)
      const summary = await replayVehicle(
        { db: db.system, ch, onAlertOpened: async () => undefined },
        vehicleId,
        b.from,
        b.to,
      )
      await db.withOrg(p.orgId, (c) =>
        audit(c, p, request, {
          action: "vehicle.replay",
          entity: "vehicle",
          entityId: vehicleId,
          details: summary,
        }),
      )
      return { status: 200, body: summary }
    },
    { log },
  )
}
