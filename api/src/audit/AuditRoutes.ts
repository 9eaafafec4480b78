import { endpoints } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { listPage } from "../db/listPage.js"
import { sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { verifyAuditChain } from "./verifyAuditChain.js"

/** The audit log for admins: a filtered, paged list (newest first) and hash-chain verification. */
export const registerAuditRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.audit.list, async ({ principal: p, query: f }) => {
    let query = sql
      .selectFrom("audit_log as a")
      .leftJoin("users as u", "u.id", "a.actor_user_id")
      .select((eb) => [
        eb.cast<string>("a.id", "text").as("id"),
        eb.cast<string>("a.seq", "text").as("seq"),
        "a.at",
        "a.actor_user_id",
        "u.email as actor_email",
        "a.action",
        "a.entity",
        "a.entity_id",
        eb.fn<string | null>("host", ["a.ip"]).as("ip"),
        "a.user_agent",
        "a.old_values",
        "a.new_values",
        "a.details",
      ])
      .orderBy("a.seq", f.sort === "at" ? "asc" : "desc")
    if (f.user) query = query.where("a.actor_user_id", "=", f.user)
    if (f.action) query = query.where("a.action", "=", f.action)
    if (f.entity) query = query.where("a.entity", "=", f.entity)
    if (f.entityId) query = query.where("a.entity_id", "=", f.entityId)
    if (f.from) query = query.where("a.at", ">=", new Date(f.from))
    if (f.to) query = query.where("a.at", "<", new Date(f.to))
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, "\\$&")}%`
      query = query.where((eb) =>
        eb.or([eb("a.action", "ilike", like), eb("a.entity", "ilike", like), eb("u.email", "ilike", like)]),
      )
    }
    // Row-level security confines both the entries and the users joined to the caller's organisation.
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return {
      body: {
        ...page,
        items: page.items.map((r) => ({
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
        })),
      },
    }
  })

  serve(app, deps, endpoints.audit.verify, async ({ principal: p }) => {
    // The installation owner verifies every organisation; an admin, their own.
    const report = await verifyAuditChain(db.system, p.role === "owner" ? undefined : p.orgId)
    return {
      body: {
        ...report,
        broken:
          report.broken === null ? null : { code: "FLEET_AUDIT_CHAIN_BROKEN" as const, ...report.broken },
      },
    }
  })
}
