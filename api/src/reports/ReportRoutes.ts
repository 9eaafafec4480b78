import {
  EXPORT_MEDIA_TYPES,
  endpoints,
  type Language,
  languageOf,
  type ReportQuery,
} from "@fleetcore/contract"
import type { DocumentStore } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import contentDisposition from "content-disposition"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { reportDocument } from "../exports/ExportDocument.js"
import { loadLetterhead } from "../exports/letterhead.js"
import { renderCsv } from "../exports/renderCsv.js"
import { renderPdf } from "../exports/renderPdf.js"
import { renderXlsx } from "../exports/renderXlsx.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { reportContext } from "./reportContext.js"
import { REPORTS } from "./reportRegistry.js"

/** The reports (`reports.*`) and their export to CSV, XLSX and PDF (an audited action). */
export const registerReportRoutes = (
  app: TemplatedApp,
  deps: RouteDeps & { readonly documents: DocumentStore },
): void => {
  const { db, ch } = deps

  const run = (p: Principal, id: keyof typeof REPORTS, q: typeof ReportQuery.Type) =>
    db.withOrg(p.orgId, async (c) => REPORTS[id](await reportContext(c, ch, p, q, new Date())))

  serve(app, deps, endpoints.reports.tco, async ({ principal: p, query }) => ({
    body: await run(p, "tco", query),
  }))
  serve(app, deps, endpoints.reports.expenses, async ({ principal: p, query }) => ({
    body: await run(p, "expenses", query),
  }))
  serve(app, deps, endpoints.reports.fuel, async ({ principal: p, query }) => ({
    body: await run(p, "fuel", query),
  }))
  serve(app, deps, endpoints.reports.maintenance, async ({ principal: p, query }) => ({
    body: await run(p, "maintenance", query),
  }))
  serve(app, deps, endpoints.reports.drivers, async ({ principal: p, query }) => ({
    body: await run(p, "drivers", query),
  }))
  serve(app, deps, endpoints.reports.coverage, async ({ principal: p, query }) => ({
    body: await run(p, "coverage", query),
  }))
  serve(app, deps, endpoints.reports.rental, async ({ principal: p, query }) => ({
    body: await run(p, "rental", query),
  }))

  serve(app, deps, endpoints.reports.utilisation, async ({ principal: p, query }) => ({
    body: await run(p, "utilisation", query),
  }))
  serve(app, deps, endpoints.reports.mileage, async ({ principal: p, query }) => ({
    body: await run(p, "mileage", query),
  }))
  serve(app, deps, endpoints.reports.trips, async ({ principal: p, query }) => ({
    body: await run(p, "trips", query),
  }))
  serve(app, deps, endpoints.reports.geofenceVisits, async ({ principal: p, query }) => ({
    body: await run(p, "geofenceVisits", query),
  }))
  serve(app, deps, endpoints.reports.tasks, async ({ principal: p, query }) => ({
    body: await run(p, "tasks", query),
  }))

  serve(app, deps, endpoints.reports.export, async ({ principal: p, params, query, request }) => {
    const { format, ...filters } = query
    const language: Language = p.locale ?? languageOf(request.headers.get("accept-language") ?? undefined)
    const { table, letterhead } = await db.withOrg(p.orgId, async (c) => {
      const table = await REPORTS[params.report](await reportContext(c, ch, p, filters, new Date()))
      const letterhead = await loadLetterhead(c, deps.documents, p.orgId)
      await audit(c, p, request, {
        action: "export",
        entity: "report",
        entityId: null,
        details: {
          report: params.report,
          format,
          period: table.period,
          filters: table.filters,
          rows: table.rows.length,
        },
      })
      return { table, letterhead }
    })
    const doc = { ...reportDocument(table, letterhead.orgName, language), logo: letterhead.logo }
    const body =
      format === "csv"
        ? Buffer.from(renderCsv(doc), "utf8")
        : format === "xlsx"
          ? await renderXlsx(doc)
          : await renderPdf(doc)
    return {
      headers: {
        "content-type": EXPORT_MEDIA_TYPES[format],
        "content-disposition": contentDisposition(`${doc.filename}.${format}`),
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
      body,
    }
  })
}
