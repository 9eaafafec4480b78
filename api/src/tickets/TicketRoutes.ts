import { endpoints, isConfinedToAssignedVehicles, reason } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"
import { notifyTicketRaised } from "./notifyTicket.js"
import { registerTicketActionRoutes } from "./TicketActionRoutes.js"
import { ownDriverIds, ticketDetail, ticketItem, visibleTickets } from "./ticketQueries.js"
import { readTicketSla, SLA_SETTING } from "./ticketSla.js"

const SORTS = {
  number: "t.number",
  createdAt: "t.created_at",
  slaDueAt: "t.sla_due_at",
  updatedAt: "t.updated_at",
} as const

const now = raw<Date>`now()`

/**
 * Driver tickets: the queue (a driver: their own tickets), one ticket with its history, raising one
 * (a driver: about a vehicle assigned to them; the location from the vehicle's last position when
 * none is given) and the SLA hours per type. Moving tickets along: `TicketActionRoutes`.
 */
export const registerTicketRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps
  registerTicketActionRoutes(app, deps)

  serve(app, deps, endpoints.tickets.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "t.sla_due_at", direction: "asc" })
    let query = visibleTickets(p).orderBy(sort.column, sort.direction).orderBy("t.number", "desc")
    if (f.status === "active") query = query.where("t.status", "in", ["open", "in_progress"])
    else if (f.status) query = query.where("t.status", "=", f.status)
    if (f.type) query = query.where("t.type", "=", f.type)
    if (f.vehicleId) query = query.where("t.vehicle_id", "=", f.vehicleId)
    if (f.assigneeId) query = query.where("t.assignee_id", "=", f.assigneeId)
    if (f.overdue === "true")
      query = query.where("t.status", "in", ["open", "in_progress"]).where("t.sla_due_at", "<", now)
    if (f.overdue === "false")
      query = query.where((eb) =>
        eb.or([eb("t.status", "not in", ["open", "in_progress"]), eb("t.sla_due_at", ">=", now)]),
      )
    if (f.olderThanHours !== undefined)
      query = query.where(
        "t.created_at",
        "<",
        raw<Date>`now() - make_interval(hours => ${Number(f.olderThanHours)})`,
      )
    if (f.q) {
      const like = contains(f.q)
      const number = /^#?\d{1,9}$/u.test(f.q) ? Number(f.q.replace("#", "")) : null
      query = query.where((eb) =>
        eb.or([
          eb("t.title", "ilike", like),
          eb("v.name", "ilike", like),
          eb("v.plate", "ilike", like),
          ...(number === null ? [] : [eb("t.number", "=", number)]),
        ]),
      )
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(ticketItem) } }
  })

  serve(app, deps, endpoints.tickets.get, async ({ principal: p, params }) => ({
    body: await db.withOrg(p.orgId, (c) => ticketDetail(c, p, params.id)),
  }))

  serve(app, deps, endpoints.tickets.create, async ({ principal: p, body: b, request }) => {
    if ((b.lat === undefined) !== (b.lon === undefined)) {
      const field = b.lat === undefined ? "lat" : "lon"
      throw refuse(400, "FLEET_TICKET_INVALID", field, reason("latWithLon"))
    }
    const detail = await db.withOrg(p.orgId, async (c) => {
      const vehicle = await firstRow(
        c,
        sql
          .selectFrom("vehicles as v")
          .select(["v.id", "v.name", "v.plate"])
          .where("v.id", "=", b.vehicleId)
          .where(visibleVehicles(p, "v.id")),
      )
      if (vehicle === undefined) {
        throw refuse(422, "FLEET_REFERENCE_NOT_FOUND", "vehicleId", reason("referenceMissing"))
      }
      // The raiser's driver record (the office: the vehicle's driver now), by the assignment covering now.
      let driverQuery = sql
        .selectFrom("driver_assignments")
        .select("driver_id")
        .where("vehicle_id", "=", b.vehicleId)
        .where("starts_at", "<=", now)
        .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now)]))
        .orderBy("starts_at", "desc")
        .limit(1)
      if (isConfinedToAssignedVehicles(p.role))
        driverQuery = driverQuery.where("driver_id", "in", ownDriverIds(p.userId))
      const driver = await firstRow(c, driverQuery)
      const last =
        b.lat === undefined
          ? await firstRow(
              c,
              sql
                .selectFrom("vehicle_state")
                .select(["lat", "lon", "time"])
                .where("vehicle_id", "=", b.vehicleId),
            )
          : undefined
      const location =
        b.lat !== undefined && b.lon !== undefined
          ? { lat: b.lat, lon: b.lon, located_at: new Date(), location_source: "given" as const }
          : last === undefined
            ? { lat: null, lon: null, located_at: null, location_source: null }
            : { lat: last.lat, lon: last.lon, located_at: last.time, location_source: "vehicle" as const }
      const sla = await readTicketSla(c)
      // Numbers are given one at a time per organisation: the lock lasts until the transaction ends.
      await c.query("SELECT pg_advisory_xact_lock(hashtextextended('tickets:' || $1, 0))", [p.orgId])
      const next = await firstRow(
        c,
        sql.selectFrom("tickets").select(raw<number>`coalesce(max(number), 0) + 1`.as("n")),
      )
      const created = await firstRow(
        c,
        sql
          .insertInto("tickets")
          .values({
            org_id: p.orgId,
            number: next?.n ?? 1,
            type: b.type,
            title: b.title,
            description: b.description ?? null,
            vehicle_id: b.vehicleId,
            driver_id: driver?.driver_id ?? null,
            raised_by: p.userId,
            ...location,
            sla_due_at: raw<Date>`now() + make_interval(hours => ${sla[b.type]})`,
          })
          .returning(["id", "number"]),
      )
      if (created === undefined) throw new Error("the ticket was not stored")
      await rows(
        c,
        sql.insertInto("ticket_events").values({
          org_id: p.orgId,
          ticket_id: created.id,
          kind: "created",
          actor_id: p.userId,
          to_status: "open",
        }),
      )
      await audit(c, p, request, {
        action: "ticket.create",
        entity: "ticket",
        entityId: created.id,
        newValues: { ...b, number: created.number, driverId: driver?.driver_id ?? null, ...location },
      })
      await notifyTicketRaised(c, p.orgId, {
        id: created.id,
        number: created.number,
        type: b.type,
        title: b.title,
        vehicleId: b.vehicleId,
        vehicleLabel: vehicle.plate === null ? vehicle.name : `${vehicle.name} (${vehicle.plate})`,
      })
      return ticketDetail(c, p, created.id)
    })
    return { body: detail }
  })

  serve(app, deps, endpoints.tickets.getSla, async ({ principal: p }) => ({
    body: await db.withOrg(p.orgId, (c) => readTicketSla(c)),
  }))

  serve(app, deps, endpoints.tickets.updateSla, async ({ principal: p, body: b, request }) => {
    const after = await db.withOrg(p.orgId, async (c) => {
      const before = await readTicketSla(c)
      await rows(
        c,
        sql
          .updateTable("organisations")
          .set({ settings: raw<string>`settings || ${JSON.stringify({ [SLA_SETTING]: b })}::jsonb` })
          .where("id", "=", p.orgId),
      )
      await audit(c, p, request, {
        action: "settings.update",
        entity: "organisation",
        entityId: p.orgId,
        oldValues: { [SLA_SETTING]: before },
        newValues: { [SLA_SETTING]: b },
      })
      return readTicketSla(c)
    })
    return { body: after }
  })
}
