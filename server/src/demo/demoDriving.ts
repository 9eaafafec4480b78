import type { ClickHouseClient, PostgresClient } from "@fleetcore/platform"
import { demoTimeZone } from "./demoTrips.js"

/** An instant as ClickHouse's DateTime64(3) reads it (UTC). */
const chTime = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "")
/** The demo's average speed on the move (m/s, 45 km/h) and the idling of a day's driving (s). */
const SPEED_MPS = 12.5
const IDLE_S = 600

/**
 * The engine's daily tables for the demo fleet (the reports' distance, hours and cost per km):
 * the distance between two consecutive refuels of a vehicle (their odometers) is spread evenly
 * over the days between them into `daily_mileage`, days of the organisation's time zone as the
 * engine keeps them (refuels' days are the organisation's too); each day's distance goes to the
 * driver assigned at local noon into `daily_mileage_driver`; and each driving day becomes one trip
 * from 09:00 local time at 45 km/h with ten minutes idling. The expansion runs inside ClickHouse from one row
 * per refuel interval and per assignment. Written once, when the demo fleet is first seeded.
 */
export const seedDemoDriving = async (
  db: PostgresClient,
  ch: ClickHouseClient,
  orgId: string,
  /** Days from this one ("YYYY-MM-DD") on are left to the demo's detailed trips (demoTrips.ts). */
  before = "2149-01-01",
): Promise<{ readonly intervals: number; readonly mileageDays: number }> => {
  const intervals = await db.system.query<{
    vehicle_id: string
    after: string
    days: number
    metres: number
  }>(
    `SELECT vehicle_id, to_char(prev_day, 'YYYY-MM-DD') AS after, (day - prev_day) AS days, metres
     FROM (
       SELECT e.vehicle_id, e.spent_on AS day, lag(e.spent_on) OVER w AS prev_day,
              ((f.odometer_km - lag(f.odometer_km) OVER w) * 1000)::float8 AS metres
       FROM fuel_entries f JOIN expenses e ON e.id = f.id
       WHERE e.org_id = $1 AND f.odometer_km IS NOT NULL
       WINDOW w AS (PARTITION BY e.vehicle_id ORDER BY e.spent_at, e.id)
     ) x
     WHERE prev_day IS NOT NULL AND day > prev_day AND metres > 0`,
    [orgId],
  )
  const rows = intervals.rows
  if (rows.length === 0) return { intervals: 0, mileageDays: 0 }
  const tz = await demoTimeZone(db, orgId)
  await ch.exec(
    `INSERT INTO daily_mileage (org_id, vehicle_id, day, metres, version, time_zone)
     SELECT {org:UUID}, s.1, addDays(s.2, toInt32(i) + 1), s.4 / s.3, 1, {tz:String}
     FROM (SELECT arrayJoin(arrayZip({v:Array(UUID)}, {d:Array(Date)}, {n:Array(UInt32)}, {m:Array(Float64)})) AS s)
     ARRAY JOIN range(s.3) AS i
     WHERE addDays(s.2, toInt32(i) + 1) < {before:Date}`,
    {
      org: orgId,
      before,
      tz,
      v: rows.map((r) => r.vehicle_id),
      d: rows.map((r) => r.after),
      n: rows.map((r) => r.days),
      m: rows.map((r) => r.metres),
    },
  )
  const spells = await db.system.query<{
    vehicle_id: string
    driver_id: string
    starts_at: Date
    ends_at: Date | null
  }>("SELECT vehicle_id, driver_id, starts_at, ends_at FROM driver_assignments WHERE org_id = $1", [orgId])
  if (spells.rows.length > 0) {
    await ch.exec(
      `INSERT INTO daily_mileage_driver (org_id, driver_id, vehicle_id, day, metres, version, time_zone)
       SELECT m.org_id, a.driver, m.vehicle_id, m.day, m.metres, 1, {tz:String}
       FROM (
         SELECT org_id, vehicle_id, day, toDateTime64(day, 3, {tz:String}) + INTERVAL 12 HOUR AS noon, metres
         FROM daily_mileage WHERE org_id = {org:UUID} AND day < {before:Date}
       ) AS m
       ASOF INNER JOIN (
         SELECT x.1 AS vehicle, x.2 AS driver, x.3 AS starts, x.4 AS ends
         FROM (SELECT arrayJoin(arrayZip({av:Array(UUID)}, {ad:Array(UUID)},
                 {as:Array(DateTime64(3, 'UTC'))}, {ae:Array(DateTime64(3, 'UTC'))})) AS x)
       ) AS a ON m.vehicle_id = a.vehicle AND m.noon >= a.starts
       WHERE m.noon < a.ends`,
      {
        org: orgId,
        before,
        tz,
        av: spells.rows.map((r) => r.vehicle_id),
        ad: spells.rows.map((r) => r.driver_id),
        as: spells.rows.map((r) => chTime(r.starts_at)),
        ae: spells.rows.map((r) => chTime(r.ends_at ?? new Date("2200-01-01T00:00:00Z"))),
      },
    )
  }
  await ch.exec(
    `INSERT INTO trips (org_id, vehicle_id, device_id, start_time, end_time, start_lat, start_lon, end_lat, end_lon,
                        distance_m, duration_s, moving_s, idle_s, max_speed_mps, avg_speed_mps, fuel_used_l, version)
     SELECT org_id, vehicle_id, 'demo', toDateTime64(day, 3, {tz:String}) + INTERVAL 9 HOUR AS start,
            start + toIntervalSecond(toUInt32(metres / {speed:Float64} + {idle:Float64})),
            43.2389, 76.8897, 43.2389, 76.8897, metres, metres / {speed:Float64} + {idle:Float64},
            metres / {speed:Float64}, {idle:Float64}, {speed:Float64} * 2, {speed:Float64}, NULL, 1
     FROM daily_mileage WHERE org_id = {org:UUID} AND day < {before:Date}`,
    { org: orgId, before, tz, speed: SPEED_MPS, idle: IDLE_S },
  )
  const counted = await ch.query<{ n: string }>(
    "SELECT count() AS n FROM daily_mileage WHERE org_id = {org:UUID}",
    { org: orgId },
  )
  return { intervals: rows.length, mileageDays: Number(counted[0]?.n ?? 0) }
}
