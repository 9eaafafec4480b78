import { planMaintenance } from "@fleetcore/engine"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, DEMO_PASSWORD, type Harness, login, startHarness } from "./harness.js"

let h: Harness
let admin: ApiClient
let typeId: string

interface Task {
  id: string
  vehicleId: string
  status: string
  dueOdometerKm: number | null
  dueDate: string | null
  remindersSent: number[]
}
const tasksOf = async (vehicleId: string, status = "") =>
  (
    await admin.call<{ items: Task[] }>(
      "GET",
      `/api/v1/maintenance/tasks?vehicleId=${vehicleId}${status ? `&status=${status}` : ""}`,
    )
  ).body.items
const alertsOf = async (vehicleId: string) =>
  (
    await admin.call<{ items: Array<{ type: string; status: string; details: Record<string, unknown> }> }>(
      "GET",
      `/api/v1/alerts?vehicleId=${vehicleId}`,
    )
  ).body.items
const vehicle = async (plate: string, commissionedOdometerKm: number, vehicleTypeId = typeId) =>
  (
    await admin.call<{ id: string }>("POST", "/api/v1/vehicles", {
      name: plate,
      plate,
      vehicleTypeId,
      commissionedOn: "2026-06-01",
      commissionedOdometerKm,
    })
  ).body.id
const reading = (vehicleId: string, valueKm: number, at: string) =>
  admin.call("POST", `/api/v1/vehicles/${vehicleId}/odometer-readings`, { valueKm, at })

const vehicleType = async (name: string) =>
  (
    await h.fleet.db.system.query<{ id: string }>(
      "INSERT INTO vehicle_types (org_id, name) SELECT id, $1 FROM organisations WHERE slug = 'demo' RETURNING id",
      [name],
    )
  ).rows[0]?.id as string

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  typeId = await vehicleType("Service van")
  const template = await admin.call("POST", "/api/v1/maintenance/templates", {
    name: "Oil and filters",
    vehicleTypeId: typeId,
    everyKm: 10_000,
    everyMonths: 6,
  })
  expect(template.status).toBe(201)
  const bad = await admin.call("POST", "/api/v1/maintenance/templates", {
    name: "Nothing",
    vehicleTypeId: typeId,
  })
  expect(bad.status).toBe(400)
})
afterAll(async () => {
  await h?.close()
})

describe("maintenance planning", () => {
  it("schedules by km first, reminds once, flags overdue, and completing plans the next service", async () => {
    const v = await vehicle("MNT 001", 50_000)
    await planMaintenance(h.fleet.db.system, "2026-07-01")
    expect(await tasksOf(v)).toEqual([])
    expect((await reading(v, 59_700, "2026-09-01T08:00:00Z")).status).toBe(201)
    await planMaintenance(h.fleet.db.system, "2026-09-01")
    const [task] = await tasksOf(v)
    expect(task).toMatchObject({
      status: "scheduled",
      dueOdometerKm: 60_000,
      dueDate: "2026-12-01",
      remindersSent: [],
    })

    await planMaintenance(h.fleet.db.system, "2026-11-20")
    await planMaintenance(h.fleet.db.system, "2026-11-20")
    expect((await tasksOf(v))[0]?.remindersSent).toEqual([14])
    const due = (await alertsOf(v)).filter((a) => a.type === "maintenance_due")
    expect(due).toHaveLength(1)
    expect(due[0]?.details).toMatchObject({ daysLeft: 11, kmLeft: 300 })

    expect((await reading(v, 60_100, "2026-11-21T08:00:00Z")).status).toBe(201)
    await planMaintenance(h.fleet.db.system, "2026-11-21")
    expect((await tasksOf(v))[0]?.status).toBe("overdue")
    expect((await alertsOf(v)).map((a) => a.type).sort()).toEqual(["maintenance_due", "maintenance_overdue"])

    const done = await admin.call<Task & { completedOdometerKm: number; cost: string }>(
      "POST",
      `/api/v1/maintenance/tasks/${task?.id}/complete`,
      {
        odometerKm: 60_150,
        completedOn: "2026-11-21",
        cost: "45000.00",
        currency: "KZT",
        notes: "5W-30, filters",
      },
    )
    expect(done.body).toMatchObject({ status: "completed", completedOdometerKm: 60_150, cost: "45000.00" })
    expect(
      (
        await admin.call("POST", `/api/v1/maintenance/tasks/${task?.id}/complete`, {
          odometerKm: 1,
          completedOn: "2026-11-21",
        })
      ).status,
    ).toBe(409)
    expect((await alertsOf(v)).every((a) => a.status === "resolved")).toBe(true)
    // Next: 70 150 km or 2027-05-21, whichever first: not within 14 days on 1 May, within on 10 May.
    await planMaintenance(h.fleet.db.system, "2027-05-01")
    expect(await tasksOf(v, "open")).toEqual([])
    await planMaintenance(h.fleet.db.system, "2027-05-10")
    const next = await tasksOf(v, "open")
    expect(next).toEqual([
      expect.objectContaining({ dueOdometerKm: 70_150, dueDate: "2027-05-21", status: "scheduled" }),
    ])
  })

  it("schedules by date first for a vehicle that stands still", async () => {
    const v = await vehicle("MNT 002", 80_000)
    await reading(v, 80_200, "2026-11-01T08:00:00Z")
    await planMaintenance(h.fleet.db.system, "2026-11-25")
    expect(await tasksOf(v)).toEqual([
      expect.objectContaining({ status: "scheduled", dueDate: "2026-12-01", remindersSent: [14, 7] }),
    ])
    await planMaintenance(h.fleet.db.system, "2026-12-02")
    expect((await tasksOf(v))[0]?.status).toBe("overdue")
  })

  it("counts a new template from today for vehicles already in service, unless told commissioning", async () => {
    const today = new Date().toISOString().slice(0, 10)
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString()
    const fromToday = await vehicleType("Pickup counted from today")
    const fromCommissioning = await vehicleType("Pickup counted from commissioning")
    // Commissioned at 0 km, now at 45,000 km, with no service recorded.
    const running = async (plate: string, type: string) => {
      const v = await vehicle(plate, 0, type)
      expect((await reading(v, 45_000, anHourAgo)).status).toBe(201)
      return v
    }
    const a = await running("MNT 010", fromToday)
    const b = await running("MNT 011", fromCommissioning)
    const template = (vehicleTypeId: string, countFrom?: "commissioning") =>
      admin.call("POST", "/api/v1/maintenance/templates", {
        name: "Oil change",
        vehicleTypeId,
        everyKm: 5_000,
        ...(countFrom === undefined ? {} : { countFrom }),
      })
    expect((await template(fromToday)).status).toBe(201)
    expect((await template(fromCommissioning, "commissioning")).status).toBe(201)
    // A vehicle of the type added after the template counts from its commissioning.
    const later = await running("MNT 012", fromToday)
    await planMaintenance(h.fleet.db.system, today)
    expect(await tasksOf(a)).toEqual([])
    expect(await tasksOf(b)).toEqual([expect.objectContaining({ status: "overdue", dueOdometerKm: 5_000 })])
    expect(await tasksOf(later)).toEqual([
      expect.objectContaining({ status: "overdue", dueOdometerKm: 5_000 }),
    ])
    // 500 km before the next 5,000 km counted from today's 45,000, the service is scheduled.
    expect((await reading(a, 49_600, new Date().toISOString())).status).toBe(201)
    await planMaintenance(h.fleet.db.system, today)
    expect(await tasksOf(a)).toEqual([
      expect.objectContaining({ status: "scheduled", dueOdometerKm: 50_000 }),
    ])
  })

  it("opens tasks earlier when the organisation asks for a longer look-ahead", async () => {
    const v = await vehicle("MNT 003", 90_000)
    await reading(v, 98_000, "2026-08-01T08:00:00Z")
    await planMaintenance(h.fleet.db.system, "2026-08-01")
    expect(await tasksOf(v)).toEqual([])
    expect((await admin.call("PUT", "/api/v1/settings", { maintenanceAheadKm: 2500 })).status).toBe(200)
    await planMaintenance(h.fleet.db.system, "2026-08-01")
    expect(await tasksOf(v)).toEqual([
      expect.objectContaining({ status: "scheduled", dueOdometerKm: 100_000 }),
    ])
  })
  it("plans no service for a decommissioned vehicle, and plans again once it is back in service", async () => {
    const v = await vehicle("MNT 004", 70_000)
    const off = await admin.call("POST", `/api/v1/vehicles/${v}/status`, { status: "decommissioned" })
    expect(off.status).toBe(200)
    // Six months after commissioning: a vehicle in service would be overdue by date.
    await planMaintenance(h.fleet.db.system, "2026-12-15")
    expect(await tasksOf(v)).toEqual([])
    expect((await alertsOf(v)).map((a) => a.type)).toEqual([])
    expect((await admin.call("POST", `/api/v1/vehicles/${v}/status`, { status: "active" })).status).toBe(200)
    await planMaintenance(h.fleet.db.system, "2026-12-15")
    expect(await tasksOf(v)).toEqual([expect.objectContaining({ status: "overdue", dueDate: "2026-12-01" })])
    expect((await alertsOf(v)).map((a) => a.type)).toEqual(["maintenance_overdue"])
  })
})
