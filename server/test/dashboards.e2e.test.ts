import type { DriverDashboard, HomeSummary, VehicleDashboard } from "@fleetcore/contract"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  createUser,
  eventually,
  type Harness,
  login,
  type Provisioned,
  provision,
  publishPoints,
  startHarness,
} from "./harness.js"

/**
 * Seed 001's fleet, vehicle and driver dashboards from real records and real telemetry: a van
 * driving now (points over MQTT), its driver, a refuel and an expense, an open critical alert, an
 * overdue ticket and task, a fine, a service task overdue; each figure is what the records say,
 * a part the role may not read is null, and another organisation's vehicle or driver is 404.
 */
const PASSWORD = "dashboards-e2e-password"
const DAY = 86_400_000

let h: Harness
let admin: ApiClient
let driverClient: ApiClient
let other: ApiClient
let van: Provisioned
let parked = ""
let driverId = ""
let orgId = ""

type Vehicle = typeof VehicleDashboard.Encoded
type Driver = typeof DriverDashboard.Encoded

const sys = (text: string, values: unknown[] = []) => h.fleet.db.system.query(text, values)

/** A drive along a street, one fix a second, ending a few seconds ago at 15 m/s. */
const drive = (seconds: number) => {
  const end = Date.now() - 2_000
  return Array.from({ length: seconds }, (_, i) => ({
    timeMs: end - (seconds - 1 - i) * 1000,
    lat: 43.238 + i * 0.000135,
    lon: 76.889,
    speedMps: 15,
    ignition: true,
  }))
}

beforeAll(async () => {
  h = await startHarness()
  const org = await createOrg(h.fleet, "dashboards", PASSWORD)
  orgId = org.orgId
  admin = await login(h.fleet, org.email, PASSWORD)
  other = await login(h.fleet, (await createOrg(h.fleet, "dashboards-b", PASSWORD)).email, PASSWORD)
  van = await provision(admin, "dash-van", "DSH 001")
  parked = (
    await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: "Parked truck", plate: "DSH 002" })
  ).body.id
  const userId = await createUser(h.fleet, orgId, "driver", "driver@dashboards.example", PASSWORD)
  driverClient = await login(h.fleet, "driver@dashboards.example", PASSWORD)
  driverId = (
    await admin.call<{ id: string }>("POST", "/api/v1/drivers", {
      fullName: "Ерлан Сапаров",
      licenceExpiresOn: "2027-06-30",
    })
  ).body.id
  await sys("UPDATE drivers SET user_id = $1 WHERE id = $2", [userId, driverId])
  const assigned = await admin.call("POST", `/api/v1/vehicles/${van.vehicleId}/assignments`, {
    driverId,
    startsAt: new Date(Date.now() - 2 * DAY).toISOString(),
  })
  expect(assigned.status).toBe(201)
  const now = new Date().toISOString()
  const today = now.slice(0, 10)
  const created = async (path: string, body: unknown) => {
    const r = await admin.call("POST", path, body)
    expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(201)
  }
  await created(`/api/v1/vehicles/${van.vehicleId}/fuel-entries`, {
    time: now,
    litres: 40,
    amount: "12000.00",
  })
  await created("/api/v1/expenses", {
    vehicleId: van.vehicleId,
    category: "parking",
    date: today,
    amount: "500.00",
  })
  await created("/api/v1/penalties", {
    vehicleId: van.vehicleId,
    driverId,
    amount: "15000.00",
    currency: "KZT",
    offenceAt: now,
    reason: "Speeding 20 km/h over",
  })
  await created("/api/v1/tasks", {
    title: "Deliver the spare wheel",
    vehicleId: van.vehicleId,
    driverId,
    dueAt: new Date(Date.now() - 3_600_000).toISOString(),
  })
  await created("/api/v1/maintenance/tasks", {
    vehicleId: van.vehicleId,
    name: "Oil change",
    status: "scheduled",
    dueDate: "2026-01-15",
  })
  await sys("UPDATE maintenance_tasks SET status = 'overdue' WHERE vehicle_id = $1", [van.vehicleId])
  await sys(
    `INSERT INTO tickets (org_id, number, type, title, vehicle_id, driver_id, sla_due_at)
     VALUES ($1, 1, 'breakdown', 'Engine light', $2, $3, now() - interval '1 hour')`,
    [orgId, van.vehicleId, driverId],
  )
  await sys(
    `INSERT INTO alerts (org_id, vehicle_id, type, severity, opened_at, last_seen_at)
     VALUES ($1, $2, 'overspeed', 'critical', now(), now())`,
    [orgId, van.vehicleId],
  )
  await sys("UPDATE vehicles SET onboarding_status = 'under_review' WHERE id = $1", [parked])
  await publishPoints(h.fleet, van, drive(120))
})
afterAll(async () => {
  await h?.close()
})

describe("the vehicle's dashboard", () => {
  it("says what the van does now, who drives it, and every figure from its records", async () => {
    const d = await eventually(
      async () => {
        const r = await admin.call<Vehicle>("GET", `/api/v1/vehicles/${van.vehicleId}/dashboard`)
        return r.status === 200 && (r.body.distance?.todayKm ?? 0) > 0 ? r.body : undefined
      },
      30_000,
      "the day's distance",
    )
    expect(d.live).toMatchObject({ status: "moving", speedKmh: 54, ignition: true })
    expect(d.driver).toMatchObject({ id: driverId, name: "Ерлан Сапаров" })
    // 120 fixes 15 m apart: about 1.8 km today, and the same this month.
    expect(d.distance?.todayKm).toBeGreaterThan(1.5)
    expect(d.distance?.todayKm).toBeLessThan(2.1)
    expect(d.distance?.monthKm).toBe(d.distance?.todayKm)
    expect(d.fuel).toEqual({ refuels: 1, litres: 40 })
    expect(d.costs).toEqual({ currency: "KZT", amount: "12500.00", expenses: 2, unconverted: 0 })
    expect(d.maintenance).toMatchObject({
      overdue: 1,
      next: { name: "Oil change", status: "overdue", dueDate: "2026-01-15" },
    })
    expect(d.alerts).toEqual({ open: 1, critical: 1 })
    expect(d.tickets).toEqual({ open: 1, overdue: 1 })
    expect(d.tasks).toEqual({ open: 1, overdue: 1 })
    expect(d.documents).toEqual({ expiring: 0, expired: 0 })
    expect(d).toMatchObject({ status: "active", onboardingStatus: "approved" })
  })

  it("a vehicle that never reported is unknown, with nothing driven", async () => {
    const d = (await admin.call<Vehicle>("GET", `/api/v1/vehicles/${parked}/dashboard`)).body
    expect(d.live).toEqual({
      status: "unknown",
      at: null,
      speedKmh: null,
      ignition: null,
      fuelLevelPct: null,
    })
    expect(d).toMatchObject({
      onboardingStatus: "under_review",
      driver: null,
      maintenance: { overdue: 0, next: null },
    })
    expect(d.distance).toEqual({ todayKm: 0, monthKm: 0 })
  })

  it("a driver sees their own vehicle without the office's tickets and tasks, and no other vehicle", async () => {
    const mine = await driverClient.call<Vehicle>("GET", `/api/v1/vehicles/${van.vehicleId}/dashboard`)
    expect(mine.status).toBe(200)
    expect(mine.body).toMatchObject({ tickets: null, tasks: null })
    expect((await driverClient.call("GET", `/api/v1/vehicles/${parked}/dashboard`)).status).toBe(404)
  })

  it("another organisation's vehicle is not found", async () => {
    const r = await other.call<{ error: { code: string } }>(
      "GET",
      `/api/v1/vehicles/${van.vehicleId}/dashboard`,
    )
    expect(r.status).toBe(404)
    expect(r.body.error.code).toBe("FLEET_VEHICLE_NOT_FOUND")
  })
})

describe("the driver's dashboard", () => {
  it("shows the vehicle now, this month's driving as the drivers report counts it, and what waits", async () => {
    const d = await eventually(
      async () => {
        const r = await admin.call<Driver>("GET", `/api/v1/drivers/${driverId}/dashboard`)
        return r.status === 200 && (r.body.driving?.km ?? 0) > 0 ? r.body : undefined
      },
      30_000,
      "the driver's distance",
    )
    expect(d.vehicle).toMatchObject({ id: van.vehicleId, name: "Vehicle dash-van", plate: "DSH 001" })
    expect(d.licenceExpiresOn).toBe("2027-06-30")
    expect(d.month.to.slice(0, 7)).toBe(d.month.from.slice(0, 7))
    expect(d.driving?.km).toBeGreaterThan(1.5)
    // One fine this month, and under 100 km no score (the report's rule).
    expect(d.driving).toMatchObject({ penalties: 1, score: null })
    expect(d.penalties).toEqual({ unpaid: 1 })
    expect(d.tickets).toEqual({ open: 1, overdue: 1 })
    expect(d.tasks).toEqual({ open: 1, overdue: 1 })
  })

  it("is the driver's own for a driver, and 404 across organisations", async () => {
    expect((await driverClient.call("GET", `/api/v1/drivers/${driverId}/dashboard`)).status).toBe(200)
    const r = await other.call<{ error: { code: string } }>("GET", `/api/v1/drivers/${driverId}/dashboard`)
    expect(r.status).toBe(404)
    expect(r.body.error.code).toBe("FLEET_DRIVER_NOT_FOUND")
  })
})

describe("the fleet's dashboard (home)", () => {
  it("counts vehicles by what they do now, open and late tickets and tasks, and onboarding", async () => {
    const home = await admin.call<typeof HomeSummary.Encoded>("GET", "/api/v1/home")
    expect(home.body.operations).toEqual({
      live: { moving: 1, idle: 0, stopped: 0, stale: 0, unknown: 1 },
      tickets: { open: 1, overdue: 1 },
      tasks: { open: 1, overdue: 1 },
      onboarding: { vehicles: 1, drivers: 0 },
    })
    const driverHome = await driverClient.call<typeof HomeSummary.Encoded>("GET", "/api/v1/home")
    expect(driverHome.body.operations).toBeNull()
  })
})
