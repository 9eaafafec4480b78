import Papa from "papaparse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  createUser,
  DEMO_PASSWORD,
  eventually,
  type Harness,
  login,
  startHarness,
} from "./harness.js"
import { makeCentre as makeCentreOf } from "./makeCentre.js"

/**
 * Seed 002's test plan through the API: a critical change (VIN, plate, odometer, oil, service
 * norms, engine) proposed by a driver changes nothing until the vehicle's organisation approves it;
 * approve applies it through the edit's own checks and audits the diff; reject needs a reason.
 * A service centre with a service grant opens a visit, adds work items and completes it (only while
 * approved); the owner confirms it (it enters the service book and the expenses once) or disputes
 * it (the moderators settle); a centre without a grant, or after revocation, opens nothing; one
 * centre's employees never see another centre's visits.
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
  centreName: string | null
  createdAt: string
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
let centreOrg = ""
let centreManager: ApiClient
let mechanic: ApiClient
let otherMechanic: ApiClient
let moderator: ApiClient
let grantId = ""

interface Visit {
  id: string
  vehicleId: string
  vehicleName: string | null
  centreName: string
  status: string
  total: string
  currency: string
  disputeOutcome: string | null
  maintenanceTaskId: string | null
  expenseId: string | null
  items: Array<{ kind: string; lineTotal: string }>
}

/** A service centre organisation in `status`, with users of the given centre roles. */
const makeCentre = (slug: string, status: string, roles: ReadonlyArray<string>) =>
  makeCentreOf(h, slug, status, roles, PASSWORD)

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
  const centre = await makeCentre("visits-centre", "approved", ["centre_manager", "mechanic"])
  centreOrg = centre.org
  centreManager = centre.clients[0] as ApiClient
  mechanic = centre.clients[1] as ApiClient
  otherMechanic = (await makeCentre("visits-centre-2", "approved", ["mechanic"])).clients[0] as ApiClient
  await createUser(h.fleet, orgId, "moderator", "moderator@visits.example", PASSWORD)
  moderator = await login(h.fleet, "moderator@visits.example", PASSWORD)
  // The owner hands the centre an invite code for the van (service scope); the centre redeems it.
  const invite = await admin.call<{ code: string }>("POST", "/api/v1/vehicle-access/invites", {
    vehicleIds: [van],
    scope: "service",
  })
  expect(invite.status).toBe(201)
  const redeemed = await centreManager.call<Array<{ id: string }>>("POST", "/api/v1/centre/redeem", {
    code: invite.body.code,
  })
  expect(redeemed.status).toBe(201)
  grantId = redeemed.body[0]?.id as string
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
    // The odometer is a reading dated when the driver read it (proposed), not when it was approved.
    const read = await manager.call<{ items: Array<{ valueKm: number; at: string }> }>(
      "GET",
      `/api/v1/vehicles/${van}/odometer-readings`,
    )
    expect(read.body.items.find((r) => r.valueKm === 51_234)?.at).toBe(proposal.createdAt)
    const specs = await manager.call<{ oilType: string; oilVolumeL: number; serviceIntervalKm: number }>(
      "GET",
      `/api/v1/vehicles/${van}/specs`,
    )
    expect(specs.body).toMatchObject({ oilType: "5W-30", oilVolumeL: 4.5, serviceIntervalKm: 10_000 })
    // Below the columns' smallest step (0.01 L, 0.1 kW) a value would round to 0: refused, not a 500.
    for (const body of [{ oilVolumeL: 1.1e-308 }, { enginePowerKw: 0.04 }]) {
      const tiny = await manager.call<{ error: { code: string } }>(
        "PATCH",
        `/api/v1/vehicles/${van}/specs`,
        body,
      )
      expect(tiny.status, JSON.stringify(body)).toBe(400)
    }
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

describe("service visits", () => {
  let visit: Visit
  const open = (api: ApiClient, vehicleId: string) =>
    api.call<Visit & ErrorBody>("POST", "/api/v1/service-visits", {
      vehicleId,
      odometerKm: 52_000,
      complaint: "Oil change due, squeak from the front brakes",
      currency: "KZT",
    })

  it("a centre without a grant to the vehicle cannot open a visit", async () => {
    const noGrant = await mechanic.call<ErrorBody>("POST", "/api/v1/service-visits", {
      vehicleId: truck,
      odometerKm: 1,
      currency: "KZT",
    })
    expect(noGrant.status).toBe(403)
    expect(noGrant.body.error.code).toBe("FLEET_VEHICLE_ACCESS_REQUIRED")
    const otherCentre = await open(otherMechanic, van)
    expect(otherCentre.body.error.code).toBe("FLEET_VEHICLE_ACCESS_REQUIRED")
    const fleetUser = await manager.call<ErrorBody>("POST", "/api/v1/service-visits", {
      vehicleId: van,
      odometerKm: 1,
      currency: "KZT",
    })
    expect(fleetUser.status).toBe(403)
  })

  it("a mechanic opens a visit and adds work items; the fleet sees it and is told", async () => {
    const opened = await open(mechanic, van)
    expect(opened.status).toBe(201)
    visit = opened.body
    expect(visit).toMatchObject({
      status: "open",
      centreName: "Centre visits-centre",
      // The centre sees the vehicle as its grant showed it when it opened the visit.
      vehicleName: "Visits van (VST 001)",
      total: "0.00",
    })
    const part = await mechanic.call<Visit>("POST", `/api/v1/service-visits/${visit.id}/items`, {
      kind: "part",
      description: "Oil filter",
      partNumber: "W 712/95",
      quantity: 2,
      unitCost: "4500.50",
      currency: "KZT",
      recommendations: "Replace the front pads within 3000 km",
    })
    expect(part.status).toBe(201)
    const labour = await mechanic.call<Visit>("POST", `/api/v1/service-visits/${visit.id}/items`, {
      kind: "labour",
      description: "Oil change",
      quantity: 1,
      unitCost: "10000",
      currency: "KZT",
    })
    expect(labour.body.total).toBe("19001.00")
    const mismatch = await mechanic.call<ErrorBody>("POST", `/api/v1/service-visits/${visit.id}/items`, {
      kind: "other",
      description: "Disposal",
      quantity: 1,
      unitCost: "5",
      currency: "USD",
    })
    expect(mismatch.body.error.code).toBe("FLEET_VISIT_CURRENCY_MISMATCH")
    const seen = await manager.call<Visit>("GET", `/api/v1/service-visits/${visit.id}`)
    expect(seen.body).toMatchObject({
      vehicleName: "Visits van (VST 001)",
      total: "19001.00",
      status: "open",
    })
    const told = await sys("SELECT 1 FROM notification_events WHERE org_id = $1 AND dedupe_key = $2", [
      orgId,
      `service_visit:${visit.id}:opened`,
    ])
    expect(told.rowCount).toBe(1)
  })

  it("one centre's employee cannot see another centre's visits", async () => {
    const other = await otherMechanic.call<ErrorBody>("GET", `/api/v1/service-visits/${visit.id}`)
    expect(other.status).toBe(404)
    const list = await otherMechanic.call<{ total: number }>("GET", "/api/v1/service-visits")
    expect(list.body.total).toBe(0)
    const item = await otherMechanic.call<ErrorBody>("POST", `/api/v1/service-visits/${visit.id}/items`, {
      kind: "labour",
      description: "Sneaky",
      quantity: 1,
      unitCost: "1",
      currency: "KZT",
    })
    expect(item.status).toBe(404)
    const outsiderList = await outsider.call<{ status: number }>("GET", "/api/v1/service-visits")
    expect(outsiderList.status).toBe(200)
    expect((outsiderList.body as unknown as { total: number }).total).toBe(0)
  })

  it("an unverified or suspended centre cannot complete a trusted visit", async () => {
    const byMechanic = await mechanic.call<ErrorBody>("POST", `/api/v1/service-visits/${visit.id}/complete`)
    expect(byMechanic.status).toBe(403)
    await sys("UPDATE service_centres SET status = 'suspended' WHERE org_id = $1", [centreOrg])
    const suspended = await centreManager.call<ErrorBody>(
      "POST",
      `/api/v1/service-visits/${visit.id}/complete`,
    )
    expect(suspended.status).toBe(403)
    expect(suspended.body.error.code).toBe("FLEET_VISIT_CENTRE_UNVERIFIED")
    await sys("UPDATE service_centres SET status = 'submitted' WHERE org_id = $1", [centreOrg])
    const unverified = await centreManager.call<ErrorBody>(
      "POST",
      `/api/v1/service-visits/${visit.id}/complete`,
    )
    expect(unverified.body.error.code).toBe("FLEET_VISIT_CENTRE_UNVERIFIED")
    await sys("UPDATE service_centres SET status = 'approved' WHERE org_id = $1", [centreOrg])
    const early = await manager.call<ErrorBody>("POST", `/api/v1/service-visits/${visit.id}/confirm`)
    expect(early.body.error.code).toBe("FLEET_VISIT_STATUS")
    const done = await centreManager.call<Visit>("POST", `/api/v1/service-visits/${visit.id}/complete`)
    expect(done.status).toBe(200)
    expect(done.body.status).toBe("completed")
  })

  it("owner confirmation changes the status and enters the service book and expenses once", async () => {
    const centreTries = await centreManager.call<ErrorBody>(
      "POST",
      `/api/v1/service-visits/${visit.id}/confirm`,
    )
    expect(centreTries.status).toBe(403)
    const confirmed = await manager.call<Visit>("POST", `/api/v1/service-visits/${visit.id}/confirm`)
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.status).toBe("confirmed")
    expect(confirmed.body.maintenanceTaskId).not.toBeNull()
    const again = await manager.call<ErrorBody>("POST", `/api/v1/service-visits/${visit.id}/confirm`)
    expect(again.status).toBe(409)
    const task = await manager.call<{
      status: string
      cost: string
      vendor: string
      completedOdometerKm: number
    }>("GET", `/api/v1/maintenance/tasks/${confirmed.body.maintenanceTaskId}`)
    expect(task.body).toMatchObject({
      status: "completed",
      vendor: "Centre visits-centre",
      completedOdometerKm: 52_000,
    })
    const expenses = await sys<{ amount: string; category: string }>(
      "SELECT amount::text, category FROM expenses WHERE vehicle_id = $1",
      [van],
    )
    expect(expenses.rows).toEqual([{ amount: "19001.00", category: "service" }])
    const centreView = await centreManager.call<Visit>("GET", `/api/v1/service-visits/${visit.id}`)
    expect(centreView.body).toMatchObject({ status: "confirmed", maintenanceTaskId: null, expenseId: null })
    const told = await sys("SELECT 1 FROM notification_events WHERE org_id = $1 AND dedupe_key = $2", [
      centreOrg,
      `service_visit:${visit.id}:confirmed`,
    ])
    expect(told.rowCount).toBe(1)
    await eventually(
      async () => {
        const inbox = await sys(
          `SELECT 1 FROM notifications n JOIN notification_events e ON e.id = n.event_id
           JOIN users u ON u.id = n.user_id WHERE u.email = 'centre_manager@visits-centre.example' AND e.dedupe_key = $1`,
          [`service_visit:${visit.id}:confirmed`],
        )
        return inbox.rowCount === 1 ? true : undefined
      },
      15_000,
      "the centre manager's notification",
    )
  })

  it("a disputed visit goes to the moderators, who settle it (audited); it never enters the books", async () => {
    const second = (await open(mechanic, van)).body
    await mechanic.call("POST", `/api/v1/service-visits/${second.id}/items`, {
      kind: "labour",
      description: "Brake inspection",
      quantity: 1,
      unitCost: "7000",
      currency: "KZT",
    })
    await centreManager.call("POST", `/api/v1/service-visits/${second.id}/complete`)
    const noReason = await manager.call<ErrorBody>("POST", `/api/v1/service-visits/${second.id}/dispute`, {})
    expect(noReason.body.error.code).toBe("FLEET_VISIT_INVALID")
    const disputed = await manager.call<Visit>("POST", `/api/v1/service-visits/${second.id}/dispute`, {
      reason: "The brakes were not touched",
    })
    expect(disputed.body.status).toBe("disputed")
    const notModerator = await manager.call<ErrorBody>("GET", "/api/v1/service-visit-disputes")
    expect(notModerator.status).toBe(403)
    const queue = await moderator.call<{ items: Visit[] }>(
      "GET",
      "/api/v1/service-visit-disputes?settled=false",
    )
    expect(queue.body.items.map((v) => v.id)).toEqual([second.id])
    const settled = await moderator.call<Visit>(
      "POST",
      `/api/v1/service-visit-disputes/${second.id}/settle`,
      {
        outcome: "upheld",
        note: "No brake work in the photos",
      },
    )
    expect(settled.body.disputeOutcome).toBe("upheld")
    const twice = await moderator.call<ErrorBody>(
      "POST",
      `/api/v1/service-visit-disputes/${second.id}/settle`,
      {
        outcome: "rejected",
        note: "again",
      },
    )
    expect(twice.body.error.code).toBe("FLEET_VISIT_STATUS")
    const confirmUpheld = await manager.call<ErrorBody>("POST", `/api/v1/service-visits/${second.id}/confirm`)
    expect(confirmUpheld.status).toBe(409)
    const audited = await sys(
      "SELECT 1 FROM audit_log WHERE org_id = $1 AND action = 'service-visit.settle' AND entity_id = $2",
      [orgId, second.id],
    )
    expect(audited.rowCount).toBe(1)
    const expenses = await sys("SELECT 1 FROM expenses WHERE vehicle_id = $1", [van])
    expect(expenses.rowCount).toBe(1)
  })

  it("a centre proposes a change through its grant; cancelled visits stay; after revocation nothing opens", async () => {
    const proposed = await mechanic.call<ChangeRequest>("POST", `/api/v1/vehicles/${van}/change-requests`, {
      changes: { odometerKm: 52_000, serviceIntervalMonths: 12 },
    })
    expect(proposed.status).toBe(201)
    expect(proposed.body).toMatchObject({
      proposerKind: "centre",
      centreName: "Centre visits-centre",
      vehicleName: null,
      oldValues: {},
    })
    // The vehicle's side is told which centre asks (its people's names stay the centre's).
    const seen = await manager.call<ChangeRequest>(
      "GET",
      `/api/v1/vehicle-change-requests/${proposed.body.id}`,
    )
    expect(seen.body).toMatchObject({ centreName: "Centre visits-centre", proposedByName: null })
    const approved = await manager.call<ChangeRequest>(
      "POST",
      `/api/v1/vehicle-change-requests/${proposed.body.id}/approve`,
    )
    expect(approved.body.status).toBe("approved")
    const third = (await open(mechanic, van)).body
    const cancelled = await mechanic.call<Visit>("POST", `/api/v1/service-visits/${third.id}/cancel`, {
      reason: "The customer left",
    })
    expect(cancelled.body.status).toBe("cancelled")
    expect((await manager.call<Visit>("GET", `/api/v1/service-visits/${third.id}`)).body.status).toBe(
      "cancelled",
    )
    const revoke = await admin.call("POST", `/api/v1/vehicle-access/grants/${grantId}/revoke`)
    expect(revoke.status).toBe(200)
    const revoked = await open(mechanic, van)
    expect(revoked.status).toBe(403)
    expect(revoked.body.error.code).toBe("FLEET_VEHICLE_ACCESS_REQUIRED")
    const proposal = await mechanic.call<ErrorBody>("POST", `/api/v1/vehicles/${van}/change-requests`, {
      changes: { plate: "VST 003" },
    })
    expect(proposal.body.error.code).toBe("FLEET_VEHICLE_ACCESS_REQUIRED")
  })

  it("visits, disputes, proposals and grants export the rows their lists show, in words", async () => {
    const csv = async (api: ApiClient, path: string) => {
      const r = await fetch(`${h.fleet.httpUrl}${path}`, {
        headers: { authorization: `Bearer ${api.token}` },
      })
      expect(r.status, path).toBe(200)
      return Papa.parse<Array<string>>((await r.text()).replace(/^\uFEFF/u, ""), { skipEmptyLines: true })
        .data
    }
    const at = (rows: Array<Array<string>>, label: string) =>
      rows.slice(1).map((r) => r[rows[0]?.indexOf(label) ?? -1])
    const visits = await admin.call<{ items: Visit[] }>("GET", "/api/v1/service-visits?pageSize=200")
    const exported = await csv(admin, "/api/v1/service-visits/export?format=csv")
    expect(exported).toHaveLength(visits.body.items.length + 1)
    expect(new Set(at(exported, "Status"))).toEqual(new Set(["Confirmed", "Disputed", "Cancelled"]))
    expect(at(exported, "Dispute outcome")).toContain("Upheld: the visit is void")
    const disputes = await csv(moderator, "/api/v1/service-visit-disputes/export?format=csv")
    expect(at(disputes, "Reason of dispute")).toEqual(["The brakes were not touched"])
    expect(at(disputes, "Moderator's note")).toEqual(["No brake work in the photos"])
    const listed = await admin.call<{ items: ChangeRequest[] }>(
      "GET",
      "/api/v1/vehicle-change-requests?pageSize=200",
    )
    const changes = await csv(admin, "/api/v1/vehicle-change-requests/export?format=csv")
    expect(changes).toHaveLength(listed.body.items.length + 1)
    const byCentre = listed.body.items.findIndex((c) => c.proposerKind === "centre")
    expect(at(changes, "Proposed by")[byCentre]).toBe("Service centre")
    expect(at(changes, "Fields changed")[byCentre]).toBe("2")
    const grants = await csv(admin, "/api/v1/vehicle-access/grants/export?format=csv")
    expect(at(grants, "Vehicle")).toEqual(["Visits van"])
    expect(at(grants, "Revoked")[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/u)
    expect(
      (
        await fetch(`${h.fleet.httpUrl}/api/v1/service-visit-disputes/export?format=csv`, {
          headers: { authorization: `Bearer ${admin.token}` },
        })
      ).status,
    ).toBe(403)
  })
})

describe("a plate proposed with its country", () => {
  it("changes neither until approved, then both, read by that country's rules", async () => {
    const before = await manager.call<{ plate: string | null; plateCountry: string | null }>(
      "GET",
      `/api/v1/vehicles/${van}`,
    )
    const made = await driver.call<ChangeRequest>("POST", `/api/v1/vehicles/${van}/change-requests`, {
      changes: { plate: "VST 010", plateCountry: "KZ" },
    })
    expect(made.status).toBe(201)
    expect(made.body.oldValues).toEqual({ plate: before.body.plate, plateCountry: before.body.plateCountry })
    const pending = await manager.call<{ plateCountry: string | null }>("GET", `/api/v1/vehicles/${van}`)
    expect(pending.body.plateCountry).toBe(before.body.plateCountry)
    const approved = await manager.call<ChangeRequest>(
      "POST",
      `/api/v1/vehicle-change-requests/${made.body.id}/approve`,
    )
    expect(approved.body.status).toBe("approved")
    const after = await manager.call<{ plate: string | null; plateCountry: string | null }>(
      "GET",
      `/api/v1/vehicles/${van}`,
    )
    expect(after.body).toMatchObject({ plate: "VST 010", plateCountry: "KZ" })
    const badCountry = await driver.call<ErrorBody>("POST", `/api/v1/vehicles/${van}/change-requests`, {
      changes: { plateCountry: "Kazakhstan" },
    })
    expect(badCountry.status).toBe(400)
  })
})
