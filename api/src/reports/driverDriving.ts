import type { ClickHouseClient } from "@fleetcore/platform"
import type pg from "pg"
import type { ReportPeriod } from "./reportPeriod.js"
import { periodInstants } from "./reportTime.js"

/** A driver's distance and time at the wheel in a period. */
export interface DriverDriving {
  readonly metres: number
  readonly seconds: number
}

/** An instant as ClickHouse's DateTime64(3) reads it ("YYYY-MM-DD hh:mm:ss.sss", UTC). */
const chTime = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "")
/** The end of time for an open assignment. */
const OPEN_END = new Date("2200-01-01T00:00:00Z")

/**
 * Metres per driver from `daily_mileage_driver` (the engine attributes each day's distance to the
 * driver assigned when it was driven; its days are the organisation's, as the engine keys them), and trip seconds per
 * driver: each trip that started in the period's days in `timezone` counts for the driver whose assignment of its vehicle covers the trip's start (an ASOF join
 * on the assignments, which never overlap on one vehicle). ClickHouse has no row-level security:
 * the statements name the organisation and the vehicles the caller may see.
 */
export const driverDriving = async (
  c: pg.ClientBase,
  ch: ClickHouseClient,
  orgId: string,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
  timezone: string,
): Promise<ReadonlyMap<string, DriverDriving>> => {
  const out = new Map<string, { metres: number; seconds: number }>()
  if (ids.length === 0) return out
  const at = (driver: string) => {
    const found = out.get(driver) ?? { metres: 0, seconds: 0 }
    out.set(driver, found)
    return found
  }
  const { fromMs, toMs } = periodInstants(period, timezone)
  const t0 = new Date(fromMs)
  const t1 = new Date(toMs)
  const metres = await ch.query<{ driver: string; total_metres: number }>(
    `SELECT toString(driver_id) AS driver, sum(metres) AS total_metres
     FROM daily_mileage_driver FINAL
     WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)} AND day BETWEEN {from:Date} AND {to:Date}
     GROUP BY driver_id`,
    { org: orgId, vehicles: ids, from: period.from, to: period.to },
  )
  for (const r of metres) at(r.driver).metres = Number(r.total_metres)

  const assignments = await c.query<{
    vehicle_id: string
    driver_id: string
    starts_at: Date
    ends_at: Date | null
  }>(
    `SELECT vehicle_id, driver_id, starts_at, ends_at FROM driver_assignments
     WHERE vehicle_id = ANY($1::uuid[]) AND starts_at < $3 AND (ends_at IS NULL OR ends_at > $2)`,
    [ids, t0, t1],
  )
  if (assignments.rows.length === 0) return out
  const a = assignments.rows
  const seconds = await ch.query<{ driver: string; total_seconds: number }>(
    `SELECT toString(a.driver) AS driver, sum(t.duration_s) AS total_seconds
     FROM (
       SELECT vehicle_id, start_time, duration_s FROM trips FINAL
       WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)}
         AND start_time >= {t0:DateTime64(3, 'UTC')} AND start_time < {t1:DateTime64(3, 'UTC')}
     ) AS t
     ASOF INNER JOIN (
       SELECT x.1 AS vehicle, x.2 AS driver, x.3 AS starts, x.4 AS ends
       FROM (SELECT arrayJoin(arrayZip({av:Array(UUID)}, {ad:Array(UUID)},
               {as:Array(DateTime64(3, 'UTC'))}, {ae:Array(DateTime64(3, 'UTC'))})) AS x)
     ) AS a ON t.vehicle_id = a.vehicle AND t.start_time >= a.starts
     WHERE t.start_time < a.ends
     GROUP BY a.driver`,
    {
      org: orgId,
      vehicles: ids,
      t0: chTime(t0),
      t1: chTime(t1),
      av: a.map((r) => r.vehicle_id),
      ad: a.map((r) => r.driver_id),
      as: a.map((r) => chTime(r.starts_at)),
      ae: a.map((r) => chTime(r.ends_at ?? OPEN_END)),
    },
  )
  for (const r of seconds) at(r.driver).seconds = Number(r.total_seconds)
  return out
}
