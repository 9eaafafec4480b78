import { endpoints } from "@fleetcore/contract"
import { planMaintenance } from "@fleetcore/engine"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"
import { tasks, taskView, templates, templateView } from "./maintenanceViews.js"

const TEMPLATE_SORTS = { name: "name", everyKm: "every_km", everyMonths: "every_months" } as const
const TASK_SORTS = { dueDate: "k.due_date", dueOdometerKm: "k.due_odometer_km", name: "t.name" } as const

/** Service templates, the tasks they produce, and completing a task (which plans the next). */
export const registerMaintenanceRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.maintenance.createTemplate, async ({ principal: p, body: b, request }) => {
    if ((b.vehicleTypeId === undefined) === (b.vehicleId === undefined)) {
      throw new HttpError(
        400,
        "FLEET_MAINTENANCE_TEMPLATE_INVALID",
        "give exactly one of vehicleTypeId and vehicleId",
        "vehicleTypeId",
      )
    }
    if (b.everyKm === undefined && b.everyMonths === undefined) {
      throw new HttpError(
        400,
        "FLEET_MAINTENANCE_TEMPLATE_INVALID",
        "give everyKm, everyMonths or both",
        "everyKm",
      )
    }
    const row = await db.withOrg(p.orgId, async (c) => {
      if (b.vehicleTypeId !== undefined)
        await requireReference(c, "vehicleType", b.vehicleTypeId, "vehicleTypeId")
      if (b.vehicleId !== undefined) await requireReference(c, "vehicle", b.vehicleId, "vehicleId")
      const created = await firstRow(
        c,
        sql
          .insertInto("maintenance_templates")
          .values({
            org_id: p.orgId,
            name: b.name,
            vehicle_type_id: b.vehicleTypeId ?? null,
            vehicle_id: b.vehicleId ?? null,
            every_km: b.everyKm ?? null,
            every_months: b.everyMonths ?? null,
          })
          .returning("id"),
      )
      const id = created?.id as string
      await audit(c, p, request, {
        action: "maintenance-template.create",
        entity: "maintenance_template",
        entityId: id,
        newValues: b,
      })
      return firstRow(c, templates().where("id", "=", id))
    })
    if (row === undefined) throw new Error("the template was not stored")
    return { body: templateView(row) }
  })

  serve(app, deps, endpoints.maintenance.listTemplates, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, TEMPLATE_SORTS, { column: "name", direction: "asc" })
    let query = templates().where("active", "=", true).orderBy(sort.column, sort.direction).orderBy("id")
    if (f.vehicleTypeId) query = query.where("vehicle_type_id", "=", f.vehicleTypeId)
    if (f.vehicleId) query = query.where("vehicle_id", "=", f.vehicleId)
    if (f.q) query = query.where("name", "ilike", contains(f.q))
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(templateView) } }
  })

  serve(app, deps, endpoints.maintenance.listTasks, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, TASK_SORTS, { column: "k.due_date", direction: "asc" })
    let query = tasks()
      .where(visibleVehicles(p, "k.vehicle_id"))
      .orderBy(raw.ref(sort.column), (ob) => (sort.direction === "asc" ? ob.asc() : ob.desc()).nullsLast())
      .orderBy("k.created_at")
      .orderBy("k.id")
    if (f.status === "open") query = query.where("k.status", "in", ["scheduled", "overdue"])
    else if (f.status) query = query.where("k.status", "=", f.status)
    if (f.vehicleId) query = query.where("k.vehicle_id", "=", f.vehicleId)
    if (f.q) query = query.where("t.name", "ilike", contains(f.q))
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(taskView) } }
  })

  serve(app, deps, endpoints.maintenance.completeTask, async ({ principal: p, params, body: b, request }) => {
    const id = params.id
    if ((b.cost === undefined) !== (b.currency === undefined)) {
      throw new HttpError(
        400,
        "FLEET_MAINTENANCE_COMPLETION_INVALID",
        "cost and currency go together",
        "currency",
      )
    }
    const task = await db.withOrg(p.orgId, async (c) => {
      const prior = await firstRow(
        c,
        sql.selectFrom("maintenance_tasks").select(["status"]).where("id", "=", id).forNoKeyUpdate(),
      )
      if (prior === undefined) throw new HttpError(404, "FLEET_MAINTENANCE_TASK_NOT_FOUND", "no such task")
      if (prior.status !== "scheduled" && prior.status !== "overdue") {
        throw new HttpError(
          409,
          "FLEET_MAINTENANCE_TASK_CLOSED",
          "the task is already completed or cancelled",
        )
      }
      const row = await firstRow(
        c,
        sql
          .updateTable("maintenance_tasks")
          .set({
            status: "completed",
            completed_on: b.completedOn,
            completed_odometer_km: b.odometerKm,
            cost: b.cost ?? null,
            currency: b.currency ?? null,
            notes: b.notes ?? null,
            completed_by: p.userId,
          })
          .where("id", "=", id)
          .returning(["vehicle_id", "template_id"]),
      )
      if (row === undefined) throw new Error("a locked task vanished")
      // The next service is counted from this one.
      await rows(
        c,
        sql
          .updateTable("maintenance_plans")
          .set({ base_odometer_km: b.odometerKm, base_date: b.completedOn })
          .where("vehicle_id", "=", row.vehicle_id)
          .where("template_id", "=", row.template_id),
      )
      await rows(
        c,
        sql
          .updateTable("alerts")
          .set({
            status: "resolved",
            resolved_at: raw<Date>`now()`,
            resolved_by: p.userId,
            resolution_note: "service completed",
          })
          .where("key", "=", id)
          .where("type", "in", ["maintenance_due", "maintenance_overdue"])
          .where("status", "<>", "resolved"),
      )
      await audit(c, p, request, {
        action: "maintenance-task.complete",
        entity: "maintenance_task",
        entityId: id,
        oldValues: { status: prior.status },
        newValues: { status: "completed", ...b },
      })
      return firstRow(c, tasks().where("k.id", "=", id))
    })
    if (task === undefined) throw new Error("the completed task was not found")
    await planMaintenance(db.system, new Date().toISOString().slice(0, 10))
    return { body: taskView(task) }
  })
}
