import { planMaintenance } from "@fleetcore/engine"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  createUser,
  DEMO_PASSWORD,
  demoOrgId,
  type Harness,
  login,
  startHarness,
} from "./harness.js"

interface Task {
  id: string
  vehicleId: string
  templateId: string | null
  name: string
  status: string
  startedAt: string | null
  cost: string | null
  currency: string | null
  vendor: string | null
  parts: Array<{ name: string; quantity: number; cost: string | null }>
  expenseId: string | null
  completedOdometerKm: number | null
}
interface Expense {
  id: string
  category: string
  amount: string
  currency: string
  date: string
  vendor: string | null
  description: string | null
}

let h: Harness
let manager: ApiClient
let stranger: ApiClient
let typeId: string
let templateId: string

const vehicle = async (plate: string) =>
  (
    await manager.call<{ id: string }>("POST", "/api/v1/vehicles", {
      name: plate,
      plate,
      vehicleTypeId: typeId,
      commissionedOn: "2026-06-01",
      commissionedOdometerKm: 10_000,
    })
  ).body.id
const newTask = (vehicleId: string, body: Record<string, unknown> = {}) =>
  manager.call<Task>("POST", "/api/v1/maintenance/tasks", {
    vehicleId,
    name: "Clutch repair",
    status: "scheduled",
    ...body,
  })
const move = (api: ApiClient, id: string, status: string) =>
  api.call<Task & { error?: { code: string } }>("POST", `/api/v1/maintenance/tasks/${id}/move`, { status })
const complete = (api: ApiClient, id: string, body: Record<string, unknown>) =>
  api.call<Task>("POST", `/api/v1/maintenance/tasks/${id}/complete`, body)
const serviceExpenses = async (vehicleId: string) =>
  (
    await manager.call<{ items: Expense[] }>(
      "GET",
      `/api/v1/expenses?vehicleId=${vehicleId}&category=service`,
    )
  ).body.items

beforeAll(async () => {
  h = await startHarness()
  await createUser(h.fleet, await demoOrgId(h.fleet), "manager", "fleet.manager@demo.example", DEMO_PASSWORD)
  manager = await login(h.fleet, "fleet.manager@demo.example", DEMO_PASSWORD)
  const other = await createOrg(h.fleet, "maint-other", DEMO_PASSWORD)
  stranger = await login(h.fleet, other.email, DEMO_PASSWORD)
  typeId = (await manager.call<{ id: string }>("POST", "/api/v1/vehicle-types", { name: "Workshop van" }))
    .body.id
  const template = await manager.call<{ id: string }>("POST", "/api/v1/maintenance/templates", {
    name: "Oil change",
    vehicleTypeId: typeId,
    everyKm: 10_000,
  })
  expect(template.status).toBe(201)
  templateId = template.body.id
})
afterAll(async () => {
  await h?.close()
})

describe("the maintenance workflow", () => {
  it("moves a task scheduled → in progress → back → in progress and refuses illegal moves (409)", async () => {
    const v = await vehicle("WF 001")
    const created = await newTask(v, { dueDate: "2026-12-20" })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ status: "scheduled", templateId: null, name: "Clutch repair" })
    const id = created.body.id

    expect((await move(manager, id, "scheduled")).status).toBe(409)
    const started = await move(manager, id, "in_progress")
    expect(started.status).toBe(200)
    expect(started.body.status).toBe("in_progress")
    expect(started.body.startedAt).not.toBeNull()
    expect((await move(manager, id, "in_progress")).body.error?.code).toBe("FLEET_MAINTENANCE_MOVE_ILLEGAL")
    expect((await move(manager, id, "scheduled")).body).toMatchObject({
      status: "scheduled",
      startedAt: null,
    })
    expect((await move(manager, id, "in_progress")).status).toBe(200)

    const admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    const moves = await admin.call<{ items: Array<{ action: string }> }>(
      "GET",
      `/api/v1/audit?entityId=${id}`,
    )
    expect(moves.status).toBe(200)
    expect(moves.body.items.map((a) => a.action).sort()).toEqual([
      "maintenance-task.create",
      "maintenance-task.move",
      "maintenance-task.move",
      "maintenance-task.move",
    ])

    const cancelled = await move(manager, id, "cancelled")
    expect(cancelled.body.status).toBe("cancelled")
    for (const to of ["scheduled", "in_progress", "cancelled"])
      expect((await move(manager, id, to)).status).toBe(409)
    expect((await complete(manager, id, { odometerKm: 11_000, completedOn: "2026-12-01" })).status).toBe(409)
  })

  it("completing records vendor and parts and creates exactly one linked service expense", async () => {
    const v = await vehicle("WF 002")
    const id = (await newTask(v, { status: "in_progress" })).body.id
    const done = await complete(manager, id, {
      odometerKm: 12_345,
      completedOn: "2026-11-30",
      cost: "52000.00",
      currency: "KZT",
      vendor: "AutoService Almaty",
      parts: [
        { name: "Clutch kit", quantity: 1, cost: "38000.00" },
        { name: "Gear oil, l", quantity: 2.5, cost: null },
      ],
      notes: "Flywheel checked",
    })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({
      status: "completed",
      completedOdometerKm: 12_345,
      cost: "52000.00",
      currency: "KZT",
      vendor: "AutoService Almaty",
      parts: [
        { name: "Clutch kit", quantity: 1, cost: "38000.00" },
        { name: "Gear oil, l", quantity: 2.5, cost: null },
      ],
    })
    const expenses = await serviceExpenses(v)
    expect(expenses).toHaveLength(1)
    expect(expenses[0]).toMatchObject({
      id: done.body.expenseId,
      amount: "52000.00",
      currency: "KZT",
      date: "2026-11-30",
      vendor: "AutoService Almaty",
      description: "Clutch repair",
    })
    expect(
      (await complete(manager, id, { odometerKm: 12_400, completedOn: "2026-11-30", cost: "1.00" })).status,
    ).toBe(409)
    expect(await serviceExpenses(v)).toHaveLength(1)
    expect((await manager.call<Task>("GET", `/api/v1/maintenance/tasks/${id}`)).body.expenseId).toBe(
      done.body.expenseId,
    )
  })

  it("refuses a service at an odometer below what the vehicle had shown by that day, in the caller's language", async () => {
    const v = await vehicle("WF 010")
    const reading = await manager.call("POST", `/api/v1/vehicles/${v}/odometer-readings`, {
      valueKm: 19_620,
      at: "2026-11-20T08:00:00Z",
    })
    expect(reading.status).toBe(201)
    await planMaintenance(h.fleet.db.system, "2026-11-25")
    const planned = (
      await manager.call<{ items: Task[] }>("GET", `/api/v1/maintenance/tasks?vehicleId=${v}&status=waiting`)
    ).body.items
    expect(planned.map((t) => t.templateId)).toEqual([templateId])
    const id = planned[0]?.id as string
    // A digit dropped: 1,962 km for 19,620 would count the next oil change from 1,962 km.
    const typo = await manager.call<{ error: { code: string; field: string; message: string } }>(
      "POST",
      `/api/v1/maintenance/tasks/${id}/complete`,
      { odometerKm: 1_962, completedOn: "2026-11-25", cost: "9000.00" },
    )
    expect(typo.status).toBe(400)
    expect(typo.body.error).toMatchObject({
      code: "FLEET_MAINTENANCE_COMPLETION_INVALID",
      field: "odometerKm",
    })
    expect(typo.body.error.message).toMatch(/19[,\s\u00a0]?620 km/u)
    // In the caller's own language (a session signed in after choosing it).
    expect((await manager.call("PATCH", "/api/v1/me", { locale: "ru" })).status).toBe(200)
    const russian = await login(h.fleet, "fleet.manager@demo.example", DEMO_PASSWORD)
    expect((await manager.call("PATCH", "/api/v1/me", { locale: "en" })).status).toBe(200)
    const ru = await russian.call<{ error: { message: string } }>(
      "POST",
      `/api/v1/maintenance/tasks/${id}/complete`,
      { odometerKm: 1_962, completedOn: "2026-11-25" },
    )
    expect(ru.body.error.message).toContain("пробега этой машины")
    expect((await manager.call<Task>("GET", `/api/v1/maintenance/tasks/${id}`)).body.status).toBe("scheduled")
    expect(await serviceExpenses(v)).toHaveLength(0)
    // A service recorded for a day before the reading may be below it.
    const earlier = await complete(manager, id, { odometerKm: 18_900, completedOn: "2026-11-10" })
    expect(earlier.status).toBe(200)
    expect(earlier.body.completedOdometerKm).toBe(18_900)
  })

  it("takes the cost from the parts when no total is given, and makes no expense without a cost", async () => {
    const v = await vehicle("WF 003")
    const priced = (await newTask(v)).body.id
    const done = await complete(manager, priced, {
      odometerKm: 13_000,
      completedOn: "2026-11-29",
      parts: [
        { name: "Brake pads", quantity: 4, cost: "12000.50" },
        { name: "Brake discs", quantity: 2, cost: "30000" },
      ],
    })
    expect(done.body).toMatchObject({ cost: "42000.50", currency: "KZT" })
    expect((await serviceExpenses(v)).map((e) => e.amount)).toEqual(["42000.50"])

    const free = (await newTask(v, { name: "Warranty check" })).body.id
    const warranty = await complete(manager, free, { odometerKm: 13_100, completedOn: "2026-11-30" })
    expect(warranty.body).toMatchObject({ status: "completed", cost: null, expenseId: null })
    expect(await serviceExpenses(v)).toHaveLength(1)
  })

  it("records an unplanned repair completed at once, with its expense", async () => {
    const v = await vehicle("WF 004")
    expect((await newTask(v, { status: "completed" })).status).toBe(400)
    const repair = await newTask(v, {
      name: "Windscreen replacement",
      status: "completed",
      service: { odometerKm: 10_500, completedOn: "2026-11-28", cost: "95000", vendor: "Glass Pro" },
    })
    expect(repair.status).toBe(201)
    expect(repair.body).toMatchObject({
      status: "completed",
      templateId: null,
      cost: "95000.00",
      vendor: "Glass Pro",
    })
    expect((await serviceExpenses(v)).map((e) => e.id)).toEqual([repair.body.expenseId])
  })

  it("keeps one open task per plan while a service is in progress", async () => {
    const v = await vehicle("WF 005")
    await manager.call("POST", `/api/v1/vehicles/${v}/odometer-readings`, {
      valueKm: 19_800,
      at: "2026-11-01T08:00:00Z",
    })
    await planMaintenance(h.fleet.db.system, "2026-11-01")
    const open = async () =>
      (await manager.call<{ items: Task[] }>("GET", `/api/v1/maintenance/tasks?vehicleId=${v}&status=open`))
        .body.items
    const [planned] = await open()
    expect(planned).toMatchObject({ templateId, status: "scheduled" })
    expect((await move(manager, planned?.id as string, "in_progress")).status).toBe(200)
    await planMaintenance(h.fleet.db.system, "2026-11-02")
    expect((await open()).map((t) => [t.id, t.status])).toEqual([[planned?.id, "in_progress"]])
  })

  it("edits and retires templates; retiring cancels its scheduled tasks", async () => {
    const created = await manager.call<{ id: string }>("POST", "/api/v1/maintenance/templates", {
      name: "Tyres",
      vehicleTypeId: typeId,
      everyMonths: 6,
    })
    const id = created.body.id
    const edited = await manager.call("PATCH", `/api/v1/maintenance/templates/${id}`, {
      name: "Seasonal tyres",
      everyKm: 20_000,
    })
    expect(edited.body).toMatchObject({ name: "Seasonal tyres", everyKm: 20_000, everyMonths: 6 })
    expect(
      (
        await manager.call("PATCH", `/api/v1/maintenance/templates/${id}`, {
          everyKm: null,
          everyMonths: null,
        })
      ).status,
    ).toBe(400)
    const v = await vehicle("WF 006")
    await planMaintenance(h.fleet.db.system, "2027-06-01")
    const tyres = (
      await manager.call<{ items: Task[] }>("GET", `/api/v1/maintenance/tasks?vehicleId=${v}&q=tyres`)
    ).body.items
    expect(tyres.map((t) => t.status)).toEqual(["overdue"])
    expect((await manager.call("DELETE", `/api/v1/maintenance/templates/${id}`)).status).toBe(204)
    expect((await manager.call<Task>("GET", `/api/v1/maintenance/tasks/${tyres[0]?.id}`)).body.status).toBe(
      "cancelled",
    )
    expect((await manager.call("DELETE", `/api/v1/maintenance/templates/${id}`)).status).toBe(404)
    const listed = await manager.call<{ items: Array<{ id: string }> }>(
      "GET",
      "/api/v1/maintenance/templates",
    )
    expect(listed.body.items.map((t) => t.id)).not.toContain(id)
  })

  it("answers another organisation's task and template ids as not found", async () => {
    const v = await vehicle("WF 007")
    const id = (await newTask(v)).body.id
    expect((await stranger.call("GET", `/api/v1/maintenance/tasks/${id}`)).status).toBe(404)
    expect((await move(stranger, id, "in_progress")).status).toBe(404)
    expect((await complete(stranger, id, { odometerKm: 1, completedOn: "2026-11-30" })).status).toBe(404)
    expect(
      (await stranger.call("PATCH", `/api/v1/maintenance/templates/${templateId}`, { name: "x" })).status,
    ).toBe(404)
    expect((await stranger.call("DELETE", `/api/v1/maintenance/templates/${templateId}`)).status).toBe(404)
    const foreign = await stranger.call("POST", "/api/v1/maintenance/tasks", {
      vehicleId: v,
      name: "Not mine",
      status: "scheduled",
    })
    expect(foreign.status).toBe(422)
    expect((await manager.call<Task>("GET", `/api/v1/maintenance/tasks/${id}`)).body.status).toBe("scheduled")
  })
})
