import { can, endpoints, reason, TICKET_MOVES, type TicketStatus } from "@fleetcore/contract"
import { HttpError, type Request } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { insertTask } from "../tasks/insertTask.js"
import { toTask } from "../tasks/taskQueries.js"
import { notifyTicketUpdate, type TicketChange, type TicketNews } from "./notifyTicket.js"
import { findTicket, ticketDetail } from "./ticketQueries.js"
import type { TicketEventsTable } from "./ticketTables.js"

type Found = Awaited<ReturnType<typeof findTicket>>

const newsOf = (t: Found): TicketNews => ({
  id: t.id,
  number: t.number,
  type: t.type,
  title: t.title,
  vehicleId: t.vehicle_id,
  vehicleLabel: t.vehicle_plate === null ? t.vehicle_name : `${t.vehicle_name} (${t.vehicle_plate})`,
})

type EventValues = Partial<
  Omit<TicketEventsTable, "id" | "org_id" | "ticket_id" | "created_at" | "actor_id">
> &
  Pick<TicketEventsTable, "kind">

/**
 * The people who follow ticket `t`: the one who raised it, its driver (their login) and its
 * assignee, without `actor` (who made the change).
 */
const followers = async (c: pg.ClientBase, t: Found, actor: string): Promise<string[]> => {
  const driver =
    t.driver_id === null
      ? undefined
      : await firstRow(c, sql.selectFrom("drivers").select("user_id").where("id", "=", t.driver_id))
  const all = new Set([t.raised_by, driver?.user_id ?? null, t.assignee_id])
  all.delete(actor)
  return [...all].filter((u): u is string => u !== null)
}

/** Appends an event to ticket `t`'s history and tells its followers; returns the event's id. */
const record = async (
  c: pg.ClientBase,
  p: Principal,
  t: Found,
  e: EventValues,
  what: TicketChange,
): Promise<string> => {
  const added = await firstRow(
    c,
    sql
      .insertInto("ticket_events")
      .values({ ...e, org_id: p.orgId, ticket_id: t.id, actor_id: p.userId })
      .returning("id"),
  )
  if (added === undefined) throw new Error("the ticket event was not stored")
  await notifyTicketUpdate(c, p.orgId, newsOf(t), added.id, what, await followers(c, t, p.userId))
  return added.id
}

/** Moves ticket `t` to `status` (checked against TICKET_MOVES by the caller). */
const setStatus = (c: pg.ClientBase, id: string, status: TicketStatus) =>
  rows(
    c,
    sql
      .updateTable("tickets")
      .set({
        status,
        updated_at: raw<Date>`now()`,
        resolved_at: status === "resolved" || status === "rejected" ? raw<Date>`now()` : null,
      })
      .where("id", "=", id),
  )

/**
 * Links ticket `t` to what was made of it (a repair in the service book, or a task), moves it on from
 * open, records the step in its history and audits it.
 */
const linkTicket = async (
  c: pg.ClientBase,
  p: Principal,
  request: Request,
  t: Found,
  made: { readonly kind: "repair" | "task"; readonly id: string },
) => {
  const now = raw<Date>`now()`
  await rows(
    c,
    sql
      .updateTable("tickets")
      .set(
        made.kind === "repair"
          ? { maintenance_task_id: made.id, updated_at: now }
          : { task_id: made.id, updated_at: now },
      )
      .where("id", "=", t.id),
  )
  if (t.status === "open") {
    await setStatus(c, t.id, "in_progress")
    await record(
      c,
      p,
      t,
      { kind: "status", from_status: "open", to_status: "in_progress" },
      { change: "status", ticketStatus: "in_progress", comment: null },
    )
  }
  await record(
    c,
    p,
    t,
    made.kind === "repair"
      ? { kind: "repair", maintenance_task_id: made.id }
      : { kind: "task", task_id: made.id },
    { change: made.kind },
  )
  const key = made.kind === "repair" ? "maintenanceTaskId" : "taskId"
  await audit(c, p, request, {
    action: `ticket.${made.kind}`,
    entity: "ticket",
    entityId: t.id,
    oldValues: { status: t.status, [key]: null },
    newValues: { status: t.status === "open" ? "in_progress" : t.status, [key]: made.id },
  })
}

const STATUS_WORDS: Readonly<Record<TicketStatus, string>> = {
  open: "open",
  in_progress: "in progress",
  resolved: "resolved",
  rejected: "rejected",
}

/**
 * Working a ticket: comments (its driver too), assigning it to a user of the office, moving it
 * through its statuses (TICKET_MOVES; anything else a precise 409), and making a repair of it in
 * the vehicle's service book. Each step is a ticket event, audited, and told to the ticket's driver.
 */
export const registerTicketActionRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.tickets.comment, async ({ principal: p, params, body: b, request }) => ({
    body: await db.withOrg(p.orgId, async (c) => {
      const t = await findTicket(c, p, params.id, true)
      const eventId = await record(
        c,
        p,
        t,
        { kind: "comment", comment: b.comment },
        {
          change: "comment",
          comment: b.comment,
        },
      )
      await rows(c, sql.updateTable("tickets").set({ updated_at: raw<Date>`now()` }).where("id", "=", t.id))
      await audit(c, p, request, {
        action: "ticket.comment",
        entity: "ticket",
        entityId: t.id,
        newValues: { comment: b.comment, eventId },
      })
      return ticketDetail(c, p, t.id)
    }),
  }))

  serve(app, deps, endpoints.tickets.assign, async ({ principal: p, params, body: b, request }) => ({
    body: await db.withOrg(p.orgId, async (c) => {
      const t = await findTicket(c, p, params.id, true)
      let name: string | null = null
      if (b.assigneeId !== null) {
        const user = await firstRow(
          c,
          sql
            .selectFrom("users")
            .select(["id", "name", "role"])
            .where("id", "=", b.assigneeId)
            .where("org_id", "=", p.orgId)
            .where("disabled", "=", false),
        )
        if (user === undefined || !can(user.role, "tickets.manage")) {
          throw refuse(422, "FLEET_REFERENCE_NOT_FOUND", "assigneeId", reason("notTicketWorker"))
        }
        name = user.name
      }
      await rows(
        c,
        sql
          .updateTable("tickets")
          .set({ assignee_id: b.assigneeId, updated_at: raw<Date>`now()` })
          .where("id", "=", t.id),
      )
      await record(
        c,
        p,
        t,
        { kind: "assignment", assignee_id: b.assigneeId },
        name === null ? { change: "unassigned" } : { change: "assigned", assignee: name },
      )
      await audit(c, p, request, {
        action: "ticket.assign",
        entity: "ticket",
        entityId: t.id,
        oldValues: { assigneeId: t.assignee_id },
        newValues: { assigneeId: b.assigneeId },
      })
      return ticketDetail(c, p, t.id)
    }),
  }))

  serve(app, deps, endpoints.tickets.transition, async ({ principal: p, params, body: b, request }) => ({
    body: await db.withOrg(p.orgId, async (c) => {
      const t = await findTicket(c, p, params.id, true)
      const allowed = TICKET_MOVES[t.status]
      if (!allowed.includes(b.status)) {
        throw new HttpError(
          409,
          "FLEET_TICKET_TRANSITION_ILLEGAL",
          `a ${STATUS_WORDS[t.status]} ticket cannot move to ${STATUS_WORDS[b.status]}; it may move to ${allowed.map((s) => STATUS_WORDS[s]).join(" or ")}`,
          "status",
        )
      }
      await setStatus(c, t.id, b.status)
      await record(
        c,
        p,
        t,
        { kind: "status", from_status: t.status, to_status: b.status, comment: b.comment ?? null },
        { change: "status", ticketStatus: b.status, comment: b.comment ?? null },
      )
      await audit(c, p, request, {
        action: "ticket.transition",
        entity: "ticket",
        entityId: t.id,
        oldValues: { status: t.status },
        newValues: { status: b.status, comment: b.comment ?? null },
      })
      return ticketDetail(c, p, t.id)
    }),
  }))

  serve(app, deps, endpoints.tickets.makeRepair, async ({ principal: p, params, body: b, request }) => ({
    body: await db.withOrg(p.orgId, async (c) => {
      const t = await findTicket(c, p, params.id, true)
      if (t.maintenance_task_id !== null) {
        throw new HttpError(409, "FLEET_TICKET_REPAIR_EXISTS", "a repair was already made of this ticket")
      }
      if (t.status === "resolved" || t.status === "rejected") {
        throw new HttpError(
          409,
          "FLEET_TICKET_CLOSED",
          `the ticket is ${t.status}; reopen it first`,
          "status",
        )
      }
      const name = b.name ?? `#${t.number} ${t.title}`.slice(0, 200)
      const task = await firstRow(
        c,
        sql
          .insertInto("maintenance_tasks")
          .values({
            org_id: p.orgId,
            vehicle_id: t.vehicle_id,
            template_id: null,
            name,
            status: "in_progress",
            due_date: b.dueDate ?? null,
            notes: t.description,
            started_at: raw<Date>`now()`,
            created_by: p.userId,
          })
          .returning("id"),
      )
      if (task === undefined) throw new Error("the repair was not stored")
      await audit(c, p, request, {
        action: "maintenance-task.create",
        entity: "maintenance_task",
        entityId: task.id,
        newValues: {
          vehicleId: t.vehicle_id,
          name,
          status: "in_progress",
          dueDate: b.dueDate ?? null,
          ticketId: t.id,
        },
      })
      await linkTicket(c, p, request, t, { kind: "repair", id: task.id })
      return ticketDetail(c, p, t.id)
    }),
  }))

  serve(app, deps, endpoints.tickets.makeTask, async ({ principal: p, params, body: b, request }) => ({
    body: await db.withOrg(p.orgId, async (c) => {
      const t = await findTicket(c, p, params.id, true)
      if (t.task_id !== null)
        throw new HttpError(409, "FLEET_TICKET_TASK_EXISTS", "a task was already made of this ticket")
      if (t.status === "resolved" || t.status === "rejected")
        throw new HttpError(
          409,
          "FLEET_TICKET_CLOSED",
          `the ticket is ${t.status}; reopen it first`,
          "status",
        )
      const task = await insertTask(c, p, {
        title: b.title ?? `#${t.number} ${t.title}`.slice(0, 200),
        ...(t.description === null ? {} : { description: t.description }),
        ...(b.templateId === undefined ? {} : { templateId: b.templateId }),
        ...(b.assigneeUserId === undefined ? {} : { assigneeUserId: b.assigneeUserId }),
        ...(b.teamId === undefined ? {} : { teamId: b.teamId }),
        ...(b.dueAt === undefined ? {} : { dueAt: b.dueAt }),
        vehicleId: t.vehicle_id,
        ...(t.driver_id === null ? {} : { driverId: t.driver_id }),
      })
      await audit(c, p, request, {
        action: "task.create",
        entity: "task",
        entityId: task.id,
        newValues: { ...toTask(task, new Date()), ticketId: t.id },
      })
      await linkTicket(c, p, request, t, { kind: "task", id: task.id })
      return ticketDetail(c, p, t.id)
    }),
  }))
}
