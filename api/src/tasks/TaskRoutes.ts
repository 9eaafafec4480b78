import { endpoints, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { listPage, sortOf } from "../db/listPage.js"
import { rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { checkTransition, type Evidence } from "./checkTransition.js"
import { insertTask } from "./insertTask.js"
import { notifyTask, taskRecipients } from "./notifyTask.js"
import { announceDeadline } from "./taskDeadlines.js"
import { addTaskEvent, taskHistory } from "./taskEvents.js"
import { isFinal } from "./taskMachine.js"
import {
  machineOf,
  requireTask,
  type TaskRow,
  taskQuery,
  toTask,
  toTaskDetail,
  visibleTasks,
} from "./taskQueries.js"
import { requireReferences } from "./taskReferences.js"

const PRIORITY_RANK = raw<number>`array_position(ARRAY['low','normal','high','urgent'], k.priority)`

/** The task's documents named by `ids`, or 422 FLEET_TASK_ATTACHMENT_INVALID naming the field. */
const taskDocuments = async (
  c: pg.ClientBase,
  taskId: string,
  ids: ReadonlyArray<string>,
  field: string,
): Promise<ReadonlyArray<Evidence>> => {
  if (ids.length === 0) return []
  const found = await rows(
    c,
    sql
      .selectFrom("documents")
      .select(["id", "kind", "mime_type"])
      .where("entity_type", "=", "task")
      .where("entity_id", "=", taskId)
      .where("id", "in", [...ids]),
  )
  if (found.length !== new Set(ids).size)
    throw new HttpError(
      422,
      "FLEET_TASK_ATTACHMENT_INVALID",
      "attachments must be documents of this task",
      field,
    )
  return found.map((d) => ({ id: d.id, kind: d.kind, mimeType: d.mime_type }))
}

const reload = async (c: pg.ClientBase, p: Principal, id: string): Promise<TaskRow> => requireTask(c, p, id)

/** Tasks: lists, details, creation, assignment, transitions validated against the workflow, history. */
export const registerTaskRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.tasks.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(
      f.sort,
      {
        dueAt: "k.due_at",
        createdAt: "k.created_at",
        title: "k.title",
        status: "k.status",
        priority: "priority_rank",
      } as const,
      { column: "k.due_at", direction: "asc" },
    )
    let query = taskQuery()
      .select(PRIORITY_RANK.as("priority_rank"))
      .where(visibleTasks(p, "k"))
      .orderBy(raw.ref(sort.column), (ob) => (sort.direction === "asc" ? ob.asc() : ob.desc()).nullsLast())
      .orderBy("k.created_at", "desc")
    if (f.status === "open") query = query.where("k.closed_at", "is", null)
    else if (f.status === "closed") query = query.where("k.closed_at", "is not", null)
    else if (f.status !== undefined) query = query.where("k.status", "=", f.status)
    if (f.priority) query = query.where("k.priority", "=", f.priority)
    if (f.assigneeUserId) query = query.where("k.assignee_user_id", "=", f.assigneeUserId)
    if (f.teamId) query = query.where("k.team_id", "=", f.teamId)
    if (f.vehicleId) query = query.where("k.vehicle_id", "=", f.vehicleId)
    if (f.driverId) query = query.where("k.driver_id", "=", f.driverId)
    if (f.templateId) query = query.where("k.template_id", "=", f.templateId)
    if (f.overdue === "true")
      query = query.where("k.closed_at", "is", null).where("k.due_at", "<", raw<Date>`now()`)
    if (f.overdue === "false")
      query = query.where((eb) =>
        eb.or([
          eb("k.closed_at", "is not", null),
          eb("k.due_at", "is", null),
          eb("k.due_at", ">=", raw<Date>`now()`),
        ]),
      )
    if (f.q) query = query.where("k.title", "ilike", `%${f.q.replace(/[\\%_]/g, "\\$&")}%`)
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    const now = new Date()
    return { body: { ...page, items: page.items.map((r) => toTask(r, now)) } }
  })

  serve(app, deps, endpoints.tasks.get, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) => requireTask(c, p, params.id))
    return { body: toTaskDetail(row, new Date()) }
  })

  serve(app, deps, endpoints.tasks.events, async ({ principal: p, params }) => {
    const items = await db.withOrg(p.orgId, async (c) => {
      await requireTask(c, p, params.id)
      return taskHistory(c, params.id)
    })
    return { body: { items } }
  })

  serve(app, deps, endpoints.tasks.create, async ({ principal: p, body: b, request }) => {
    const task = await db.withOrg(p.orgId, async (c) => {
      const row = await insertTask(c, p, b)
      await audit(c, p, request, {
        action: "task.create",
        entity: "task",
        entityId: row.id,
        newValues: toTask(row, new Date()),
      })
      return toTaskDetail(row, new Date())
    })
    return { body: task, status: 201 }
  })

  serve(app, deps, endpoints.tasks.update, async ({ principal: p, params, body: b, request }) => {
    const task = await db.withOrg(p.orgId, async (c) => {
      const old = await requireTask(c, p, params.id, true)
      await requireReferences(c, b)
      await rows(
        c,
        sql
          .updateTable("tasks")
          .set({
            ...(b.title === undefined ? {} : { title: b.title }),
            ...(b.description === undefined ? {} : { description: b.description }),
            ...(b.priority === undefined ? {} : { priority: b.priority }),
            ...(b.dueAt === undefined
              ? {}
              : { due_at: b.dueAt === null ? null : new Date(b.dueAt), due_notified_for: null }),
            ...(b.assigneeUserId === undefined ? {} : { assignee_user_id: b.assigneeUserId }),
            ...(b.teamId === undefined ? {} : { team_id: b.teamId }),
            ...(b.vehicleId === undefined ? {} : { vehicle_id: b.vehicleId }),
            ...(b.driverId === undefined ? {} : { driver_id: b.driverId }),
            ...(b.geofenceId === undefined ? {} : { geofence_id: b.geofenceId }),
            updated_at: new Date(),
          })
          .where("id", "=", params.id),
      )
      const row = await reload(c, p, params.id)
      if (row.assignee_user_id !== old.assignee_user_id || row.team_id !== old.team_id) {
        const [event] = await addTaskEvent(c, p, params.id, {
          kind: "assignment",
          details: { assigneeName: row.assignee_name, teamName: row.team_name },
        })
        // Only those the change brings in hear of it.
        const before = new Set(await taskRecipients(c, p.orgId, old, null))
        const to = (await taskRecipients(c, p.orgId, row, p.userId)).filter((u) => !before.has(u))
        await notifyTask(c, p.orgId, "task_assigned", row, event?.id ?? row.id, to)
      }
      if (b.dueAt != null) await announceDeadline(c, p.orgId)
      const now = new Date()
      await audit(c, p, request, {
        action: "task.update",
        entity: "task",
        entityId: params.id,
        oldValues: toTask(old, now),
        newValues: toTask(row, now),
      })
      return toTaskDetail(row, now)
    })
    return { body: task }
  })

  serve(app, deps, endpoints.tasks.transition, async ({ principal: p, params, body: b, request }) => {
    const task = await db.withOrg(p.orgId, async (c) => {
      const old = await requireTask(c, p, params.id, true)
      const machine = machineOf(old)
      const attachments = await taskDocuments(c, params.id, b.attachmentIds ?? [], "attachmentIds")
      const signature =
        b.signatureId === undefined
          ? undefined
          : (await taskDocuments(c, params.id, [b.signatureId], "signatureId"))[0]
      checkTransition(machine, old.status, {
        to: b.to,
        comment: b.comment,
        checklist: b.checklist,
        attachments,
        signature,
      })
      const final = isFinal(machine, b.to)
      await rows(
        c,
        sql
          .updateTable("tasks")
          .set({ status: b.to, updated_at: new Date(), closed_at: final ? new Date() : null })
          .where("id", "=", params.id),
      )
      for (const a of attachments)
        await addTaskEvent(c, p, params.id, {
          kind: "attachment",
          details: { documentId: a.id, kind: a.kind },
        })
      await addTaskEvent(c, p, params.id, {
        kind: "status_change",
        fromStatus: old.status,
        toStatus: b.to,
        comment: b.comment ?? null,
        details: {
          ...(b.checklist === undefined ? {} : { checklist: b.checklist }),
          ...(signature === undefined ? {} : { signatureId: signature.id }),
        },
      })
      const row = await reload(c, p, params.id)
      await audit(c, p, request, {
        action: "task.transition",
        entity: "task",
        entityId: params.id,
        oldValues: { status: old.status },
        newValues: { status: b.to },
      })
      return toTaskDetail(row, new Date())
    })
    return { body: task }
  })

  serve(app, deps, endpoints.tasks.comment, async ({ principal: p, params, body: b, request }) => {
    if (b.comment === undefined && (b.attachmentIds ?? []).length === 0)
      throw refuse(400, "FLEET_TASK_INVALID", "comment", reason("commentOrAttachment"))
    const items = await db.withOrg(p.orgId, async (c) => {
      await requireTask(c, p, params.id, true)
      const attachments = await taskDocuments(c, params.id, b.attachmentIds ?? [], "attachmentIds")
      for (const a of attachments)
        await addTaskEvent(c, p, params.id, {
          kind: "attachment",
          details: { documentId: a.id, kind: a.kind },
        })
      if (b.comment !== undefined)
        await addTaskEvent(c, p, params.id, { kind: "comment", comment: b.comment })
      await audit(c, p, request, {
        action: "task.comment",
        entity: "task",
        entityId: params.id,
        newValues: { comment: b.comment ?? null, attachmentIds: attachments.map((a) => a.id) },
      })
      const history = await taskHistory(c, params.id)
      return history.slice(-(attachments.length + (b.comment === undefined ? 0 : 1)))
    })
    return { body: { items }, status: 201 }
  })
}
