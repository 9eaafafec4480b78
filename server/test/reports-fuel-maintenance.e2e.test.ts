import { chTime } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * The fuel and maintenance reports against records made here, in a fresh organisation (KZT,
 * Asia/Almaty, UTC+5) for January 2025: refuels in two currencies with odometers and a fuel card,
 * the engine's trips, daily mileage and fuel events in ClickHouse, and service tasks on time, late
 * by date, late by odometer and unplanned. Every expected figure is worked out by hand beside it.
 */
const PASSWORD = "reports-fm-test-password"
const PERIOD = "period=custom&from=2025-01-01&to=2025-01-31"

let h: Harness
let admin: ApiClient
let driver: ApiClient
let otherAdmin: ApiClient
let orgId = ""
const v = { car: "", van: "", foreign: "" }

type Table = {
  report: string
  columns: Array<{ key: string; kind: string }>
  rows: Array<Record<string, string | number | null>>
  totals: Record<string, string | number | null>
  charts: Array<{
    key: string
    unit?: string
    categories: Array<string>
    series: Array<{ key: string; values: Array<number> }>
  }>
  originals: Array<{ currency: string; amount: string; count: number }>
  unconverted: number
}

const created = async (api: ApiClient, path: string, body: unknown): Promise<string> => {
  const r = await api.call<{ id: string }>("POST", path, body)
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.id
}
const ms = (iso: string) => Date.parse(iso)

beforeAll(async () => {
  h = await startHarness()
  const sys = (text: string, values: unknown[]) => h.fleet.db.system.query(text, values)
  const a = await createOrg(h.fleet, "reports-fm-a", PASSWORD)
  orgId = a.orgId
  await sys(
    `UPDATE organisations SET settings = settings || '{"currency":"KZT","timezone":"Asia/Almaty"}'::jsonb WHERE id = $1`,
    [orgId],
  )
  admin = await login(h.fleet, a.email, PASSWORD)
  const b = await createOrg(h.fleet, "reports-fm-b", PASSWORD)
  otherAdmin = await login(h.fleet, b.email, PASSWORD)

  const sedan = await created(admin, "/api/v1/vehicle-types", { name: "Седан", ratedConsumptionL100km: 8 })
  v.car = await created(admin, "/api/v1/vehicles", { name: "Камри", plate: "FM 01", vehicleTypeId: sedan })
  v.van = await created(admin, "/api/v1/vehicles", { name: "Газель", plate: "FM 02" })
  v.foreign = await created(otherAdmin, "/api/v1/vehicles", { name: "Foreign", plate: "OTHER 2" })
  await created(admin, "/api/v1/currency-rates", { currency: "USD", date: "2025-01-01", rate: "500" })
  const card = await created(admin, "/api/v1/fuel-cards", {
    name: "Карта А",
    numberLast4: "1234",
    currency: "KZT",
    dailyLimit: "15000.00",
    monthlyLimit: "30000.00",
  })

  const refuel = (body: Record<string, unknown>) =>
    created(admin, "/api/v1/expenses", { category: "fuel", ...body })
  // The car's baseline refuel, before the period: the first one in it measures from its odometer.
  await refuel({ vehicleId: v.car, date: "2024-12-20", amount: "7500.00", litres: 30, odometerKm: 10000 })
  // 500 km on 40 L: 8 L/100 km, the rating.
  await refuel({
    vehicleId: v.car,
    date: "2025-01-05",
    amount: "10000.00",
    litres: 40,
    odometerKm: 10500,
    fuelCardId: card,
  })
  // 500 km on 48 L: 20 % over the rating's 40 L, an anomaly of 8 L; paid 100 USD = 50,000 KZT.
  await refuel({
    vehicleId: v.car,
    date: "2025-01-15",
    amount: "100.00",
    currency: "USD",
    litres: 48,
    odometerKm: 11000,
  })
  // Without a receipt or an odometer: litres count, cost and consumption do not.
  await refuel({ vehicleId: v.car, date: "2025-01-20", litres: 20 })
  // The van, on the same card the same day: the card's day reaches 18,000 of its 15,000 limit.
  await refuel({ vehicleId: v.van, date: "2025-01-05", amount: "8000.00", litres: 30, fuelCardId: card })
  // Outside the period.
  await refuel({ vehicleId: v.van, date: "2025-02-01", amount: "9999.00", litres: 33 })

  const ch = h.fleet.ch
  await ch.insert(
    "daily_mileage",
    ["org_id", "vehicle_id", "day", "metres", "version"],
    [
      [orgId, v.car, "2025-01-10", 1_000_000, 1],
      [orgId, v.van, "2025-01-11", 200_000, 1],
    ],
  )
  const trip = (vehicle: string, start: string, metres: number, litres: number | null, version = 1) => [
    orgId,
    vehicle,
    "dev-fm",
    chTime(ms(start)),
    chTime(ms(start) + 3_600_000),
    metres,
    litres,
    version,
  ]
  const tripColumns = ["org_id", "vehicle_id", "device_id", "start_time", "end_time", "distance_m"]
  await ch.insert(
    "trips",
    [...tripColumns, "fuel_used_l", "version"],
    [
      // Re-derived: the newer version (300 km, 27 L) replaces the older.
      trip(v.car, "2025-01-10T05:00:00Z", 100_000, 50, 1),
      trip(v.car, "2025-01-10T05:00:00Z", 300_000, 27, 2),
      // No fuel counter: not part of the sensor's L/100 km.
      trip(v.car, "2025-01-11T05:00:00Z", 500_000, null),
      trip(v.van, "2025-01-11T05:00:00Z", 100_000, 12),
      // 31 January 20:00 UTC is 1 February in Almaty: outside the period.
      trip(v.van, "2025-01-31T20:00:00Z", 100_000, 40),
    ],
  )
  const event = (vehicle: string, time: string, kind: string, litres: number) => [
    orgId,
    vehicle,
    chTime(ms(time)),
    kind,
    litres,
    0,
    0,
    43.2,
    76.9,
    1,
  ]
  await ch.insert(
    "fuel_events",
    ["org_id", "vehicle_id", "time", "kind", "litres", "from_l", "to_l", "lat", "lon", "version"],
    [
      event(v.car, "2025-01-05T06:00:00Z", "fuel_fill", 40),
      event(v.car, "2025-01-12T22:00:00Z", "fuel_drop", 15.5),
      event(v.car, "2025-01-13T22:00:00Z", "fuel_drop", 4.5),
      event(v.van, "2025-01-31T20:00:00Z", "fuel_drop", 10),
    ],
  )

  const task = (body: Record<string, unknown>) => created(admin, "/api/v1/maintenance/tasks", body)
  // On time: done two days before its date.
  await task({
    vehicleId: v.car,
    name: "Замена масла",
    status: "completed",
    dueDate: "2025-01-10",
    service: { odometerKm: 10800, completedOn: "2025-01-08", cost: "30000.00", vendor: "АвтоСервис" },
  })
  // Late by date; 100 USD = 50,000 KZT.
  await task({
    vehicleId: v.car,
    name: "Тормоза",
    status: "completed",
    dueDate: "2025-01-05",
    service: {
      odometerKm: 10900,
      completedOn: "2025-01-12",
      cost: "100.00",
      currency: "USD",
      vendor: "BrakeCo",
    },
  })
  // Late by odometer.
  await task({
    vehicleId: v.van,
    name: "Шины",
    status: "completed",
    dueOdometerKm: 5000,
    service: { odometerKm: 5200, completedOn: "2025-01-20", cost: "20000.00", vendor: "АвтоСервис" },
  })
  // Unplanned, without a cost: a service, neither on time nor late.
  await task({
    vehicleId: v.van,
    name: "Ремонт",
    status: "completed",
    service: { odometerKm: 5300, completedOn: "2025-01-25" },
  })
  // Due in the period and still open at its end: overdue.
  await task({ vehicleId: v.car, name: "Замена масла 2", status: "scheduled", dueDate: "2025-01-20" })
  // Due after the period.
  await task({ vehicleId: v.van, name: "Техосмотр", status: "scheduled", dueDate: "2025-02-10" })
  // Done before the period.
  await task({
    vehicleId: v.car,
    name: "Старое",
    status: "completed",
    service: { odometerKm: 9000, completedOn: "2024-12-28", cost: "5000.00" },
  })

  // Completed before services wrote expenses: the task's own cost counts in the organisation's
  // currency; in another currency it is left out as unconverted.
  await sys(
    `INSERT INTO maintenance_tasks (org_id, vehicle_id, name, status, due_date, completed_on, completed_odometer_km, cost, currency, vendor)
     VALUES ($1, $2, 'Мойка двигателя', 'completed', '2025-01-30', '2025-01-28', 5400, 7000, 'KZT', 'Legacy Garage'),
            ($1, $3, 'Диагностика', 'completed', NULL, '2025-01-29', 11100, 50, 'EUR', NULL)`,
    [orgId, v.van, v.car],
  )

  const driverUser = await createUser(h.fleet, orgId, "driver", "driver@reports-fm-a.example", PASSWORD)
  await sys("INSERT INTO drivers (org_id, user_id, full_name) VALUES ($1, $2, 'Ақжол')", [orgId, driverUser])
  driver = await login(h.fleet, "driver@reports-fm-a.example", PASSWORD)
}, 120_000)

afterAll(async () => {
  await h?.close()
})

const rowOf = (t: Table, name: string) => t.rows.find((r) => r.vehicle === name)

describe("GET /api/v1/reports/fuel", () => {
  it("adds up refuels, consumption against the rating, anomalies, fills and thefts per vehicle", async () => {
    const r = await admin.call<Table>("GET", `/api/v1/reports/fuel?${PERIOD}`)
    expect(r.status).toBe(200)
    const t = r.body
    expect(rowOf(t, "Камри")).toEqual({
      vehicle: "Камри",
      plate: "FM 01",
      refuels: 3,
      litres: 108,
      fuelCost: "60000.00",
      // 60,000 KZT over the 88 L paid for.
      costPerLitre: "681.82",
      distanceKm: 1000,
      ratedL100: 8,
      // 88 L over 1,000 km.
      refuelL100: 8.8,
      refuelDiffPct: 10,
      // 27 L over 300 km.
      sensorL100: 9,
      sensorDiffPct: 12.5,
      anomalies: 1,
      anomalyL: 8,
      fills: 1,
      fillL: 40,
      thefts: 2,
      theftL: 20,
    })
    expect(rowOf(t, "Газель")).toEqual({
      vehicle: "Газель",
      plate: "FM 02",
      refuels: 1,
      litres: 30,
      fuelCost: "8000.00",
      costPerLitre: "266.67",
      distanceKm: 200,
      ratedL100: null,
      refuelL100: null,
      refuelDiffPct: null,
      sensorL100: 12,
      sensorDiffPct: null,
      anomalies: 0,
      anomalyL: 0,
      fills: 0,
      fillL: 0,
      thefts: 0,
      theftL: 0,
    })
    expect(t.totals).toMatchObject({
      refuels: 4,
      litres: 138,
      fuelCost: "68000.00",
      // 68,000 over 118 L.
      costPerLitre: "576.27",
      distanceKm: 1200,
      refuelL100: 8.8,
      refuelDiffPct: 10,
      // 39 L over 400 km; the difference counts the rated car only.
      sensorL100: 9.8,
      sensorDiffPct: 12.5,
      anomalies: 1,
      fills: 1,
      thefts: 2,
      theftL: 20,
    })
    expect(t.originals).toEqual([
      { currency: "KZT", amount: "18000.00", count: 3 },
      { currency: "USD", amount: "100.00", count: 1 },
    ])
    expect(t.unconverted).toBe(0)
    const price = t.charts.find((c) => c.key === "costPerLitreByMonth")
    expect(price?.categories).toEqual(["2025-01-01"])
    expect(price?.series).toEqual([{ key: "costPerLitre", values: [576.27] }])
  })

  it("shows each card's highest use of its limits: 18,000 of 15,000 a day, 18,000 of 30,000 a month", async () => {
    const r = await admin.call<Table>("GET", `/api/v1/reports/fuel?${PERIOD}`)
    const cards = r.body.charts.find((c) => c.key === "cardLimits")
    expect(cards).toMatchObject({
      valueKind: "percent",
      categories: ["Карта А ·1234"],
      series: [
        { key: "limitDay", values: [120] },
        { key: "limitMonth", values: [60] },
      ],
    })
  })

  it("filters by vehicle: the van alone, whose card use still counts every refuel paid with the card", async () => {
    const r = await admin.call<Table>("GET", `/api/v1/reports/fuel?${PERIOD}&vehicleId=${v.van}`)
    expect(r.body.rows.map((x) => x.vehicle)).toEqual(["Газель"])
    expect(r.body.totals).toMatchObject({
      refuels: 1,
      fuelCost: "8000.00",
      sensorL100: 12,
      sensorDiffPct: null,
    })
    expect(r.body.charts.find((c) => c.key === "cardLimits")?.series[0]?.values).toEqual([120])
  })

  it("answers 404 for another organisation's vehicle as a filter, and 403 to a driver", async () => {
    const foreign = await admin.call<{ error: { code: string } }>(
      "GET",
      `/api/v1/reports/fuel?vehicleId=${v.foreign}`,
    )
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe("FLEET_REPORT_FILTER_NOT_FOUND")
    expect((await driver.call("GET", `/api/v1/reports/fuel?${PERIOD}`)).status).toBe(403)
  })
})

describe("GET /api/v1/reports/maintenance", () => {
  it("counts services, their cost, due and overdue tasks, on time and late per vehicle", async () => {
    const r = await admin.call<Table>("GET", `/api/v1/reports/maintenance?${PERIOD}`)
    expect(r.status).toBe(200)
    const t = r.body
    expect(rowOf(t, "Камри")).toEqual({
      vehicle: "Камри",
      plate: "FM 01",
      services: 3,
      serviceCost: "80000.00",
      due: 3,
      overdue: 1,
      onTime: 1,
      late: 1,
      onTimePct: 50,
      lastService: "2025-01-29",
    })
    expect(rowOf(t, "Газель")).toEqual({
      vehicle: "Газель",
      plate: "FM 02",
      services: 3,
      serviceCost: "27000.00",
      due: 1,
      overdue: 0,
      onTime: 1,
      late: 1,
      onTimePct: 50,
      lastService: "2025-01-28",
    })
    expect(t.totals).toMatchObject({
      services: 6,
      serviceCost: "107000.00",
      due: 4,
      overdue: 1,
      onTime: 2,
      late: 2,
      onTimePct: 50,
    })
    expect(t.originals).toEqual([
      { currency: "EUR", amount: "50.00", count: 1 },
      { currency: "KZT", amount: "57000.00", count: 3 },
      { currency: "USD", amount: "100.00", count: 1 },
    ])
    expect(t.unconverted).toBe(1)
    const byType = t.charts.find((c) => c.key === "costByType")
    expect(byType?.categories).toEqual(["Тормоза", "Замена масла", "Шины", "Мойка двигателя"])
    expect(byType?.series[0]?.values).toEqual([50000, 30000, 20000, 7000])
    const byVendor = t.charts.find((c) => c.key === "costByVendor")
    expect(byVendor?.categories).toEqual(["BrakeCo", "АвтоСервис", "Legacy Garage"])
    expect(byVendor?.series[0]?.values).toEqual([50000, 50000, 7000])
    const byMonth = t.charts.find((c) => c.key === "costByMonth")
    expect(byMonth?.categories).toEqual(["2025-01-01"])
    expect(byMonth?.series.map((s) => [s.key, s.values])).toEqual([
      ["Тормоза", [50000]],
      ["Замена масла", [30000]],
      ["Шины", [20000]],
      ["Мойка двигателя", [7000]],
    ])
  })

  it("answers 404 for another organisation's vehicle as a filter", async () => {
    const foreign = await admin.call<{ error: { code: string } }>(
      "GET",
      `/api/v1/reports/maintenance?vehicleId=${v.foreign}`,
    )
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe("FLEET_REPORT_FILTER_NOT_FOUND")
  })
})

describe("exports of the fuel and maintenance reports", () => {
  it("downloads each as a CSV whose rows and totals are the API's", async () => {
    for (const [report, total] of [
      ["fuel", "68000.00"],
      ["maintenance", "107000.00"],
    ] as const) {
      const res = await fetch(`${h.fleet.httpUrl}/api/v1/reports/${report}/export?format=csv&${PERIOD}`, {
        headers: { authorization: `Bearer ${admin.token}` },
      })
      expect(res.status).toBe(200)
      const lines = (await res.text())
        .replace(/^\uFEFF/u, "")
        .trim()
        .split("\r\n")
      expect(lines).toHaveLength(1 + 2 + 1)
      expect(lines[0]).toContain(report === "fuel" ? "By refuels, L/100 km" : "Late")
      expect(lines[lines.length - 1]).toContain(total)
    }
  })
})
