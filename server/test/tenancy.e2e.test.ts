import { randomUUID } from "node:crypto"
import { checkOffline, planMaintenance } from "@fleetcore/engine"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  DEMO_PASSWORD,
  type Harness,
  login,
  provision,
  startHarness,
} from "./harness.js"

/**
 * Another organisation's ids, wherever a request carries one (path, query, body), get exactly the
 * answer an id that does not exist gets: nothing to read, change or learn.
 */
let h: Harness
let a: ApiClient
let b: ApiClient
const ids = {
  vehicle: "",
  device: "",
  alert: "",
  fuelEntry: "",
  task: "",
  geofence: "",
  driver: "",
  user: "",
}
let typeA = ""
let cardA = ""
let vehicleB = ""

const one = async (sql: string, args: unknown[]) =>
  (await h.fleet.db.system.query<{ id: string }>(sql, args)).rows[0]?.id as string

beforeAll(async () => {
  h = await startHarness()
  a = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const orgA = await one("SELECT id FROM organisations WHERE slug = 'demo'", [])
  typeA = await one("INSERT INTO vehicle_types (org_id, name) VALUES ($1, 'Tenancy truck') RETURNING id", [
    orgA,
  ])
  const car = await provision(a, "tenancy-a-1", "TEN 001")
  ids.vehicle = car.vehicleId
  ids.device = car.deviceId
  ids.driver = await one(
    "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'driver@tenancy.example', 'D', 'x', 'driver') RETURNING id",
    [orgA],
  )
  ids.user = ids.driver
  ids.alert = await one(
    "INSERT INTO alerts (org_id, vehicle_id, type, severity, opened_at, last_seen_at) VALUES ($1, $2, 'overspeed', 'warning', now(), now()) RETURNING id",
    [orgA, ids.vehicle],
  )
  const card = await a.call<{ id: string }>("POST", "/api/v1/fuel-cards", { name: "A card", currency: "KZT" })
  cardA = card.body.id
  const entry = await a.call<{ id: string }>("POST", `/api/v1/vehicles/${ids.vehicle}/fuel-entries`, {
    time: "2026-01-05T10:00:00Z",
    litres: 40,
    amount: "12000.00",
    currency: "KZT",
    odometerKm: 1000,
  })
  ids.fuelEntry = entry.body.id
  const fence = await a.call<{ id: string }>("POST", "/api/v1/geofences", {
    name: "Depot",
    kind: "circle",
    lat: 43.2,
    lon: 76.9,
    radiusM: 200,
  })
  ids.geofence = fence.body.id
  const template = await a.call<{ id: string }>("POST", "/api/v1/maintenance/templates", {
    name: "Oil",
    vehicleId: ids.vehicle,
    everyKm: 10_000,
  })
  ids.task = await one(
    "INSERT INTO maintenance_tasks (org_id, vehicle_id, template_id, status) VALUES ($1, $2, $3, 'scheduled') RETURNING id",
    [orgA, ids.vehicle, template.body.id],
  )
  expect(Object.values(ids).every((id) => id !== undefined && id !== "")).toBe(true)

  const orgB = await createOrg(h.fleet, "tenancy-b", "org-b-password-1")
  b = await login(h.fleet, orgB.email, "org-b-password-1")
  vehicleB = (await provision(b, "tenancy-b-1", "TEN 002")).vehicleId
})
afterAll(async () => {
  await h?.close()
})

/** Which kind of id each path parameter is, by the route's prefix. */
const KIND_BY_PREFIX: ReadonlyArray<[string, keyof typeof ids]> = [
  ["/api/v1/vehicles/:id", "vehicle"],
  ["/api/v1/devices/:id", "device"],
  ["/api/v1/alerts/:id", "alert"],
  ["/api/v1/fuel-entries/:id", "fuelEntry"],
  ["/api/v1/maintenance/tasks/:id", "task"],
  ["/api/v1/geofences/:id", "geofence"],
  ["/api/v1/drivers/:id", "driver"],
  ["/api/v1/users/:id", "user"],
]
/** Routes whose ids span organisations by design: the installation owner's (organisations.manage). */
const ACROSS_ORGANISATIONS = ["/api/v1/organisations/:id"]
/** A valid query or body for routes that need one, so the request reaches the id look-up. */
const VALID: Record<string, { query?: string; body?: unknown }> = {
  "get /api/v1/vehicles/:id/track": { query: "?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z" },
  "get /api/v1/vehicles/:id/mileage": { query: "?from=2026-01-01&to=2026-01-31" },
  "get /api/v1/vehicles/:id/trips": { query: "?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z" },
  "get /api/v1/drivers/:id/mileage": { query: "?from=2026-01-01&to=2026-01-31" },
  "post /api/v1/vehicles/:id/replay": { body: { from: "2026-01-01", to: "2026-01-02" } },
  "post /api/v1/vehicles/:id/fuel-entries": {
    body: { time: "2026-01-06T10:00:00Z", litres: 10, amount: "100.00", currency: "KZT", odometerKm: 2000 },
  },
  "post /api/v1/vehicles/:id/odometer-readings": { body: { valueKm: 5000 } },
  "post /api/v1/vehicles/:id/assignments": {
    body: { driverId: randomUUID(), startsAt: "2026-01-01T00:00:00Z" },
  },
  "post /api/v1/maintenance/tasks/:id/complete": { body: { odometerKm: 1000, completedOn: "2026-01-10" } },
  "patch /api/v1/users/:id": { body: { name: "Renamed" } },
}
const method = (m: string) => (m === "del" ? "DELETE" : m.toUpperCase())

describe("another organisation's ids", () => {
  it("in a path: every such route answers 404 exactly as for an id that does not exist", async () => {
    const withId = h.fleet.routes.filter(
      (r) => r.pattern.includes("/:") && !ACROSS_ORGANISATIONS.some((p) => r.pattern.startsWith(p)),
    )
    expect(withId.length).toBeGreaterThan(10)
    for (const route of withId) {
      const kind = KIND_BY_PREFIX.find(([prefix]) => route.pattern.startsWith(prefix))?.[1]
      expect(kind, `no id kind known for ${route.pattern}`).toBeDefined()
      if (kind === undefined) continue
      const extra = VALID[`${route.method} ${route.pattern}`] ?? {}
      const path = (id: string) => `${route.pattern.replace(":id", id)}${extra.query ?? ""}`
      const missing = kind === "device" ? "no-such-device" : randomUUID()
      const foreign = await b.call(method(route.method), path(ids[kind]), extra.body)
      const unknown = await b.call(method(route.method), path(missing), extra.body)
      const label = `${route.method} ${route.pattern}`
      expect({ label, status: foreign.status }).toEqual({ label, status: 404 })
      expect({ label, body: foreign.body }).toEqual({ label, body: unknown.body })
    }
  })

  it("in a body: refused with 422 naming the field, the same as an unknown id", async () => {
    const cases: Array<[string, (id: string) => unknown, string, string]> = [
      [
        "/api/v1/fuel-cards",
        (id) => ({ name: "B card", currency: "KZT", vehicleId: id }),
        ids.vehicle,
        "vehicleId",
      ],
      [
        "/api/v1/maintenance/templates",
        (id) => ({ name: "Oil", vehicleId: id, everyKm: 5000 }),
        ids.vehicle,
        "vehicleId",
      ],
      [
        "/api/v1/maintenance/templates",
        (id) => ({ name: "Oil", vehicleTypeId: id, everyKm: 5000 }),
        typeA,
        "vehicleTypeId",
      ],
      ["/api/v1/vehicles", (id) => ({ name: "B truck", vehicleTypeId: id }), typeA, "vehicleTypeId"],
      [
        "/api/v1/devices",
        (id) => ({ id: `b-dev-${randomUUID().slice(0, 8)}`, vehicleId: id }),
        ids.vehicle,
        "vehicleId",
      ],
      [
        `/api/v1/vehicles/${vehicleB}/assignments`,
        (id) => ({ driverId: id, startsAt: "2026-02-01T00:00:00Z" }),
        ids.driver,
        "driverId",
      ],
      [
        `/api/v1/vehicles/${vehicleB}/fuel-entries`,
        (id) => ({
          time: "2026-01-07T10:00:00Z",
          litres: 5,
          amount: "50.00",
          currency: "KZT",
          odometerKm: 10,
          fuelCardId: id,
        }),
        cardA,
        "fuelCardId",
      ],
    ]
    for (const [path, body, foreignId, field] of cases) {
      const foreign = await b.call(`POST`, path, body(foreignId))
      const unknown = await b.call(`POST`, path, body(randomUUID()))
      expect({ path, field, status: foreign.status, body: foreign.body }).toEqual({
        path,
        field,
        status: 422,
        body: { error: { code: "FLEET_REFERENCE_NOT_FOUND", message: expect.any(String), field } },
      })
      expect(foreign.body).toEqual(unknown.body)
    }
  })

  it("in a query filter: the same empty answer as an unknown id", async () => {
    for (const path of ["/api/v1/alerts", "/api/v1/fuel-entries", "/api/v1/maintenance/tasks"]) {
      const foreign = await b.call(`GET`, `${path}?vehicleId=${ids.vehicle}`)
      const unknown = await b.call(`GET`, `${path}?vehicleId=${randomUUID()}`)
      expect({ path, status: foreign.status, body: foreign.body }).toEqual({
        path,
        status: 200,
        body: { items: [], total: 0, page: 1, pageSize: 50 },
      })
      expect(foreign.body).toEqual(unknown.body)
    }
  })
})

describe("system jobs", () => {
  it("the maintenance planner ignores another organisation's templates on a vehicle", async () => {
    const orgA = await one("SELECT id FROM organisations WHERE slug = 'demo'", [])
    const orgB = await one("SELECT id FROM organisations WHERE slug = 'tenancy-b'", [])
    const van = await a.call<{ id: string }>("POST", "/api/v1/vehicles", {
      name: "Van",
      vehicleTypeId: typeA,
    })
    const brakes = await a.call<{ id: string }>("POST", "/api/v1/maintenance/templates", {
      name: "Brakes",
      vehicleTypeId: typeA,
      everyMonths: 12,
    })
    // A row the API now refuses (org B's template on org A's vehicle), as older data may hold.
    await h.fleet.db.system.query(
      "INSERT INTO maintenance_templates (org_id, name, vehicle_id, every_months) VALUES ($1, 'Brakes', $2, 1)",
      [orgB, van.body.id],
    )
    await planMaintenance(h.fleet.db.system, new Date().toISOString().slice(0, 10))
    const plans = await h.fleet.db.system.query(
      "SELECT 1 FROM maintenance_plans WHERE vehicle_id = $1 AND template_id = $2 AND org_id = $3",
      [van.body.id, brakes.body.id, orgA],
    )
    expect(plans.rowCount).toBe(1)
    const foreignPlans = await h.fleet.db.system.query(
      "SELECT 1 FROM maintenance_plans WHERE vehicle_id = $1 AND org_id = $2",
      [van.body.id, orgB],
    )
    expect(foreignPlans.rowCount).toBe(0)
  })

  it("the offline check raises an alert only in the organisation that owns the vehicle", async () => {
    const orgB = await one("SELECT id FROM organisations WHERE slug = 'tenancy-b'", [])
    const silent = await a.call<{ id: string }>("POST", "/api/v1/vehicles", { name: "Silent" })
    // A state row stamped with the wrong organisation (as a device moved between organisations
    // could leave): it must not open an alert on org A's vehicle inside org B.
    await h.fleet.db.system.query(
      `INSERT INTO vehicle_state (vehicle_id, org_id, time, lat, lon, updated_at)
       VALUES ($1, $2, now() - interval '2 hours', 43.2, 76.9, now() - interval '2 hours')`,
      [silent.body.id, orgB],
    )
    await checkOffline(h.fleet.db.system)
    const alerts = await h.fleet.db.system.query("SELECT org_id FROM alerts WHERE vehicle_id = $1", [
      silent.body.id,
    ])
    expect(alerts.rows).toEqual([])
  })
})
