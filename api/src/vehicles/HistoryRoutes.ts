import { endpoints, reason } from "@fleetcore/contract"
import { replayVehicle } from "@fleetcore/engine"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { firstRow, sql } from "../db/sql.js"
import { readableDrivers } from "../drivers/driverQueries.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { readTrips } from "./readTrips.js"
import { stopsBetweenTrips } from "./stopsBetweenTrips.js"
import { visibleVehicle } from "./visibleVehicle.js"

const MAX_REPLAY_DAYS = 93
/** The most trips (and stops) one answer lists. */
const MAX_TRIPS = 10_000

/** Derived history of a vehicle: daily/monthly mileage, trips and stops, from ClickHouse; re-running the rules. */
export const registerHistoryRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch } = deps

  serve(app, deps, endpoints.history.mileage, async ({ principal: p, params, query: q }) => {
    if (q.to < q.from) throw refuse(400, "FLEET_QUERY_INVALID", "to", reason("notBeforeFrom"))
    await visibleVehicle(db, p, params.id)
    const bucket = q.groupBy === "month" ? "toStartOfMonth(day)" : "day"
    const found = await ch.query<{ period: string; metres: number; flagged: number }>(
      `SELECT toString(${bucket}) AS period, sum(metres) AS metres, sum(gps_flagged_metres) AS flagged
       FROM daily_mileage FINAL
       WHERE org_id = {org:UUID} AND vehicle_id = {vehicle:UUID} AND day >= {from:Date} AND day <= {to:Date}
       GROUP BY period ORDER BY period`,
      { org: p.orgId, vehicle: params.id, from: q.from, to: q.to },
    )
    const totalM = found.reduce((sum, r) => sum + r.metres, 0)
    const days = Math.round((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000) + 1
    return {
      body: {
        vehicleId: params.id,
        from: q.from,
        to: q.to,
        groupBy: q.groupBy ?? "day",
        periods: found.map((r) => ({
          period: r.period,
          km: Math.round(r.metres) / 1000,
          gpsFlaggedKm: Math.round(r.flagged) / 1000,
        })),
        totalKm: Math.round(totalM) / 1000,
        averageKmPerDay: Math.round(totalM / days) / 1000,
        gpsFlaggedKm: Math.round(found.reduce((sum, r) => sum + r.flagged, 0)) / 1000,
      },
    }
  })

  serve(app, deps, endpoints.history.trips, async ({ principal: p, params, query: q }) => {
    const from = Date.parse(q.from)
    const to = Date.parse(q.to)
    if (to <= from) throw refuse(400, "FLEET_QUERY_INVALID", "to", reason("afterFrom"))
    await visibleVehicle(db, p, params.id)
    const items = await readTrips(ch, p.orgId, params.id, {
      kind: "between",
      fromMs: from,
      toMs: to,
      limit: MAX_TRIPS,
    })
    return { body: { vehicleId: params.id, items } }
  })

  serve(app, deps, endpoints.history.stops, async ({ principal: p, params, query: q }) => {
    const fromMs = Date.parse(q.from)
    const toMs = Date.parse(q.to)
    if (toMs <= fromMs) throw refuse(400, "FLEET_QUERY_INVALID", "to", reason("afterFrom"))
    await visibleVehicle(db, p, params.id)
    const [before, within, after, rules] = await Promise.all([
      readTrips(ch, p.orgId, params.id, { kind: "lastBefore", ms: fromMs }),
      readTrips(ch, p.orgId, params.id, { kind: "between", fromMs, toMs, limit: MAX_TRIPS }),
      readTrips(ch, p.orgId, params.id, { kind: "firstFrom", ms: toMs }),
      db.withOrg(p.orgId, (c) =>
        firstRow(
          c,
          sql
            .selectFrom("vehicle_rule_state")
            .select(raw<boolean>`NOT trip_open`.as("standing"))
            .where("vehicle_id", "=", params.id),
        ),
      ),
    ])
    const trips = [...before, ...within, ...after]
    // The open stop follows the vehicle's latest trip only: none came after it, and the list is whole.
    const latestIsLast = after.length === 0 && within.length < MAX_TRIPS
    const stops = stopsBetweenTrips({
      trips,
      fromMs,
      toMs,
      standingNow: latestIsLast && rules?.standing === true,
      nowMs: Date.now(),
    })
    return { body: { vehicleId: params.id, items: stops.slice(0, MAX_TRIPS) } }
  })

  serve(app, deps, endpoints.history.replay, async ({ principal: p, params, body: b, request }) => {
    const days = (Date.parse(b.to) - Date.parse(b.from)) / 86_400_000 + 1
    if (!(days >= 1 && days <= MAX_REPLAY_DAYS)) {
      throw new HttpError(
        400,
        "FLEET_REPLAY_INVALID",
        `to must be on or after from, at most ${MAX_REPLAY_DAYS} days`,
        "to",
      )
    }
    await visibleVehicle(db, p, params.id)
    const summary = await replayVehicle(
      { db: db.system, ch, onAlertOpened: async () => undefined },
      params.id,
      b.from,
      b.to,
    )
    await db.withOrg(p.orgId, (c) =>
      audit(c, p, request, {
        action: "vehicle.replay",
        entity: "vehicle",
        entityId: params.id,
        details: summary,
      }),
    )
    return { body: summary }
  })

  serve(app, deps, endpoints.history.driverMileage, async ({ principal: p, params, query: q }) => {
    const driverId = params.id
    // A driver reads only their own record: another driver is, to them, one that does not exist.
    const known = await db.withOrg(p.orgId, (c) =>
      firstRow(
        c,
        sql
          .selectFrom("drivers as d")
          .select("d.id")
          .where("d.id", "=", driverId)
          .where(readableDrivers(p, "d.id")),
      ),
    )
    if (known === undefined) throw new HttpError(404, "FLEET_DRIVER_NOT_FOUND", "no such driver")
    const found = await ch.query<{ date: string; vehicleId: string; metres: number }>(
      `SELECT toString(day) AS date, toString(vehicle_id) AS vehicleId, metres
       FROM daily_mileage_driver FINAL
       WHERE org_id = {org:UUID} AND driver_id = {driver:UUID} AND day >= {from:Date} AND day <= {to:Date}
       ORDER BY date, vehicleId`,
      { org: p.orgId, driver: driverId, from: q.from, to: q.to },
    )
    const totalM = found.reduce((sum, r) => sum + r.metres, 0)
    return {
      body: {
        driverId,
        days: found.map((r) => ({ day: r.date, vehicleId: r.vehicleId, km: Math.round(r.metres) / 1000 })),
        totalKm: Math.round(totalM) / 1000,
      },
    }
  })
}
