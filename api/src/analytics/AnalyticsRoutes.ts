import { can, EXPORT_MEDIA_TYPES, endpoints, languageOf } from "@fleetcore/contract"
import { type DocumentStore, HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import contentDisposition from "content-disposition"
import { audit } from "../audit/audit.js"
import { analyticsDocument } from "../exports/analyticsDocument.js"
import { loadLetterhead } from "../exports/letterhead.js"
import { renderExport } from "../exports/renderExport.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { analyticsCatalogue } from "./analyticsCatalogue.js"
import { EXAMPLE_QUERIES } from "./exampleQueries.js"
import { runAnalystQuery } from "./runAnalystQuery.js"

/**
 * Analysts' read-only SQL on their organisation's ClickHouse views, answered as JSON or as a file
 * (CSV, XLSX, PDF); every query is audited.
 */
export const registerAnalyticsRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "ch" | "tokens" | "log"> & { readonly documents: DocumentStore },
): void => {
  const { db, ch } = deps

  serve(app, deps, endpoints.analytics.query, async ({ principal: p, body, request }) => {
    const record = (details: object) =>
      db.withOrg(p.orgId, (c) =>
        audit(c, p, request, { action: "analytics.query", entity: "analytics", entityId: null, details }),
      )
    try {
      const answer = await runAnalystQuery(ch, p.orgId, body.sql)
      await record({ sql: body.sql, outcome: "ok", rows: answer.rows.length, truncated: answer.truncated })
      return { body: { ...answer, columns: [...answer.columns], rows: answer.rows.map((r) => [...r]) } }
    } catch (error) {
      if (error instanceof HttpError)
        await record({ sql: body.sql, outcome: error.code, message: error.message })
      throw error
    }
  })

  serve(app, deps, endpoints.analytics.export, async ({ principal: p, body, request }) => {
    if (!can(p.role, "reports.export"))
      throw new HttpError(403, "FLEET_FORBIDDEN", "this action needs the permission reports.export")
    const details = { sql: body.sql, format: body.format }
    const record = (more: object) =>
      db.withOrg(p.orgId, (c) =>
        audit(c, p, request, {
          action: "export",
          entity: "analytics",
          entityId: null,
          details: { ...details, ...more },
        }),
      )
    let answer: Awaited<ReturnType<typeof runAnalystQuery>>
    try {
      answer = await runAnalystQuery(ch, p.orgId, body.sql)
    } catch (error) {
      if (error instanceof HttpError) await record({ outcome: error.code, message: error.message })
      throw error
    }
    const letterhead = await db.withOrg(p.orgId, async (c) => {
      await audit(c, p, request, {
        action: "export",
        entity: "analytics",
        entityId: null,
        details: { ...details, outcome: "ok", rows: answer.rows.length, truncated: answer.truncated },
      })
      return loadLetterhead(c, deps.documents, p.orgId)
    })
    const language = p.locale ?? languageOf(request.headers.get("accept-language") ?? undefined)
    const doc = analyticsDocument(answer, body.sql, letterhead, language)
    return {
      headers: {
        "content-type": EXPORT_MEDIA_TYPES[body.format],
        "content-disposition": contentDisposition(`${doc.filename}.${body.format}`),
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
        "x-fleet-export-rows": String(answer.rows.length),
      },
      body: await renderExport(doc, body.format),
    }
  })

  serve(app, deps, endpoints.analytics.tables, async () => {
    const tables = await analyticsCatalogue(ch)
    return {
      body: {
        tables: tables.map((t) => ({ ...t, columns: [...t.columns] })),
        examples: EXAMPLE_QUERIES.map((e) => ({ ...e })),
      },
    }
  })
}
