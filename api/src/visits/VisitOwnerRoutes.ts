import { endpoints } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { enterServiceBook } from "./confirmVisit.js"
import { notifyVisit } from "./notifyVisit.js"
import { requireStatus } from "./VisitRoutes.js"
import { findVisit, visitDetail, visitNotFound } from "./visitView.js"

/**
 * The vehicle's organisation's side of a visit: confirm a completed one (it enters the service
 * book and the expenses, once) or dispute it with a reason (it goes to the moderators). A visit
 * whose dispute the moderators rejected may still be confirmed.
 */
export const registerVisitOwnerRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  /** The fleet's own visit `id`, locked for the step (a centre reading it is not its owner: 404). */
  const ownVisit = async (c: Parameters<typeof findVisit>[0], orgId: string, id: string) => {
    const v = await findVisit(c, id, true)
    if (v.org_id !== orgId) throw visitNotFound()
    return v
  }

  serve(app, deps, endpoints.visits.confirm, async ({ principal: p, params, request }) => {
    const { detail, row } = await db.withOrg(p.orgId, async (c) => {
      const v = await ownVisit(c, p.orgId, params.id)
      if (!(v.status === "disputed" && v.dispute_outcome === "rejected"))
        requireStatus(v, ["completed"], "confirmed")
      const { taskId, expenseId } = await enterServiceBook(c, p, request, v)
      await rows(
        c,
        sql
          .updateTable("service_visits")
          .set({
            status: "confirmed",
            confirmed_by: p.userId,
            confirmed_at: raw<Date>`now()`,
            maintenance_task_id: taskId,
            expense_id: expenseId,
          })
          .where("id", "=", v.id),
      )
      await audit(c, p, request, {
        action: "service-visit.confirm",
        entity: "service_visit",
        entityId: v.id,
        oldValues: { status: v.status },
        newValues: {
          status: "confirmed",
          maintenanceTaskId: taskId,
          expenseId,
          total: v.total,
          currency: v.currency,
        },
      })
      return { detail: await visitDetail(c, v.id, p.orgId), row: await findVisit(c, v.id) }
    })
    await notifyVisit(db.system, "centre", row, "confirmed", null)
    return { body: detail }
  })

  serve(app, deps, endpoints.visits.dispute, async ({ principal: p, params, body: b, request }) => {
    const { detail, row } = await db.withOrg(p.orgId, async (c) => {
      const v = await ownVisit(c, p.orgId, params.id)
      requireStatus(v, ["completed"], "disputed")
      await rows(
        c,
        sql
          .updateTable("service_visits")
          .set({
            status: "disputed",
            disputed_by: p.userId,
            disputed_at: raw<Date>`now()`,
            dispute_reason: b.reason,
          })
          .where("id", "=", v.id),
      )
      await audit(c, p, request, {
        action: "service-visit.dispute",
        entity: "service_visit",
        entityId: v.id,
        oldValues: { status: v.status },
        newValues: { status: "disputed", reason: b.reason },
      })
      return { detail: await visitDetail(c, v.id, p.orgId), row: await findVisit(c, v.id) }
    })
    await notifyVisit(db.system, "centre", row, "disputed", b.reason)
    return { body: detail }
  })
}
