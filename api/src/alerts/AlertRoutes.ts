import { IsoDateTime, Uuid } from "@fleetcore/contract"
import { type AlertRow as AlertRecord, alertView } from "@fleetcore/engine"
import { HttpError, route } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { authorize } from "../auth/authorize.js"
import { decodeOr400, jsonBody } from "../http/decode.js"
import { type RouteDeps, UUID } from "../http/RouteDeps.js"
import { makeSqlFilter } from "../http/sqlFilter.js"

const Filter = Schema.Struct({
  status: Schema.optionalKey(Schema.Literals(["open", "acknowledged", "resolved"])),
  type: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[a-z_]{2,64}$/))),
  vehicleId: Schema.optionalKey(Uuid),
  severity: Schema.optionalKey(Schema.Literals(["info", "warning", "critical"])),
  from: Schema.optionalKey(IsoDateTime),
  to: Schema.optionalKey(IsoDateTime),
  limit: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^([1-9]\d{0,2}|1000)$/))),
})
const Note = Schema.Struct({ note: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(2000))) })

/** Where each lifecycle step may start from: open → acknowledged → resolved (or open → resolved). */
const TRANSITIONS = {
  acknowledge: { from: ["open"], to: "acknowledged", at: "acknowledged_at", by: "acknowledged_by" },
  resolve: { from: ["open", "acknowledged"], to: "resolved", at: "resolved_at", by: "resolved_by" },
} as const

/** The alerts inbox: list with filters, acknowledge, resolve; every step audited. */
export const registerAlertRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db, tokens, log } = deps

  route(
    app,
    "get",
    "/api/v1/alerts",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager", "dispatcher"])
      const f = decodeOr400(Filter, Object.fromEntries(request.query), "FLEET_QUERY_INVALID")
      const filter = makeSqlFilter()
      const { add } = filter
      if (f.status) add("status = ?", f.status)
      if (f.type) add("type = ?", f.type)
      if (f.vehicleId) add("vehicle_id = ?", f.vehicleId)
      if (f.severity) add("severity = ?", f.severity)
      if (f.from) add("opened_at >= ?", new Date(f.from))
      if (f.to) add("opened_at < ?", new Date(f.to))
      const limit = Number(f.limit ?? "200")
      const rows = await db.withOrg(
        p.orgId,
        async (c) =>
          (
            await c.query<AlertRecord>(
              `SELECT * FROM alerts ${filter.where()} ORDER BY opened_at DESC LIMIT ${filter.param(limit)}`,
              filter.args,
            )
          ).rows,
      )
      return { status: 200, body: { items: rows.map(alertView) } }
    },
    { log },
  )

  for (const [action, t] of Object.entries(TRANSITIONS)) {
    route(
      app,
      "post",
      `/api/v1/alerts/:id/${action}`,
      async (request) => {
        const p = await authorize(tokens, request, ["owner", "admin", "manager", "dispatcher"])
        const id = request.params[0] ?? ""
        if (!UUID.test(id)) throw new HttpError(404, "FLEET_ALERT_NOT_FOUND", "no such alert")
        const body = request.body.length
          ? decodeOr400(Note, jsonBody(request.body), "FLEET_ALERT_INVALID")
          : {}
        const row = await db.withOrg(p.orgId, async (c) => {
          const current = (await c.query<AlertRecord>("SELECT * FROM alerts WHERE id = $1 FOR UPDATE", [id]))
            .rows[0]
          if (current === undefined) throw new HttpError(404, "FLEET_ALERT_NOT_FOUND", "no such alert")
          if (!(t.from as ReadonlyArray<string>).includes(current.status)) {
            throw new HttpError(
              409,
              "FLEET_ALERT_TRANSITION",
              `an alert that is ${current.status} cannot be ${t.to}`,
            )
          }
          const updated = await c.query<AlertRecord>(
            `UPDATE alerts SET status = $2, ${t.at} = now(), ${t.by} = $3,
                    resolution_note = COALESCE($4, resolution_note)
             WHERE id = $1 RETURNING *`,
            [id, t.to, p.userId, action === "resolve" ? (body.note ?? null) : null],
          )
          await audit(c, p, request, {
            action: `alert.${action}`,
            entity: "alert",
            entityId: id,
            oldValues: { status: current.status },
            newValues: { status: t.to },
            details: { note: body.note ?? null },
          })
          return updated.rows[0] as AlertRecord
        })
        return { status: 200, body: alertView(row) }
      },
      { log },
    )
  }
}
