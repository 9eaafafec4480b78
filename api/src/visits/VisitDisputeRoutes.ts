import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { listPage, sortOf } from "../db/listPage.js"
import { rows, sql } from "../db/sql.js"
import { systemTransaction } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { notifyVisit } from "./notifyVisit.js"
import { requireStatus } from "./VisitRoutes.js"
import { findVisit, toVisit, visitDetail, visitQuery } from "./visitView.js"

const SORTS = { disputedAt: "s.disputed_at" } as const

/**
 * The moderators' queue of disputed visits across the installation, and their settlement: upheld
 * (the owner was right) or rejected (the visit stands; the owner may still confirm it). The queue
 * spans organisations, so it runs on the owner connection; every statement names the visit, and the
 * settlement is audited in the vehicle's organisation and told to both sides.
 */
export const registerVisitDisputeRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.visits.disputes, async ({ query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "s.disputed_at", direction: "asc" })
    let query = visitQuery()
      .where("s.disputed_at", "is not", null)
      .orderBy(sort.column, sort.direction)
      .orderBy("s.id")
    if (f.settled) query = query.where("s.settled_at", f.settled === "true" ? "is not" : "is", null)
    const page = await systemTransaction(db, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map((v) => toVisit(v, v.org_id)) } }
  })

  serve(app, deps, endpoints.visits.settle, async ({ principal: p, params, body: b, request }) => {
    const { detail, row } = await systemTransaction(db, async (c) => {
      const v = await findVisit(c, params.id, true)
      requireStatus(v, ["disputed"], "settled")
      if (v.settled_at !== null) {
        throw new HttpError(
          409,
          "FLEET_VISIT_STATUS",
          `the dispute was already settled: ${v.dispute_outcome}`,
          "status",
        )
      }
      await rows(
        c,
        sql
          .updateTable("service_visits")
          .set({
            dispute_outcome: b.outcome,
            dispute_note: b.note,
            settled_by: p.userId,
            settled_at: raw<Date>`now()`,
          })
          .where("id", "=", v.id),
      )
      await audit(c, { orgId: v.org_id, userId: p.userId }, request, {
        action: "service-visit.settle",
        entity: "service_visit",
        entityId: v.id,
        oldValues: { status: v.status, disputeOutcome: null },
        newValues: { disputeOutcome: b.outcome, note: b.note, centreOrgId: v.centre_org_id },
      })
      return { detail: await visitDetail(c, v.id, v.org_id), row: await findVisit(c, v.id) }
    })
    await notifyVisit(db.system, "fleet", row, b.outcome, b.note)
    await notifyVisit(db.system, "centre", row, b.outcome, b.note)
    return { body: detail }
  })
}
