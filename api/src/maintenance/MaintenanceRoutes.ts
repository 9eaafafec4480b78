import { endpoints, MAINTENANCE_MOVES, OPEN_MAINTENANCE_STATUSES, reason } from "@fleetcore/contract"
import { planMaintenance } from "@fleetcore/engine"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"
import { registerMaintenanceTemplateRoutes } from "./MaintenanceTemplateRoutes.js"
import { tasks, taskView } from "./maintenanceViews.js"
import { recordService, refuseOdometerBelowFloor } from "./recordService.js"

const TASK_SORTS = {
  dueDate: "k.due_date",
  dueOdometerKm: "k.due_odometer_km",
  name: "name",
  completedOn: "k.completed_on",
} as const

const taskNotFound = () => new HttpError(404, "FLEET_MAINTENANCE_TASK_NOT_FOUND", "no such task")

/** A task the caller may see (a driver: of their vehicles), locked for a change when `lock`. */
const findTask = async (c: pg.PoolClient, p: Principal, id: string, lock = false) => {
  let query = tasks().where("k.id", "=", id).where(visibleVehicles(p, "k.vehicle_id"))
  if (lock) query = query.forNoKeyUpdate("k")
  const row = await firstRow(c, query)
  if (row === undefined) throw taskNotFound()
  return row
}

/** Service templates, the tasks they produce, moving tasks along and recording services. */
export const registerMaintenanceRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps
  registerMaintenanceTemplateRoutes(app, deps)

  serve(app, deps, endpoints.maintenance.listTasks, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, TASK_SORTS, { column: "k.due_date", direction: "asc" })
    let query = tasks()
      .where(visibleVehicles(p, "k.vehicle_id"))
      .orderBy(raw.ref(sort.column), (ob) => (sort.direction === "asc" ? ob.asc() : ob.desc()).nullsLast())
      .orderBy("k.created_at")
      .orderBy("k.id")
    if (f.status === "open") query = query.where("k.status", "in", [...OPEN_MAINTENANCE_STATUSES])
    else if (f.status === "waiting") query = query.where("k.status", "in", ["scheduled", "overdue"])
    else if (f.status) query = query.where("k.status", "=", f.status)
    if (f.vehicleId) query = query.where("k.vehicle_id", "=", f.vehicleId)
    if (f.teamId) query = query.where("v.team_id", "=", f.teamId)
    if (f.dueFrom) query = query.where("k.due_date", ">=", raw<Date>`${f.dueFrom}::date`)
    if (f.dueTo) query = query.where("k.due_date", "<=", raw<Date>`${f.dueTo}::date`)
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) =>
        eb.or([
          eb("k.name", "ilike", like),
          eb("t.name", "ilike", like),
          eb("v.name", "ilike", like),
          eb("v.plate", "ilike", like),
        ]),
      )
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(taskView) } }
  })

  serve(app, deps, endpoints.maintenance.getTask, async ({ principal: p, params }) => ({
    body: taskView(await db.withOrg(p.orgId, (c) => findTask(c, p, params.id))),
  }))

  serve(app, deps, endpoints.maintenance.createTask, async ({ principal: p, body: b, request }) => {
    if ((b.status === "completed") !== (b.service !== undefined)) {
      throw refuse(400, "FLEET_MAINTENANCE_TASK_INVALID", "service", reason("serviceWithCompleted"))
    }
    const task = await db.withOrg(p.orgId, async (c) => {
      await requireReference(c, "vehicle", b.vehicleId, "vehicleId")
      if (b.service !== undefined)
        await refuseOdometerBelowFloor(
          c,
          b.vehicleId,
          b.service,
          "FLEET_MAINTENANCE_TASK_INVALID",
          "service.odometerKm",
        )
      const created = await firstRow(
        c,
        sql
          .insertInto("maintenance_tasks")
          .values({
            org_id: p.orgId,
            vehicle_id: b.vehicleId,
            template_id: null,
            name: b.name,
            status: b.status === "completed" ? "in_progress" : b.status,
            due_date: b.dueDate ?? null,
            due_odometer_km: b.dueOdometerKm ?? null,
            notes: b.notes ?? null,
            started_at: b.status === "scheduled" ? null : raw<Date>`now()`,
            created_by: p.userId,
          })
          .returning("id"),
      )
      if (created === undefined) throw new Error("the task was not stored")
      if (b.service !== undefined) {
        await recordService(
          c,
          p,
          request,
          { id: created.id, vehicleId: b.vehicleId, templateId: null, name: b.name },
          { ...b.service, notes: b.service.notes ?? b.notes },
        )
      }
      await audit(c, p, request, {
        action: "maintenance-task.create",
        entity: "maintenance_task",
        entityId: created.id,
        newValues: b,
      })
      return findTask(c, p, created.id)
    })
    return { body: taskView(task) }
  })

  serve(app, deps, endpoints.maintenance.moveTask, async ({ principal: p, params, body: b, request }) => {
    const task = await db.withOrg(p.orgId, async (c) => {
      const prior = await findTask(c, p, params.id, true)
      if (!MAINTENANCE_MOVES[b.status].includes(prior.status)) {
        throw new HttpError(
          409,
          "FLEET_MAINTENANCE_MOVE_ILLEGAL",
          `a ${prior.status} task cannot move to ${b.status}`,
          "status",
        )
      }
      await c.query(
        `UPDATE maintenance_tasks SET status = $2,
           started_at = CASE WHEN $2 = 'in_progress' THEN now() WHEN $2 = 'scheduled' THEN NULL ELSE started_at END
         WHERE id = $1`,
        [params.id, b.status],
      )
      await audit(c, p, request, {
        action: `maintenance-task.${b.status === "cancelled" ? "cancel" : "move"}`,
        entity: "maintenance_task",
        entityId: params.id,
        oldValues: { status: prior.status },
        newValues: { status: b.status },
      })
      return findTask(c, p, params.id)
    })
    return { body: taskView(task) }
  })

  serve(app, deps, endpoints.maintenance.completeTask, async ({ principal: p, params, body: b, request }) => {
    const task = await db.withOrg(p.orgId, async (c) => {
      const prior = await findTask(c, p, params.id, true)
      if (!(OPEN_MAINTENANCE_STATUSES as ReadonlyArray<string>).includes(prior.status)) {
        throw new HttpError(
          409,
          "FLEET_MAINTENANCE_TASK_CLOSED",
          "the task is already completed or cancelled",
        )
      }
      await refuseOdometerBelowFloor(
        c,
        prior.vehicle_id,
        b,
        "FLEET_MAINTENANCE_COMPLETION_INVALID",
        "odometerKm",
      )
      await recordService(
        c,
        p,
        request,
        { id: prior.id, vehicleId: prior.vehicle_id, templateId: prior.template_id, name: prior.name },
        b,
      )
      await audit(c, p, request, {
        action: "maintenance-task.complete",
        entity: "maintenance_task",
        entityId: params.id,
        oldValues: { status: prior.status },
        newValues: { status: "completed", ...b },
      })
      return findTask(c, p, params.id)
    })
    await planMaintenance(db.system, new Date().toISOString().slice(0, 10))
    return { body: taskView(task) }
  })
}
