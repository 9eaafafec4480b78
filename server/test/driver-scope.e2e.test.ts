import { hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import {
  type ApiClient,
  DEMO_PASSWORD,
  eventually,
  type Harness,
  login,
  type Provisioned,
  provision,
  publishPoints,
  startHarness,
} from "./harness.js"

/**
 * A driver sees and acts only on the vehicles assigned to them now: another vehicle of their own
 * organisation answers exactly as a foreign one (404), lists and the live feed leave it out, and
 * when the assignment ends the vehicle is gone for them too.
 */
let h: Harness
let admin: ApiClient
let driver: ApiClient
let a: Provisioned
let b: Provisioned
/** The driver's assignment to A ends this many ms after it is made (the test waits for it). */
const ASSIGNMENT_MS = 30_000
let endsAtMs = 0

const refuel = (odometerKm: number) => ({
  time: new Date(Date.now() - 60_000).toISOString(),
  litres: 30,
  amount: "9000.00",
  currency: "KZT",
  odometerKm,
})

const range = () => {
  const from = new Date(Date.now() - 3_600_000).toISOString()
  const to = new Date(Date.now() + 60_000).toISOString()
  return `from=${from}&to=${to}`
}

interface Live {
  readonly ws: WebSocket
  readonly vehicles: Set<string>
  readonly messages: Array<{ type: string; positions?: Array<{ vehicleId: string }> }>
}

const openLive = async (api: ApiClient): Promise<Live> => {
  const ws = new WebSocket(`${h.fleet.httpUrl.replace("http", "ws")}/api/v1/live?access_token=${api.token}`)
  const live: Live = { ws, vehicles: new Set(), messages: [] }
  ws.on("message", (data) => {
    const message = JSON.parse(String(data)) as Live["messages"][number]
    live.messages.push(message)
    for (const p of message.positions ?? []) live.vehicles.add(p.vehicleId)
  })
  await new Promise((resolve, reject) => {
    ws.once("open", resolve)
    ws.once("error", reject)
  })
  return live
}

const point = (lat: number) => ({ timeMs: Date.now(), lat, lon: 76.9, speedMps: 5, ignition: true })

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  a = await provision(admin, "scope-a-1", "SCP 001")
  b = await provision(admin, "scope-b-1", "SCP 002")
  const org = await h.fleet.db.system.query<{ id: string }>(
    "SELECT id FROM organisations WHERE slug = 'demo'",
  )
  const driverId = (
    await h.fleet.db.system.query<{ id: string }>(
      `WITH u AS (INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'scope.driver@demo.example', 'Scope Driver', $2, 'driver') RETURNING id, org_id, name)
       INSERT INTO drivers (id, org_id, user_id, full_name) SELECT id, org_id, id, name FROM u RETURNING id`,
      [org.rows[0]?.id, await hashSecret("scope-driver-password")],
    )
  ).rows[0]?.id as string
  endsAtMs = Date.now() + ASSIGNMENT_MS
  const assigned = await admin.call("POST", `/api/v1/vehicles/${a.vehicleId}/assignments`, {
    driverId,
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(endsAtMs).toISOString(),
  })
  expect(assigned.status).toBe(201)
  // An earlier assignment to B that has already ended gives no access to B.
  const past = await admin.call("POST", `/api/v1/vehicles/${b.vehicleId}/assignments`, {
    driverId,
    startsAt: new Date(Date.now() - 7_200_000).toISOString(),
    endsAt: new Date(Date.now() - 3_600_000).toISOString(),
  })
  expect(past.status).toBe(201)
  driver = await login(h.fleet, "scope.driver@demo.example", "scope-driver-password")
  // Records on B made by a manager, which the driver must not see.
  expect(
    (await admin.call("POST", `/api/v1/vehicles/${b.vehicleId}/fuel-entries`, refuel(5000))).status,
  ).toBe(201)
  const template = await admin.call<{ id: string }>("POST", "/api/v1/maintenance/templates", {
    name: "Oil",
    vehicleId: b.vehicleId,
    everyKm: 10_000,
  })
  const templateA = await admin.call<{ id: string }>("POST", "/api/v1/maintenance/templates", {
    name: "Oil A",
    vehicleId: a.vehicleId,
    everyKm: 10_000,
  })
  for (const [vehicle, t] of [
    [b.vehicleId, template.body.id],
    [a.vehicleId, templateA.body.id],
  ]) {
    await h.fleet.db.system.query(
      "INSERT INTO maintenance_tasks (org_id, vehicle_id, template_id, status) VALUES ($1, $2, $3, 'scheduled')",
      [org.rows[0]?.id, vehicle, t],
    )
  }
})
afterAll(async () => {
  await h?.close()
})

describe("a driver assigned to vehicle A", () => {
  it("sees only A in the lists", async () => {
    const list = await driver.call<{ items: Array<{ id: string }>; total: number }>("GET", "/api/v1/vehicles")
    expect(list.status).toBe(200)
    expect(list.body.items.map((v) => v.id)).toEqual([a.vehicleId])
    expect(list.body.total).toBe(1)
    const snapshot = await driver.call<{ items: Array<{ id: string }> }>("GET", "/api/v1/live/vehicles")
    expect(snapshot.body.items.map((v) => v.id)).toEqual([a.vehicleId])
    const everyone = await admin.call<{ total: number }>("GET", "/api/v1/vehicles")
    expect(everyone.body.total).toBe(2)

    const tasks = await driver.call<{ items: Array<{ vehicleId: string }>; total: number }>(
      "GET",
      "/api/v1/maintenance/tasks",
    )
    expect(tasks.status).toBe(200)
    expect(tasks.body.items.map((t) => t.vehicleId)).toEqual([a.vehicleId])
    // The driver may not read alerts at all.
    expect((await driver.call("GET", "/api/v1/alerts")).status).toBe(403)
  })

  it("reads and records on A", async () => {
    expect((await driver.call("GET", `/api/v1/vehicles/${a.vehicleId}`)).status).toBe(200)
    for (const path of [`track?${range()}`, `trips?${range()}`, "assignments", "odometer-readings"]) {
      expect({
        path,
        status: (await driver.call("GET", `/api/v1/vehicles/${a.vehicleId}/${path}`)).status,
      }).toEqual({
        path,
        status: 200,
      })
    }
    const reading = await driver.call("POST", `/api/v1/vehicles/${a.vehicleId}/odometer-readings`, {
      valueKm: 1200,
    })
    expect(reading.status).toBe(201)
    const entry = await driver.call<{ vehicleId: string }>(
      "POST",
      `/api/v1/vehicles/${a.vehicleId}/fuel-entries`,
      refuel(1200),
    )
    expect(entry.status).toBe(201)
    const entries = await driver.call<{ items: Array<{ vehicleId: string }>; total: number }>(
      "GET",
      "/api/v1/fuel-entries",
    )
    expect(entries.body.items.map((e) => e.vehicleId)).toEqual([a.vehicleId])
    expect((await admin.call<{ total: number }>("GET", "/api/v1/fuel-entries")).body.total).toBe(2)
  })

  it("gets 404 on B, exactly as for a vehicle that does not exist", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000"
    for (const [method, path, body] of [
      ["GET", "", undefined],
      ["GET", `/track?${range()}`, undefined],
      ["GET", `/trips?${range()}`, undefined],
      ["GET", "/mileage?from=2026-01-01&to=2026-01-02", undefined],
      ["GET", "/assignments", undefined],
      ["GET", "/odometer-readings", undefined],
      ["POST", "/odometer-readings", { valueKm: 9000 }],
      ["POST", "/fuel-entries", refuel(9000)],
    ] as const) {
      const onB = await driver.call(method, `/api/v1/vehicles/${b.vehicleId}${path}`, body)
      const onNothing = await driver.call(method, `/api/v1/vehicles/${unknown}${path}`, body)
      expect({ method, path, status: onB.status, body: onB.body }).toEqual({
        method,
        path,
        status: 404,
        body: onNothing.body,
      })
    }
    // Another driver's mileage is, to a driver, a driver that does not exist.
    const otherDriver = (
      await h.fleet.db.system.query<{ id: string }>(
        "SELECT id FROM users WHERE email = 'driver@demo.fleetcore.local'",
      )
    ).rows[0]?.id
    const mileage = "/mileage?from=2026-01-01&to=2026-01-02"
    const ofOther = await driver.call("GET", `/api/v1/drivers/${otherDriver}${mileage}`)
    const ofNobody = await driver.call("GET", `/api/v1/drivers/${unknown}${mileage}`)
    expect([ofOther.status, ofOther.body]).toEqual([404, ofNobody.body])
    // Nothing was written on B.
    const readings = await admin.call<{ total: number }>(
      "GET",
      `/api/v1/vehicles/${b.vehicleId}/odometer-readings`,
    )
    expect(readings.body.total).toBe(0)
  })

  it("receives only A's positions on the live feed, and nothing once the assignment ended", async () => {
    const mine = await openLive(driver)
    const all = await openLive(admin)
    // The socket reads the driver's assignments when it opens: publish until A's position arrives.
    await eventually(
      async () => {
        await publishPoints(h.fleet, a, [point(43.2)])
        return mine.vehicles.has(a.vehicleId) ? true : undefined
      },
      10_000,
      "A's position on the driver's socket",
    )
    await publishPoints(h.fleet, b, [point(43.3)])
    await eventually(
      async () => (all.vehicles.has(b.vehicleId) ? true : undefined),
      10_000,
      "B on the admin's socket",
    )
    await publishPoints(h.fleet, a, [point(43.21)])
    await eventually(
      async () => (all.messages.length > 0 && mine.messages.length > 1 ? true : undefined),
      10_000,
      "a second position of A",
    )
    expect([...mine.vehicles]).toEqual([a.vehicleId])
    expect(mine.messages.every((m) => m.type === "positions")).toBe(true)

    // The assignment's end passes: A is gone for the driver, in the API and on the socket.
    await new Promise((r) => setTimeout(r, Math.max(0, endsAtMs - Date.now()) + 200))
    const seenBefore = mine.messages.length
    const allBefore = all.messages.length
    await publishPoints(h.fleet, a, [point(43.22)])
    await eventually(
      async () => (all.messages.length > allBefore ? true : undefined),
      10_000,
      "A's last position on the admin's socket",
    )
    await new Promise((r) => setTimeout(r, 300))
    expect(mine.messages.length).toBe(seenBefore)
    mine.ws.close()
    all.ws.close()

    const list = await driver.call<{ items: unknown[]; total: number }>("GET", "/api/v1/vehicles")
    expect(list.body).toMatchObject({ items: [], total: 0 })
    expect((await driver.call("GET", `/api/v1/vehicles/${a.vehicleId}`)).status).toBe(404)
    const late = await driver.call("POST", `/api/v1/vehicles/${a.vehicleId}/odometer-readings`, {
      valueKm: 1300,
    })
    expect(late.status).toBe(404)
    expect((await driver.call<{ total: number }>("GET", "/api/v1/fuel-entries")).body.total).toBe(0)
  })
})
