import { endpoints } from "@fleetcore/contract"
import { type AlertRow, alertView } from "@fleetcore/engine"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"

const SORTS = {
  openedAt: "opened_at",
  lastSeenAt: "last_seen_at",
  type: "type",
  occurrences: "occurrences",
} as const

const notFound = () => new HttpError(404, "FLEET_ALERT_NOT_FOUND", "no such alert")

/** The alerts inbox: list with filters, acknowledge, resolve; every step audited. */
export const registerAlertRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.alerts.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "opened_at", direction: "desc" })
    let query = sql
      .selectFrom("alerts")
      .selectAll()
      .where(visibleVehicles(p, "vehicle_id"))
      .orderBy(sort.column, sort.direction)
      .orderBy("id")
    if (f.status) query = query.where("status", "=", f.status)
    if (f.type) query = query.where("type", "=", f.type)
    if (f.vehicleId) query = query.where("vehicle_id", "=", f.vehicleId)
    if (f.severity) query = query.where("severity", "=", f.severity)
    if (f.from) query = query.where("opened_at", ">=", new Date(f.from))
    if (f.to) query = query.where("opened_at", "<", new Date(f.to))
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) => eb.or([eb("type", "ilike", like), eb("key", "ilike", like)]))
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map((r) => alertView(r as AlertRow)) } }
  })

  /** One lifecycle step: open → acknowledged → resolved (or open → resolved). */
  const transition = (
    e: typeof endpoints.alerts.acknowledge | typeof endpoints.alerts.resolve,
    from: ReadonlyArray<AlertRow["status"]>,
    to: "acknowledged" | "resolved",
  ) =>
    serve(app, deps, e, async ({ principal: p, params, body, request }) => {
      const row = await db.withOrg(p.orgId, async (c) => {
        const current = await firstRow(
          c,
          sql
            .selectFrom("alerts")
            .select("status")
            .where("id", "=", params.id)
            .where(visibleVehicles(p, "vehicle_id"))
            .forNoKeyUpdate(),
        )
        if (current === undefined) throw notFound()
        if (!from.includes(current.status)) {
          throw new HttpError(
            409,
            "FLEET_ALERT_TRANSITION",
            `an alert that is ${current.status} cannot be ${to}`,
          )
        }
        const now = raw<Date>`now()`
        const updated = await firstRow(
          c,
          sql
            .updateTable("alerts")
            .set(
              to === "acknowledged"
                ? { status: to, acknowledged_at: now, acknowledged_by: p.userId }
                : {
                    status: to,
                    resolved_at: now,
                    resolved_by: p.userId,
                    resolution_note: (eb) =>
                      eb.fn.coalesce(eb.val(body.note ?? null), eb.ref("resolution_note")),
                  },
            )
            .where("id", "=", params.id)
            .returningAll(),
        )
        await audit(c, p, request, {
          action: `alert.${to === "acknowledged" ? "acknowledge" : "resolve"}`,
          entity: "alert",
          entityId: params.id,
          oldValues: { status: current.status },
          newValues: { status: to },
          details: { note: body.note ?? null },
        })
        return updated as AlertRow
      })
      return { body: alertView(row) }
    })

  transition(endpoints.alerts.acknowledge, ["open"], "acknowledged")
  transition(endpoints.alerts.resolve, ["open", "acknowledged"], "resolved")
}
