import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { requireApprovedCentre, requireServiceGrant } from "./centreAccess.js"
import { notifyVisit } from "./notifyVisit.js"
import {
  findVisit,
  toVisit,
  type VisitRow,
  vehicleLabelSql,
  visitDetail,
  visitNotFound,
  visitQuery,
} from "./visitView.js"

const SORTS = { openedAt: "s.opened_at" } as const

/** 409 unless visit `v` is in one of `allowed` (the message says where it is). */
export const requireStatus = (
  v: VisitRow,
  allowed: ReadonlyArray<VisitRow["status"]>,
  step: string,
): void => {
  if (!allowed.includes(v.status)) {
    throw new HttpError(
      409,
      "FLEET_VISIT_STATUS",
      `the visit is ${v.status}: only ${allowed.join(" or ")} visits can be ${step}`,
      "status",
    )
  }
}

/** The centre's own visit `id` (a fleet reading it through RLS is not its centre: 404). */
export const centreVisit = async (c: Parameters<typeof findVisit>[0], centreOrgId: string, id: string) => {
  const v = await findVisit(c, id, true)
  if (v.centre_org_id !== centreOrgId) throw visitNotFound()
  return v
}

/**
 * A service centre's side of visits: open one on a vehicle it holds a service grant to, add work
 * items, complete it (an approved centre only) or cancel it; and both sides' reads. Each step is
 * audited in the centre's organisation and told to the vehicle's.
 */
export const registerVisitRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.visits.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "s.opened_at", direction: "desc" })
    let query = visitQuery().orderBy(sort.column, sort.direction).orderBy("s.id")
    if (f.status) query = query.where("s.status", "=", f.status)
    if (f.vehicleId) query = query.where("s.vehicle_id", "=", f.vehicleId)
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map((v) => toVisit(v, p.orgId)) } }
  })

  serve(app, deps, endpoints.visits.get, async ({ principal: p, params }) => ({
    body: await db.withOrg(p.orgId, (c) => visitDetail(c, params.id, p.orgId)),
  }))

  serve(app, deps, endpoints.visits.open, async ({ principal: p, body: b, request }) => {
    const { detail, row } = await db.withOrg(p.orgId, async (c) => {
      const grant = await requireServiceGrant(c, p.orgId, b.vehicleId)
      const centreName = await requireApprovedCentre(c, p.orgId)
      // What the grant shows the centre of the vehicle (read across organisations: the grant is in force).
      const label = await firstRow(
        db.system,
        sql
          .selectFrom("vehicles as v")
          .select(vehicleLabelSql("v").as("label"))
          .where("v.id", "=", b.vehicleId),
      )
      const made = await firstRow(
        c,
        sql
          .insertInto("service_visits")
          .values({
            org_id: grant.orgId,
            centre_org_id: p.orgId,
            centre_name: centreName,
            vehicle_id: b.vehicleId,
            vehicle_label: label?.label ?? null,
            grant_id: grant.id,
            odometer_km: b.odometerKm,
            complaint: b.complaint ?? null,
            currency: b.currency,
            opened_by: p.userId,
          })
          .returning("id"),
      )
      if (made === undefined) throw new Error("the visit was not stored")
      await audit(c, p, request, {
        action: "service-visit.open",
        entity: "service_visit",
        entityId: made.id,
        newValues: { ...b, fleetOrgId: grant.orgId, grantId: grant.id },
      })
      return { detail: await visitDetail(c, made.id, p.orgId), row: await findVisit(c, made.id) }
    })
    await notifyVisit(db.system, "fleet", row, "opened", null)
    return { body: detail }
  })

  serve(app, deps, endpoints.visits.addItem, async ({ principal: p, params, body: b, request }) => ({
    body: await db.withOrg(p.orgId, async (c) => {
      const v = await centreVisit(c, p.orgId, params.id)
      requireStatus(v, ["open"], "changed")
      await requireServiceGrant(c, p.orgId, v.vehicle_id)
      if (b.currency !== v.currency) {
        throw new HttpError(
          422,
          "FLEET_VISIT_CURRENCY_MISMATCH",
          `the visit is priced in ${v.currency}; an item in ${b.currency} cannot be added`,
          "currency",
        )
      }
      const item = await firstRow(
        c,
        sql
          .insertInto("service_work_items")
          .values({
            visit_id: v.id,
            org_id: v.org_id,
            centre_org_id: v.centre_org_id,
            kind: b.kind,
            description: b.description,
            part_number: b.partNumber ?? null,
            quantity: b.quantity,
            unit_cost: b.unitCost,
            currency: b.currency,
            recommendations: b.recommendations ?? null,
            created_by: p.userId,
          })
          .returning("id"),
      )
      await audit(c, p, request, {
        action: "service-visit.item",
        entity: "service_visit",
        entityId: v.id,
        newValues: { ...b, itemId: item?.id },
      })
      return visitDetail(c, v.id, p.orgId)
    }),
  }))

  serve(app, deps, endpoints.visits.complete, async ({ principal: p, params, request }) => {
    const { detail, row } = await db.withOrg(p.orgId, async (c) => {
      const v = await centreVisit(c, p.orgId, params.id)
      requireStatus(v, ["open"], "completed")
      await requireApprovedCentre(c, p.orgId)
      await requireServiceGrant(c, p.orgId, v.vehicle_id)
      const items = await firstRow(
        c,
        sql
          .selectFrom("service_work_items")
          .select(raw<number>`count(*)::int`.as("n"))
          .where("visit_id", "=", v.id),
      )
      if ((items?.n ?? 0) === 0) {
        throw new HttpError(
          409,
          "FLEET_VISIT_EMPTY",
          "add at least one work item before completing the visit",
        )
      }
      await rows(
        c,
        sql
          .updateTable("service_visits")
          .set({ status: "completed", completed_by: p.userId, completed_at: raw<Date>`now()` })
          .where("id", "=", v.id),
      )
      await audit(c, p, request, {
        action: "service-visit.complete",
        entity: "service_visit",
        entityId: v.id,
        oldValues: { status: v.status },
        newValues: { status: "completed", total: v.total, currency: v.currency },
      })
      return { detail: await visitDetail(c, v.id, p.orgId), row: await findVisit(c, v.id) }
    })
    await notifyVisit(db.system, "fleet", row, "completed", null)
    return { body: detail }
  })

  serve(app, deps, endpoints.visits.cancel, async ({ principal: p, params, body: b, request }) => {
    const { detail, row } = await db.withOrg(p.orgId, async (c) => {
      const v = await centreVisit(c, p.orgId, params.id)
      requireStatus(v, ["open", "completed"], "cancelled")
      await rows(
        c,
        sql
          .updateTable("service_visits")
          .set({
            status: "cancelled",
            cancelled_by: p.userId,
            cancelled_at: raw<Date>`now()`,
            cancel_reason: b.reason,
          })
          .where("id", "=", v.id),
      )
      await audit(c, p, request, {
        action: "service-visit.cancel",
        entity: "service_visit",
        entityId: v.id,
        oldValues: { status: v.status },
        newValues: { status: "cancelled", reason: b.reason },
      })
      return { detail: await visitDetail(c, v.id, p.orgId), row: await findVisit(c, v.id) }
    })
    await notifyVisit(db.system, "fleet", row, "cancelled", b.reason)
    return { body: detail }
  })
}
