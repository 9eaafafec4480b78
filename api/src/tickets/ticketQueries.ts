import { isConfinedToAssignedVehicles, type Ticket, type TicketDetail } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { sql as raw, type SqlBool } from "kysely"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { documentQuery, toDocument } from "../documents/documentView.js"

export const ticketNotFound = (): HttpError => new HttpError(404, "FLEET_TICKET_NOT_FOUND", "no such ticket")

/** The driver records of login `userId` (a driver login is `drivers.user_id`). */
export const ownDriverIds = (userId: string) =>
  sql.selectFrom("drivers").select("id").where("user_id", "=", userId)

/**
 * Tickets `p` may see, with the names an answer shows (alias `t`): a driver only their own (the
 * tickets of their driver record, whichever vehicle); the office every ticket of the organisation.
 */
export const visibleTickets = (p: Principal) => {
  const query = sql
    .selectFrom("tickets as t")
    .leftJoin("vehicles as v", "v.id", "t.vehicle_id")
    .leftJoin("drivers as d", "d.id", "t.driver_id")
    .leftJoin("users as r", "r.id", "t.raised_by")
    .leftJoin("users as a", "a.id", "t.assignee_id")
    .selectAll("t")
    .select([
      "v.name as vehicle_name",
      "v.plate as vehicle_plate",
      "d.full_name as driver_name",
      "r.name as raised_by_name",
      "a.name as assignee_name",
      raw<boolean>`t.status IN ('open', 'in_progress') AND t.sla_due_at < now()`.as("overdue"),
    ])
  return isConfinedToAssignedVehicles(p.role)
    ? query.where("t.driver_id", "in", ownDriverIds(p.userId))
    : query.where(raw<SqlBool>`true`)
}

type TicketRow = Awaited<ReturnType<ReturnType<typeof visibleTickets>["executeTakeFirstOrThrow"]>>

/** A ticket row as the API answers it. */
export const ticketItem = (r: TicketRow): typeof Ticket.Encoded => ({
  id: r.id,
  number: r.number,
  type: r.type,
  title: r.title,
  description: r.description,
  status: r.status,
  vehicleId: r.vehicle_id,
  vehicleName: r.vehicle_name,
  vehiclePlate: r.vehicle_plate,
  driverId: r.driver_id,
  driverName: r.driver_name,
  raisedBy: r.raised_by,
  raisedByName: r.raised_by_name,
  assigneeId: r.assignee_id,
  assigneeName: r.assignee_name,
  lat: r.lat,
  lon: r.lon,
  locatedAt: r.located_at?.toISOString() ?? null,
  locationSource: r.location_source,
  slaDueAt: r.sla_due_at.toISOString(),
  overdue: r.overdue,
  maintenanceTaskId: r.maintenance_task_id,
  taskId: r.task_id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  resolvedAt: r.resolved_at?.toISOString() ?? null,
})

/** A ticket `p` may see, locked for a change when `lock` (404 otherwise); `c` is a `withOrg` connection. */
export const findTicket = async (c: pg.ClientBase, p: Principal, id: string, lock = false) => {
  let query = visibleTickets(p).where("t.id", "=", id)
  if (lock) query = query.forNoKeyUpdate("t")
  const row = await firstRow(c, query)
  if (row === undefined) throw ticketNotFound()
  return row
}

/** A ticket with its history (oldest first) and photos, as `p` may see it. */
export const ticketDetail = async (
  c: pg.ClientBase,
  p: Principal,
  id: string,
): Promise<typeof TicketDetail.Encoded> => {
  const ticket = await findTicket(c, p, id)
  const events = await rows(
    c,
    sql
      .selectFrom("ticket_events as e")
      .leftJoin("users as u", "u.id", "e.actor_id")
      .leftJoin("users as a", "a.id", "e.assignee_id")
      .selectAll("e")
      .select(["u.name as actor_name", "a.name as assignee_name"])
      .where("e.ticket_id", "=", id)
      .orderBy("e.created_at")
      .orderBy("e.id"),
  )
  const photos = await rows(
    c,
    documentQuery()
      .where("d.entity_type", "=", "ticket")
      .where("d.entity_id", "=", id)
      .orderBy("d.uploaded_at")
      .orderBy("d.id"),
  )
  return {
    ...ticketItem(ticket),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      actorId: e.actor_id,
      actorName: e.actor_name,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      comment: e.comment,
      assigneeId: e.assignee_id,
      assigneeName: e.assignee_name,
      documentId: e.document_id,
      maintenanceTaskId: e.maintenance_task_id,
      taskId: e.task_id,
      at: e.created_at.toISOString(),
    })),
    photos: photos.map(toDocument),
  }
}
