import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * The drivers, contracts-and-insurance and rental reports against records made here, in a fresh
 * organisation (KZT, Asia/Almaty, UTC+5): assignments, alerts, penalties, fuel anomalies and
 * contracts in Postgres, the engine's per-driver mileage and trips in ClickHouse. Every figure is
 * worked out by hand in the comments.
 */
const PASSWORD = "reports-dc-test-password"
const PERIOD = "period=custom&from=2025-01-01&to=2025-01-31"

let h: Harness
let admin: ApiClient
let driverLogin: ApiClient
let orgId = ""
const v = { car: "", van: "", niva: "", sprinter: "", foreign: "" }
/** Today in Almaty, plus `days` ("YYYY-MM-DD"). */
const almatyDay = (days: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Almaty" }).format(
    new Date(Date.now() + days * 86_400_000),
  )
const d = { aigerim: "", boris: "", akzhol: "", foreign: "" }

type Table = {
  report: string
  columns: Array<{ key: string; kind: string }>
  rows: Array<Record<string, string | number | null>>
  totals: Record<string, string | number | null>
  charts: Array<{
    key: string
    categories: Array<string>
    series: Array<{ key: string; values: Array<number> }>
  }>
  originals: Array<{ currency: string; amount: string; count: number }>
  filters: Array<{ key: string; name: string }>
}

const created = async (api: ApiClient, path: string, body: unknown): Promise<string> => {
  const r = await api.call<{ id: string }>("POST", path, body)
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.id
}

beforeAll(async () => {
  h = await startHarness()
  const sys = (text: string, values: unknown[]) => h.fleet.db.system.query(text, values)
  const a = await createOrg(h.fleet, "reports-dc-a", PASSWORD)
  orgId = a.orgId
  await sys(
    `UPDATE organisations SET settings = settings || '{"currency":"KZT","timezone":"Asia/Almaty"}'::jsonb WHERE id = $1`,
    [orgId],
  )
  admin = await login(h.fleet, a.email, PASSWORD)
  const b = await createOrg(h.fleet, "reports-dc-b", PASSWORD)
  const otherAdmin = await login(h.fleet, b.email, PASSWORD)
  v.car = await created(admin, "/api/v1/vehicles", { name: "Камри", plate: "DRV 01" })
  v.van = await created(admin, "/api/v1/vehicles", { name: "Газель", plate: "DRV 02" })
  v.foreign = await created(otherAdmin, "/api/v1/vehicles", { name: "Foreign", plate: "OTHER 9" })
  await created(admin, "/api/v1/currency-rates", { currency: "USD", date: "2025-01-01", rate: "500" })

  const driver = async (org: string, name: string, userId: string | null = null) =>
    String(
      (
        await sys("INSERT INTO drivers (org_id, user_id, full_name) VALUES ($1, $2, $3) RETURNING id", [
          org,
          userId,
          name,
        ])
      ).rows[0]?.id,
    )
  const loginUser = await createUser(h.fleet, orgId, "driver", "driver@reports-dc-a.example", PASSWORD)
  d.aigerim = await driver(orgId, "Айгерим Нұрланқызы")
  d.boris = await driver(orgId, "Борис Ким")
  d.akzhol = await driver(orgId, "Ақжол Сейітов", loginUser)
  d.foreign = await driver(b.orgId, "Foreign Driver")
  const assign = (vehicle: string, driverId: string, starts: string, ends: string | null) =>
    sys(
      "INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)",
      [orgId, vehicle, driverId, starts, ends],
    )
  // Aigerim drives the car until 16 January (UTC), Boris after; Ақжол the van all along (and now).
  await assign(v.car, d.aigerim, "2025-01-01T00:00:00Z", "2025-01-16T00:00:00Z")
  await assign(v.car, d.boris, "2025-01-16T00:00:00Z", null)
  await assign(v.van, d.akzhol, "2024-12-01T00:00:00Z", null)
  await sys(
    "INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at) VALUES ($1, $2, $3, '2025-01-01T00:00:00Z')",
    [b.orgId, v.foreign, d.foreign],
  )

  await h.fleet.ch.insert(
    "daily_mileage_driver",
    ["org_id", "driver_id", "vehicle_id", "day", "metres", "version"],
    [
      [orgId, d.aigerim, v.car, "2025-01-05", 2_000_000, 1],
      [orgId, d.aigerim, v.car, "2025-01-06", 1_000_000, 1],
      // The same day derived again: the newer row replaces the older (Aigerim: 2000 + 1500 = 3500 km).
      [orgId, d.aigerim, v.car, "2025-01-06", 1_500_000, 2],
      [orgId, d.aigerim, v.car, "2025-02-01", 99_000, 1],
      [orgId, d.boris, v.car, "2025-01-20", 500_000, 1],
      [orgId, d.akzhol, v.van, "2025-01-10", 8_000, 1],
      [b.orgId, d.foreign, v.foreign, "2025-01-10", 500_000, 1],
    ],
  )
  const trip = (org: string, vehicle: string, start: string, durationS: number) => [
    org,
    vehicle,
    "dev",
    start.replace("T", " ").replace("Z", ""),
    new Date(Date.parse(start) + durationS * 1000).toISOString().replace("T", " ").replace("Z", ""),
    0,
    0,
    0,
    0,
    1000,
    durationS,
    durationS,
    0,
    20,
    10,
    null,
    1,
  ]
  await h.fleet.ch.insert(
    "trips",
    [
      "org_id",
      "vehicle_id",
      "device_id",
      "start_time",
      "end_time",
      "start_lat",
      "start_lon",
      "end_lat",
      "end_lon",
      "distance_m",
      "duration_s",
      "moving_s",
      "idle_s",
      "max_speed_mps",
      "avg_speed_mps",
      "fuel_used_l",
      "version",
    ],
    [
      // Aigerim: 1 h + 0.5 h (the second starts half an hour before her assignment ends) = 1.5 h.
      trip(orgId, v.car, "2025-01-05T08:00:00.000Z", 3600),
      trip(orgId, v.car, "2025-01-15T23:30:00.000Z", 1800),
      // Boris: 2 h.
      trip(orgId, v.car, "2025-01-16T01:00:00.000Z", 7200),
      // Ақжол: 0.5 h.
      trip(orgId, v.van, "2025-01-10T09:00:00.000Z", 1800),
      // After the period: left out.
      trip(orgId, v.car, "2025-02-01T10:00:00.000Z", 3600),
      trip(b.orgId, v.foreign, "2025-01-10T09:00:00.000Z", 9000),
    ],
  )

  const alert = (
    vehicle: string,
    driverId: string,
    type: string,
    openedAt: string,
    extra: { occurrences?: number; sinceMs?: number; resolvedAt?: string; key?: string } = {},
  ) =>
    sys(
      `INSERT INTO alerts (org_id, vehicle_id, type, key, severity, opened_at, last_seen_at, occurrences, details, driver_id,
                           status, resolved_at, resolution_note)
       VALUES ($1, $2, $3, $4, 'warning', $5, $5, $6, $7::jsonb, $8, $9, $10, $11)`,
      [
        orgId,
        vehicle,
        type,
        extra.key ?? "",
        openedAt,
        extra.occurrences ?? 1,
        JSON.stringify(extra.sinceMs === undefined ? {} : { sinceMs: extra.sinceMs }),
        driverId,
        extra.resolvedAt === undefined ? "acknowledged" : "resolved",
        extra.resolvedAt ?? null,
        extra.resolvedAt === undefined ? null : "condition cleared",
      ],
    )
  // Aigerim: a cleared speeding episode of 3 minutes (since 08:09, cleared 08:12), an open one
  // raised twice (no end yet: no minutes), a geofence exit, and a fuel theft (its own column).
  await alert(v.car, d.aigerim, "overspeed", "2025-01-05T08:10:00Z", {
    sinceMs: Date.parse("2025-01-05T08:09:00Z"),
    resolvedAt: "2025-01-05T08:12:00Z",
  })
  await alert(v.car, d.aigerim, "overspeed", "2025-01-07T08:10:00Z", { occurrences: 2, key: "b" })
  await alert(v.car, d.aigerim, "geofence_exit", "2025-01-08T08:10:00Z")
  await alert(v.car, d.aigerim, "fuel_theft", "2025-01-09T08:10:00Z")
  // 1 February in Almaty: left out.
  await alert(v.car, d.aigerim, "overspeed", "2025-01-31T19:30:00Z", { key: "c" })
  await alert(v.car, d.boris, "low_battery", "2025-01-20T08:10:00Z")

  await sys(
    `INSERT INTO penalties (org_id, vehicle_id, driver_id, amount, currency, offence_at, reason, status) VALUES
       ($1, $2, NULL, 5000, 'KZT', '2025-01-10T10:00:00Z', 'Speeding: Aigerim was assigned', 'open'),
       ($1, $2, $3, 100, 'USD', '2025-01-05T10:00:00Z', 'Named Boris on the fine', 'paid'),
       ($1, $2, NULL, 9999, 'KZT', '2025-01-11T10:00:00Z', 'Cancelled', 'cancelled')`,
    [orgId, v.car, d.boris],
  )
  await sys(
    `INSERT INTO incidents (org_id, vehicle_id, driver_id, kind, started_at, ended_at, amount, unit)
     VALUES ($1, $2, $3, 'fuel_drop', '2025-01-12T02:00:00Z', '2025-01-12T02:20:00Z', 30, 'l')`,
    [orgId, v.van, d.akzhol],
  )
  // A refuel whose consumption check failed, on 20 January: Boris's (assigned then); a normal one.
  for (const [at, anomaly] of [
    ["2025-01-20T10:00:00Z", true],
    ["2025-01-03T10:00:00Z", false],
  ] as const) {
    const e = await sys(
      `INSERT INTO expenses (org_id, vehicle_id, category, amount, currency, spent_at, spent_on, org_currency, rate, rate_on)
       VALUES ($1, $2, 'fuel', 30000, 'KZT', $3, $3::timestamptz::date, 'KZT', 1, $3::timestamptz::date) RETURNING id`,
      [orgId, v.car, at],
    )
    await sys(
      `INSERT INTO fuel_entries (id, org_id, litres, odometer_km, anomaly, anomaly_status)
       VALUES ($1, $2, 60, 12000, $3, $4)`,
      [e.rows[0]?.id, orgId, anomaly, anomaly ? "unchecked" : "none"],
    )
  }

  // Contracts (January 2025 has 31 days). The car: an OSAGO to 9 January, its renewal from 15
  // January cancelled on the 25th (valid to the 24th), a CASCO from 20 January: uninsured 10–14
  // January = 5 days. The van: leasing and an OSAGO all month, ending in 10 days from today.
  v.niva = await created(admin, "/api/v1/vehicles", { name: "Нива", plate: "DRV 03" })
  v.sprinter = await created(admin, "/api/v1/vehicles", { name: "Спринтер аренда", plate: "DRV 04" })
  const contract = (
    vehicle: string,
    type: string,
    contractor: string,
    from: string,
    to: string,
    amount: number,
    currency: string,
    frequency: string,
    cancelledAt: string | null = null,
  ) =>
    sys(
      `INSERT INTO contracts (org_id, vehicle_id, type, contractor, number, starts_on, ends_on, amount, currency, payment_frequency, cancelled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        orgId,
        vehicle,
        type,
        contractor,
        `${type}-${from}`,
        from,
        to,
        amount,
        currency,
        frequency,
        cancelledAt,
      ],
    )
  await contract(
    v.car,
    "insurance_osago",
    "Номад Иншуранс",
    "2024-01-10",
    "2025-01-09",
    30000,
    "KZT",
    "annual",
  )
  await contract(
    v.car,
    "insurance_osago",
    "Номад Иншуранс",
    "2025-01-15",
    "2026-01-14",
    30000,
    "KZT",
    "annual",
    "2025-01-25T10:00:00Z",
  )
  await contract(v.car, "insurance_casco", "Halyk", "2025-01-20", "2026-01-19", 200, "USD", "annual")
  await contract(v.van, "leasing", "Lessor", "2024-11-15", "2025-11-14", 1000, "KZT", "monthly")
  await contract(
    v.van,
    "insurance_osago",
    "Номад Иншуранс",
    "2024-06-01",
    almatyDay(10),
    36000,
    "KZT",
    "annual",
  )
  // The Нива is rented by contract from 10 January; it has no insurance.
  await contract(v.niva, "rental", "АвтоПрокат", "2025-01-10", "2025-06-30", 100000, "KZT", "monthly")
  // Outside the period: left out.
  await contract(v.van, "service_contract", "Service", "2025-03-01", "2025-12-31", 5000, "KZT", "monthly")
  // The Sprinter is marked rented: 750 EUR a month from 1 December to 20 January, no insurance.
  await created(admin, "/api/v1/currency-rates", { currency: "EUR", date: "2025-01-01", rate: "550" })
  await sys(
    `UPDATE vehicles SET rental = true, rental_starts_on = '2024-12-01', rental_ends_on = '2025-01-20',
       rental_monthly_cost = 750, rental_currency = 'EUR', lessor = 'Rent KZ' WHERE id = $1`,
    [v.sprinter],
  )
  await created(admin, "/api/v1/expenses", {
    vehicleId: v.sprinter,
    category: "rental",
    date: "2025-01-01",
    amount: "750.00",
    currency: "EUR",
  })
  await created(admin, "/api/v1/expenses", {
    vehicleId: v.sprinter,
    category: "parking",
    date: "2025-01-10",
    amount: "10000.00",
  })
  await h.fleet.ch.insert(
    "daily_mileage",
    ["org_id", "vehicle_id", "day", "metres", "version"],
    [
      [orgId, v.car, "2025-01-05", 300_000, 1],
      [orgId, v.van, "2025-01-10", 100_000, 1],
      [orgId, v.sprinter, "2025-01-10", 100_000, 1],
    ],
  )
  driverLogin = await login(h.fleet, "driver@reports-dc-a.example", PASSWORD)
}, 120_000)

afterAll(async () => {
  await h?.close()
})

describe("GET /api/v1/reports/drivers", () => {
  it("counts each driver's distance, hours, speeding, alerts, penalties and fuel anomalies, and scores them", async () => {
    const r = await admin.call<Table>("GET", `/api/v1/reports/drivers?${PERIOD}`)
    expect(r.status).toBe(200)
    expect(r.body.columns.map((c) => c.key)).toEqual([
      "driver",
      "distanceKm",
      "hours",
      "speeding",
      "speedingMinutes",
      "alerts",
      "penaltiesCount",
      "penaltiesAmount",
      "fuelAnomalies",
      "score",
    ])
    expect(r.body.rows).toEqual([
      // 100 − (10×3 + 2×1 + 15×1) per 3500 km ×1000 = 100 − 13.43 → 87
      {
        driver: "Айгерим Нұрланқызы",
        distanceKm: 3500,
        hours: 1.5,
        speeding: 3,
        speedingMinutes: 3,
        alerts: 1,
        penaltiesCount: 1,
        penaltiesAmount: "5000.00",
        fuelAnomalies: 0,
        score: 87,
      },
      // 100 − (2×1 + 15×1 + 20×1) per 500 km ×1000 = 100 − 74 → 26; the fine of 100 USD at 500
      {
        driver: "Борис Ким",
        distanceKm: 500,
        hours: 2,
        speeding: 0,
        speedingMinutes: 0,
        alerts: 1,
        penaltiesCount: 1,
        penaltiesAmount: "50000.00",
        fuelAnomalies: 1,
        score: 26,
      },
      // 8 km: too little to score (under 100 km)
      {
        driver: "Ақжол Сейітов",
        distanceKm: 8,
        hours: 0.5,
        speeding: 0,
        speedingMinutes: 0,
        alerts: 0,
        penaltiesCount: 0,
        penaltiesAmount: "0.00",
        fuelAnomalies: 1,
        score: null,
      },
    ])
    // Fleet: 4008 km; 100 − (10×3 + 2×2 + 15×2 + 20×2) per 4008 km ×1000 = 100 − 25.95 → 74
    expect(r.body.totals).toEqual({
      driver: null,
      distanceKm: 4008,
      hours: 4,
      speeding: 3,
      speedingMinutes: 3,
      alerts: 2,
      penaltiesCount: 2,
      penaltiesAmount: "55000.00",
      fuelAnomalies: 2,
      score: 74,
    })
    expect(r.body.originals).toEqual([
      { currency: "KZT", amount: "5000.00", count: 1 },
      { currency: "USD", amount: "100.00", count: 1 },
    ])
    const scores = r.body.charts.find((c) => c.key === "scores")
    // Lowest first.
    expect(scores?.categories).toEqual(["Борис Ким", "Айгерим Нұрланқызы"])
    expect(scores?.series[0]?.values).toEqual([26, 87])
  })

  it("keeps to the vehicles in scope and to the driver asked for", async () => {
    const van = await admin.call<Table>("GET", `/api/v1/reports/drivers?${PERIOD}&vehicleId=${v.van}`)
    expect(van.body.rows.map((x) => x.driver)).toEqual(["Ақжол Сейітов"])
    const one = await admin.call<Table>("GET", `/api/v1/reports/drivers?${PERIOD}&driverId=${d.boris}`)
    expect(one.body.rows.map((x) => x.driver)).toEqual(["Борис Ким"])
    expect(one.body.totals.penaltiesAmount).toBe("50000.00")
    expect(one.body.filters).toEqual([{ key: "driverId", id: d.boris, name: "Борис Ким" }])
  })

  it("answers 404 for another organisation's driver or vehicle as a filter", async () => {
    for (const q of [`driverId=${d.foreign}`, `vehicleId=${v.foreign}`]) {
      const r = await admin.call<{ error: { code: string } }>("GET", `/api/v1/reports/drivers?${PERIOD}&${q}`)
      expect(r.status).toBe(404)
      expect(r.body.error.code).toBe("FLEET_REPORT_FILTER_NOT_FOUND")
    }
  })

  it("refuses a driver's login (reports show other drivers' records)", async () => {
    const r = await driverLogin.call("GET", `/api/v1/reports/drivers?${PERIOD}`)
    expect(r.status).toBe(403)
  })

  it("exports the drivers as CSV with the API's totals", async () => {
    const res = await fetch(`${h.fleet.httpUrl}/api/v1/reports/drivers/export?format=csv&${PERIOD}`, {
      headers: { authorization: `Bearer ${admin.token}`, "accept-language": "ru" },
    })
    expect(res.status).toBe(200)
    const lines = (await res.text())
      .replace(/^\uFEFF/u, "")
      .trim()
      .split("\r\n")
    expect(lines).toHaveLength(1 + 3 + 1)
    expect(lines[0]?.startsWith("Driver,")).toBe(true)
    expect(lines[lines.length - 1]).toContain("55000.00")
  })
})

describe("GET /api/v1/reports/coverage", () => {
  it("lists each vehicle's contracts valid in the period with what falls due, expiries and the days without insurance", async () => {
    const r = await admin.call<Table>("GET", `/api/v1/reports/coverage?${PERIOD}`)
    expect(r.status).toBe(200)
    const cells = r.body.rows.map((x) => [
      x.vehicle,
      x.contractType,
      x.startsOn,
      x.endsOn,
      x.costInPeriod,
      x.daysLeft,
      x.uninsuredDays,
    ])
    expect(cells).toEqual([
      ["Газель", "insurance_osago", "2024-06-01", almatyDay(10), "0.00", 10, 0],
      ["Газель", "leasing", "2024-11-15", "2025-11-14", "1000.00", null, null],
      // 200 USD due on 20 January at 500
      ["Камри", "insurance_casco", "2025-01-20", "2026-01-19", "100000.00", null, 5],
      ["Камри", "insurance_osago", "2024-01-10", "2025-01-09", "0.00", null, null],
      ["Камри", "insurance_osago", "2025-01-15", "2026-01-14", "30000.00", null, null],
      ["Нива", "rental", "2025-01-10", "2025-06-30", "100000.00", null, 31],
      ["Спринтер аренда", null, null, null, null, null, 31],
    ])
    expect(r.body.totals).toMatchObject({
      costInPeriod: "231000.00",
      uninsuredDays: 67,
      contracts: 6,
      expiringSoon: 1,
      uninsuredVehicles: 3,
    })
    expect(r.body.originals).toEqual([
      { currency: "KZT", amount: "131000.00", count: 3 },
      { currency: "USD", amount: "200.00", count: 1 },
    ])
    const gaps = r.body.charts.find((c) => c.key === "uninsuredDays")
    expect(gaps?.categories).toEqual(["Нива", "Спринтер аренда", "Камри"])
    expect(gaps?.series[0]?.values).toEqual([31, 31, 5])
  })

  it("answers 404 for another organisation's vehicle and refuses a driver", async () => {
    const r = await admin.call<{ error: { code: string } }>(
      "GET",
      `/api/v1/reports/coverage?vehicleId=${v.foreign}`,
    )
    expect(r.status).toBe(404)
    expect((await driverLogin.call("GET", `/api/v1/reports/coverage?${PERIOD}`)).status).toBe(403)
  })

  it("exports contract types in the reader's words", async () => {
    const res = await fetch(`${h.fleet.httpUrl}/api/v1/reports/coverage/export?format=csv&${PERIOD}`, {
      headers: { authorization: `Bearer ${admin.token}` },
    })
    const lines = (await res.text())
      .replace(/^\uFEFF/u, "")
      .trim()
      .split("\r\n")
    expect(lines).toHaveLength(1 + 7 + 1)
    expect(lines[1]).toContain("Motor liability insurance (OSAGO)")
    expect(lines[lines.length - 1]).toContain("231000.00")
  })
})

describe("GET /api/v1/reports/rental", () => {
  it("shows each rented vehicle's terms, days rented, rent due and paid, cost per km, against the owned vehicles", async () => {
    const r = await admin.call<Table>("GET", `/api/v1/reports/rental?${PERIOD}`)
    expect(r.status).toBe(200)
    expect(r.body.rows).toEqual([
      // 10–31 January = 22 days of 100 000 a month: 100000 × 22/31
      {
        vehicle: "Нива",
        plate: "DRV 03",
        lessor: "АвтоПрокат",
        endsOn: "2025-06-30",
        daysLeft: null,
        monthlyCost: "100000.00",
        rentedDays: 22,
        rentDue: "70967.74",
        rentPaid: "0.00",
        otherCosts: "0.00",
        distanceKm: 0,
        costPerKm: null,
      },
      // 750 EUR at 550 = 412 500 a month; 1–20 January: 412500 × 20/31; (412 500 + 10 000) / 100 km
      {
        vehicle: "Спринтер аренда",
        plate: "DRV 04",
        lessor: "Rent KZ",
        endsOn: "2025-01-20",
        daysLeft: null,
        monthlyCost: "412500.00",
        rentedDays: 20,
        rentDue: "266129.03",
        rentPaid: "412500.00",
        otherCosts: "10000.00",
        distanceKm: 100,
        costPerKm: "4225.00",
      },
    ])
    // Owned: the car and the van, 60 000 of refuels over 400 km = 150 per km.
    expect(r.body.totals).toMatchObject({
      monthlyCost: "512500.00",
      rentedDays: 42,
      rentDue: "337096.77",
      rentPaid: "412500.00",
      otherCosts: "10000.00",
      distanceKm: 100,
      costPerKm: "4225.00",
      rentedVehicles: 2,
      ownedCostPerKm: "150.00",
    })
    expect(r.body.originals).toEqual([
      { currency: "EUR", amount: "750.00", count: 1 },
      { currency: "KZT", amount: "10000.00", count: 1 },
    ])
    const chart = r.body.charts.find((c) => c.key === "ownedVsRented")
    expect(chart?.categories).toEqual(["owned", "rented"])
    expect(chart?.series[0]?.values).toEqual([150, 4225])
  })

  it("keeps to the filter and answers 404 for another organisation's vehicle", async () => {
    const one = await admin.call<Table>("GET", `/api/v1/reports/rental?${PERIOD}&vehicleId=${v.niva}`)
    expect(one.body.rows.map((x) => x.vehicle)).toEqual(["Нива"])
    const r = await admin.call("GET", `/api/v1/reports/rental?vehicleId=${v.foreign}`)
    expect(r.status).toBe(404)
  })
})
