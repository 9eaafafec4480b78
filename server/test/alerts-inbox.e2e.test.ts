import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  createUser,
  DEMO_PASSWORD,
  demoOrgId,
  type Harness,
  login,
  provision,
  startHarness,
} from "./harness.js"

interface AlertItem {
  id: string
  type: string
  status: string
  severity: string
  driverId: string | null
  driverName: string | null
  vehicleName: string | null
  acknowledgementNote: string | null
  resolutionNote: string | null
  assigneeId: string | null
  assigneeName: string | null
}
interface ErrorBody {
  error: { code: string; field?: string }
}

const PASSWORD = "alerts-inbox-password"
let h: Harness
let admin: ApiClient
let dispatcher: ApiClient
let orgId = ""
let dispatcherId = ""
let viewerId = ""
let driverLoginId = ""
let foreignUserId = ""
let foreignAlertId = ""
let teamId = ""
let driverId = ""
let vehicleA = ""
let vehicleB = ""
const hour = 3_600_000
const t0 = Date.now() - 48 * hour

/** An alert inserted as the engine would raise it. */
const raise = async (
  org: string,
  vehicleId: string,
  type: string,
  severity: string,
  at: number,
  driver: string | null = null,
): Promise<string> =>
  (
    await h.fleet.db.system.query<{ id: string }>(
      `INSERT INTO alerts (org_id, vehicle_id, driver_id, type, key, severity, opened_at, last_seen_at)
       VALUES ($1, $2, $3, $4, gen_random_uuid()::text, $5, $6, $6) RETURNING id`,
      [org, vehicleId, driver, type, severity, new Date(at)],
    )
  ).rows[0]?.id as string

const ids = (items: ReadonlyArray<{ id: string }>) => items.map((i) => i.id).sort()
const list = async (query: string) =>
  (await dispatcher.call<{ items: AlertItem[]; total: number }>("GET", `/api/v1/alerts?${query}`)).body
const auditOf = async (action: string, entityId: string) =>
  (
    await h.fleet.db.system.query<{
      details: { note: string | null }
      new_values: object
      actor_user_id: string
    }>("SELECT details, new_values, actor_user_id FROM audit_log WHERE action = $1 AND entity_id = $2", [
      action,
      entityId,
    ])
  ).rows

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  orgId = await demoOrgId(h.fleet)
  dispatcherId = await createUser(h.fleet, orgId, "dispatcher", "disp@inbox.example", PASSWORD)
  viewerId = await createUser(h.fleet, orgId, "viewer", "viewer@inbox.example", PASSWORD)
  driverLoginId = await createUser(h.fleet, orgId, "driver", "driver@inbox.example", PASSWORD)
  dispatcher = await login(h.fleet, "disp@inbox.example", PASSWORD)
  const team = await admin.call<{ id: string }>("POST", "/api/v1/teams", { name: "Inbox night shift" })
  teamId = team.body.id
  vehicleA = (await provision(admin, "inbox-a", "INB 001")).vehicleId
  vehicleB = (await provision(admin, "inbox-b", "INB 002")).vehicleId
  expect(
    (await admin.call("POST", `/api/v1/teams/${teamId}/members`, { vehicleIds: [vehicleA] })).status,
  ).toBe(200)
  const driver = await admin.call<{ id: string }>("POST", "/api/v1/drivers", { fullName: "Aigerim Inbox" })
  driverId = driver.body.id
  const other = await createOrg(h.fleet, "inbox-other", PASSWORD)
  foreignUserId = await createUser(h.fleet, other.orgId, "dispatcher", "disp@inbox-other.example", PASSWORD)
  const otherAdmin = await login(h.fleet, other.email, PASSWORD)
  const foreignVehicle = (await provision(otherAdmin, "inbox-x", "INB 999")).vehicleId
  foreignAlertId = await raise(other.orgId, foreignVehicle, "overspeed", "warning", t0)
}, 120_000)
afterAll(async () => {
  await h?.close()
})

describe("the alerts inbox", () => {
  it("filters by type, severity, status, vehicle, driver, team and period", async () => {
    const speedA = await raise(orgId, vehicleA, "overspeed", "warning", t0 + hour, driverId)
    const batteryA = await raise(orgId, vehicleA, "low_battery", "critical", t0 + 2 * hour)
    const speedB = await raise(orgId, vehicleB, "overspeed", "critical", t0 + 3 * hour)
    const mine = [speedA, batteryA, speedB]
    const within = (items: AlertItem[]) => ids(items.filter((i) => mine.includes(i.id)))
    expect(within((await list("type=overspeed&pageSize=200")).items)).toEqual([speedA, speedB].sort())
    expect(within((await list("severity=critical&pageSize=200")).items)).toEqual([batteryA, speedB].sort())
    expect(ids((await list(`vehicleId=${vehicleA}`)).items)).toEqual([speedA, batteryA].sort())
    expect(ids((await list(`teamId=${teamId}`)).items)).toEqual([speedA, batteryA].sort())
    const byDriver = await list(`driverId=${driverId}`)
    expect(ids(byDriver.items)).toEqual([speedA])
    expect(byDriver.items[0]).toMatchObject({ driverName: "Aigerim Inbox", vehicleName: "Vehicle inbox-a" })
    const period = `from=${new Date(t0 + 1.5 * hour).toISOString()}&to=${new Date(t0 + 3 * hour).toISOString()}`
    expect(within((await list(`${period}&pageSize=200`)).items)).toEqual([batteryA])
    expect(ids((await list(`vehicleId=${vehicleB}&status=open`)).items)).toEqual([speedB])
    expect((await list(`vehicleId=${vehicleB}&status=acknowledged`)).items).toEqual([])
    expect(ids((await list("q=INB%20002")).items)).toEqual([speedB])
    const bad = await dispatcher.call<ErrorBody>("GET", "/api/v1/alerts?teamId=nope")
    expect(bad.status).toBe(400)
  })

  it("stores the acknowledgement's note, shows it on the alert and in its history, and audits it", async () => {
    const id = await raise(orgId, vehicleA, "dtc", "warning", t0 + 4 * hour)
    const ack = await dispatcher.call<AlertItem>("POST", `/api/v1/alerts/${id}/acknowledge`, {
      note: "  Called the driver: sensor fault  ",
    })
    expect(ack.status).toBe(200)
    expect(ack.body).toMatchObject({
      status: "acknowledged",
      acknowledgementNote: "Called the driver: sensor fault",
    })
    const got = await dispatcher.call<AlertItem>("GET", `/api/v1/alerts/${id}`)
    expect(got.body.acknowledgementNote).toBe("Called the driver: sensor fault")
    const again = await dispatcher.call<ErrorBody>("POST", `/api/v1/alerts/${id}/acknowledge`, { note: "x" })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe("FLEET_ALERT_TRANSITION")
    const resolved = await dispatcher.call<AlertItem>("POST", `/api/v1/alerts/${id}/resolve`, {
      note: "Replaced the sensor",
    })
    expect(resolved.body).toMatchObject({ status: "resolved", resolutionNote: "Replaced the sensor" })
    const history = await dispatcher.call<{
      items: Array<{ action: string; note: string; actorName: string }>
    }>("GET", `/api/v1/alerts/${id}/history`)
    expect(history.body.items.map((x) => [x.action, x.note, x.actorName])).toEqual([
      ["acknowledge", "Called the driver: sensor fault", "Test dispatcher"],
      ["resolve", "Replaced the sensor", "Test dispatcher"],
    ])
    expect(await auditOf("alert.acknowledge", id)).toEqual([
      {
        details: { note: "Called the driver: sensor fault" },
        new_values: { status: "acknowledged", acknowledgementNote: "Called the driver: sensor fault" },
        actor_user_id: dispatcherId,
      },
    ])
    expect(await auditOf("alert.resolve", id)).toHaveLength(1)
  })

  it("assigns to a person of the organisation only, unassigns, and refuses a resolved alert", async () => {
    const id = await raise(orgId, vehicleB, "geofence_exit", "info", t0 + 5 * hour)
    const assigned = await dispatcher.call<AlertItem>("POST", `/api/v1/alerts/${id}/assign`, {
      userId: viewerId,
      note: "Please check the route",
    })
    expect(assigned.status).toBe(200)
    expect(assigned.body).toMatchObject({ assigneeId: viewerId, assigneeName: "Test viewer", status: "open" })
    expect(ids((await list(`assigneeId=${viewerId}`)).items)).toEqual([id])
    for (const userId of [foreignUserId, driverLoginId, "00000000-0000-4000-8000-000000000000"]) {
      const refused = await dispatcher.call<ErrorBody>("POST", `/api/v1/alerts/${id}/assign`, { userId })
      expect(refused.status, userId).toBe(404)
      expect(refused.body.error).toMatchObject({ code: "FLEET_ALERT_ASSIGNEE_NOT_FOUND", field: "userId" })
    }
    const foreign = await dispatcher.call<ErrorBody>("POST", `/api/v1/alerts/${foreignAlertId}/assign`, {
      userId: viewerId,
    })
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe("FLEET_ALERT_NOT_FOUND")
    const unassigned = await dispatcher.call<AlertItem>("POST", `/api/v1/alerts/${id}/unassign`)
    expect(unassigned.body).toMatchObject({ assigneeId: null, assigneeName: null })
    expect(await auditOf("alert.assign", id)).toMatchObject([{ new_values: { assigneeId: viewerId } }])
    expect(await auditOf("alert.unassign", id)).toMatchObject([{ new_values: { assigneeId: null } }])
    await dispatcher.call("POST", `/api/v1/alerts/${id}/resolve`)
    const late = await dispatcher.call<ErrorBody>("POST", `/api/v1/alerts/${id}/assign`, { userId: viewerId })
    expect(late.status).toBe(409)
    const history = await dispatcher.call<{ items: Array<{ action: string; assigneeName: string | null }> }>(
      "GET",
      `/api/v1/alerts/${id}/history`,
    )
    expect(history.body.items.map((x) => [x.action, x.assigneeName])).toEqual([
      ["assign", "Test viewer"],
      ["unassign", "Test viewer"],
      ["resolve", null],
    ])
  })

  it("acts on many alerts in one request, answering each id, with another organisation's id as unknown", async () => {
    const a = await raise(orgId, vehicleA, "overspeed", "warning", t0 + 6 * hour)
    const b = await raise(orgId, vehicleB, "overspeed", "warning", t0 + 6 * hour)
    const done = await raise(orgId, vehicleB, "dtc", "warning", t0 + 6 * hour)
    await dispatcher.call("POST", `/api/v1/alerts/${done}/resolve`)
    type Bulk = { results: Array<{ id: string; outcome: string; alert: AlertItem | null }> }
    const ack = await dispatcher.call<Bulk>("POST", "/api/v1/alerts/bulk", {
      action: "acknowledge",
      ids: [a, foreignAlertId, b, done],
      note: "Night shift checks",
    })
    expect(ack.status).toBe(200)
    expect(ack.body.results.map((r) => [r.id, r.outcome, r.alert?.acknowledgementNote ?? null])).toEqual([
      [a, "done", "Night shift checks"],
      [foreignAlertId, "not_found", null],
      [b, "done", "Night shift checks"],
      [done, "conflict", null],
    ])
    const untouched = await h.fleet.db.system.query<{ status: string }>(
      "SELECT status FROM alerts WHERE id = $1",
      [foreignAlertId],
    )
    expect(untouched.rows[0]?.status).toBe("open")
    expect(await auditOf("alert.acknowledge", foreignAlertId)).toEqual([])
    expect(await auditOf("alert.acknowledge", a)).toHaveLength(1)
    expect(await auditOf("alert.acknowledge", b)).toHaveLength(1)

    const assign = await dispatcher.call<Bulk>("POST", "/api/v1/alerts/bulk", {
      action: "assign",
      ids: [a, b],
      userId: dispatcherId,
    })
    expect(assign.body.results.map((r) => [r.outcome, r.alert?.assigneeId])).toEqual([
      ["done", dispatcherId],
      ["done", dispatcherId],
    ])
    const foreignAssignee = await dispatcher.call<ErrorBody>("POST", "/api/v1/alerts/bulk", {
      action: "assign",
      ids: [a],
      userId: foreignUserId,
    })
    expect(foreignAssignee.status).toBe(404)
    expect(foreignAssignee.body.error.code).toBe("FLEET_ALERT_ASSIGNEE_NOT_FOUND")
    const noAssignee = await dispatcher.call<ErrorBody>("POST", "/api/v1/alerts/bulk", {
      action: "assign",
      ids: [a],
    })
    expect(noAssignee.status).toBe(400)
    expect(noAssignee.body.error).toMatchObject({ code: "FLEET_ALERT_INVALID", field: "userId" })
    const resolve = await dispatcher.call<Bulk>("POST", "/api/v1/alerts/bulk", {
      action: "resolve",
      ids: [a, b],
      note: "Drivers briefed",
    })
    expect(resolve.body.results.map((r) => [r.alert?.status, r.alert?.resolutionNote])).toEqual([
      ["resolved", "Drivers briefed"],
      ["resolved", "Drivers briefed"],
    ])
    const tooMany = Array.from({ length: 201 }, () => a)
    const bounded = await dispatcher.call<ErrorBody>("POST", "/api/v1/alerts/bulk", {
      action: "resolve",
      ids: tooMany,
    })
    expect(bounded.status).toBe(400)
    expect(bounded.body.error.code).toBe("FLEET_ALERT_INVALID")
  })

  it("lists the people an alert can be assigned to: active users who read alerts", async () => {
    const people = await dispatcher.call<{ items: Array<{ id: string; role: string }> }>(
      "GET",
      "/api/v1/alert-assignees",
    )
    const found = people.body.items.map((p) => p.id)
    expect(found).toEqual(expect.arrayContaining([dispatcherId, viewerId]))
    expect(found).not.toContain(driverLoginId)
    expect(found).not.toContain(foreignUserId)
    const viewer = await login(h.fleet, "viewer@inbox.example", PASSWORD)
    expect((await viewer.call("GET", "/api/v1/alert-assignees")).status).toBe(403)
    expect(
      (await viewer.call("POST", "/api/v1/alerts/bulk", { action: "resolve", ids: [foreignAlertId] })).status,
    ).toBe(403)
  })

  it("gives an alert raised by a refuel the driver assigned at the refuel's time", async () => {
    const assigned = await admin.call("POST", `/api/v1/vehicles/${vehicleB}/assignments`, {
      driverId,
      startsAt: new Date(Date.now() - 10 * 24 * hour).toISOString(),
    })
    expect(assigned.status).toBe(201)
    const card = await admin.call<{ id: string }>("POST", "/api/v1/fuel-cards", {
      name: "Inbox card",
      currency: "KZT",
      dailyLimit: "1000.00",
    })
    expect(card.status).toBe(201)
    const entry = await admin.call("POST", `/api/v1/vehicles/${vehicleB}/fuel-entries`, {
      time: new Date(Date.now() - 2 * hour).toISOString(),
      litres: 20,
      odometerKm: 1000,
      currency: "KZT",
      amount: "5000.00",
      fuelCardId: card.body.id,
    })
    expect(entry.status).toBe(201)
    const raised = (await list(`vehicleId=${vehicleB}&type=fuel_card_limit`)).items
    expect(raised.map((a) => [a.driverId, a.driverName])).toEqual([[driverId, "Aigerim Inbox"]])
  })
})
