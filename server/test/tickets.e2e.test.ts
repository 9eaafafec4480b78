import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { seedTickets } from "../src/demo/demoTickets.js"
import {
  type ApiClient,
  createOrg,
  createUser,
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
 * Driver tickets over a real FleetCore: a driver raises one about their vehicle (its location from
 * the vehicle's last position after a real MQTT publish) with a photo; the office assigns,
 * comments and turns it into a repair in the service book; illegal moves are precise 409s; a driver
 * never sees another driver's ticket, and another organisation's ids are 404s.
 */
const PASSWORD = "tickets-e2e-password"

interface TicketEvent {
  id: string
  kind: string
  actorId: string | null
  fromStatus: string | null
  toStatus: string | null
  comment: string | null
  assigneeId: string | null
  documentId: string | null
  maintenanceTaskId: string | null
}
interface Ticket {
  id: string
  number: number
  type: string
  status: string
  vehicleId: string
  driverId: string | null
  raisedBy: string | null
  assigneeId: string | null
  lat: number | null
  lon: number | null
  locatedAt: string | null
  locationSource: string | null
  slaDueAt: string
  overdue: boolean
  maintenanceTaskId: string | null
  createdAt: string
  resolvedAt: string | null
  events: TicketEvent[]
  photos: Array<{ id: string; thumbnailUrl: string | null; entityType: string }>
}
interface ErrorBody {
  error: { code: string; message: string; field?: string }
}

let h: Harness
let admin: ApiClient
let manager: ApiClient
let driver: ApiClient
let otherDriver: ApiClient
let outsider: ApiClient
let managerId = ""
let driverUserId = ""
let driverRecord = ""
let van: Provisioned
let truck = ""
let foreignVehicle = ""
let ticket: Ticket
let orgId = ""

const sys = <R extends object = Record<string, unknown>>(text: string, values: unknown[] = []) =>
  h.fleet.db.system.query<R>(text, values)
const hours = (a: string, b: string) => (Date.parse(a) - Date.parse(b)) / 3_600_000

const uploadPhoto = async (api: ApiClient, ticketId: string) => {
  const png = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 40, b: 40 } },
  })
    .png()
    .toBuffer()
  const form = new FormData()
  form.append("entityType", "ticket")
  form.append("entityId", ticketId)
  form.append("kind", "photo")
  form.append("files", new Blob([png], { type: "image/png" }), "flat-tyre.png")
  const res = await fetch(`${h.fleet.httpUrl}/api/v1/documents`, {
    method: "POST",
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  })
  return { status: res.status, body: (await res.json()) as { items: Array<{ id: string }> } }
}

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  orgId = (await sys<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")).rows[0]
    ?.id as string
  managerId = await createUser(h.fleet, orgId, "manager", "manager@tickets.example", PASSWORD)
  driverUserId = await createUser(h.fleet, orgId, "driver", "driver@tickets.example", PASSWORD)
  const otherDriverUser = await createUser(h.fleet, orgId, "driver", "driver2@tickets.example", PASSWORD)
  manager = await login(h.fleet, "manager@tickets.example", PASSWORD)
  driver = await login(h.fleet, "driver@tickets.example", PASSWORD)
  otherDriver = await login(h.fleet, "driver2@tickets.example", PASSWORD)
  const other = await createOrg(h.fleet, "tickets-other", PASSWORD)
  outsider = await login(h.fleet, other.email, PASSWORD)

  van = await provision(admin, "ticket-van-1", "TKT 001")
  const truckMade = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", {
    name: "Ticket truck",
    plate: "TKT 002",
  })
  truck = truckMade.body.id
  foreignVehicle = (
    await outsider.call<{ id: string }>("POST", "/api/v1/vehicles", { name: "Foreign", plate: "TKT 999" })
  ).body.id
  const record = async (userId: string, name: string) =>
    (
      await sys<{ id: string }>(
        "INSERT INTO drivers (org_id, user_id, full_name) VALUES ($1, $2, $3) RETURNING id",
        [orgId, userId, name],
      )
    ).rows[0]?.id as string
  driverRecord = await record(driverUserId, "Aigerim Ticketova")
  const otherRecord = await record(otherDriverUser, "Berik Otherov")
  const startsAt = new Date(Date.now() - 86_400_000).toISOString()
  for (const [vehicleId, driverId] of [
    [van.vehicleId, driverRecord],
    [truck, otherRecord],
  ]) {
    const assigned = await admin.call("POST", `/api/v1/vehicles/${vehicleId}/assignments`, {
      driverId,
      startsAt,
    })
    expect(assigned.status).toBe(201)
  }
  // The van reports where it stands, over real MQTT: the ticket's location comes from here.
  await publishPoints(h.fleet, van, [
    { timeMs: Date.now() - 5_000, lat: 43.2385, lon: 76.9455, speedMps: 0, ignition: false },
  ])
  await eventually(
    async () =>
      (await sys("SELECT 1 FROM vehicle_state WHERE vehicle_id = $1", [van.vehicleId])).rowCount === 1
        ? true
        : undefined,
    20_000,
    "the van's last position",
  )
}, 120_000)

afterAll(async () => {
  await h?.close()
})

describe("a driver raises a ticket", () => {
  it("about their vehicle, located at the vehicle's last position, with a photo", async () => {
    const raised = await driver.call<Ticket>("POST", "/api/v1/tickets", {
      type: "breakdown",
      title: "Flat tyre on the ring road",
      description: "Front left tyre is flat, waiting on the shoulder.",
      vehicleId: van.vehicleId,
    })
    expect(raised.status).toBe(201)
    ticket = raised.body
    expect(ticket.status).toBe("open")
    // Numbered after the demo's own tickets, one per organisation.
    const numbers = await sys<{ n: number }>("SELECT max(number) AS n FROM tickets WHERE org_id = $1", [
      orgId,
    ])
    expect(ticket.number).toBe(numbers.rows[0]?.n)
    expect(ticket.driverId).toBe(driverRecord)
    expect(ticket.raisedBy).toBe(driverUserId)
    expect(ticket.locationSource).toBe("vehicle")
    expect(ticket.lat).toBeCloseTo(43.2385, 4)
    expect(ticket.lon).toBeCloseTo(76.9455, 4)
    // A breakdown's default SLA: 4 hours.
    expect(hours(ticket.slaDueAt, ticket.createdAt)).toBeCloseTo(4, 2)
    expect(ticket.events.map((e) => e.kind)).toEqual(["created"])

    const photo = await uploadPhoto(driver, ticket.id)
    expect(photo.status).toBe(201)
    const detail = await driver.call<Ticket>("GET", `/api/v1/tickets/${ticket.id}`)
    expect(detail.body.photos.map((p) => p.id)).toEqual([photo.body.items[0]?.id])
    expect(detail.body.photos[0]?.thumbnailUrl).not.toBeNull()
    const photoEvent = detail.body.events.find((e) => e.kind === "photo")
    expect(photoEvent).toMatchObject({ actorId: driverUserId, documentId: photo.body.items[0]?.id })
    // The driver may see the thumbnail of their own ticket's photo.
    const thumb = await fetch(`${h.fleet.httpUrl}${detail.body.photos[0]?.thumbnailUrl}`, {
      headers: { authorization: `Bearer ${driver.token}` },
    })
    expect(thumb.status).toBe(200)

    const told = await sys<{ type: string; link: string; vehicle_id: string | null }>(
      "SELECT type, link, vehicle_id FROM notification_events WHERE dedupe_key = $1",
      [`ticket_raised:${ticket.id}`],
    )
    expect(told.rows).toEqual([{ type: "ticket_raised", link: `/tickets/${ticket.id}`, vehicle_id: null }])
  })

  it("refuses a vehicle not assigned to them, and half a location", async () => {
    const other = await driver.call<ErrorBody>("POST", "/api/v1/tickets", {
      type: "damage",
      title: "Scratch",
      vehicleId: truck,
    })
    expect(other.status).toBe(422)
    expect(other.body.error).toMatchObject({ code: "FLEET_REFERENCE_NOT_FOUND", field: "vehicleId" })
    const half = await driver.call<ErrorBody>("POST", "/api/v1/tickets", {
      type: "damage",
      title: "Scratch",
      vehicleId: van.vehicleId,
      lat: 43.2,
    })
    expect(half.status).toBe(400)
    expect(half.body.error).toMatchObject({ code: "FLEET_TICKET_INVALID", field: "lon" })
  })

  it("may not work the queue", async () => {
    const move = await driver.call<ErrorBody>("POST", `/api/v1/tickets/${ticket.id}/status`, {
      status: "resolved",
    })
    expect(move.status).toBe(403)
  })
})

describe("the office works the ticket", () => {
  it("lists it in the queue with filters and overdue by SLA", async () => {
    const list = async (query: string) =>
      (await manager.call<{ items: Ticket[]; total: number }>("GET", `/api/v1/tickets?${query}`)).body
    expect((await list("status=open")).items.map((t) => t.id)).toContain(ticket.id)
    expect((await list(`vehicleId=${van.vehicleId}&type=breakdown`)).total).toBe(1)
    expect((await list(`type=accident&vehicleId=${van.vehicleId}`)).total).toBe(0)
    expect((await list(`overdue=true&vehicleId=${van.vehicleId}`)).total).toBe(0)
    expect((await list(`q=%23${ticket.number}`)).items.map((t) => t.id)).toEqual([ticket.id])
    await sys(
      "UPDATE tickets SET sla_due_at = now() - interval '1 minute', created_at = now() - interval '5 hours' WHERE id = $1",
      [ticket.id],
    )
    const overdue = await list(`overdue=true&vehicleId=${van.vehicleId}`)
    expect(overdue.items.map((t) => [t.id, t.overdue])).toEqual([[ticket.id, true]])
    expect((await list(`olderThanHours=4&vehicleId=${van.vehicleId}`)).total).toBe(1)
    expect((await list(`olderThanHours=6&vehicleId=${van.vehicleId}`)).total).toBe(0)
  })

  it("assigns, comments and turns it into a repair in the service book", async () => {
    const assigned = await manager.call<Ticket>("POST", `/api/v1/tickets/${ticket.id}/assign`, {
      assigneeId: managerId,
    })
    expect(assigned.status).toBe(200)
    expect(assigned.body.assigneeId).toBe(managerId)
    const toDriver = await manager.call<ErrorBody>("POST", `/api/v1/tickets/${ticket.id}/assign`, {
      assigneeId: driverUserId,
    })
    expect(toDriver.status).toBe(422)
    expect(toDriver.body.error.field).toBe("assigneeId")

    const commented = await manager.call<Ticket>("POST", `/api/v1/tickets/${ticket.id}/comments`, {
      comment: "A tow truck is on its way.",
    })
    expect(commented.status).toBe(200)

    const repair = await manager.call<Ticket>("POST", `/api/v1/tickets/${ticket.id}/repair`, {})
    expect(repair.status).toBe(201)
    expect(repair.body.status).toBe("in_progress")
    const taskId = repair.body.maintenanceTaskId as string
    expect(taskId).toMatch(/^[0-9a-f-]{36}$/)
    const task = await manager.call<{ vehicleId: string; status: string; name: string }>(
      "GET",
      `/api/v1/maintenance/tasks/${taskId}`,
    )
    expect(task.body).toMatchObject({
      vehicleId: van.vehicleId,
      status: "in_progress",
      name: `#${ticket.number} Flat tyre on the ring road`,
    })
    expect(repair.body.events.map((e) => e.kind)).toEqual([
      "created",
      "photo",
      "assignment",
      "comment",
      "status",
      "repair",
    ])
    expect(repair.body.events.at(-2)).toMatchObject({
      fromStatus: "open",
      toStatus: "in_progress",
      actorId: managerId,
    })
    expect(repair.body.events.at(-1)?.maintenanceTaskId).toBe(taskId)

    const again = await manager.call<ErrorBody>("POST", `/api/v1/tickets/${ticket.id}/repair`, {})
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe("FLEET_TICKET_REPAIR_EXISTS")

    // Each change told to the driver who raised it, and to nobody else (the manager made them).
    const updates = await sys<{ n: string; to: string[] }>(
      `SELECT count(*) AS n, array_agg(DISTINCT r)::text[] AS to FROM notification_events,
              unnest(recipient_user_ids) r WHERE type = 'ticket_update' AND vehicle_id = $1`,
      [van.vehicleId],
    )
    expect(updates.rows[0]).toEqual({ n: "4", to: [driverUserId] })
    const inbox = await eventually(
      async () => {
        const got = await driver.call<{ items: Array<{ type: string; link: string }> }>(
          "GET",
          "/api/v1/notifications?type=ticket_update",
        )
        const mine = got.body.items.filter((n) => n.link === `/tickets/${ticket.id}`)
        return mine.length === 4 ? mine : undefined
      },
      10_000,
      "the driver's ticket notifications",
    )
    expect(inbox.map((n) => n.type)).toEqual(Array(4).fill("ticket_update"))
    const managerTold = await manager.call<{ items: Array<{ link: string }> }>(
      "GET",
      "/api/v1/notifications?type=ticket_update",
    )
    expect(managerTold.body.items.filter((n) => n.link === `/tickets/${ticket.id}`)).toEqual([])
    const repairNews = await sys<{ title: string; body: string; message_key: string }>(
      "SELECT title, body, message_key FROM notification_events WHERE dedupe_key = $1",
      [`ticket_update:${repair.body.events.at(-1)?.id}`],
    )
    expect(repairNews.rows).toEqual([
      {
        title: `Ticket #${ticket.number}: Flat tyre on the ring road`,
        body: "A repair was opened in the service book.",
        message_key: "ticket_update",
      },
    ])
    const audited = await sys<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id",
      [ticket.id],
    )
    expect(audited.rows.map((r) => r.action)).toEqual([
      "ticket.create",
      "ticket.assign",
      "ticket.comment",
      "ticket.repair",
    ])
    const repairAudit = await sys(
      "SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'maintenance-task.create'",
      [taskId],
    )
    expect(repairAudit.rowCount).toBe(1)
  })

  it("resolves it; an illegal move is a precise 409", async () => {
    const resolved = await manager.call<Ticket>("POST", `/api/v1/tickets/${ticket.id}/status`, {
      status: "resolved",
      comment: "Tyre replaced.",
    })
    expect(resolved.status).toBe(200)
    expect(resolved.body.resolvedAt).not.toBeNull()
    const illegal = await manager.call<ErrorBody>("POST", `/api/v1/tickets/${ticket.id}/status`, {
      status: "in_progress",
    })
    expect(illegal.status).toBe(409)
    expect(illegal.body.error).toMatchObject({ code: "FLEET_TICKET_TRANSITION_ILLEGAL", field: "status" })
    expect(illegal.body.error.message).toBe(
      "a resolved ticket cannot move to in progress; it may move to open",
    )
  })

  it("the driver follows it: status and every event", async () => {
    const seen = await driver.call<Ticket>("GET", `/api/v1/tickets/${ticket.id}`)
    expect(seen.status).toBe(200)
    expect(seen.body.status).toBe("resolved")
    expect(seen.body.events.at(-1)).toMatchObject({
      kind: "status",
      toStatus: "resolved",
      comment: "Tyre replaced.",
    })
    const mine = await driver.call<{ items: Ticket[] }>("GET", "/api/v1/tickets")
    expect(mine.body.items.map((t) => t.id)).toEqual([ticket.id])
  })
})

describe("isolation", () => {
  it("a driver never sees another driver's ticket", async () => {
    expect((await otherDriver.call("GET", `/api/v1/tickets/${ticket.id}`)).status).toBe(404)
    expect(
      (await otherDriver.call("POST", `/api/v1/tickets/${ticket.id}/comments`, { comment: "hi" })).status,
    ).toBe(404)
    expect((await otherDriver.call<{ total: number }>("GET", "/api/v1/tickets")).body.total).toBe(0)
    expect((await uploadPhoto(otherDriver, ticket.id)).status).toBe(404)
  })

  it("another organisation's ids are 404s", async () => {
    expect((await outsider.call("GET", `/api/v1/tickets/${ticket.id}`)).status).toBe(404)
    expect(
      (await outsider.call("POST", `/api/v1/tickets/${ticket.id}/status`, { status: "open" })).status,
    ).toBe(404)
    expect((await outsider.call("POST", `/api/v1/tickets/${ticket.id}/repair`, {})).status).toBe(404)
    expect((await outsider.call<{ total: number }>("GET", "/api/v1/tickets")).body.total).toBe(0)
    const foreign = await admin.call<ErrorBody>("POST", "/api/v1/tickets", {
      type: "other",
      title: "Not ours",
      vehicleId: foreignVehicle,
    })
    expect(foreign.status).toBe(422)
  })
})

describe("SLA per type", () => {
  it("the organisation's hours apply to tickets raised afterwards", async () => {
    const sla = await admin.call<Record<string, number>>("GET", "/api/v1/tickets-sla")
    expect(sla.body).toMatchObject({ accident: 2, breakdown: 4 })
    const changed = await admin.call<Record<string, number>>("PUT", "/api/v1/tickets-sla", {
      ...sla.body,
      accident: 1,
    })
    expect(changed.body.accident).toBe(1)
    expect((await manager.call("PUT", "/api/v1/tickets-sla", sla.body)).status).toBe(403)
    const raised = await manager.call<Ticket>("POST", "/api/v1/tickets", {
      type: "accident",
      title: "Rear-ended at a light",
      vehicleId: van.vehicleId,
      lat: 43.25,
      lon: 76.92,
    })
    expect(raised.status).toBe(201)
    expect(raised.body).toMatchObject({
      number: ticket.number + 1,
      locationSource: "given",
      lat: 43.25,
      driverId: driverRecord,
    })
    expect(hours(raised.body.slaDueAt, raised.body.createdAt)).toBeCloseTo(1, 2)
  })
})

describe("the demo's tickets", () => {
  it("are raised on vehicles with a driver now, with their history, and answer as the API declares", async () => {
    const demo = await createOrg(h.fleet, "tickets-demo", PASSWORD)
    const office = await login(h.fleet, demo.email, PASSWORD)
    for (const plate of ["DEMO 1", "DEMO 2"]) {
      const made = await office.call<{ id: string }>("POST", "/api/v1/vehicles", {
        name: `Van ${plate}`,
        plate,
      })
      const driver = await sys<{ id: string }>(
        "INSERT INTO drivers (org_id, full_name) VALUES ($1, $2) RETURNING id",
        [demo.orgId, `Driver ${plate}`],
      )
      await sys(
        "INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at) VALUES ($1, $2, $3, now() - interval '1 day')",
        [demo.orgId, made.body.id, driver.rows[0]?.id],
      )
    }
    expect(await h.fleet.db.withOrg(demo.orgId, (c) => seedTickets(c, demo.orgId))).toBe(2)
    const list = await office.call<{ items: Ticket[]; total: number }>("GET", "/api/v1/tickets?sort=number")
    expect(list.status).toBe(200)
    expect(list.body.items.map((t) => [t.number, t.type, t.status])).toEqual([
      [1, "breakdown", "open"],
      [2, "damage", "in_progress"],
    ])
    const second = await office.call<Ticket>("GET", `/api/v1/tickets/${list.body.items[1]?.id}`)
    expect(second.status).toBe(200)
    expect(second.body.events.map((e) => [e.kind, e.toStatus])).toEqual([
      ["created", "open"],
      ["status", "in_progress"],
    ])
    expect(second.body.events[1]?.actorId).not.toBeNull()
  })
})

describe("a ticket turned into a task", () => {
  it("opens a task for the ticket's vehicle and driver, linked both ways, once; the driver hears of it", async () => {
    const raised = await driver.call<Ticket>("POST", "/api/v1/tickets", {
      type: "damage",
      title: "Cracked mirror",
      description: "Left mirror cracked at the depot.",
      vehicleId: van.vehicleId,
    })
    expect(raised.status).toBe(201)
    const made = await manager.call<Ticket & { taskId: string | null }>(
      "POST",
      `/api/v1/tickets/${raised.body.id}/task`,
      {},
    )
    expect(made.status).toBe(201)
    expect(made.body.status).toBe("in_progress")
    expect(made.body.events.map((e) => e.kind)).toEqual(["created", "status", "task"])
    const taskId = made.body.taskId as string
    expect(taskId).not.toBeNull()
    const task = await manager.call<{
      title: string
      description: string
      vehicleId: string
      driverId: string | null
      status: string
      ticket: { id: string; number: number } | null
    }>("GET", `/api/v1/tasks/${taskId}`)
    expect(task.body).toMatchObject({
      title: `#${raised.body.number} Cracked mirror`,
      description: "Left mirror cracked at the depot.",
      vehicleId: van.vehicleId,
      driverId: driverRecord,
      status: "open",
      ticket: { id: raised.body.id, number: raised.body.number },
    })
    // The driver of the vehicle sees the task too.
    expect((await driver.call("GET", `/api/v1/tasks/${taskId}`)).status).toBe(200)

    const again = await manager.call<ErrorBody>("POST", `/api/v1/tickets/${raised.body.id}/task`, {})
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe("FLEET_TICKET_TASK_EXISTS")
    const audited = await sys<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id",
      [raised.body.id],
    )
    expect(audited.rows.map((r) => r.action)).toEqual(["ticket.create", "ticket.task"])
    expect(
      (await sys("SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'task.create'", [taskId]))
        .rowCount,
    ).toBe(1)
    const news = await eventually(
      async () => {
        const got = await driver.call<{ items: Array<{ body: string; link: string }> }>(
          "GET",
          "/api/v1/notifications?type=ticket_update",
        )
        const mine = got.body.items.filter((n) => n.link === `/tickets/${raised.body.id}`)
        return mine.length === 2 ? mine : undefined
      },
      10_000,
      "the driver's news of the task",
    )
    expect(news.map((n) => n.body)).toContain("A task was made of it.")
  })
})
