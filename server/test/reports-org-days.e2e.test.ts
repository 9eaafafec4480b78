import { emptyOutput, initialVehicleRules, stepVehicleRules, type VehicleRulesState } from "@fleetcore/engine"
import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  eventually,
  type Harness,
  login,
  provision,
  publishPoints,
  startHarness,
} from "./harness.js"

/**
 * The telemetry reports count the organisation's days (here Asia/Tashkent, UTC+5 all year), count
 * only days that have begun in a ratio, count a geofence visit once from entry to exit, and export
 * times and numbers to XLSX as cells a spreadsheet sorts and sums. Rows are written to ClickHouse by
 * hand, as the engine writes them; every expected figure is worked out from them below. The engine
 * itself keeps distance on those days: a vehicle driven over MQTT across local midnight.
 */
const PASSWORD = "reports-org-days-password"
const TZ = "Asia/Tashkent"
const MARCH = "period=custom&from=2025-03-01&to=2025-03-31"
// Positions are kept 13 months: the visits are in a recent month.
const NOVEMBER = "period=custom&from=2026-11-01&to=2026-11-30"

let h: Harness
let admin: ApiClient
let orgId = ""
const v = { today: "", late: "", night: "", visitor: "", retired: "", gone: "", passer: "" }
const DAY_MS = 86_400_000
/** Three days ago in Tashkent, and the day after it: the midnight drive's days. */
const dayInTz = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(ms)
const D1 = dayInTz(Date.now() - 3 * DAY_MS)
const D2 = dayInTz(Date.parse(`${D1}T12:00:00Z`) + DAY_MS)
const midnight = { vehicleId: "", driverId: "" }

type Table = {
  columns: Array<{ key: string; kind: string }>
  rows: Array<Record<string, string | number | null>>
  totals: Record<string, string | number | null>
  summary?: Array<{ key: string; value: string | number | null }>
  charts: Array<{
    key: string
    categories: Array<string>
    series: Array<{ key: string; values: Array<number> }>
  }>
}

const created = async (path: string, body: unknown): Promise<string> => {
  const r = await admin.call<{ id: string }>("POST", path, body)
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.id
}
const get = async (path: string): Promise<Table> => {
  const r = await admin.call<Table>("GET", path)
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

const TRIP_COLUMNS = [
  ...["org_id", "vehicle_id", "device_id", "start_time", "end_time", "start_lat", "start_lon"],
  ...["end_lat", "end_lon", "distance_m", "duration_s", "moving_s", "idle_s", "max_speed_mps"],
  ...["avg_speed_mps", "fuel_used_l", "version"],
]
/** A trip row from instant `startMs` to `endMs` (UTC), ending at `end` ([lat, lon]). */
const trip = (vehicle: string, startMs: number, endMs: number, end: [number, number] = [41.4, 69.4]) => {
  const at = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "")
  const s = (endMs - startMs) / 1000
  return [
    orgId,
    vehicle,
    "dev-days",
    at(startMs),
    at(endMs),
    41.4,
    69.4,
    ...end,
    10_000,
    s,
    s,
    0,
    20,
    10,
    null,
    1,
  ]
}
const utc = (text: string) => Date.parse(`${text.replace(" ", "T")}:00Z`)

// The depot: a 300 m circle; the visitor's positions are inside it or ~6 km away.
const DEPOT: [number, number] = [41.3, 69.25]
const FAR: [number, number] = [41.35, 69.3]
// The yard: a 200 m circle whose alerts need 10 minutes inside (dwell), ~4 km from FAR.
const YARD: [number, number] = [41.32, 69.28]

beforeAll(async () => {
  h = await startHarness()
  const sys = (text: string, values: unknown[]) => h.fleet.db.system.query(text, values)
  const a = await createOrg(h.fleet, "reports-org-days", PASSWORD)
  orgId = a.orgId
  await sys(`UPDATE organisations SET settings = settings || $2::jsonb WHERE id = $1`, [
    orgId,
    JSON.stringify({ timezone: TZ }),
  ])
  admin = await login(h.fleet, a.email, PASSWORD)
  v.today = await created("/api/v1/vehicles", { name: "Today Van", plate: "DAY 01" })
  v.late = await created("/api/v1/vehicles", { name: "Late Truck", plate: "DAY 02" })
  v.night = await created("/api/v1/vehicles", { name: "Night Bus", plate: "DAY 03" })
  v.visitor = await created("/api/v1/vehicles", { name: "Depot Lorry", plate: "DAY 04" })
  v.retired = await created("/api/v1/vehicles", { name: "Retired Van", plate: "DAY 05" })
  v.gone = await created("/api/v1/vehicles", { name: "Gone Van", plate: "DAY 06" })
  v.passer = await created("/api/v1/vehicles", { name: "Yard Tipper", plate: "DAY 07" })
  // In service from November 2026 only: not among March's vehicles.
  await sys("UPDATE vehicles SET commissioned_on = '2026-11-01' WHERE id = $1", [v.passer])
  // The late truck entered service on 17 March: 15 days of March it could be used.
  await sys("UPDATE vehicles SET commissioned_on = '2025-03-17' WHERE id = $1", [v.late])
  // The retired van left service on 10 March: 10 days of March it could be used, as its
  // decommissioning through the API records it; the gone van left in February.
  for (const [id, on] of [
    [v.retired, "2025-03-10"],
    [v.gone, "2025-02-20"],
  ] as const) {
    const r = await admin.call("POST", `/api/v1/vehicles/${id}/status`, { status: "decommissioned", on })
    if (r.status !== 200) throw new Error(`decommission: ${r.status} ${JSON.stringify(r.body)}`)
  }
  await created("/api/v1/geofences", {
    name: "Depot",
    kind: "circle",
    lat: DEPOT[0],
    lon: DEPOT[1],
    radiusM: 300,
  })
  await created("/api/v1/geofences", {
    name: "Yard",
    kind: "circle",
    lat: YARD[0],
    lon: YARD[1],
    radiusM: 200,
    dwellS: 600,
  })

  const now = Date.now()
  await h.fleet.ch.insert("trips", TRIP_COLUMNS, [
    // A second ago: this month's only used day so far.
    trip(v.today, now - 60_000, now - 1000),
    trip(v.late, utc("2025-03-20 06:00"), utc("2025-03-20 07:00")),
    trip(v.retired, utc("2025-03-05 06:00"), utc("2025-03-05 07:00")),
    // 9 March 21:30 UTC is 10 March 02:30 in Tashkent.
    trip(v.night, utc("2025-03-09 21:30"), utc("2025-03-09 22:00")),
    // 28 February 20:00 UTC is 1 March 01:00 there: a March trip.
    trip(v.night, utc("2025-02-28 20:00"), utc("2025-02-28 20:30")),
    // 31 March 20:00 UTC is 1 April 01:00 there: not a March trip.
    trip(v.night, utc("2025-03-31 20:00"), utc("2025-03-31 20:30")),
    // The lorry stops twice inside the depot during one visit (05:10–06:30 UTC).
    trip(v.visitor, utc("2026-11-05 05:00"), utc("2026-11-05 05:20"), DEPOT),
    trip(v.visitor, utc("2026-11-05 05:40"), utc("2026-11-05 06:00"), DEPOT),
    trip(v.visitor, utc("2026-11-05 06:20"), utc("2026-11-05 06:40")),
  ])
  // The midnight drive's vehicle and its driver (assigned since before the drive).
  const car = await provision(admin, "org-days-midnight", "DAY 08")
  midnight.vehicleId = car.vehicleId
  // In service for the last month only: the March and November periods above know nothing of it.
  await sys("UPDATE vehicles SET commissioned_on = (now() - interval '30 days')::date WHERE id = $1", [
    midnight.vehicleId,
  ])
  midnight.driverId = await created("/api/v1/drivers", { fullName: "Night Driver" })
  await sys(
    "INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at) VALUES ($1, $2, $3, now() - interval '30 days')",
    [orgId, midnight.vehicleId, midnight.driverId],
  )
  await publishPoints(h.fleet, car, midnightDrive())
  const position = (at: string, [lat, lon]: [number, number], vehicle = v.visitor) => [
    orgId,
    vehicle,
    "dev-days",
    `${at}:00.000`,
    `${at}:00.000`,
    lat,
    lon,
    5,
    [],
    {},
  ]
  await h.fleet.ch.insert(
    "positions",
    ["org_id", "vehicle_id", "device_id", "time", "received_at", "lat", "lon", "speed_mps", "dtc", "attrs"],
    [
      // Before the period: outside.
      position("2026-10-28 10:00", FAR),
      position("2026-11-05 05:00", FAR),
      position("2026-11-05 05:10", DEPOT),
      position("2026-11-05 05:20", DEPOT),
      position("2026-11-05 05:40", [41.301, 69.251]),
      position("2026-11-05 06:00", DEPOT),
      position("2026-11-05 06:30", FAR),
      position("2026-11-05 07:00", FAR),
      // 30 November 23:00 in Tashkent: in the depot at the period's end, out only in December.
      position("2026-11-30 18:00", DEPOT),
      position("2026-11-30 19:30", FAR),
      // The tipper drives through the yard (5 minutes inside), then stays 50 minutes, stepping out
      // for 3 of them.
      position("2026-11-10 08:00", FAR, v.passer),
      position("2026-11-10 08:10", YARD, v.passer),
      position("2026-11-10 08:15", FAR, v.passer),
      position("2026-11-10 09:00", YARD, v.passer),
      position("2026-11-10 09:20", YARD, v.passer),
      position("2026-11-10 09:25", FAR, v.passer),
      position("2026-11-10 09:28", YARD, v.passer),
      position("2026-11-10 09:50", FAR, v.passer),
      position("2026-11-10 10:30", FAR, v.passer),
    ],
  )
  // The visitor's day in the depot delivered again (a device resending after a lost PUBACK): a
  // second part holding the same rows, which a merge would replace. Counted once.
  await h.fleet.ch.insert(
    "positions",
    ["org_id", "vehicle_id", "device_id", "time", "received_at", "lat", "lon", "speed_mps", "dtc", "attrs"],
    [
      position("2026-11-05 05:10", DEPOT),
      position("2026-11-05 05:20", DEPOT),
      position("2026-11-05 06:30", FAR),
    ],
  )
}, 120_000)

afterAll(async () => {
  await h?.close()
})

/** A drive north at 15 m/s, a fix every 10 s, from `fromMs` for `minutes` (ignition on throughout). */
const northwards = (fromMs: number, minutes: number, lat0: number) =>
  Array.from({ length: (minutes * 60) / 10 + 1 }, (_, i) => ({
    timeMs: fromMs + i * 10_000,
    lat: lat0 + (i * 150) / 111_320,
    lon: 69.25,
    speedMps: 15,
    ignition: true,
  }))

/**
 * 23:00–23:50 in Tashkent on D1 north at 15 m/s (a fix every 10 s), parked 20 minutes over
 * midnight, then 00:10–00:50 on D2, parked again: a trip on each day, 18:00–19:50 UTC, all on one UTC day.
 */
const midnightDrive = () => {
  const points: Array<Record<string, number | boolean>> = []
  const start = Date.parse(`${D1}T23:00:00+05:00`)
  let lat = 41.2
  const lon = 69.25
  const leg = (fromMs: number, minutes: number, moving: boolean) => {
    const step = moving ? 10_000 : 30_000
    for (let t = fromMs; t < fromMs + minutes * 60_000; t += step) {
      points.push({ timeMs: t, lat, lon, speedMps: moving ? 15 : 0, ignition: moving })
      if (moving) lat += 150 / 111_320
    }
  }
  leg(start, 50, true)
  leg(start + 50 * 60_000, 20, false)
  leg(start + 70 * 60_000, 40, true)
  leg(start + 110 * 60_000, 20, false)
  return points
}

describe("utilisation", () => {
  it("divides by the days of the period that have begun, not by days to come", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(new Date())
    const t = await get(`/api/v1/reports/utilisation?period=thisMonth&vehicleId=${v.today}`)
    // One used day of the month's days up to today (its day of the month).
    const soFar = Number(today.slice(8, 10))
    expect(t.rows[0]).toMatchObject({ vehicle: "Today Van", daysUsed: 1 })
    expect(t.rows[0]?.utilisation).toBe(Math.round(1000 / soFar) / 10)
  })

  it("counts a vehicle's days from its commissioning day", async () => {
    const t = await get(`/api/v1/reports/utilisation?${MARCH}&vehicleId=${v.late}`)
    // 1 used day of 17–31 March.
    expect(t.rows[0]).toMatchObject({ vehicle: "Late Truck", daysUsed: 1, utilisation: 6.7 })
    expect(t.totals.utilisation).toBe(6.7)
  })

  it("counts a decommissioned vehicle's days only up to its decommissioning; one gone before the period is not listed", async () => {
    const t = await get(`/api/v1/reports/utilisation?${MARCH}`)
    // 1 used day of 1–10 March.
    expect(t.rows.find((r) => r.vehicle === "Retired Van")).toMatchObject({ daysUsed: 1, utilisation: 10 })
    expect(t.rows.map((r) => r.vehicle)).not.toContain("Gone Van")
    // The fleet: 4 used days (the late truck's, the night bus's two, the retired van's) of 3 × 31
    // (Today Van, Night Bus, Depot Lorry) + 15 (Late Truck) + 10 (Retired Van) days.
    expect(t.totals).toMatchObject({ daysUsed: 4, utilisation: Math.round((4 / 118) * 1000) / 10 })
    expect(t.summary?.find((f) => f.key === "idleVehicles")?.value).toBe(2)
  })

  it("puts a trip on the organisation's day it started", async () => {
    const t = await get(`/api/v1/reports/utilisation?${MARCH}&vehicleId=${v.night}`)
    const active = t.charts.find((c) => c.key === "activeByDay")
    const on = (day: string) => active?.series[0]?.values[active.categories.indexOf(day)]
    expect(on("2025-03-10")).toBe(1)
    expect(on("2025-03-09")).toBe(0)
    expect(on("2025-03-01")).toBe(1)
    expect(on("2025-03-31")).toBe(0)
    expect(t.rows[0]).toMatchObject({ daysUsed: 2, trips: 2 })
  })
})

describe("trips", () => {
  it("lists the trips of the organisation's days and counts them on those days", async () => {
    const t = await get(`/api/v1/reports/trips?${MARCH}&vehicleId=${v.night}`)
    expect(t.rows.map((r) => r.start)).toEqual(["2025-03-01 01:00", "2025-03-10 02:30"])
    const byDay = t.charts.find((c) => c.key === "tripsByDay")
    const on = (day: string) => byDay?.series[0]?.values[byDay.categories.indexOf(day)]
    expect(on("2025-03-10")).toBe(1)
    expect(on("2025-03-09")).toBe(0)
    expect(on("2025-03-01")).toBe(1)
    expect(on("2025-03-31")).toBe(0)
  })
})

describe("geofence visits", () => {
  it("counts one visit from entry to exit however often the vehicle stopped inside; one still inside at the end is ongoing", async () => {
    const t = await get(`/api/v1/reports/geofenceVisits?${NOVEMBER}&vehicleId=${v.visitor}`)
    expect(t.rows.map((r) => [r.geofence, r.vehicle, r.entered, r.left, r.timeInside, r.status])).toEqual([
      ["Depot", "Depot Lorry", "2026-11-05 10:10", "2026-11-05 11:30", 80 * 60, "ended"],
      // Entered at 23:00 on 30 November: inside until the period's end, an hour later.
      ["Depot", "Depot Lorry", "2026-11-30 23:00", null, 3600, "ongoing"],
    ])
    expect(t.summary?.find((f) => f.key === "visits")?.value).toBe(2)
    expect(t.totals.timeInside).toBe(80 * 60 + 3600)
  })
})

describe("geofence visits and dwell", () => {
  it("counts no visit for a pass shorter than the fence's dwell time, nor a new one after a shorter step outside", async () => {
    const t = await get(`/api/v1/reports/geofenceVisits?${NOVEMBER}&vehicleId=${v.passer}`)
    expect(t.rows.map((r) => [r.geofence, r.entered, r.left, r.timeInside, r.status])).toEqual([
      ["Yard", "2026-11-10 14:00", "2026-11-10 14:50", 50 * 60, "ended"],
    ])
    expect(t.summary?.find((f) => f.key === "visits")?.value).toBe(1)
  })
})

describe("XLSX export", () => {
  const workbook = async (path: string) => {
    const r = await fetch(`${h.fleet.httpUrl}${path}`, {
      headers: { authorization: `Bearer ${admin.token}` },
    })
    expect(r.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    if (sheet === undefined) throw new Error("no sheet")
    return sheet
  }
  /** The row whose first cell is `first`, as cells. */
  const rowStarting = (sheet: ExcelJS.Worksheet, first: string) => {
    let found: ExcelJS.Row | undefined
    sheet.eachRow((row) => {
      if (row.getCell(1).value === first && found === undefined) found = row
    })
    if (found === undefined) throw new Error(`no row starting ${first}`)
    return found
  }

  it("writes times as date cells in the organisation's wall clock and figures as numbers", async () => {
    const sheet = await workbook(`/api/v1/reports/trips/export?format=xlsx&${MARCH}&vehicleId=${v.night}`)
    const header = rowStarting(sheet, "Vehicle")
    const col = (label: string) => {
      let at = 0
      header.eachCell((cell, i) => {
        if (cell.value === label) at = i
      })
      expect(at, label).toBeGreaterThan(0)
      return at
    }
    const first = sheet.getRow(header.number + 1)
    const start = first.getCell(col("Start"))
    expect(start.type).toBe(ExcelJS.ValueType.Date)
    // Excel has no zones: the cell holds the wall clock in Tashkent, 1 March 01:00.
    expect((start.value as Date).toISOString()).toBe("2025-03-01T01:00:00.000Z")
    expect(start.numFmt).toMatch(/yyyy-mm-dd hh:mm/u)
    const distance = first.getCell(col("Distance, km"))
    expect(distance.type).toBe(ExcelJS.ValueType.Number)
    expect(distance.value).toBe(10)
  })

  it("names a currency only on a report with money", async () => {
    const notes = async (report: string) => {
      const sheet = await workbook(`/api/v1/reports/${report}/export?format=xlsx&${MARCH}`)
      const texts: Array<string> = []
      sheet.eachRow((row) => texts.push(String(row.getCell(1).value ?? "")))
      return texts
    }
    for (const report of ["utilisation", "trips", "mileage", "geofenceVisits"])
      expect(
        (await notes(report)).some((t) => t.startsWith("Currency:")),
        report,
      ).toBe(false)
    expect((await notes("expenses")).some((t) => t.startsWith("Currency:"))).toBe(true)
  })
})

describe("distance on the organisation's days", () => {
  const period = (from: string, to: string) => `period=custom&from=${from}&to=${to}`
  const km = (value: string | number | null | undefined) => Number(value ?? Number.NaN)
  /** The drive's two trips as the trips report lists them, once the engine closed both. */
  const trips = () =>
    eventually(
      async () => {
        const t = await get(`/api/v1/reports/trips?${period(D1, D2)}&vehicleId=${midnight.vehicleId}`)
        return t.rows.length === 2 ? t.rows : undefined
      },
      60_000,
      "the midnight drive's two trips",
    )

  it("puts each part of a drive across local midnight on its own local day, as the trips report does", async () => {
    const [before, after] = await trips()
    expect(before?.start).toBe(`${D1} 23:00`)
    // From the last parked fix before it moves off (00:09:30).
    expect(after?.start).toBe(`${D2} 00:09`)
    // 300 steps of 150 m before midnight (45 km), 240 after (36 km).
    expect(km(before?.distanceKm)).toBeGreaterThan(44)
    expect(km(after?.distanceKm)).toBeGreaterThan(35)
    const days = await eventually(
      async () => {
        const rows = await h.fleet.ch.query<{ day: string; metres: number; time_zone: string }>(
          `SELECT toString(day) AS day, metres, time_zone FROM daily_mileage FINAL
           WHERE org_id = {org:UUID} AND vehicle_id = {v:UUID} ORDER BY day`,
          { org: orgId, v: midnight.vehicleId },
        )
        const sum = rows.reduce((s, r) => s + r.metres, 0) / 1000
        return Math.abs(sum - km(before?.distanceKm) - km(after?.distanceKm)) < 0.2 ? rows : undefined
      },
      30_000,
      "the drive's daily mileage",
    )
    expect(days.map((d) => [d.day, d.time_zone])).toEqual([
      [D1, TZ],
      [D2, TZ],
    ])
    expect(days[0]?.metres ?? 0).toBeCloseTo(km(before?.distanceKm) * 1000, -2)
    expect(days[1]?.metres ?? 0).toBeCloseTo(km(after?.distanceKm) * 1000, -2)

    // The mileage report: each day's distance, the driver's, as the trips of that day.
    const mileage = await get(`/api/v1/reports/mileage?${period(D1, D2)}&vehicleId=${midnight.vehicleId}`)
    expect(mileage.rows.map((r) => [r.day, r.driver])).toEqual([
      [D1, "Night Driver"],
      [D2, "Night Driver"],
    ])
    expect(km(mileage.rows[0]?.distanceKm)).toBeCloseTo(km(before?.distanceKm), 0)
    expect(km(mileage.rows[1]?.distanceKm)).toBeCloseTo(km(after?.distanceKm), 0)
  })

  it("gives TCO, utilisation and the drivers report each day's distance of that day's trips", async () => {
    const [before, after] = await trips()
    for (const [day, trip] of [
      [D1, before],
      [D2, after],
    ] as const) {
      const expected = km(trip?.distanceKm)
      const utilisation = await get(
        `/api/v1/reports/utilisation?${period(day, day)}&vehicleId=${midnight.vehicleId}`,
      )
      expect(utilisation.rows[0]).toMatchObject({ daysUsed: 1, trips: 1 })
      expect(km(utilisation.rows[0]?.distanceKm)).toBeCloseTo(expected, 0)
      const tco = await get(`/api/v1/reports/tco?${period(day, day)}&vehicleId=${midnight.vehicleId}`)
      expect(km(tco.rows[0]?.distanceKm)).toBeCloseTo(expected, 0)
      const drivers = await get(`/api/v1/reports/drivers?${period(day, day)}`)
      const driver = drivers.rows.find((r) => r.driver === "Night Driver")
      expect(km(driver?.distanceKm)).toBeCloseTo(expected, 0)
    }
  })
})

describe("a rule state from before local days", () => {
  it("continues a snapshot with UTC days on the local day, counting the day so far once", async () => {
    // Four days ago: 02:00–02:30 UTC (07:00 in Tashkent) driven under the old code, which kept the
    // UTC day; its snapshot and its row are what an upgraded installation holds.
    const day = dayInTz(Date.now() - 4 * DAY_MS)
    const car = await provision(admin, "org-days-upgrade", "DAY 09")
    const before = northwards(Date.parse(`${day}T02:00:00Z`), 30, 41.2)
    let state: VehicleRulesState = initialVehicleRules
    const out = emptyOutput()
    for (const p of before)
      state = stepVehicleRules(
        state,
        {
          ...p,
          receivedAtMs: p.timeMs + 300,
          orgId: orgId as OrgId,
          vehicleId: car.vehicleId as VehicleId,
          deviceId: car.deviceId as DeviceId,
        } satisfies TelemetryRecord,
        out,
      )
    expect(Object.keys(state.days)).toEqual([day])
    expect(JSON.stringify(state)).not.toContain("dayZone")
    const oldM = state.days[day] ?? 0
    expect(oldM).toBeGreaterThan(26_000)
    await h.fleet.db.system.query(
      "INSERT INTO vehicle_rule_state (vehicle_id, org_id, state, last_time) VALUES ($1, $2, $3, to_timestamp($4 / 1000.0))",
      [car.vehicleId, orgId, JSON.stringify(state), state.lastTimeMs],
    )
    await h.fleet.ch.insert(
      "daily_mileage",
      ["org_id", "vehicle_id", "day", "metres", "version"],
      [[orgId, car.vehicleId, day, oldM, state.lastTimeMs]],
    )

    // After the upgrade: 04:00–04:30 UTC, the same local day (09:00), from where it stood.
    const last = before.at(-1)?.lat ?? 0
    await publishPoints(h.fleet, car, northwards(Date.parse(`${day}T04:00:00Z`), 30, last))
    const rows = await eventually(
      async () => {
        const found = await h.fleet.ch.query<{ day: string; metres: number; time_zone: string }>(
          `SELECT toString(day) AS day, metres, time_zone FROM daily_mileage FINAL
           WHERE org_id = {org:UUID} AND vehicle_id = {v:UUID} ORDER BY day`,
          { org: orgId, v: car.vehicleId },
        )
        return found.length === 1 && (found[0]?.metres ?? 0) > oldM + 26_000 ? found : undefined
      },
      30_000,
      "the day's distance after the upgrade",
    )
    // One row, the local day's: the UTC day so far and what came after, each metre once.
    expect(rows.map((r) => [r.day, r.time_zone])).toEqual([[day, TZ]])
    expect(rows[0]?.metres ?? 0).toBeCloseTo(2 * oldM, -2)
  })
})
