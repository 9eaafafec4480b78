import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { analyticsCatalogue } from "./analyticsCatalogue.js"
import { EXAMPLE_QUERIES } from "./exampleQueries.js"
import { runAnalystQuery } from "./runAnalystQuery.js"

/** Analysts' read-only SQL on their organisation's ClickHouse views; every query is audited. */
export const registerAnalyticsRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "ch" | "tokens" | "log">,
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
