import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * The telemetry reports (utilisation, mileage by day/month, trips and stops) against the rows the
 * engine writes to ClickHouse, made here by hand in a fresh organisation (Asia/Tokyo, UTC+9, so
 * wall-clock times differ from UTC). Every expected figure is worked out from those rows below.
 */
const PASSWORD = "reports-telemetry-password"
const PERIOD = "period=custom&from=2025-03-01&to=2025-03-31"

let h: Harness
let admin: ApiClient
let driver: ApiClient
let orgId = ""
const v = { kamaz: "", sprinter: "", idle: "", foreign: "" }
let driverId = ""
const fence = { depot: "", office: "", foreign: "" }

type Table = {
  columns: Array<{ key: string; kind: string }>
  rows: Array<Record<string, string | number | null>>
  totals: Record<string, string | number | null>
  summary?: Array<{ key: string; kind: string; value: string | number | null }>
  rowsTotal?: number
  charts: Array<{
    key: string
    categories: Array<string>
    series: Array<{ key: string; values: Array<number> }>
  }>
  filters: Array<{ key: string; name: string }>
}

const created = async (api: ApiClient, path: string, body: unknown): Promise<string> => {
  const r = await api.call<{ id: string }>("POST", path, body)
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.id
}

const TRIP_COLUMNS = [
  ...["org_id", "vehicle_id", "device_id", "start_time", "end_time", "start_lat", "start_lon"],
  ...["end_lat", "end_lon", "distance_m", "duration_s", "moving_s", "idle_s", "max_speed_mps"],
  ...["avg_speed_mps", "fuel_used_l", "version"],
]
/** A trip row: UTC start and end ("2025-03-02 01:00"), metres, moving and idle seconds, top speed (m/s). */
const trip = (
  vehicle: string,
  start: string,
  end: string,
  metres: number,
  movingS: number,
  idleS: number,
  maxMps: number,
  version = 1,
) => {
  const durationS =
    (Date.parse(`${end.replace(" ", "T")}:00Z`) - Date.parse(`${start.replace(" ", "T")}:00Z`)) / 1000
  return [
    orgId,
    vehicle,
    "dev-telemetry",
    `${start}:00.000`,
    `${end}:00.000`,
    43.25,
    76.95,
    43.3,
    76.9,
    metres,
    durationS,
    movingS,
    idleS,
    maxMps,
    10,
    null,
    version,
  ]
}

beforeAll(async () => {
  h = await startHarness()
  const sys = (text: string, values: unknown[]) => h.fleet.db.system.query(text, values)
  const a = await createOrg(h.fleet, "reports-tel-a", PASSWORD)
  orgId = a.orgId
  await sys(
    `UPDATE organisations SET settings = settings || '{"timezone":"Asia/Tokyo"}'::jsonb WHERE id = $1`,
    [orgId],
  )
  admin = await login(h.fleet, a.email, PASSWORD)
  const b = await createOrg(h.fleet, "reports-tel-b", PASSWORD)
  const otherAdmin = await login(h.fleet, b.email, PASSWORD)

  v.kamaz = await created(admin, "/api/v1/vehicles", { name: "Камаз Ақтөбе", plate: "TEL 01" })
  v.sprinter = await created(admin, "/api/v1/vehicles", { name: "Sprinter", plate: "TEL 02" })
  v.idle = await created(admin, "/api/v1/vehicles", { name: "Idle Ford", plate: "TEL 03" })
  v.foreign = await created(otherAdmin, "/api/v1/vehicles", { name: "Foreign", plate: "OTHER 9" })

  const record = await sys(
    "INSERT INTO drivers (org_id, full_name) VALUES ($1, 'Ерлан Нұров') RETURNING id",
    [orgId],
  )
  driverId = String(record.rows[0]?.id)
  // Ерлан drove the Камаз in the first half of March.
  await sys(
    `INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at, ends_at)
     VALUES ($1, $2, $3, '2025-03-01T00:00:00Z', '2025-03-15T00:00:00Z')`,
    [orgId, v.kamaz, driverId],
  )

  await h.fleet.ch.insert(
    "daily_mileage",
    ["org_id", "vehicle_id", "day", "metres", "version"],
    [
      [orgId, v.kamaz, "2025-03-02", 100_000, 1],
      // The day derived again: the newer row replaces the older.
      [orgId, v.kamaz, "2025-03-02", 120_000, 2],
      [orgId, v.kamaz, "2025-03-20", 30_000, 1],
      [orgId, v.sprinter, "2025-03-02", 50_000, 1],
      // After the period.
      [orgId, v.kamaz, "2025-04-01", 999_000, 1],
      // Another organisation's row, with this organisation's vehicle id: never counted.
      [b.orgId, v.kamaz, "2025-03-03", 777_000, 1],
    ],
  )
  await h.fleet.ch.insert(
    "daily_mileage_driver",
    ["org_id", "driver_id", "vehicle_id", "day", "metres", "version"],
    [[orgId, driverId, v.kamaz, "2025-03-02", 80_000, 1]],
  )
  await h.fleet.ch.insert("trips", TRIP_COLUMNS, [
    trip(v.kamaz, "2025-03-02 01:00", "2025-03-02 03:00", 70_000, 6000, 1200, 25),
    trip(v.kamaz, "2025-03-02 05:00", "2025-03-02 06:00", 50_000, 3000, 900, 30, 1),
    // Re-derived: this version (600 s idle) replaces the one above.
    trip(v.kamaz, "2025-03-02 05:00", "2025-03-02 06:00", 50_000, 3000, 600, 30, 2),
    trip(v.kamaz, "2025-03-20 10:00", "2025-03-20 11:00", 30_000, 3600, 0, 20),
    // A trip with no daily distance row: its day is still a day used.
    trip(v.sprinter, "2025-03-05 23:30", "2025-03-06 00:10", 5_000, 2000, 400, 15),
    trip(v.kamaz, "2025-04-01 01:00", "2025-04-01 02:00", 40_000, 3600, 0, 20),
  ])

  // Every trip above ends at 43.3, 76.9: inside the depot; nothing stops at the office.
  fence.depot = await created(admin, "/api/v1/geofences", {
    name: "Депо Алматы",
    kind: "circle",
    lat: 43.3,
    lon: 76.9,
    radiusM: 200,
  })
  fence.office = await created(admin, "/api/v1/geofences", {
    name: "Office",
    kind: "polygon",
    ring: [
      [43.24, 76.94],
      [43.24, 76.96],
      [43.26, 76.96],
      [43.26, 76.94],
    ],
  })
  fence.foreign = await created(otherAdmin, "/api/v1/geofences", {
    name: "Foreign fence",
    kind: "circle",
    lat: 43.3,
    lon: 76.9,
    radiusM: 500,
  })

  // A driver's login: reports are not a driver's (no reports.read).
  await createUser(h.fleet, orgId, "driver", "driver@reports-tel-a.example", PASSWORD)
  driver = await login(h.fleet, "driver@reports-tel-a.example", PASSWORD)
}, 120_000)

afterAll(async () => {
  await h?.close()
})

const get = async (path: string): Promise<Table> => {
  const r = await admin.call<Table>("GET", path)
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}
const figure = (t: Table, key: string) => t.summary?.find((f) => f.key === key)?.value

describe("GET /api/v1/reports/utilisation", () => {
  it("counts days used, driving and idle time, distance and trips per vehicle; a vehicle with no use is idle", async () => {
    const t = await get(`/api/v1/reports/utilisation?${PERIOD}`)
    expect(t.rows).toEqual([
      {
        vehicle: "Камаз Ақтөбе",
        plate: "TEL 01",
        daysUsed: 2,
        utilisation: 6.5,
        drivingTime: 12_600,
        idleTime: 1800,
        distanceKm: 150,
        trips: 3,
      },
      {
        vehicle: "Sprinter",
        plate: "TEL 02",
        daysUsed: 2,
        utilisation: 6.5,
        drivingTime: 2000,
        idleTime: 400,
        distanceKm: 50,
        trips: 1,
      },
      {
        vehicle: "Idle Ford",
        plate: "TEL 03",
        daysUsed: 0,
        utilisation: 0,
        drivingTime: 0,
        idleTime: 0,
        distanceKm: 0,
        trips: 0,
      },
    ])
    // 4 used days of 3 vehicles × 31 days.
    expect(t.totals).toMatchObject({ daysUsed: 4, utilisation: 4.3, drivingTime: 14_600, idleTime: 2200 })
    expect(t.totals).toMatchObject({ distanceKm: 200, trips: 4 })
    expect(figure(t, "activeVehicles")).toBe(2)
    expect(figure(t, "idleVehicles")).toBe(1)
    const active = t.charts.find((c) => c.key === "activeByDay")
    expect(active?.categories).toHaveLength(31)
    const day = (d: string) => active?.categories.indexOf(d) ?? -1
    expect(active?.series[0]?.values[day("2025-03-02")]).toBe(2)
    // The Sprinter's trip started on 5 March 23:30 UTC: 6 March in Tokyo.
    expect(active?.series[0]?.values[day("2025-03-06")]).toBe(1)
    expect(active?.series[0]?.values.reduce((s, x) => s + x, 0)).toBe(4)
    const hours = t.charts.find((c) => c.key === "hoursByDay")
    // 6000 + 3000 s driving on 2 March.
    expect(hours?.series.find((s) => s.key === "drivingTime")?.values[day("2025-03-02")]).toBe(2.5)
  })

  it("narrows to one vehicle; another organisation's vehicle as a filter is a 404", async () => {
    const one = await get(`/api/v1/reports/utilisation?${PERIOD}&vehicleId=${v.sprinter}`)
    expect(one.rows.map((r) => r.vehicle)).toEqual(["Sprinter"])
    expect(figure(one, "idleVehicles")).toBe(0)
    const foreign = await admin.call<{ error: { code: string } }>(
      "GET",
      `/api/v1/reports/utilisation?${PERIOD}&vehicleId=${v.foreign}`,
    )
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe("FLEET_REPORT_FILTER_NOT_FOUND")
  })

  it("is refused to a driver, as every report", async () => {
    for (const id of ["utilisation", "mileage", "trips", "geofenceVisits"]) {
      expect((await driver.call("GET", `/api/v1/reports/${id}?${PERIOD}`)).status).toBe(403)
    }
  })
})

describe("GET /api/v1/reports/mileage", () => {
  it("splits each day's distance between the assigned driver and the rest, per vehicle", async () => {
    const t = await get(`/api/v1/reports/mileage?${PERIOD}`)
    expect(t.columns.map((c) => c.key)).toEqual(["day", "vehicle", "plate", "driver", "distanceKm"])
    expect(t.rows).toEqual([
      { day: "2025-03-02", vehicle: "Sprinter", plate: "TEL 02", driver: null, distanceKm: 50 },
      { day: "2025-03-02", vehicle: "Камаз Ақтөбе", plate: "TEL 01", driver: "Ерлан Нұров", distanceKm: 80 },
      { day: "2025-03-02", vehicle: "Камаз Ақтөбе", plate: "TEL 01", driver: null, distanceKm: 40 },
      { day: "2025-03-20", vehicle: "Камаз Ақтөбе", plate: "TEL 01", driver: null, distanceKm: 30 },
    ])
    expect(t.totals.distanceKm).toBe(200)
    expect(t.rowsTotal).toBe(4)
    expect(figure(t, "driversDistanceKm")).toBe(80)
    const chart = t.charts.find((c) => c.key === "distanceByDay")
    expect(chart?.series[0]?.values[chart.categories.indexOf("2025-03-02")]).toBe(170)
  })

  it("groups by month", async () => {
    const t = await get(`/api/v1/reports/mileage?${PERIOD}&groupBy=month`)
    expect(t.rows).toEqual([
      { month: "2025-03-01", vehicle: "Sprinter", plate: "TEL 02", driver: null, distanceKm: 50 },
      {
        month: "2025-03-01",
        vehicle: "Камаз Ақтөбе",
        plate: "TEL 01",
        driver: "Ерлан Нұров",
        distanceKm: 80,
      },
      { month: "2025-03-01", vehicle: "Камаз Ақтөбе", plate: "TEL 01", driver: null, distanceKm: 70 },
    ])
    expect(t.charts[0]?.categories).toEqual(["2025-03-01"])
    expect(t.charts[0]?.series[0]?.values).toEqual([200])
  })

  it("with a driver filter shows only that driver's distance", async () => {
    const t = await get(`/api/v1/reports/mileage?${PERIOD}&driverId=${driverId}`)
    expect(t.rows).toEqual([
      { day: "2025-03-02", vehicle: "Камаз Ақтөбе", plate: "TEL 01", driver: "Ерлан Нұров", distanceKm: 80 },
    ])
    expect(t.totals.distanceKm).toBe(80)
    expect(t.filters).toEqual([expect.objectContaining({ key: "driverId", name: "Ерлан Нұров" })])
  })
})

describe("GET /api/v1/reports/trips", () => {
  it("lists each trip with its driver, wall-clock times, places and the stop after it", async () => {
    const t = await get(`/api/v1/reports/trips?${PERIOD}`)
    expect(t.rows.map((r) => [r.vehicle, r.driver, r.start, r.end, r.stopAfter])).toEqual([
      ["Камаз Ақтөбе", "Ерлан Нұров", "2025-03-02 10:00", "2025-03-02 12:00", 7200],
      // Until the next trip, on 20 March 10:00 UTC: 18 days and 4 hours.
      ["Камаз Ақтөбе", "Ерлан Нұров", "2025-03-02 14:00", "2025-03-02 15:00", 18 * 86_400 + 4 * 3600],
      ["Sprinter", null, "2025-03-06 08:30", "2025-03-06 09:10", null],
      ["Камаз Ақтөбе", null, "2025-03-20 19:00", "2025-03-20 20:00", null],
    ])
    expect(t.rows[0]).toMatchObject({
      plate: "TEL 01",
      startPlace: "43.25000, 76.95000",
      endPlace: "43.30000, 76.90000",
      distanceKm: 70,
      duration: 7200,
      maxSpeedKmh: 90,
      idleTime: 1200,
    })
    expect(t.rows[1]?.idleTime).toBe(600)
    expect(t.totals).toMatchObject({
      distanceKm: 155,
      duration: 7200 + 3600 + 3600 + 2400,
      maxSpeedKmh: 108,
      idleTime: 2200,
      stopAfter: 7200 + 18 * 86_400 + 4 * 3600,
    })
    expect(t.rowsTotal).toBe(4)
    expect(figure(t, "trips")).toBe(4)
  })

  it("exports the trips as CSV with the API's totals and the time zone stated", async () => {
    const res = await fetch(`${h.fleet.httpUrl}/api/v1/reports/trips/export?format=csv&${PERIOD}`, {
      headers: { authorization: `Bearer ${admin.token}`, "accept-language": "ru" },
    })
    expect(res.status).toBe(200)
    const lines = (await res.text())
      .replace(/^\uFEFF/u, "")
      .trim()
      .split("\r\n")
    expect(lines).toHaveLength(1 + 4 + 1)
    expect(lines[0]).toContain("Stop after")
    // Totals: 155 km, 4:40:00 driving, top 108 km/h.
    expect(lines.at(-1)).toContain("155")
    expect(lines.at(-1)).toContain("4:40:00")
    expect(lines.at(-1)).toContain("108")
    expect(lines[1]).toContain("2025-03-02 10:00")
  })
})

// Visits themselves (from positions, kept 13 months) are in reports-org-days.e2e.test.ts.
describe("GET /api/v1/reports/geofenceVisits", () => {
  it("narrows to one geofence; another organisation's geofence is a 404", async () => {
    const office = await get(`/api/v1/reports/geofenceVisits?${PERIOD}&geofenceId=${fence.office}`)
    expect(office.rows).toEqual([])
    expect(office.filters).toEqual([expect.objectContaining({ key: "geofenceId", name: "Office" })])
    // Stops between trips inside the depot are not visits: these vehicles have no positions there.
    const depot = await get(`/api/v1/reports/geofenceVisits?${PERIOD}&geofenceId=${fence.depot}`)
    expect(depot.rows).toEqual([])
    const foreign = await admin.call<{ error: { code: string } }>(
      "GET",
      `/api/v1/reports/geofenceVisits?${PERIOD}&geofenceId=${fence.foreign}`,
    )
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe("FLEET_REPORT_FILTER_NOT_FOUND")
  })
})
