import { createHash } from "node:crypto"
import { MILEAGE_REUSE_MS } from "@fleetcore/api"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * `GET /api/v1/home` over a real FleetCore: the widgets count exactly the records made here, each
 * widget is answered only to a role holding the permission it needs, a driver gets their own view,
 * and another organisation's records never count.
 */
const PASSWORD = "home-summary-password"

interface Home {
  fleet: { total: number; byStatus: Array<{ status: string; count: number }> } | null
  attention: {
    vehicles: number
    counts: Record<string, number>
    items: Array<{ vehicleId: string; name: string; reasons: string[] }>
  } | null
  fuelAnomalies: { unchecked: number } | null
  documents: {
    expiring: number
    expired: number
    items: Array<{
      filename: string
      expiresOn: string
      entityType: string
      entityId: string
      entityName: string | null
    }>
  } | null
  contracts: { expiring: number; expired: number } | null
  expenses: {
    currency: string
    months: Array<{ month: string; amount: string; expenses: number }>
    unconverted: number
  } | null
  mileage: {
    from: string
    totalKm: number
    averageKm: number
    leaders: Array<{ vehicleId: string; name: string; km: number }>
  } | null
  activity: Array<{ action: string; entity: string; entityId: string | null }> | null
  driver: {
    driverId: string | null
    vehicles: Array<{ vehicleId: string; plate: string | null; odometerKm: number | null }>
    uncheckedAnomalies: number
    unpaidPenalties: number
  } | null
}

let h: Harness
let orgId = ""
let otherOrgId = ""
let admin: ApiClient
let viewer: ApiClient
let manager: ApiClient
let driver: ApiClient
let otherAdmin: ApiClient
const v: Record<"car" | "van" | "truck" | "old", string> = { car: "", van: "", truck: "", old: "" }
let otherVehicle = ""
let driverId = ""

const sys = (text: string, values: unknown[] = []) => h.fleet.db.system.query(text, values)
/** Today in the organisations' time zone (the default, Asia/Almaty), whose days and months the home counts. */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Almaty" }).format(new Date())
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const home = async (api: ApiClient): Promise<Home> => {
  const res = await api.call<Home>("GET", "/api/v1/home")
  expect(res.status).toBe(200)
  return res.body
}
const vehicle = async (api: ApiClient, name: string, plate: string, vehicleTypeId?: string) => {
  const res = await api.call<{ id: string }>("POST", "/api/v1/vehicles", { name, plate, vehicleTypeId })
  expect(res.status).toBe(201)
  return res.body.id
}
const insertDocument = (org: string, vehicleId: string, filename: string, expiresOn: string) =>
  sys(
    `INSERT INTO documents (org_id, entity_type, entity_id, kind, filename, mime_type, size_bytes, sha256, storage_key, expires_on)
     VALUES ($1, 'vehicle', $2, 'insurance', $3, 'application/pdf', 10, $4, $5, $6)`,
    [org, vehicleId, filename, createHash("sha256").update(filename).digest(), `test/${filename}`, expiresOn],
  )

beforeAll(async () => {
  h = await startHarness()
  const a = await createOrg(h.fleet, "home-a", PASSWORD)
  const b = await createOrg(h.fleet, "home-b", PASSWORD)
  orgId = a.orgId
  otherOrgId = b.orgId
  admin = await login(h.fleet, a.email, PASSWORD)
  otherAdmin = await login(h.fleet, b.email, PASSWORD)
  await createUser(h.fleet, orgId, "viewer", "viewer@home-a.example", PASSWORD)
  await createUser(h.fleet, orgId, "manager", "manager@home-a.example", PASSWORD)
  const driverUser = await createUser(h.fleet, orgId, "driver", "driver@home-a.example", PASSWORD)
  viewer = await login(h.fleet, "viewer@home-a.example", PASSWORD)
  manager = await login(h.fleet, "manager@home-a.example", PASSWORD)
  driver = await login(h.fleet, "driver@home-a.example", PASSWORD)

  const type = await sys(
    "INSERT INTO vehicle_types (org_id, name, rated_consumption_l_100km) VALUES ($1, 'Sedan 8L', 8.0) RETURNING id",
    [orgId],
  )
  v.car = await vehicle(admin, "Civic Work Car 1", "HOME 01", type.rows[0]?.id as string)
  v.van = await vehicle(admin, "Sprinter Van 1", "HOME 02")
  v.truck = await vehicle(admin, "Truck 1", "HOME 03")
  v.old = await vehicle(admin, "Old car", "HOME 04")
  otherVehicle = await vehicle(otherAdmin, "Foreign car", "OTHER 01")
  await sys("UPDATE vehicles SET status = 'in_maintenance' WHERE id = $1", [v.truck])
  await sys("UPDATE vehicles SET status = 'decommissioned' WHERE id = $1", [v.old])

  // The driver drives the car; the driver's own refuels there: the second is 20% over the rated 8 L/100 km.
  driverId = (
    await sys(
      "INSERT INTO drivers (org_id, user_id, full_name) VALUES ($1, $2, 'Ivan Petrov') RETURNING id",
      [orgId, driverUser],
    )
  ).rows[0]?.id as string
  const assigned = await admin.call("POST", `/api/v1/vehicles/${v.car}/assignments`, {
    driverId,
    startsAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
  })
  expect(assigned.status).toBe(201)
  for (const [days, odometerKm, litres] of [
    [-6, 1000, 40],
    [-5, 1500, 48],
  ] as const) {
    const refuel = await driver.call<{ anomaly: boolean }>("POST", `/api/v1/vehicles/${v.car}/fuel-entries`, {
      time: new Date(Date.now() + days * 86_400_000).toISOString(),
      litres,
      odometerKm,
      amount: "10000.00",
    })
    expect(refuel.status).toBe(201)
    expect(refuel.body.anomaly).toBe(litres === 48)
  }
  const reading = await driver.call("POST", `/api/v1/vehicles/${v.car}/odometer-readings`, {
    valueKm: 1600,
    at: new Date(Date.now() - 86_400_000).toISOString(),
  })
  expect(reading.status).toBe(201)
  await admin.call("POST", "/api/v1/expenses", {
    vehicleId: v.van,
    category: "service",
    date: dayFromToday(-40),
    amount: "2500.50",
  })

  // Attention: an overdue service on the van, a contract ending in 10 days on the car, an expired
  // document on the van, a critical alert on the truck; the decommissioned car's records do not count.
  const template = await admin.call<{ id: string }>("POST", "/api/v1/maintenance/templates", {
    name: "Oil",
    vehicleId: v.van,
    everyKm: 10_000,
  })
  expect(template.status).toBe(201)
  await sys(
    "INSERT INTO maintenance_tasks (org_id, vehicle_id, template_id, status, due_date) VALUES ($1, $2, $3, 'overdue', $4)",
    [orgId, v.van, template.body.id, dayFromToday(-3)],
  )
  for (const [vehicleId, endsOn] of [
    [v.car, dayFromToday(10)],
    [v.old, dayFromToday(5)],
    [v.van, dayFromToday(200)],
  ] as const) {
    await sys(
      `INSERT INTO contracts (org_id, vehicle_id, type, contractor, starts_on, ends_on, amount, currency, payment_frequency)
       VALUES ($1, $2, 'insurance_osago', 'Insurer', $3, $4, 100, 'KZT', 'annual')`,
      [orgId, vehicleId, dayFromToday(-300), endsOn],
    )
  }
  await insertDocument(orgId, v.van, "registration-van.pdf", dayFromToday(-3))
  await insertDocument(orgId, v.car, "insurance-car.pdf", dayFromToday(19))
  await insertDocument(orgId, v.car, "far-away.pdf", dayFromToday(300))
  await insertDocument(otherOrgId, otherVehicle, "foreign.pdf", dayFromToday(1))
  for (const [org, vehicleId] of [
    [orgId, v.truck],
    [otherOrgId, otherVehicle],
  ]) {
    await sys(
      `INSERT INTO alerts (org_id, vehicle_id, type, severity, opened_at, last_seen_at)
       VALUES ($1, $2, 'dtc', 'critical', now(), now())`,
      [org, vehicleId],
    )
  }
  await sys(
    `INSERT INTO penalties (org_id, vehicle_id, driver_id, amount, currency, offence_at, reason, status)
     VALUES ($1, $2, $3, 5000, 'KZT', now(), 'Speeding', 'open')`,
    [orgId, v.car, driverId],
  )

  // This month's distances, as the engine keeps them per day of the organisation.
  const rows = [
    [orgId, v.car, today(), 5_000, 1],
    [orgId, v.van, today(), 12_345, 1],
    [otherOrgId, otherVehicle, today(), 99_000, 1],
  ]
  await h.fleet.ch.insert("daily_mileage", ["org_id", "vehicle_id", "day", "metres", "version"], rows)
}, 120_000)

afterAll(async () => {
  await h?.close()
})

describe("GET /api/v1/home", () => {
  it("counts the organisation's vehicles by status", async () => {
    const { fleet } = await home(admin)
    expect(fleet?.total).toBe(4)
    expect(Object.fromEntries(fleet?.byStatus.map((s) => [s.status, s.count]) ?? [])).toEqual({
      active: 2,
      in_maintenance: 1,
      reserved: 0,
      rented: 0,
      decommissioned: 1,
    })
  })

  it("lists the vehicles needing attention with their reasons, decommissioned ones left out", async () => {
    const { attention } = await home(admin)
    expect(attention?.vehicles).toBe(3)
    expect(attention?.counts).toEqual({
      maintenanceOverdue: 1,
      maintenanceDue: 0,
      contractExpiring: 1,
      documentExpiring: 2,
      criticalAlert: 1,
    })
    const reasons = Object.fromEntries(attention?.items.map((i) => [i.name, i.reasons]) ?? [])
    expect(reasons).toEqual({
      "Sprinter Van 1": ["maintenanceOverdue", "documentExpiring"],
      "Civic Work Car 1": ["contractExpiring", "documentExpiring"],
      "Truck 1": ["criticalAlert"],
    })
  })

  it("counts unchecked fuel anomalies as the fuel list does", async () => {
    const before = await home(manager)
    const list = await admin.call<{ total: number; items: Array<{ id: string }> }>(
      "GET",
      "/api/v1/fuel-entries?anomaly=unchecked",
    )
    expect(before.fuelAnomalies?.unchecked).toBe(1)
    expect(list.body.total).toBe(1)
  })

  it("counts expiring documents (expired included) and contracts ending within 30 days", async () => {
    const { documents, contracts } = await home(admin)
    const list = await admin.call<{ total: number }>("GET", "/api/v1/documents?expiringWithinDays=30")
    expect(documents?.expiring).toBe(list.body.total)
    expect(documents).toMatchObject({ expiring: 2, expired: 1 })
    expect(documents?.items.map((d) => d.filename)).toEqual(["registration-van.pdf", "insurance-car.pdf"])
    // Each names the record it belongs to, as the documents list names it.
    expect(documents?.items.map((d) => [d.entityType, d.entityId, d.entityName])).toEqual([
      ["vehicle", v.van, "Sprinter Van 1 · HOME 02"],
      ["vehicle", v.car, "Civic Work Car 1 · HOME 01"],
    ])
    const listed = await admin.call<{ items: Array<{ filename: string; entityName: string | null }> }>(
      "GET",
      "/api/v1/documents?expiringWithinDays=30&sort=expiresOn",
    )
    expect(listed.body.items.map((d) => d.entityName)).toEqual(documents?.items.map((d) => d.entityName))
    // The decommissioned car's contract still ends within 30 days: the contracts list counts it too.
    expect(contracts).toEqual({ expiring: 2, expired: 0 })
  })

  it("sums the last 12 months' expenses per month as the expenses list totals them", async () => {
    const { expenses } = await home(admin)
    expect(expenses?.months).toHaveLength(12)
    expect(expenses?.months.at(-1)?.month).toBe(today().slice(0, 7))
    const from = `${expenses?.months[0]?.month}-01`
    const listed = await admin.call<{ totals: { orgAmount: string; count: number } }>(
      "GET",
      `/api/v1/expenses?from=${from}&pageSize=1`,
    )
    const sum = expenses?.months.reduce((s, m) => s + Number(m.amount), 0) ?? 0
    expect(sum.toFixed(2)).toBe(Number(listed.body.totals.orgAmount).toFixed(2))
    expect(sum.toFixed(2)).toBe("22500.50")
    expect(expenses?.months.reduce((s, m) => s + m.expenses, 0)).toBe(listed.body.totals.count)
  })

  it("ranks this month's mileage leaders of the caller's organisation only", async () => {
    const { mileage } = await home(admin)
    expect(mileage?.leaders.map((l) => [l.name, l.km])).toEqual([
      ["Sprinter Van 1", 12.345],
      ["Civic Work Car 1", 5],
    ])
    expect(mileage?.totalKm).toBe(17.345)
    expect(mileage?.averageKm).toBeCloseTo(8.673, 3)
    const other = await home(otherAdmin)
    expect(other.mileage?.leaders.map((l) => l.vehicleId)).toEqual([otherVehicle])
  })

  it("shows a day's new distance within the two seconds a mileage answer is reused", async () => {
    const before = (await home(admin)).mileage?.totalKm
    // The engine writes the day's running total again, a newer version of the same row.
    await h.fleet.ch.insert(
      "daily_mileage",
      ["org_id", "vehicle_id", "day", "metres", "version"],
      [[orgId, v.car, today(), 7_000, 2]],
    )
    const startedMs = Date.now()
    await expect
      .poll(async () => (await home(admin)).mileage?.totalKm, { timeout: 10_000, interval: 200 })
      .toBe((before ?? 0) + 2)
    // Reused for MILEAGE_REUSE_MS at most after the answer before it (plus a statement's time).
    expect(Date.now() - startedMs).toBeLessThan(MILEAGE_REUSE_MS + 1_500)
  })

  it("shows recent activity, newest first, to a role that reads the audit log", async () => {
    const { activity } = await home(admin)
    const audit = await admin.call<{ items: Array<{ action: string; entityId: string | null }> }>(
      "GET",
      "/api/v1/audit?pageSize=10",
    )
    expect(activity?.map((a) => [a.action, a.entityId])).toEqual(
      audit.body.items.map((a) => [a.action, a.entityId]),
    )
  })

  it("answers each widget only with the permission its data needs", async () => {
    const seen = await home(viewer)
    expect(seen.activity).toBeNull()
    expect(seen.driver).toBeNull()
    expect(seen.fleet?.total).toBe(4)
    expect((await home(manager)).activity).toBeNull()
    const mine = await home(driver)
    for (const widget of [
      "fleet",
      "attention",
      "fuelAnomalies",
      "documents",
      "contracts",
      "expenses",
      "mileage",
      "activity",
    ] as const)
      expect(mine[widget], widget).toBeNull()
  })

  it("gives a driver their own view: the assigned vehicle, flagged refuels, unpaid fines", async () => {
    const { driver: view } = await home(driver)
    expect(view).toMatchObject({ driverId, uncheckedAnomalies: 1, unpaidPenalties: 1 })
    expect(view?.vehicles.map((x) => [x.vehicleId, x.plate, x.odometerKm])).toEqual([
      [v.car, "HOME 01", 1600],
    ])
  })

  it("lets a driver attach a receipt photo to their refuel, not to another expense", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    const attach = async (entityId: string) => {
      const form = new FormData()
      for (const [k, value] of Object.entries({ entityType: "expense", entityId, kind: "receipt" }))
        form.append(k, value)
      form.append("files", new Blob([pdf], { type: "application/pdf" }), "receipt.pdf")
      const res = await fetch(`${h.fleet.httpUrl}/api/v1/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${driver.token}` },
        body: form,
      })
      return res.status
    }
    const refuels = await driver.call<{ items: Array<{ id: string }> }>("GET", "/api/v1/fuel-entries")
    const refuel = refuels.body.items[0]?.id as string
    expect(await attach(refuel)).toBe(201)
    const repair = await admin.call<{ items: Array<{ id: string }> }>(
      "GET",
      `/api/v1/expenses?category=service`,
    )
    expect(await attach(repair.body.items[0]?.id as string)).toBe(404)
  })

  it("keeps organisations apart", async () => {
    const other = await home(otherAdmin)
    expect(other.fleet?.total).toBe(1)
    expect(other.fuelAnomalies?.unchecked).toBe(0)
    expect(other.documents).toMatchObject({ expiring: 1, expired: 0 })
    expect(other.attention?.items.map((i) => i.vehicleId)).toEqual([otherVehicle])
    expect(other.contracts).toEqual({ expiring: 0, expired: 0 })
    expect(other.expenses?.months.every((m) => m.amount === "0.00")).toBe(true)
  })
  it("drops a checked anomaly from the manager's banner and the driver's", async () => {
    const list = await admin.call<{ items: Array<{ id: string }> }>(
      "GET",
      "/api/v1/fuel-entries?anomaly=unchecked",
    )
    const id = list.body.items[0]?.id
    expect((await manager.call("POST", `/api/v1/fuel-entries/${id}/check`, {})).status).toBe(200)
    expect((await home(manager)).fuelAnomalies?.unchecked).toBe(0)
    expect((await home(driver)).driver?.uncheckedAnomalies).toBe(0)
  })
})
