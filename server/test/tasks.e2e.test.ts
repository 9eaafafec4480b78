import { hashSecret } from "@fleetcore/platform"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  DEMO_PASSWORD,
  demoOrgId,
  eventually,
  type Harness,
  login,
  type Provisioned,
  provision,
  publishPoints,
  startHarness,
} from "./harness.js"

interface TaskBody {
  id: string
  status: string
  statusLabel: string
  closed: boolean
  next: Array<{ from: string; to: string }>
  error?: { code: string; field: string | null; message: string }
}
interface EventBody {
  kind: string
  actorName: string | null
  cause: { alertId: string; alertType: string; geofenceName: string | null } | null
  fromStatus: string | null
  toStatus: string | null
}
interface ErrorBody {
  error: { code: string; field: string | null; message: string; detail?: string }
}

const VISIT = {
  name: "Site visit",
  defaultPriority: "high",
  defaultDurationMinutes: 120,
  states: [
    { key: "created", label: "Created", initial: true },
    { key: "in_progress", label: "In progress" },
    { key: "on_site", label: "On site" },
    { key: "completed", label: "Completed", final: true },
    { key: "cancelled", label: "Cancelled", final: true },
  ],
  transitions: [
    { from: "created", to: "in_progress" },
    { from: "in_progress", to: "on_site" },
    { from: "on_site", to: "completed", requires: { photo: true, checklist: ["Seal checked"] } },
    { from: "created", to: "cancelled", requires: { comment: true } },
  ],
  triggers: [{ on: "geofence_enter", to: "on_site" }],
}
const ring: Array<[number, number]> = [
  [43.7, 77.7],
  [43.7, 77.72],
  [43.72, 77.72],
  [43.72, 77.7],
]

let h: Harness
let admin: ApiClient
let driver: ApiClient
let other: ApiClient
let van: Provisioned
let otherVan: Provisioned
let driverId: string
let templateId: string
let fenceId: string

const upload = async (
  api: ApiClient,
  taskId: string,
): Promise<{ status: number; id: string | undefined }> => {
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3080c0" } })
    .jpeg()
    .toBuffer()
  const form = new FormData()
  form.append("entityType", "task")
  form.append("entityId", taskId)
  form.append("kind", "photo")
  form.append("files", new Blob([photo], { type: "image/jpeg" }), "seal.jpg")
  const res = await fetch(`${h.fleet.httpUrl}/api/v1/documents`, {
    method: "POST",
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  })
  const body = (await res.json()) as { items?: Array<{ id: string }> }
  return { status: res.status, id: body.items?.[0]?.id }
}

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const org = await createOrg(h.fleet, "tasks-other", "tasks-other-password-1")
  other = await login(h.fleet, org.email, "tasks-other-password-1")
  van = await provision(admin, "task-van-1", "TSK 001")
  otherVan = await provision(admin, "task-van-2", "TSK 002")
  driverId = (
    await h.fleet.db.system.query<{ id: string }>(
      `WITH u AS (INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'task.driver@demo.example', 'Task Driver', $2, 'driver') RETURNING id, org_id, name)
       INSERT INTO drivers (id, org_id, user_id, full_name) SELECT id, org_id, id, name FROM u RETURNING id`,
      [await demoOrgId(h.fleet), await hashSecret("task-driver-password")],
    )
  ).rows[0]?.id as string
  const assigned = await admin.call("POST", `/api/v1/vehicles/${van.vehicleId}/assignments`, {
    driverId,
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
  })
  expect(assigned.status).toBe(201)
  driver = await login(h.fleet, "task.driver@demo.example", "task-driver-password")
  const fence = await admin.call<{ id: string }>("POST", "/api/v1/geofences", {
    name: "Customer yard",
    kind: "polygon",
    ring,
    dwellS: 0,
  })
  expect(fence.status).toBe(201)
  fenceId = fence.body.id
})
afterAll(async () => {
  await h?.close()
})

describe("task templates", () => {
  it("refuses a machine whose transition names an undeclared state, naming the field", async () => {
    const bad = { ...VISIT, transitions: [...VISIT.transitions, { from: "on_site", to: "left_site" }] }
    const res = await admin.call<ErrorBody>("POST", "/api/v1/task-templates", bad)
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({
      code: "FLEET_TASK_TEMPLATE_INVALID",
      field: "transitions[4].to",
      message: 'transitions[4].to: state "left_site" is not declared',
      detail: 'state "left_site" is not declared',
    })
  })

  it("stores a valid workflow, which a driver may not define", async () => {
    expect((await driver.call("POST", "/api/v1/task-templates", VISIT)).status).toBe(403)
    const res = await admin.call<{ id: string; triggers: unknown }>("POST", "/api/v1/task-templates", VISIT)
    expect(res.status).toBe(201)
    expect(res.body.triggers).toEqual(VISIT.triggers)
    templateId = res.body.id
  })
})

describe("changing and retiring a template", () => {
  it("refuses a new workflow that drops the state an open task is in, and hides a retired template", async () => {
    const made = await admin.call<{ id: string }>("POST", "/api/v1/task-templates", {
      ...VISIT,
      name: "Short-lived",
    })
    const task = await admin.call<TaskBody>("POST", "/api/v1/tasks", {
      templateId: made.body.id,
      title: "Stranded?",
    })
    expect(
      (await admin.call("POST", `/api/v1/tasks/${task.body.id}/transitions`, { to: "in_progress" })).status,
    ).toBe(200)
    const shorter = {
      ...VISIT,
      name: "Short-lived",
      states: VISIT.states.filter((s) => s.key !== "in_progress"),
      transitions: [
        { from: "created", to: "on_site" },
        { from: "on_site", to: "completed" },
      ],
    }
    const refused = await admin.call<ErrorBody>("PUT", `/api/v1/task-templates/${made.body.id}`, shorter)
    expect(refused.status).toBe(422)
    expect(refused.body.error).toMatchObject({
      code: "FLEET_TASK_TEMPLATE_INVALID",
      field: "states",
      detail: 'open tasks are in state "in_progress", which the workflow no longer declares',
    })
    expect((await admin.call("DELETE", `/api/v1/task-templates/${made.body.id}`)).status).toBe(204)
    expect((await admin.call("GET", `/api/v1/task-templates/${made.body.id}`)).status).toBe(404)
    const fromRetired = await admin.call<ErrorBody>("POST", "/api/v1/tasks", {
      templateId: made.body.id,
      title: "x",
    })
    expect(fromRetired.body.error).toMatchObject({ code: "FLEET_REFERENCE_NOT_FOUND", field: "templateId" })
    // The task keeps its workflow.
    const kept = await admin.call<TaskBody>("GET", `/api/v1/tasks/${task.body.id}`)
    expect(kept.body.next.map((t) => t.to)).toEqual(["on_site"])
  })
})

describe("tasks through their workflow", () => {
  it("refuses an illegal transition with 409 naming the allowed states, and a missing requirement with 422", async () => {
    const task = await admin.call<TaskBody>("POST", "/api/v1/tasks", { templateId, title: "Check the seal" })
    expect(task.status).toBe(201)
    expect(task.body).toMatchObject({ status: "created", statusLabel: "Created", closed: false })
    const illegal = await admin.call<ErrorBody>("POST", `/api/v1/tasks/${task.body.id}/transitions`, {
      to: "completed",
    })
    expect(illegal.status).toBe(409)
    expect(illegal.body.error).toMatchObject({
      code: "FLEET_TASK_TRANSITION_INVALID",
      field: "to",
      message: 'a task in "created" cannot move to "completed"; allowed: in_progress, cancelled',
    })
    const bare = await admin.call<ErrorBody>("POST", `/api/v1/tasks/${task.body.id}/transitions`, {
      to: "cancelled",
    })
    expect(bare.status).toBe(422)
    expect(bare.body.error).toMatchObject({ code: "FLEET_TASK_REQUIREMENT_MISSING", field: "comment" })
    const cancelled = await admin.call<TaskBody>("POST", `/api/v1/tasks/${task.body.id}/transitions`, {
      to: "cancelled",
      comment: "Customer called it off",
    })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body).toMatchObject({ status: "cancelled", closed: true, next: [] })
  })

  it("runs an ad hoc task open → in_progress → done", async () => {
    const task = await admin.call<TaskBody>("POST", "/api/v1/tasks", {
      title: "Wash the van",
      priority: "low",
    })
    expect(task.body.status).toBe("open")
    expect(task.body.next.map((t) => t.to)).toEqual(["in_progress", "cancelled"])
    for (const to of ["in_progress", "done"])
      expect((await admin.call("POST", `/api/v1/tasks/${task.body.id}/transitions`, { to })).status).toBe(200)
    const open = await admin.call<{ items: Array<{ id: string }> }>("GET", "/api/v1/tasks?status=open")
    expect(open.body.items.map((t) => t.id)).not.toContain(task.body.id)
  })

  it("keeps a driver to the tasks of their vehicle and another organisation out", async () => {
    const mine = await admin.call<TaskBody>("POST", "/api/v1/tasks", {
      title: "Mine",
      vehicleId: van.vehicleId,
    })
    const theirs = await admin.call<TaskBody>("POST", "/api/v1/tasks", {
      title: "Theirs",
      vehicleId: otherVan.vehicleId,
    })
    const listed = await driver.call<{ items: Array<{ id: string }> }>("GET", "/api/v1/tasks")
    expect(listed.body.items.map((t) => t.id)).toContain(mine.body.id)
    expect(listed.body.items.map((t) => t.id)).not.toContain(theirs.body.id)
    expect((await driver.call("GET", `/api/v1/tasks/${theirs.body.id}`)).status).toBe(404)
    expect(
      (await driver.call("POST", `/api/v1/tasks/${theirs.body.id}/transitions`, { to: "in_progress" }))
        .status,
    ).toBe(404)
    expect((await other.call("GET", `/api/v1/tasks/${mine.body.id}`)).status).toBe(404)
    const foreign = await other.call<ErrorBody>("POST", "/api/v1/tasks", {
      title: "x",
      vehicleId: van.vehicleId,
    })
    expect(foreign.body.error).toMatchObject({ code: "FLEET_REFERENCE_NOT_FOUND", field: "vehicleId" })
  })

  it("moves the task on site when the vehicle enters its fence (a real MQTT publish), then the driver completes it with a photo", async () => {
    const task = await admin.call<TaskBody>("POST", "/api/v1/tasks", {
      templateId,
      title: "Deliver the pump",
      vehicleId: van.vehicleId,
      driverId,
      assigneeUserId: driverId,
      geofenceId: fenceId,
    })
    expect(
      (await driver.call("POST", `/api/v1/tasks/${task.body.id}/transitions`, { to: "in_progress" })).status,
    ).toBe(200)
    const t0 = Date.now() - 120_000
    await publishPoints(
      h.fleet,
      van,
      Array.from({ length: 10 }, (_, i) => ({
        timeMs: t0 + i * 5000,
        ...(i < 3 ? { lat: 43.69, lon: 77.71 } : { lat: 43.71, lon: 77.71 }),
        speedMps: 3,
      })),
    )
    const moved = await eventually(
      async () => {
        const r = await driver.call<TaskBody>("GET", `/api/v1/tasks/${task.body.id}`)
        return r.body.status === "on_site" ? r.body : undefined
      },
      20_000,
      "the task to move on site",
    )
    expect(moved.next.map((t) => t.to)).toEqual(["completed"])

    const noPhoto = await driver.call<ErrorBody>("POST", `/api/v1/tasks/${task.body.id}/transitions`, {
      to: "completed",
      checklist: ["Seal checked"],
    })
    expect(noPhoto.body.error).toMatchObject({ code: "FLEET_TASK_REQUIREMENT_MISSING", field: "photo" })
    const photo = await upload(driver, task.body.id)
    expect(photo.status).toBe(201)
    const done = await driver.call<TaskBody>("POST", `/api/v1/tasks/${task.body.id}/transitions`, {
      to: "completed",
      checklist: ["Seal checked"],
      attachmentIds: [photo.id],
    })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ status: "completed", closed: true })

    const history = await admin.call<{ items: EventBody[] }>("GET", `/api/v1/tasks/${task.body.id}/events`)
    const steps = history.body.items.map((e) => [e.kind, e.toStatus, e.actorName, e.cause?.alertType ?? null])
    expect(steps).toEqual([
      ["created", "created", "Demo Admin", null],
      ["assignment", null, "Demo Admin", null],
      ["status_change", "in_progress", "Task Driver", null],
      ["status_change", "on_site", null, "geofence_enter"],
      ["attachment", null, "Task Driver", null],
      ["status_change", "completed", "Task Driver", null],
    ])
    expect(history.body.items[3]?.cause?.geofenceName).toBe("Customer yard")
  })
})

describe("telling a task's people", () => {
  interface Inbox {
    items: Array<{ type: string; title: string; body: string; link: string | null }>
  }
  const inbox = async (api: ApiClient, link: string) =>
    (await api.call<Inbox>("GET", "/api/v1/notifications")).body.items.filter((n) => n.link === link)

  it("tells the assignee and the team's drivers of an assignment, each by their preferences, then of the due time coming and gone, once each", async () => {
    const team = await admin.call<{ id: string }>("POST", "/api/v1/teams", { name: "Pump crew" })
    expect(team.status).toBe(201)
    expect((await admin.call("PATCH", `/api/v1/drivers/${driverId}`, { teamId: team.body.id })).status).toBe(
      200,
    )
    const mateId = (
      await h.fleet.db.system.query<{ id: string }>(
        `WITH u AS (INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'task.mate@demo.example', 'Task Mate', $2, 'driver') RETURNING id, org_id, name)
         INSERT INTO drivers (id, org_id, user_id, full_name, team_id) SELECT id, org_id, id, name, $3 FROM u RETURNING id`,
        [await demoOrgId(h.fleet), await hashSecret("task-mate-password"), team.body.id],
      )
    ).rows[0]?.id as string
    const mate = await login(h.fleet, "task.mate@demo.example", "task-mate-password")
    // The mate wants to hear of deadlines in the app, not of assignments.
    const prefs = await mate.call("PUT", "/api/v1/notifications/preferences", {
      inAppTypes: ["task_due_soon", "task_overdue"],
      emailEnabled: false,
      emailTypes: null,
      telegramEnabled: false,
      telegramChatId: null,
      telegramTypes: null,
      quietFrom: null,
      quietTo: null,
    })
    expect(prefs.status).toBe(200)

    const soon = await admin.call<TaskBody>("POST", "/api/v1/tasks", {
      title: "Swap the pump",
      teamId: team.body.id,
      dueAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    })
    const late = await admin.call<TaskBody>("POST", "/api/v1/tasks", {
      title: "Return the old pump",
      assigneeUserId: mateId,
      dueAt: new Date(Date.now() - 60_000).toISOString(),
    })
    expect([soon.status, late.status]).toEqual([201, 201])
    // A team's task is the team's drivers' to see.
    expect((await mate.call("GET", `/api/v1/tasks/${soon.body.id}`)).status).toBe(200)

    const driverSoon = await eventually(
      async () => {
        const got = await inbox(driver, `/tasks/${soon.body.id}`)
        return got.length === 2 ? got : undefined
      },
      20_000,
      "the driver's assignment and due-soon notifications",
    )
    expect(driverSoon.map((n) => n.type).sort()).toEqual(["task_assigned", "task_due_soon"])
    expect(driverSoon.find((n) => n.type === "task_assigned")?.title).toBe("Task for you: Swap the pump")
    const mateLate = await eventually(
      async () => {
        const got = await inbox(mate, `/tasks/${late.body.id}`)
        return got.some((n) => n.type === "task_overdue") ? got : undefined
      },
      20_000,
      "the mate's overdue notification",
    )
    // Assigned to the mate, who does not want assignments in the app; the overdue notice only.
    expect(mateLate.map((n) => n.type)).toEqual(["task_overdue"])
    expect(mateLate[0]?.body).toMatch(/and is still Open\.$/u)
    expect((await inbox(mate, `/tasks/${soon.body.id}`)).map((n) => n.type)).toEqual(["task_due_soon"])
    // The admin made the assignments and is told of none; the other task's people are not told either.
    expect(await inbox(admin, `/tasks/${soon.body.id}`)).toEqual([])
    expect(await inbox(driver, `/tasks/${late.body.id}`)).toEqual([])

    // Raised once per due time: a later scan tells nobody again; a new due time tells again.
    const raised = await h.fleet.db.system.query<{ n: string }>(
      "SELECT count(*) AS n FROM notification_events WHERE link = $1",
      [`/tasks/${soon.body.id}`],
    )
    expect(Number(raised.rows[0]?.n)).toBe(2)
    await admin.call("PATCH", `/api/v1/tasks/${soon.body.id}`, {
      dueAt: new Date(Date.now() - 1_000).toISOString(),
    })
    await eventually(
      async () => ((await inbox(driver, `/tasks/${soon.body.id}`)).length === 3 ? true : undefined),
      20_000,
      "the overdue notice of the new due time",
    )
  })
})

describe("more telemetry triggers", () => {
  it("moves a task when the ignition has been off in its fence for the trigger's minutes, and opens a repair task when a DTC appears, each naming its cause", async () => {
    const dropOff = await admin.call<{ id: string }>("POST", "/api/v1/task-templates", {
      name: "Drop-off",
      states: [
        { key: "created", label: "Created", initial: true },
        { key: "unloading", label: "Unloading" },
        { key: "done", label: "Done", final: true },
      ],
      transitions: [
        { from: "created", to: "unloading" },
        { from: "unloading", to: "done" },
      ],
      triggers: [{ on: "ignition_off", to: "unloading", minutes: 5 }],
    })
    const repair = await admin.call<{ id: string }>("POST", "/api/v1/task-templates", {
      name: "Fault repair",
      defaultDurationMinutes: 480,
      states: [
        { key: "reported", label: "Reported", initial: true },
        { key: "fixed", label: "Fixed", final: true },
      ],
      transitions: [{ from: "reported", to: "fixed" }],
      triggers: [{ on: "dtc", to: "reported" }],
    })
    expect([dropOff.status, repair.status]).toEqual([201, 201])
    const task = await admin.call<TaskBody>("POST", "/api/v1/tasks", {
      templateId: dropOff.body.id,
      title: "Drop the pallets",
      vehicleId: otherVan.vehicleId,
      geofenceId: fenceId,
    })
    // Outside with the engine running, then parked in the yard with the ignition off from 20 min ago.
    const t0 = Date.now() - 24 * 60_000
    await publishPoints(
      h.fleet,
      otherVan,
      Array.from({ length: 12 }, (_, i) => ({
        timeMs: t0 + i * 60_000,
        ...(i < 3 ? { lat: 43.69, lon: 77.71 } : { lat: 43.71, lon: 77.71 }),
        speedMps: i < 4 ? 3 : 0,
        ignition: i < 4,
        ...(i === 11 ? { dtc: ["P0301"] } : {}),
      })),
    )
    const moved = await eventually(
      async () => {
        const r = await admin.call<TaskBody>("GET", `/api/v1/tasks/${task.body.id}`)
        return r.body.status === "unloading" ? r.body : undefined
      },
      25_000,
      "the ignition trigger to move the task",
    )
    expect(moved.closed).toBe(false)
    const history = await admin.call<{
      items: Array<EventBody & { cause: { minutes: number | null } | null }>
    }>("GET", `/api/v1/tasks/${task.body.id}/events`)
    expect(history.body.items.at(-1)).toMatchObject({
      kind: "status_change",
      fromStatus: "created",
      toStatus: "unloading",
      actorName: null,
      cause: { alertId: null, alertType: "ignition_off", geofenceName: "Customer yard", minutes: 5 },
    })

    const opened = await admin.call<{ items: Array<TaskBody & { title: string; vehicleId: string }> }>(
      "GET",
      `/api/v1/tasks?templateId=${repair.body.id}`,
    )
    expect(opened.body.items.map((t) => [t.title, t.status, t.vehicleId])).toEqual([
      ["Fault repair: P0301", "reported", otherVan.vehicleId],
    ])
    const repairHistory = await admin.call<{
      items: Array<EventBody & { cause: { code: string | null } | null }>
    }>("GET", `/api/v1/tasks/${opened.body.items[0]?.id}/events`)
    expect(repairHistory.body.items).toHaveLength(1)
    expect(repairHistory.body.items[0]).toMatchObject({
      kind: "created",
      toStatus: "reported",
      cause: { alertType: "dtc", code: "P0301" },
    })
    // The repair has no assignee nor team: the office hears of it, as of any new task.
    await expect
      .poll(
        async () =>
          (
            await admin.call<{ items: Array<{ title: string; link: string | null }> }>(
              "GET",
              "/api/v1/notifications?type=task_assigned",
            )
          ).body.items.map((n) => [n.title, n.link]),
        { timeout: 15_000, interval: 200 },
      )
      .toContainEqual([
        "New task, assigned to nobody: Fault repair: P0301",
        `/tasks/${opened.body.items[0]?.id}`,
      ])
    // Another code while the repair is open opens nothing more.
    await publishPoints(h.fleet, otherVan, [
      { timeMs: t0 + 12 * 60_000, lat: 43.71, lon: 77.71, ignition: false, dtc: ["P0301", "P0420"] },
    ])
    await eventually(
      async () => {
        const a = await admin.call<{ items: Array<{ key: string }> }>(
          "GET",
          `/api/v1/alerts?vehicleId=${otherVan.vehicleId}&type=dtc`,
        )
        return a.body.items?.some((x) => x.key === "P0420") ? true : undefined
      },
      15_000,
      "the second DTC alert",
    )
    const still = await admin.call<{ total: number }>("GET", `/api/v1/tasks?templateId=${repair.body.id}`)
    expect(still.body.total).toBe(1)
  })

  it("refuses an ignition trigger without its minutes, naming the field", async () => {
    const res = await admin.call<ErrorBody>("POST", "/api/v1/task-templates", {
      ...VISIT,
      name: "No minutes",
      triggers: [{ on: "ignition_off", to: "on_site" }],
    })
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({
      code: "FLEET_TASK_TEMPLATE_INVALID",
      field: "triggers[0].minutes",
    })
  })
})

describe("a vehicle's second visit to a fence", () => {
  // One open alert per vehicle, type and fence: a re-entry while the first entry's alert is still
  // open (nobody resolves an info alert) bumps that alert instead of opening another one.
  it("moves the tasks made after the first visit: on site at the re-entry, unloading after the ignition is off inside", async () => {
    const truck = await provision(admin, "task-van-3", "WHG 301")
    const fence = await admin.call<{ id: string }>("POST", "/api/v1/geofences", {
      name: "Warehouse gate",
      kind: "polygon",
      ring: [
        [43.8, 77.8],
        [43.8, 77.82],
        [43.82, 77.82],
        [43.82, 77.8],
      ],
      dwellS: 0,
      alertOn: "both",
    })
    const visit = await admin.call<{ id: string }>("POST", "/api/v1/task-templates", {
      ...VISIT,
      name: "Warehouse visit",
    })
    const dropOff = await admin.call<{ id: string }>("POST", "/api/v1/task-templates", {
      name: "Warehouse drop-off",
      states: [
        { key: "created", label: "Created", initial: true },
        { key: "unloading", label: "Unloading" },
        { key: "done", label: "Done", final: true },
      ],
      transitions: [
        { from: "created", to: "unloading" },
        { from: "unloading", to: "done" },
      ],
      triggers: [{ on: "ignition_off", to: "unloading", minutes: 2 }],
    })
    expect([fence.status, visit.status, dropOff.status]).toEqual([201, 201, 201])
    const outside = { lat: 43.79, lon: 77.81 }
    const inside = { lat: 43.81, lon: 77.81 }
    // The first visit: in and out again, the engine running, before any task exists.
    const t0 = Date.now() - 40 * 60_000
    await publishPoints(
      h.fleet,
      truck,
      Array.from({ length: 9 }, (_, i) => ({
        timeMs: t0 + i * 60_000,
        ...(i >= 3 && i < 6 ? inside : outside),
        speedMps: 3,
        ignition: true,
      })),
    )
    const alertTypes = async () =>
      (
        await admin.call<{ items: Array<{ type: string; status: string }> }>(
          "GET",
          `/api/v1/alerts?vehicleId=${truck.vehicleId}`,
        )
      ).body.items
        .map((a) => `${a.type}:${a.status}`)
        .sort()
    await eventually(
      async () => ((await alertTypes()).includes("geofence_exit:open") ? true : undefined),
      20_000,
      "the first visit's exit",
    )
    const onSite = await admin.call<TaskBody>("POST", "/api/v1/tasks", {
      templateId: visit.body.id,
      title: "Collect the returns",
      vehicleId: truck.vehicleId,
      geofenceId: fence.body.id,
    })
    const unload = await admin.call<TaskBody>("POST", "/api/v1/tasks", {
      templateId: dropOff.body.id,
      title: "Unload the pallets",
      vehicleId: truck.vehicleId,
      geofenceId: fence.body.id,
    })
    expect([onSite.body.status, unload.body.status]).toEqual(["created", "created"])

    // The second visit: back in, then parked with the ignition off from 20 minutes ago.
    const t1 = t0 + 15 * 60_000
    await publishPoints(
      h.fleet,
      truck,
      Array.from({ length: 12 }, (_, i) => ({
        timeMs: t1 + i * 60_000,
        ...(i < 2 ? outside : inside),
        speedMps: i < 3 ? 3 : 0,
        ignition: i < 4,
      })),
    )
    const statusOf = async (id: string) =>
      (await admin.call<TaskBody>("GET", `/api/v1/tasks/${id}`)).body.status
    await eventually(
      async () => ((await statusOf(onSite.body.id)) === "on_site" ? true : undefined),
      20_000,
      "the re-entry to move the task on site",
    )
    await eventually(
      async () => ((await statusOf(unload.body.id)) === "unloading" ? true : undefined),
      25_000,
      "the ignition trigger to move the task after the re-entry",
    )
    const history = await admin.call<{ items: EventBody[] }>("GET", `/api/v1/tasks/${onSite.body.id}/events`)
    expect(history.body.items.at(-1)).toMatchObject({
      kind: "status_change",
      fromStatus: "created",
      toStatus: "on_site",
      actorName: null,
      cause: { alertType: "geofence_enter", geofenceName: "Warehouse gate" },
    })
    // Still one alert per type and fence: the inbox is not flooded by visits.
    expect(await alertTypes()).toEqual(["geofence_enter:open", "geofence_exit:open"])
  })
})
