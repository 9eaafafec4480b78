import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  createUser,
  DEMO_PASSWORD,
  type Harness,
  login,
  startHarness,
} from "./harness.js"

/**
 * Seed 002's test plan through the API: a critical change (VIN, plate, odometer, oil, service
 * norms, engine) proposed by a driver changes nothing until the vehicle's organisation approves it;
 * approve applies it through the edit's own checks and audits the diff; reject needs a reason.
 */
const PASSWORD = "visits-e2e-password"
const VIN = "1M8GDM9AXKP042788"

interface ChangeRequest {
  id: string
  vehicleId: string
  vehicleName: string | null
  status: string
  changes: Record<string, unknown>
  oldValues: Record<string, unknown>
  proposerKind: string
  proposedBy: string | null
  decidedBy: string | null
  reason: string | null
}
interface ErrorBody {
  error: { code: string; message: string; field?: string }
}

let h: Harness
let admin: ApiClient
let manager: ApiClient
let driver: ApiClient
let outsider: ApiClient
let orgId = ""
let driverUserId = ""
let van = ""
let truck = ""

const sys = <R extends object = Record<string, unknown>>(text: string, values: unknown[] = []) =>
  h.fleet.db.system.query<R>(text, values)

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  orgId = (await sys<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")).rows[0]
    ?.id as string
  await createUser(h.fleet, orgId, "manager", "manager@visits.example", PASSWORD)
  driverUserId = await createUser(h.fleet, orgId, "driver", "driver@visits.example", PASSWORD)
  manager = await login(h.fleet, "manager@visits.example", PASSWORD)
  driver = await login(h.fleet, "driver@visits.example", PASSWORD)
  outsider = await login(h.fleet, (await createOrg(h.fleet, "visits-other", PASSWORD)).email, PASSWORD)
  const made = async (name: string, plate: string) =>
    (await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name, plate })).body.id
  van = await made("Visits van", "VST 001")
  truck = await made("Visits truck", "VST 002")
  const driverId = (
    await sys<{ id: string }>(
      "INSERT INTO drivers (org_id, user_id, full_name) VALUES ($1, $2, $3) RETURNING id",
      [orgId, driverUserId, "Dana Visitova"],
    )
  ).rows[0]?.id
  const assigned = await admin.call("POST", `/api/v1/vehicles/${van}/assignments`, {
    driverId,
    startsAt: new Date(Date.now() - 86_400_000).toISOString(),
  })
  expect(assigned.status).toBe(201)
  expect(
    (await admin.call("POST", `/api/v1/vehicles/${van}/odometer-readings`, { valueKm: 50_000 })).status,
  ).toBe(201)
}, 120_000)

afterAll(async () => {
  await h?.close()
})

describe("a critical change applies only after the owner approves", () => {
  let proposal: ChangeRequest

  it("a driver proposes; nothing changes; the fleet is told", async () => {
    const made = await driver.call<ChangeRequest>("POST", `/api/v1/vehicles/${van}/change-requests`, {
      changes: {
        vin: VIN.toLowerCase(),
        odometerKm: 51_234,
        oilType: "5W-30",
        oilVolumeL: 4.5,
        serviceIntervalKm: 10_000,
      },
      comment: "VIN from the plate under the windscreen",
    })
    expect(made.status).toBe(201)
    proposal = made.body
    expect(proposal).toMatchObject({
      status: "pending",
      proposerKind: "driver",
      vehicleName: "Visits van (VST 001)",
    })
    expect(proposal.oldValues).toMatchObject({ vin: null, odometerKm: 50_000, oilType: null })
    const vehicle = await manager.call<{ vin: string | null }>("GET", `/api/v1/vehicles/${van}`)
    expect(vehicle.body.vin).toBeNull()
    const specs = await manager.call<{ oilType: string | null }>("GET", `/api/v1/vehicles/${van}/specs`)
    expect(specs.body.oilType).toBeNull()
    const readings = await sys("SELECT 1 FROM odometer_readings WHERE vehicle_id = $1", [van])
    expect(readings.rowCount).toBe(1)
    const told = await sys<{ message_params: { stage: string } }>(
      "SELECT message_params FROM notification_events WHERE org_id = $1 AND dedupe_key = $2",
      [orgId, `change_request:${proposal.id}:proposed`],
    )
    expect(told.rows[0]?.message_params.stage).toBe("proposed")
  })

  it("is refused for a vehicle not assigned to the driver, another organisation's, and a bad VIN", async () => {
    const body = { changes: { plate: "VST 777" } }
    const other = await driver.call<ErrorBody>("POST", `/api/v1/vehicles/${truck}/change-requests`, body)
    expect(other.status).toBe(404)
    const foreign = await outsider.call<ErrorBody>("POST", `/api/v1/vehicles/${van}/change-requests`, body)
    expect(foreign.status).toBe(403)
    const badVin = await driver.call<ErrorBody>("POST", `/api/v1/vehicles/${van}/change-requests`, {
      changes: { vin: "1M8GDM9AXKP042789" },
    })
    expect(badVin.status).toBe(400)
    expect(badVin.body.error.code).toBe("FLEET_VEHICLE_INVALID")
    const empty = await driver.call<ErrorBody>("POST", `/api/v1/vehicles/${van}/change-requests`, {
      changes: {},
    })
    expect(empty.body.error.code).toBe("FLEET_CHANGE_REQUEST_INVALID")
  })

  it("a driver cannot decide; the queue lists it; another organisation cannot see it", async () => {
    const self = await driver.call<ErrorBody>(
      "POST",
      `/api/v1/vehicle-change-requests/${proposal.id}/approve`,
    )
    expect(self.status).toBe(403)
    const queue = await manager.call<{ items: ChangeRequest[]; total: number }>(
      "GET",
      "/api/v1/vehicle-change-requests?status=pending",
    )
    expect(queue.body.items.map((r) => r.id)).toContain(proposal.id)
    const mine = await driver.call<{ total: number }>("GET", "/api/v1/vehicle-change-requests")
    expect(mine.body.total).toBe(1)
    const foreign = await outsider.call<ErrorBody>("GET", `/api/v1/vehicle-change-requests/${proposal.id}`)
    expect(foreign.status).toBe(404)
  })

  it("approving applies it through the edit's rules, audits the diff and tells the driver", async () => {
    const approved = await manager.call<ChangeRequest>(
      "POST",
      `/api/v1/vehicle-change-requests/${proposal.id}/approve`,
    )
    expect(approved.status).toBe(200)
    expect(approved.body.status).toBe("approved")
    const vehicle = await manager.call<{ vin: string | null; odometerKm: number | null }>(
      "GET",
      `/api/v1/vehicles/${van}`,
    )
    expect(vehicle.body.vin).toBe(VIN)
    const specs = await manager.call<{ oilType: string; oilVolumeL: number; serviceIntervalKm: number }>(
      "GET",
      `/api/v1/vehicles/${van}/specs`,
    )
    expect(specs.body).toMatchObject({ oilType: "5W-30", oilVolumeL: 4.5, serviceIntervalKm: 10_000 })
    const reading = await sys<{ value_km: string }>(
      "SELECT value_km FROM odometer_readings WHERE vehicle_id = $1 ORDER BY at DESC LIMIT 1",
      [van],
    )
    expect(Number(reading.rows[0]?.value_km)).toBe(51_234)
    const audited = await sys<{
      action: string
      old_values: Record<string, unknown>
      new_values: Record<string, unknown>
    }>(
      "SELECT action, old_values, new_values FROM audit_log WHERE entity_id = $1 OR details->>'changeRequestId' = $1 ORDER BY id",
      [proposal.id],
    )
    const actions = audited.rows.map((r) => r.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        "change-request.create",
        "vehicle.update",
        "vehicle-specs.update",
        "change-request.approve",
      ]),
    )
    const approval = audited.rows.find((r) => r.action === "change-request.approve")
    expect(approval?.old_values).toMatchObject({ status: "pending", vin: null })
    expect(approval?.new_values).toMatchObject({ status: "approved", vin: VIN.toLowerCase() })
    const told = await sys("SELECT 1 FROM notification_events WHERE dedupe_key = $1 AND vehicle_id = $2", [
      `change_request:${proposal.id}:approved`,
      van,
    ])
    expect(told.rowCount).toBe(1)
    const again = await manager.call<ErrorBody>(
      "POST",
      `/api/v1/vehicle-change-requests/${proposal.id}/reject`,
      {
        reason: "too late",
      },
    )
    expect(again.body.error.code).toBe("FLEET_CHANGE_REQUEST_DECIDED")
  })

  it("an approval the edit refuses (an odometer going back) leaves the request pending", async () => {
    const made = await driver.call<ChangeRequest>("POST", `/api/v1/vehicles/${van}/change-requests`, {
      changes: { odometerKm: 40_000 },
    })
    const refused = await manager.call<ErrorBody>(
      "POST",
      `/api/v1/vehicle-change-requests/${made.body.id}/approve`,
    )
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe("FLEET_ODOMETER_READING_DECREASES")
    const still = await manager.call<ChangeRequest>("GET", `/api/v1/vehicle-change-requests/${made.body.id}`)
    expect(still.body.status).toBe("pending")
    const noReason = await manager.call<ErrorBody>(
      "POST",
      `/api/v1/vehicle-change-requests/${made.body.id}/reject`,
      {},
    )
    expect(noReason.body.error.code).toBe("FLEET_CHANGE_REQUEST_INVALID")
    const rejected = await manager.call<ChangeRequest>(
      "POST",
      `/api/v1/vehicle-change-requests/${made.body.id}/reject`,
      {
        reason: "The odometer never goes back",
      },
    )
    expect(rejected.body).toMatchObject({ status: "rejected", reason: "The odometer never goes back" })
    const readings = await sys("SELECT 1 FROM odometer_readings WHERE vehicle_id = $1", [van])
    expect(readings.rowCount).toBe(2)
  })
})
