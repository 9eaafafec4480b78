import type { ClickHouseClient } from "@fleetcore/platform"
import type { ReportPeriod } from "./reportPeriod.js"
import { periodInstants } from "./reportTime.js"

/** Use summed per vehicle, or per day across vehicles. */
export interface UseSums {
  readonly key: string
  /** Days with use (per vehicle), or vehicles with use (per day). */
  readonly used: number
  readonly metres: number
  readonly movingS: number
  readonly idleS: number
  readonly trips: number
}

/**
 * A vehicle's use per day: the day's distance (`daily_mileage`, whose days the engine keys in the organisation's time zone)
 * and the driving and idle time and count of the trips that started that day in the organisation's
 * time zone (`trips`, `toDate(start_time, tz)`), `FINAL` so a re-derived row counts once.
 * A day with distance or a trip (the engine ran) is a used day. ClickHouse has no row-level
 * security: the statement names the organisation and the vehicles the caller may see.
 */
const USE_BY_VEHICLE_DAY = `
  SELECT vehicle_id, day, sum(m) AS metres, sum(mov) AS moving, sum(idl) AS idle, sum(n) AS trip_count
  FROM (
    SELECT vehicle_id, day, metres AS m, 0 AS mov, 0 AS idl, 0 AS n
    FROM daily_mileage FINAL
    WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)} AND day BETWEEN {from:Date} AND {to:Date}
    UNION ALL
    SELECT vehicle_id, toDate(start_time, {tz:String}) AS day, 0 AS m, moving_s AS mov, idle_s AS idl, 1 AS n
    FROM trips FINAL
    WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)}
      AND start_time >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC') AND start_time < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
  )
  GROUP BY vehicle_id, day
  HAVING metres > 0 OR trip_count > 0`

type Raw = {
  key: string
  used: number | string
  metres: number
  moving: number
  idle: number
  trips: number | string
}

const sums = (r: Raw): UseSums => ({
  key: r.key,
  used: Number(r.used),
  metres: Number(r.metres),
  movingS: Number(r.moving),
  idleS: Number(r.idle),
  trips: Number(r.trips),
})

/** The period's use per vehicle (used = days used) and per day (used = vehicles active), aggregated in ClickHouse. */
export const vehicleDayUse = async (
  ch: ClickHouseClient,
  orgId: string,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
  timezone: string,
): Promise<{ readonly byVehicle: ReadonlyArray<UseSums>; readonly byDay: ReadonlyArray<UseSums> }> => {
  if (ids.length === 0) return { byVehicle: [], byDay: [] }
  const { fromMs, toMs } = periodInstants(period, timezone)
  const params = { org: orgId, vehicles: ids, from: period.from, to: period.to, fromMs, toMs, tz: timezone }
  const totals = `count() AS used, sum(metres) AS metres, sum(moving) AS moving, sum(idle) AS idle, sum(trip_count) AS trips`
  const byVehicle = await ch.query<Raw>(
    `SELECT toString(vehicle_id) AS key, ${totals} FROM (${USE_BY_VEHICLE_DAY}) GROUP BY vehicle_id`,
    params,
  )
  const byDay = await ch.query<Raw>(
    `SELECT toString(day) AS key, ${totals} FROM (${USE_BY_VEHICLE_DAY}) GROUP BY day ORDER BY day`,
    params,
  )
  return { byVehicle: byVehicle.map(sums), byDay: byDay.map(sums) }
}
