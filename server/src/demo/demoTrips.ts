import {
  DAILY_MILEAGE_COLUMNS,
  DRIVER_MILEAGE_COLUMNS,
  initialVehicleRules,
  localDayKey,
  localMidnight,
  TRIP_COLUMNS,
  timeZoneOf,
} from "@fleetcore/engine"
import { seededRandom } from "@fleetcore/load-tests"
import { type ClickHouseClient, chTime, type PostgresClient } from "@fleetcore/platform"
import { fleetDeviceId } from "./demoTrackers.js"

/** How many days back the demo's trips reach (the telemetry reports: utilisation, mileage, trips). */
const TRIP_DAYS = 45
const DAY = 86_400_000
const HOUR = 3_600_000
/** One vehicle in this many stands idle the whole time: the utilisation report's idle vehicles. */
const IDLE_EVERY = 9
const ROWS_PER_INSERT = 20_000

/** Calendar day `day` ("YYYY-MM-DD") moved by `delta` days. */
const addDays = (day: string, delta: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY).toISOString().slice(0, 10)

/** The organisation's time zone (settings.timezone), whose days the engine keeps mileage on. */
export const demoTimeZone = async (db: PostgresClient, orgId: string): Promise<string> => {
  const { rows } = await db.system.query<{ settings: Record<string, unknown> | null }>(
    "SELECT settings FROM organisations WHERE id = $1",
    [orgId],
  )
  return timeZoneOf(rows[0]?.settings ?? {})
}

/**
 * The first day ("YYYY-MM-DD", in the organisation's time zone `zone`) the demo's trips cover; the
 * days before come from demoDriving.ts.
 */
export const demoTripsFrom = (today: Date, zone: string): string =>
  addDays(localDayKey(zone, today.getTime()), -TRIP_DAYS)

/**
 * What the engine would have written for the demo fleet's last weeks of driving: trips (working
 * hours in the organisation's time zone, 1–4 a used day, chained place to place from and back to the
 * vehicle's night parking), each local day's distance per vehicle (a trip's on the day it starts),
 * the share of the driver assigned when it starts, and a
 * few positions of each trip. Weekdays are busier than weekends; a few vehicles never move. Deterministic (one seeded stream in vehicle order); written once, when the fleet is seeded.
 */
export const seedDemoTrips = async (
  db: PostgresClient,
  ch: ClickHouseClient,
  orgId: string,
  today: Date,
): Promise<{ readonly trips: number; readonly days: number }> => {
  const vehicles = await db.system.query<{ id: string }>(
    "SELECT id FROM vehicles WHERE org_id = $1 ORDER BY id",
    [orgId],
  )
  const spells = await db.system.query<{
    vehicle_id: string
    driver_id: string
    starts_at: Date
    ends_at: Date | null
  }>("SELECT vehicle_id, driver_id, starts_at, ends_at FROM driver_assignments WHERE org_id = $1", [orgId])
  const spellsOf = new Map<string, Array<(typeof spells.rows)[number]>>()
  for (const s of spells.rows) {
    const own = spellsOf.get(s.vehicle_id)
    if (own === undefined) spellsOf.set(s.vehicle_id, [s])
    else own.push(s)
  }
  const driverOf = (vehicleId: string, ms: number) =>
    spellsOf
      .get(vehicleId)
      ?.find((s) => s.starts_at.getTime() <= ms && (s.ends_at === null || s.ends_at.getTime() > ms))
      ?.driver_id ?? null
  const random = seededRandom(0x7219)
  const zone = await demoTimeZone(db, orgId)
  const firstDay = demoTripsFrom(today, zone)
  const trips: Array<ReadonlyArray<unknown>> = []
  /** Metres and the newest trip end (the row's version) per "vehicle|day" and "vehicle|day|driver". */
  const dayTotals = new Map<string, { metres: number; version: number }>()
  const driverTotals = new Map<string, { metres: number; version: number }>()
  const addTo = (totals: typeof dayTotals, key: string, metres: number, endMs: number) => {
    const total = totals.get(key) ?? { metres: 0, version: 0 }
    totals.set(key, { metres: total.metres + metres, version: Math.max(total.version, endMs) })
  }
  const points: Array<ReadonlyArray<unknown>> = []
  /** Each vehicle's newest demo point (ms): where the engine's snapshot of it stands. */
  const lastPointMs = new Map<string, number>()
  vehicles.rows.forEach((v, index) => {
    if (index % IDLE_EVERY === IDLE_EVERY - 1) return
    // Where the vehicle spends the night (the demo geofences "Central depot" and "Night parking"):
    // each day's last trip ends there.
    const home = index % 2 === 0 ? ([43.2268, 76.8748] as const) : ([43.2389, 76.9455] as const)
    let [lat, lon]: [number, number] = [home[0], home[1]]
    for (let d = 0; d < TRIP_DAYS; d++) {
      const date = addDays(firstDay, d)
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
      if (!random.chance(weekday === 0 || weekday === 6 ? 0.25 : 0.75)) continue
      // Working hours: from 08:00 local.
      let at = localMidnight(zone, date) + 8 * HOUR + random.int(90) * 60_000
      const count = 1 + random.int(4)
      for (let t = 0; t < count; t++) {
        const distanceM = Math.round(random.between(3_000, 45_000))
        const avgMps = random.between(8, 16)
        const movingS = Math.round(distanceM / avgMps)
        const idleS = random.int(900)
        const durationS = movingS + idleS
        const [toLat, toLon] =
          t === count - 1 ? home : [43.2 + random.between(0, 0.1), 76.85 + random.between(0, 0.1)]
        trips.push([
          orgId,
          v.id,
          fleetDeviceId(v.id),
          chTime(at),
          chTime(at + durationS * 1000),
          lat,
          lon,
          toLat,
          toLon,
          distanceM,
          durationS,
          movingS,
          idleS,
          avgMps * random.between(1.4, 1.9),
          avgMps,
          null,
          1,
          0,
          0,
        ])
        // A few of the trip's points (its start, a quarter and three quarters of the way, its end):
        // what the geofence visits report follows in and out of the demo's fences.
        const device = fleetDeviceId(v.id)
        for (const share of [0, 0.25, 0.75, 1]) {
          const ms = at + Math.round(share * durationS) * 1000
          const time = chTime(ms)
          lastPointMs.set(v.id, ms)
          const pLat = lat + (toLat - lat) * share
          const pLon = lon + (toLon - lon) * share
          points.push([
            orgId,
            v.id,
            device,
            time,
            time,
            pLat,
            pLon,
            share === 0 || share === 1 ? 0 : avgMps,
            [],
            {},
          ])
        }
        ;[lat, lon] = [toLat, toLon]
        // The engine's days are the organisation's: a late trip may start on the next one.
        const day = localDayKey(zone, at)
        const endMs = at + durationS * 1000
        addTo(dayTotals, `${v.id}|${day}`, distanceM, endMs)
        const driver = driverOf(v.id, at)
        if (driver !== null) addTo(driverTotals, `${v.id}|${day}|${driver}`, distanceM, endMs)
        // The stop before the next trip: a delivery, a lunch, an errand.
        at += durationS * 1000 + (20 + random.int(150)) * 60_000
      }
    }
  })
  const days = [...dayTotals].map(([key, t]) => {
    const [vehicleId, day] = key.split("|")
    return [orgId, vehicleId, day, t.metres, t.version, 0, zone]
  })
  const driverDays = [...driverTotals].map(([key, t]) => {
    const [vehicleId, day, driverId] = key.split("|")
    return [orgId, driverId, vehicleId, day, t.metres, t.version, zone]
  })
  const insert = async (
    table: string,
    columns: ReadonlyArray<string>,
    rows: ReadonlyArray<ReadonlyArray<unknown>>,
  ) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await ch.insert(table, columns, rows.slice(i, i + ROWS_PER_INSERT))
  }
  await insert("trips", TRIP_COLUMNS, trips)
  await insert("daily_mileage", DAILY_MILEAGE_COLUMNS, days)
  await insert("daily_mileage_driver", DRIVER_MILEAGE_COLUMNS, driverDays)
  // The engine derived those trips from those points: its snapshot says so, written before them.
  // Without it the engine takes the points for ones stored while it was down (vehiclesBehindSnapshot,
  // at its start, which may fall while these are written) and derives trips again from four points
  // a trip, beside the demo's own.
  await db.system.query(
    `INSERT INTO vehicle_rule_state (vehicle_id, org_id, state, last_time)
     SELECT v, $1, jsonb_set($2::jsonb, '{lastTimeMs}', to_jsonb(t)), to_timestamp(t / 1000.0)
     FROM unnest($3::uuid[], $4::float8[]) AS u(v, t)
     ON CONFLICT (vehicle_id) DO NOTHING`,
    [orgId, JSON.stringify(initialVehicleRules), [...lastPointMs.keys()], [...lastPointMs.values()]],
  )
  await insert(
    "positions",
    ["org_id", "vehicle_id", "device_id", "time", "received_at", "lat", "lon", "speed_mps", "dtc", "attrs"],
    points,
  )
  return { trips: trips.length, days: days.length }
}
