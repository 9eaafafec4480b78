import { endpoints, reason } from "@fleetcore/contract"
import { startPlansFromToday } from "@fleetcore/engine"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { orgTodayOf } from "../expenses/orgBooks.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { templates, templateView } from "./maintenanceViews.js"

const TEMPLATE_SORTS = { name: "name", everyKm: "every_km", everyMonths: "every_months" } as const

interface TemplateShape {
  readonly vehicleTypeId: string | null
  readonly vehicleId: string | null
  readonly everyKm: number | null
  readonly everyMonths: number | null
}

/** What the schema cannot say: one target (a type or a vehicle) and at least one interval. */
const checkShape = async (c: pg.PoolClient, t: TemplateShape): Promise<void> => {
  if ((t.vehicleTypeId === null) === (t.vehicleId === null)) {
    throw refuse(400, "FLEET_MAINTENANCE_TEMPLATE_INVALID", "vehicleTypeId", reason("oneTarget"))
  }
  if (t.everyKm === null && t.everyMonths === null) {
    throw refuse(400, "FLEET_MAINTENANCE_TEMPLATE_INVALID", "everyKm", reason("oneInterval"))
  }
  if (t.vehicleTypeId !== null) await requireReference(c, "vehicleType", t.vehicleTypeId, "vehicleTypeId")
  if (t.vehicleId !== null) await requireReference(c, "vehicle", t.vehicleId, "vehicleId")
}

const templateNotFound = () => new HttpError(404, "FLEET_MAINTENANCE_TEMPLATE_NOT_FOUND", "no such template")

/** Active service templates: create, list, change, retire. */
export const registerMaintenanceTemplateRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps
  const active = (c: pg.PoolClient, id: string) =>
    firstRow(c, templates().where("id", "=", id).where("active", "=", true))

  serve(app, deps, endpoints.maintenance.createTemplate, async ({ principal: p, body: b, request }) => {
    const row = await db.withOrg(p.orgId, async (c) => {
      await checkShape(c, {
        vehicleTypeId: b.vehicleTypeId ?? null,
        vehicleId: b.vehicleId ?? null,
        everyKm: b.everyKm ?? null,
        everyMonths: b.everyMonths ?? null,
      })
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
      if ((b.countFrom ?? "today") === "today") await startPlansFromToday(c, id, await orgTodayOf(c, p.orgId))
      await audit(c, p, request, {
        action: "maintenance-template.create",
        entity: "maintenance_template",
        entityId: id,
        newValues: b,
      })
      return active(c, id)
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

  serve(
    app,
    deps,
    endpoints.maintenance.updateTemplate,
    async ({ principal: p, params, body: b, request }) => {
      const row = await db.withOrg(p.orgId, async (c) => {
        const before = await active(c, params.id)
        if (before === undefined) throw templateNotFound()
        const old = templateView(before)
        const next = {
          name: b.name ?? old.name,
          vehicleTypeId: b.vehicleTypeId !== undefined ? b.vehicleTypeId : old.vehicleTypeId,
          vehicleId: b.vehicleId !== undefined ? b.vehicleId : old.vehicleId,
          everyKm: b.everyKm !== undefined ? b.everyKm : old.everyKm,
          everyMonths: b.everyMonths !== undefined ? b.everyMonths : old.everyMonths,
        }
        await checkShape(c, next)
        await rows(
          c,
          sql
            .updateTable("maintenance_templates")
            .set({
              name: next.name,
              vehicle_type_id: next.vehicleTypeId,
              vehicle_id: next.vehicleId,
              every_km: next.everyKm,
              every_months: next.everyMonths,
            })
            .where("id", "=", params.id),
        )
        await audit(c, p, request, {
          action: "maintenance-template.update",
          entity: "maintenance_template",
          entityId: params.id,
          oldValues: old,
          newValues: next,
        })
        return active(c, params.id)
      })
      if (row === undefined) throw templateNotFound()
      return { body: templateView(row) }
    },
  )

  serve(app, deps, endpoints.maintenance.deleteTemplate, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const before = await active(c, params.id)
      if (before === undefined) throw templateNotFound()
      // Completed services keep their template (the service book); only new work stops.
      await rows(
        c,
        sql.updateTable("maintenance_templates").set({ active: false }).where("id", "=", params.id),
      )
      const cancelled = await rows(
        c,
        sql
          .updateTable("maintenance_tasks")
          .set({ status: "cancelled" })
          .where("template_id", "=", params.id)
          .where("status", "in", ["scheduled", "overdue"])
          .returning("id"),
      )
      await audit(c, p, request, {
        action: "maintenance-template.delete",
        entity: "maintenance_template",
        entityId: params.id,
        oldValues: templateView(before),
        details: { cancelledTasks: cancelled.map((t) => t.id) },
      })
    })
    return {}
  })
}
