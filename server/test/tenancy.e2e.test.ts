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
 * answer an id that does not exist gets: nothing to read, change or learn. Ids in a path are checked
 * on every declared endpoint, for every role, by permissions.e2e.test.ts.
 */
let h: Harness
let a: ApiClient
let b: ApiClient
const ids = { vehicle: "", driver: "" }
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
  ids.driver = await one(
    `WITH u AS (INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'driver@tenancy.example', 'D', 'x', 'driver') RETURNING id, org_id, name)
     INSERT INTO drivers (id, org_id, user_id, full_name) SELECT id, org_id, id, name FROM u RETURNING id`,
    [orgA],
  )
  const card = await a.call<{ id: string }>("POST", "/api/v1/fuel-cards", { name: "A card", currency: "KZT" })
  cardA = card.body.id
  expect(Object.values(ids).every((id) => id !== undefined && id !== "")).toBe(true)

  const orgB = await createOrg(h.fleet, "tenancy-b", "org-b-password-1")
  b = await login(h.fleet, orgB.email, "org-b-password-1")
  vehicleB = (await provision(b, "tenancy-b-1", "TEN 002")).vehicleId
})
afterAll(async () => {
  await h?.close()
})

describe("another organisation's ids", () => {
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
        body: {
          error: {
            code: "FLEET_REFERENCE_NOT_FOUND",
            message: expect.any(String),
            detail: expect.any(String),
            field,
          },
        },
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
