import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * The reports against records made here, in a fresh organisation (KZT, Asia/Almaty): expenses in
 * two currencies, penalties, a contract, a purchase, and the engine's daily mileage in ClickHouse.
 * Every total is the sum of those records, worked out by hand below.
 */
const PASSWORD = "reports-test-password"
const PERIOD = "period=custom&from=2025-01-01&to=2025-01-31"

let h: Harness
let admin: ApiClient
let driver: ApiClient
let otherAdmin: ApiClient
let orgId = ""
const v = { car: "", van: "", foreign: "" }

type Table = {
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
  period: { from: string; to: string }
}

const created = async (api: ApiClient, path: string, body: unknown): Promise<string> => {
  const r = await api.call<{ id: string }>("POST", path, body)
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.id
}

beforeAll(async () => {
  h = await startHarness()
  const sys = (text: string, values: unknown[]) => h.fleet.db.system.query(text, values)
  const a = await createOrg(h.fleet, "reports-a", PASSWORD)
  orgId = a.orgId
  await sys(
    `UPDATE organisations SET settings = settings || '{"currency":"KZT","timezone":"Asia/Almaty"}'::jsonb WHERE id = $1`,
    [orgId],
  )
  admin = await login(h.fleet, a.email, PASSWORD)
  const b = await createOrg(h.fleet, "reports-b", PASSWORD)
  otherAdmin = await login(h.fleet, b.email, PASSWORD)

  v.car = await created(admin, "/api/v1/vehicles", { name: "Камри Өскемен", plate: "REP 01" })
  v.van = await created(admin, "/api/v1/vehicles", { name: "Газель", plate: "REP 02" })
  v.foreign = await created(otherAdmin, "/api/v1/vehicles", { name: "Foreign", plate: "OTHER 1" })
  await sys(
    "UPDATE vehicles SET purchased_on = '2025-01-10', purchase_price = 5000000, purchase_currency = 'KZT' WHERE id = $1",
    [v.car],
  )
  await sys(
    "UPDATE vehicles SET purchased_on = '2024-06-01', purchase_price = 900000, purchase_currency = 'KZT' WHERE id = $1",
    [v.van],
  )

  await created(admin, "/api/v1/currency-rates", { currency: "USD", date: "2025-01-01", rate: "500" })
  await created(admin, "/api/v1/expenses", {
    vehicleId: v.car,
    category: "fuel",
    date: "2025-01-05",
    amount: "10000.00",
    litres: 40,
  })
  await created(admin, "/api/v1/expenses", {
    vehicleId: v.car,
    category: "service",
    date: "2025-01-06",
    amount: "100.00",
    currency: "USD",
  })
  await created(admin, "/api/v1/expenses", {
    vehicleId: v.van,
    category: "parts",
    date: "2025-01-20",
    amount: "2500.50",
  })
  // Outside the period: left out.
  await created(admin, "/api/v1/expenses", {
    vehicleId: v.van,
    category: "parts",
    date: "2025-02-01",
    amount: "777.00",
  })
  await created(admin, "/api/v1/budgets", { period: "month", start: "2025-01-01", amount: "100000.00" })

  await sys(
    `INSERT INTO penalties (org_id, vehicle_id, amount, currency, offence_at, reason, status) VALUES
       ($1, $2, 5000, 'KZT', '2025-01-15T10:00:00Z', 'Speeding', 'open'),
       ($1, $2, 9999, 'KZT', '2025-01-16T10:00:00Z', 'Parking', 'cancelled'),
       ($1, $2, 1234, 'KZT', '2025-01-31T19:30:00Z', 'Late: 1 February in Almaty', 'open')`,
    [orgId, v.car],
  )
  // Monthly from 15 November: one payment, 15 January, falls in the period.
  await sys(
    `INSERT INTO contracts (org_id, vehicle_id, type, contractor, starts_on, ends_on, amount, currency, payment_frequency)
     VALUES ($1, $2, 'leasing', 'Lessor', '2024-11-15', '2025-11-14', 1000, 'KZT', 'monthly')`,
    [orgId, v.van],
  )
  await h.fleet.ch.insert(
    "daily_mileage",
    ["org_id", "vehicle_id", "day", "metres", "version"],
    [
      [orgId, v.car, "2025-01-03", 100_000, 1],
      [orgId, v.car, "2025-01-04", 40_000, 1],
      // The same day derived again: the newer row replaces the older.
      [orgId, v.car, "2025-01-04", 50_000, 2],
      [orgId, v.van, "2025-01-10", 20_000, 1],
      [orgId, v.van, "2025-02-01", 70_000, 1],
    ],
  )

  // A driver whose login is assigned to the van only.
  const driverUser = await createUser(h.fleet, orgId, "driver", "driver@reports-a.example", PASSWORD)
  const driverRecord = await sys(
    "INSERT INTO drivers (org_id, user_id, full_name) VALUES ($1, $2, 'Ақжол Сейітов') RETURNING id",
    [orgId, driverUser],
  )
  await created(admin, `/api/v1/vehicles/${v.van}/assignments`, {
    driverId: driverRecord.rows[0]?.id,
    startsAt: new Date(Date.now() - 86_400_000).toISOString(),
  })
  driver = await login(h.fleet, "driver@reports-a.example", PASSWORD)
}, 120_000)

afterAll(async () => {
  await h?.close()
})

const rowOf = (t: Table, name: string) => t.rows.find((r) => r.vehicle === name)

describe("GET /api/v1/reports/tco", () => {
  it("adds up purchase, expenses in both currencies and contract payments per vehicle; the penalty register is no cost", async () => {
    const r = await admin.call<Table>("GET", `/api/v1/reports/tco?${PERIOD}`)
    expect(r.status).toBe(200)
    const t = r.body
    expect(t.columns.map((c) => c.key)).toEqual([
      "vehicle",
      "plate",
      "purchase",
      "fuel",
      "parts",
      "service",
      "contracts",
      "total",
      "distanceKm",
      "costPerKm",
    ])
    expect(rowOf(t, "Камри Өскемен")).toEqual({
      vehicle: "Камри Өскемен",
      plate: "REP 01",
      purchase: "5000000.00",
      fuel: "10000.00",
      parts: "0.00",
      service: "50000.00",
      contracts: "0.00",
      total: "5060000.00",
      distanceKm: 150,
      costPerKm: "33733.33",
    })
    expect(rowOf(t, "Газель")).toMatchObject({
      purchase: "0.00",
      parts: "2500.50",
      contracts: "1000.00",
      total: "3500.50",
      distanceKm: 20,
      costPerKm: "175.03",
    })
    expect(t.rows[0]?.vehicle).toBe("Камри Өскемен")
    expect(t.totals).toMatchObject({ total: "5063500.50", purchase: "5000000.00", distanceKm: 170 })
    expect(t.originals).toEqual([
      { currency: "KZT", amount: "5013500.50", count: 4 },
      { currency: "USD", amount: "100.00", count: 1 },
    ])
    const top = t.charts.find((c) => c.key === "topVehicles")
    expect(top?.categories).toEqual(["Камри Өскемен", "Газель"])
  })

  it("answers 404 for another organisation's vehicle as a filter, as for an unknown one", async () => {
    const foreign = await admin.call<{ error: { code: string } }>(
      "GET",
      `/api/v1/reports/tco?vehicleId=${v.foreign}`,
    )
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe("FLEET_REPORT_FILTER_NOT_FOUND")
    const unknown = await admin.call<{ error: { code: string } }>(
      "GET",
      "/api/v1/reports/tco?vehicleId=00000000-0000-4000-8000-000000000000",
    )
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe("FLEET_REPORT_FILTER_NOT_FOUND")
  })

  it("filters by vehicle and names the filter", async () => {
    const r = await admin.call<Table>("GET", `/api/v1/reports/tco?${PERIOD}&vehicleId=${v.van}`)
    expect(r.body.rows.map((x) => x.vehicle)).toEqual(["Газель"])
    expect(r.body.filters).toEqual([{ key: "vehicleId", id: v.van, name: "Газель" }])
    expect(r.body.totals.total).toBe("3500.50")
  })

  it("refuses a driver: reports show purchase prices and contract costs a driver may not read", async () => {
    const r = await driver.call<{ error: { code: string } }>("GET", `/api/v1/reports/tco?${PERIOD}`)
    expect(r.status).toBe(403)
    const exported = await driver.call("GET", `/api/v1/reports/tco/export?format=csv&${PERIOD}`)
    expect(exported.status).toBe(403)
  })

  it("refuses an incomplete custom period", async () => {
    const r = await admin.call<{ error: { code: string } }>(
      "GET",
      "/api/v1/reports/tco?period=custom&from=2025-01-01",
    )
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe("FLEET_REPORT_PERIOD_INVALID")
  })
})

describe("GET /api/v1/reports/tco: each payment once", () => {
  // Another organisation, March 2025: what the ledger pays and what only a contract's terms say.
  const MARCH = "period=custom&from=2025-03-01&to=2025-03-31"
  let books: ApiClient

  beforeAll(async () => {
    const org = await createOrg(h.fleet, "reports-c", PASSWORD)
    const sys = (text: string, values: unknown[]) => h.fleet.db.system.query(text, values)
    await sys(
      `UPDATE organisations SET settings = settings || '{"currency":"KZT","timezone":"Asia/Almaty"}'::jsonb WHERE id = $1`,
      [org.orgId],
    )
    books = await login(h.fleet, org.email, PASSWORD)
    const vehicle = (name: string, plate: string) => created(books, "/api/v1/vehicles", { name, plate })
    const insured = await vehicle("Isuzu NQR 90", "TCO 01")
    const rented = await vehicle("Hyundai H-1", "TCO 02")
    const leased = await vehicle("Kamaz 43118", "TCO 03")
    const fined = await vehicle("Lada Largus", "TCO 04")
    await sys(
      `INSERT INTO contracts (org_id, vehicle_id, type, contractor, number, starts_on, ends_on, amount, currency, payment_frequency)
       VALUES ($1, $2, 'insurance_casco', 'Insurer', 'CA-23097', '2025-03-03', '2026-03-02', 704153, 'KZT', 'annual'),
              ($1, $3, 'rental', 'Lessor', 'R-1', '2025-01-10', '2025-12-31', 300000, 'KZT', 'monthly'),
              ($1, $4, 'leasing', 'Lessor', 'L-1', '2025-01-05', '2027-01-04', 150000, 'KZT', 'monthly')`,
      [org.orgId, insured, rented, leased],
    )
    // The premium and the rent paid, as the ledger records them.
    const expense = (
      vehicleId: string,
      category: string,
      date: string,
      amount: string,
      description: string,
    ) => created(books, "/api/v1/expenses", { vehicleId, category, date, amount, description })
    await expense(insured, "insurance", "2025-03-03", "704153.00", "CASCO CA-23097")
    await expense(rented, "rental", "2025-03-10", "300000.00", "Monthly rent")
    // A fine the company paid (also its expense) and one the driver paid (the company's cost: none).
    await sys(
      `INSERT INTO penalties (org_id, vehicle_id, amount, currency, offence_at, reason, status, paid_on) VALUES
         ($1, $2, 12500, 'KZT', '2025-03-04T10:00:00Z', 'Speeding', 'paid', '2025-03-07'),
         ($1, $2, 7500, 'KZT', '2025-03-05T10:00:00Z', 'Parking', 'paid_by_driver', '2025-03-08')`,
      [org.orgId, fined],
    )
    await expense(fined, "fine", "2025-03-07", "12500.00", "Speeding")
  }, 60_000)

  it("counts a policy whose premium is an expense once, as insurance", async () => {
    const t = (await books.call<Table>("GET", `/api/v1/reports/tco?${MARCH}`)).body
    expect(rowOf(t, "Isuzu NQR 90")).toMatchObject({
      insurance: "704153.00",
      contracts: "0.00",
      total: "704153.00",
    })
  })

  it("counts rent as its expense, a leasing contract by its terms, and a fine as the company's payment", async () => {
    const t = (await books.call<Table>("GET", `/api/v1/reports/tco?${MARCH}`)).body
    expect(t.columns.map((c) => c.key)).toEqual([
      "vehicle",
      "plate",
      "purchase",
      "insurance",
      "fine",
      "rental",
      "contracts",
      "total",
      "distanceKm",
      "costPerKm",
    ])
    expect(rowOf(t, "Hyundai H-1")).toMatchObject({
      rental: "300000.00",
      contracts: "0.00",
      total: "300000.00",
    })
    // Monthly from 5 January: 5 March falls due in the period.
    expect(rowOf(t, "Kamaz 43118")).toMatchObject({ contracts: "150000.00", total: "150000.00" })
    expect(rowOf(t, "Lada Largus")).toMatchObject({ fine: "12500.00", total: "12500.00" })
    expect(t.totals).toMatchObject({
      insurance: "704153.00",
      rental: "300000.00",
      fine: "12500.00",
      contracts: "150000.00",
      total: "1166653.00",
    })
  })
})

describe("GET /api/v1/reports/expenses", () => {
  it("sums the month by category in the organisation's currency, against its budget", async () => {
    const r = await admin.call<Table>("GET", `/api/v1/reports/expenses?${PERIOD}`)
    expect(r.status).toBe(200)
    expect(r.body.rows).toEqual([
      {
        month: "2025-01-01",
        fuel: "10000.00",
        parts: "2500.50",
        service: "50000.00",
        total: "62500.50",
        budget: "100000.00",
        remaining: "37499.50",
      },
    ])
    expect(r.body.totals).toMatchObject({ total: "62500.50", budget: "100000.00", remaining: "37499.50" })
    expect(r.body.originals).toEqual([
      { currency: "KZT", amount: "12500.50", count: 2 },
      { currency: "USD", amount: "100.00", count: 1 },
    ])
    const pie = r.body.charts.find((c) => c.key === "byCategory")
    expect(pie?.categories).toEqual(["fuel", "parts", "service"])
    expect(pie?.series[0]?.values).toEqual([10000, 2500.5, 50000])
  })
})

describe("GET /api/v1/reports/:report/export", () => {
  it("downloads the report as a named CSV whose totals are the API's, and records the export in the audit log", async () => {
    const res = await fetch(`${h.fleet.httpUrl}/api/v1/reports/tco/export?format=csv&${PERIOD}`, {
      headers: { authorization: `Bearer ${admin.token}`, "accept-language": "ru" },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("text/csv")
    expect(res.headers.get("content-disposition")).toContain('filename="tco-2025-01-01_2025-01-31.csv"')
    const lines = (await res.text())
      .replace(/^\uFEFF/u, "")
      .trim()
      .split("\r\n")
    expect(lines).toHaveLength(1 + 2 + 1)
    expect(lines[lines.length - 1]).toContain("5063500.50")
    const audit = await h.fleet.db.system.query<{
      action: string
      entity: string
      details: { report: string; format: string }
    }>("SELECT action, entity, details FROM audit_log WHERE org_id = $1 AND action = 'export'", [orgId])
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: "export",
        entity: "report",
        details: expect.objectContaining({ report: "tco", format: "csv" }),
      }),
    ])
  })

  it("answers 404 for a report that does not exist", async () => {
    const r = await admin.call<{ error: { code: string } }>("GET", "/api/v1/reports/nope/export?format=csv")
    expect(r.status).toBe(404)
    expect(r.body.error.code).toBe("FLEET_REPORT_NOT_FOUND")
  })
})
