import { route } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { authorize } from "../auth/authorize.js"
import { decodeOr400 } from "../http/decode.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { DEFAULT_PAGE_SIZE, IsoDateTime, PageNumber, PageSize, Uuid } from "../http/schemas.js"
import { makeSqlFilter } from "../http/sqlFilter.js"
import { verifyAuditChain } from "./verifyAuditChain.js"

const Name = Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9_.-]{0,99}$/))

/** The filters of the audit list: `to` is exclusive. */
const AuditFilter = Schema.Struct({
  user: Schema.optionalKey(Uuid),
  action: Schema.optionalKey(Name),
  entity: Schema.optionalKey(Name),
  from: Schema.optionalKey(IsoDateTime),
  to: Schema.optionalKey(IsoDateTime),
  page: Schema.optionalKey(PageNumber),
  pageSize: Schema.optionalKey(PageSize),
})

interface AuditRow {
  id: string
  seq: string
  at: Date
  actor_user_id: string | null
  actor_email: string | null
  action: string
  entity: string
  entity_id: string | null
  ip: string | null
  user_agent: string | null
  old_values: unknown
  new_values: unknown
  details: unknown
  total: string
}

const entryView = (r: AuditRow) => ({
  id: r.id,
  seq: r.seq,
  at: r.at.toISOString(),
  actorUserId: r.actor_user_id,
  actorEmail: r.actor_email,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  ip: r.ip,
  userAgent: r.user_agent,
  oldValues: r.old_values,
  newValues: r.new_values,
  details: r.details,
})

/** The audit log for admins: a filtered, paged list (newest first) and hash-chain verification. */
export const registerAuditRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db, tokens, log } = deps

  route(
    app,
    "get",
    "/api/v1/audit",
    async (request) => {
      const p = await authorize(tokens, request, ["superadmin", "admin"])
      const f = decodeOr400(AuditFilter, Object.fromEntries(request.query), "FLEET_QUERY_INVALID")
      const filter = makeSqlFilter()
      const { add } = filter
      if (f.user) add("a.actor_user_id = ?", f.user)
      if (f.action) add("a.action = ?", f.action)
      if (f.entity) add("a.entity = ?", f.entity)
      if (f.from) add("a.at >= ?", new Date(f.from))
      if (f.to) add("a.at < ?", new Date(f.to))
      const where = filter.where()
      const whereArgs = [...filter.args]
      const pageSize = Number(f.pageSize ?? DEFAULT_PAGE_SIZE)
      const page = Number(f.page ?? "1")
      // Row-level security confines both the entries and the users joined to the caller's organisation.
      const rows = await db.withOrg(
        p.orgId,
        async (c) =>
          (
            await c.query<AuditRow>(
              `SELECT a.id::text AS id, a.seq::text AS seq, a.at, a.actor_user_id, u.email AS actor_email,
                      a.action, a.entity, a.entity_id, host(a.ip) AS ip, a.user_agent,
                      a.old_values, a.new_values, a.details, count(*) OVER ()::text AS total
               FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
               ${where}
               ORDER BY a.seq DESC LIMIT ${filter.param(pageSize)} OFFSET ${filter.param((page - 1) * pageSize)}`,
              filter.args,
            )
          ).rows,
      )
      // A page past the end has no row to carry the total; it is counted on its own.
      const total =
        rows[0] !== undefined
          ? Number(rows[0].total)
          : page === 1
            ? 0
            : await db.withOrg(p.orgId, async (c) =>
                Number(
                  (
                    await c.query<{ n: string }>(
                      `SELECT count(*)::text AS n FROM audit_log a ${where}`,
                      whereArgs,
                    )
                  ).rows[0]?.n ?? "0",
                ),
              )
      return { status: 200, body: { items: rows.map(entryView), total, page, pageSize } }
    },
    { log },
  )

  route(
    app,
    "get",
    "/api/v1/audit/verify",
    async (request) => {
      const p = await authorize(tokens, request, ["superadmin", "admin"])
      // The installation owner verifies every organisation; an admin, their own.
      const report = await verifyAuditChain(db.system, p.role === "superadmin" ? undefined : p.orgId)
      return {
        status: 200,
        body: {
          ...report,
          broken: report.broken === null ? null : { code: "FLEET_AUDIT_CHAIN_BROKEN", ...report.broken },
        },
      }
    },
    { log },
  )
}
