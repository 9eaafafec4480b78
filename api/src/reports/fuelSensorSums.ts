import type { ClickHouseClient } from "@fleetcore/platform"
import type { ReportPeriod } from "./reportPeriod.js"

/** What the engine measured for one vehicle in the period. */
export interface SensorSums {
  /** Trips with a fuel-consumption counter: litres used and the distance of those trips. */
  readonly usedL: number
  readonly usedMetres: number
  readonly fills: number
  readonly fillL: number
  readonly thefts: number
  readonly theftL: number
}

const EMPTY: SensorSums = { usedL: 0, usedMetres: 0, fills: 0, fillL: 0, thefts: 0, theftL: 0 }

/**
 * Per vehicle: the trips' fuel counter (`trips.fuel_used_l`, trips that began in the period) and the
 * fuel-level sensor's fills and thefts (`fuel_events`), by their day in the organisation's time
 * zone. Both tables read with FINAL (a re-derived trip or event counts once); ClickHouse has no
 * row-level security, so each statement names the organisation and the vehicles in scope. (Aliases
 * differ from the columns: ClickHouse lets an alias shadow a column in WHERE.)
 */
export const fuelSensorSums = async (
  ch: ClickHouseClient,
  orgId: string,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
  timezone: string,
): Promise<ReadonlyMap<string, SensorSums>> => {
  if (ids.length === 0) return new Map()
  const params = { org: orgId, vehicles: ids, from: period.from, to: period.to, tz: timezone }
  const [used, events] = await Promise.all([
    ch.query<{ vehicle: string; used_l: number; used_m: number }>(
      `SELECT toString(vehicle_id) AS vehicle, sum(fuel_used_l) AS used_l, sum(distance_m) AS used_m
       FROM trips FINAL
       WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)} AND fuel_used_l IS NOT NULL
         AND toDate(start_time, {tz:String}) BETWEEN {from:Date} AND {to:Date}
       GROUP BY vehicle_id`,
      params,
    ),
    ch.query<{ vehicle: string; event_kind: string; events: number | string; total_l: number }>(
      `SELECT toString(vehicle_id) AS vehicle, kind AS event_kind, count() AS events, sum(litres) AS total_l
       FROM fuel_events FINAL
       WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)}
         AND toDate(time, {tz:String}) BETWEEN {from:Date} AND {to:Date}
       GROUP BY vehicle_id, kind`,
      params,
    ),
  ])
  const out = new Map<string, SensorSums>()
  const at = (id: string) => out.get(id) ?? EMPTY
  for (const u of used) {
    out.set(u.vehicle, { ...at(u.vehicle), usedL: Number(u.used_l), usedMetres: Number(u.used_m) })
  }
  for (const e of events) {
    const n = Number(e.events)
    const l = Number(e.total_l)
    if (e.event_kind === "fuel_fill") out.set(e.vehicle, { ...at(e.vehicle), fills: n, fillL: l })
    if (e.event_kind === "fuel_drop") out.set(e.vehicle, { ...at(e.vehicle), thefts: n, theftL: l })
  }
  return out
}
