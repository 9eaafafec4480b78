import { type CentreDetail, endpoints, MODERATION_MOVES, reason, urlOf } from "@fleetcore/contract"
import { type DocumentStore, HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import { systemTransaction } from "../db/systemTransaction.js"
import { documentContent } from "../documents/DocumentRoutes.js"
import { documentQuery } from "../documents/documentView.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { centreDetail, centreNotFound, centreSelect, centreView } from "./centreQueries.js"
import { notifyCentreDecision } from "./notifyCentres.js"

const SORTS = { name: "o.name", submittedAt: "s.submitted_at", createdAt: "s.created_at" } as const

/**
 * The installation's moderators (and its owner): the centres by verification status, one centre
 * with its documents, the decisions (each audited in the centre's own log), and the search
 * patterns that look like fishing for vehicles. Centres belong to other organisations: these read
 * and write on the system connection, every statement naming the centre.
 */
export const registerModerationRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log"> & { readonly documents: DocumentStore },
): void => {
  const { db, documents: store, log } = deps
  /** A centre as the moderators see it: its documents open through their own route. */
  const forModerators = (centre: typeof CentreDetail.Encoded): typeof CentreDetail.Encoded => ({
    ...centre,
    documents: centre.documents.map((d) => ({
      ...d,
      downloadUrl: urlOf(endpoints.moderation.document, { params: { id: centre.id, documentId: d.id } }),
      thumbnailUrl: null,
    })),
  })

  serve(app, deps, endpoints.moderation.centres, async ({ query: q }) => {
    const sort = sortOf(q.sort, SORTS, { column: "s.submitted_at", direction: "asc" })
    let query = centreSelect().orderBy(sort.column, sort.direction).orderBy("s.org_id")
    if (q.status) query = query.where("s.status", "=", q.status)
    if (q.country) query = query.where("s.country", "=", q.country)
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, "\\$&")}%`
      query = query.where((eb) =>
        eb.or([eb("o.name", "ilike", like), eb("s.tax_id", "ilike", like), eb("s.address", "ilike", like)]),
      )
    }
    const client = await db.system.connect()
    try {
      const page = await listPage(client, query, q)
      return { body: { ...page, items: page.items.map(centreView) } }
    } finally {
      client.release()
    }
  })

  serve(app, deps, endpoints.moderation.centre, async ({ params }) => {
    const centre = await systemTransaction(db, (c) => centreDetail(c, params.id))
    if (centre === undefined) throw centreNotFound()
    return { body: forModerators(centre) }
  })

  serve(app, deps, endpoints.moderation.document, async ({ params, query }) => {
    const row = await systemTransaction(db, async (c) => {
      const centre = await firstRow(
        c,
        sql.selectFrom("service_centres").select("org_id").where("org_id", "=", params.id),
      )
      if (centre === undefined) throw centreNotFound()
      return firstRow(
        c,
        documentQuery()
          .where("d.id", "=", params.documentId)
          .where("d.org_id", "=", params.id)
          .where("d.entity_type", "=", "service_centre")
          .where("d.entity_id", "=", params.id),
      )
    })
    if (row === undefined)
      throw new HttpError(404, "FLEET_DOCUMENT_NOT_FOUND", "no such document of the centre")
    return documentContent(store, log, row, query.inline === "true")
  })

  serve(app, deps, endpoints.moderation.decide, async ({ principal: p, params, body, request }) => {
    const move = MODERATION_MOVES[body.decision]
    if ((body.decision === "reject" || body.decision === "suspend") && body.reason === undefined)
      throw refuse(
        400,
        "FLEET_CENTRE_INVALID",
        "reason",
        reason("decisionNeedsReason", { decision: body.decision }),
      )
    const centre = await systemTransaction(db, async (c) => {
      const before = await firstRow(
        c,
        sql.selectFrom("service_centres").select("status").where("org_id", "=", params.id).forUpdate(),
      )
      if (before === undefined) throw centreNotFound()
      if (!move.from.includes(before.status))
        throw new HttpError(
          409,
          "FLEET_CENTRE_STATUS",
          `a ${before.status} centre cannot be given the decision ${body.decision}`,
          "decision",
        )
      const reason = body.reason ?? null
      await c.query(
        `UPDATE service_centres SET status = $2, updated_at = now(),
           status_reason = CASE WHEN $2 IN ('rejected', 'suspended') THEN $3 ELSE NULL END,
           approved_at = CASE WHEN $4 THEN now() ELSE approved_at END
         WHERE org_id = $1`,
        [params.id, move.to, reason, body.decision === "approve"],
      )
      const decided = await c.query<{ id: string }>(
        `INSERT INTO centre_moderation_decisions (org_id, decision, from_status, to_status, reason, moderator_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [params.id, body.decision, before.status, move.to, reason, p.userId],
      )
      await notifyCentreDecision(c, params.id, decided.rows[0]?.id as string, body.decision, reason)
      // In the centre's own chain: the centre reads who decided what about it, and why.
      await audit(c, { orgId: params.id, userId: p.userId }, request, {
        action: `centre.${body.decision}`,
        entity: "service_centre",
        entityId: params.id,
        oldValues: { status: before.status },
        newValues: { status: move.to, ...(reason === null ? {} : { reason }) },
      })
      return centreDetail(c, params.id)
    })
    if (centre === undefined) throw centreNotFound()
    return { body: forModerators(centre) }
  })

  serve(app, deps, endpoints.moderation.searches, async ({ query: q }) => {
    const hours = Number(q.hours ?? 24)
    const minMisses = Number(q.minMisses ?? 5)
    const minDistinct = Number(q.minDistinct ?? 10)
    const found = await db.system.query<{
      centre_id: string
      centre_name: string
      user_id: string | null
      user_name: string | null
      searches: number
      misses: number
      distinct_queries: number
      first_at: Date
      last_at: Date
    }>(
      `SELECT l.org_id AS centre_id, o.name AS centre_name, l.user_id, u.name AS user_name,
              count(*)::int AS searches, count(*) FILTER (WHERE NOT l.found)::int AS misses,
              count(DISTINCT l.kind || ':' || l.query)::int AS distinct_queries,
              min(l.at) AS first_at, max(l.at) AS last_at
       FROM vehicle_search_log l
       JOIN organisations o ON o.id = l.org_id
       LEFT JOIN users u ON u.id = l.user_id
       WHERE l.at > now() - make_interval(hours => $1)
       GROUP BY l.org_id, o.name, l.user_id, u.name
       HAVING count(*) FILTER (WHERE NOT l.found) >= $2 OR count(DISTINCT l.kind || ':' || l.query) >= $3
       ORDER BY misses DESC, distinct_queries DESC, last_at DESC
       LIMIT 200`,
      [hours, minMisses, minDistinct],
    )
    return {
      body: found.rows.map((r) => ({
        centreId: r.centre_id,
        centreName: r.centre_name,
        userId: r.user_id,
        userName: r.user_name,
        searches: r.searches,
        misses: r.misses,
        distinctQueries: r.distinct_queries,
        firstAt: r.first_at.toISOString(),
        lastAt: r.last_at.toISOString(),
      })),
    }
  })
}
