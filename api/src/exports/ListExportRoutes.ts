import {
  ALL_ENDPOINTS,
  type AnyEndpoint,
  EXPORT_MEDIA_TYPES,
  endpoints,
  type Language,
  languageOf,
  MAX_EXPORT_ROWS,
  MAX_PAGE_SIZE,
} from "@fleetcore/contract"
import type { DocumentStore } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import contentDisposition from "content-disposition"
import { audit } from "../audit/audit.js"
import { orgBooks } from "../expenses/orgBooks.js"
import { handlerOf } from "../http/handlerRegistry.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import type { ExportDocument } from "./ExportDocument.js"
import { EXPORT_TEXTS } from "./exportTexts.js"
import { withNames } from "./itemNames.js"
import { loadLetterhead } from "./letterhead.js"
import { type Item, LIST_COLUMNS, LIST_EXPORT_TEXTS } from "./listExportColumns.js"
import type { ValueSet } from "./listTexts/ListExportTexts.js"
import { type ExportFormatName, renderExport } from "./renderExport.js"

type Area = keyof typeof endpoints.listExports

/** The list an export writes: the GET endpoint at the export's path without `/export`. */
const listOf = (exported: AnyEndpoint): AnyEndpoint => {
  const path = exported.path.slice(0, -"/export".length)
  const list = ALL_ENDPOINTS.find((e) => e.method === "get" && e.path === path)
  if (list === undefined) throw new Error(`no list at ${path} for ${exported.id}`)
  return list
}

/**
 * Every list of `endpoints.listExports` as a CSV, XLSX or PDF file. The rows are the list's own:
 * its handler runs for the caller with the asked filters, sort and search, page after page of
 * `MAX_PAGE_SIZE` (so visibility, filters and sort are never re-implemented), up to
 * `MAX_EXPORT_ROWS`. The export is audited. The list's own permission is the declaration's
 * `alsoRequires`, checked with `reports.export` before the query is read.
 */
export const registerListExportRoutes = (
  app: TemplatedApp,
  deps: RouteDeps & { readonly documents: DocumentStore },
): void => {
  for (const area of Object.keys(endpoints.listExports) as Array<Area>) {
    const exported = endpoints.listExports[area] as AnyEndpoint
    const list = listOf(exported)
    serve(app, deps, exported, async ({ principal: p, params, query, request }) => {
      const handler = handlerOf(app, list.id)
      if (handler === undefined) throw new Error(`the list ${list.id} is not served`)
      const { format, ...filters } = query as Record<string, unknown> & { format: ExportFormatName }
      const items: Array<Item> = []
      let total = 0
      for (let page = 1; items.length < MAX_EXPORT_ROWS; page++) {
        const answer = await handler({
          principal: p,
          params,
          query: { ...filters, page: String(page), pageSize: String(MAX_PAGE_SIZE) },
          body: undefined,
          request,
        })
        const body = answer.body as unknown as { items: ReadonlyArray<Item>; total: number }
        total = body.total
        items.push(...body.items.slice(0, MAX_EXPORT_ROWS - items.length))
        if (body.items.length < MAX_PAGE_SIZE || items.length >= total) break
      }
      const language: Language = p.locale ?? languageOf(request.headers.get("accept-language") ?? undefined)
      const texts = LIST_EXPORT_TEXTS[language]
      const columns = LIST_COLUMNS[area]
      const { letterhead, named, timezone } = await deps.db.withOrg(p.orgId, async (c) => {
        const named = await withNames(c, items)
        const letterhead = await loadLetterhead(c, deps.documents, p.orgId)
        const { timezone } = await orgBooks(c, p.orgId)
        await audit(c, p, request, {
          action: "export",
          entity: area,
          entityId: null,
          details: { list: list.id, format, filters, rows: items.length, total },
        })
        return { letterhead, named, timezone }
      })
      const context = {
        value: (set: ValueSet, code: string) => texts.values[set][code] ?? code,
        always: texts.always,
        timezone,
      }
      const times = columns.some((c) => c.kind === "datetime")
      const day = new Date().toISOString().slice(0, 10)
      const doc: ExportDocument = {
        title: texts.titles[area] ?? area,
        orgName: letterhead.orgName,
        logo: letterhead.logo,
        language,
        currency: "",
        notes: [
          ...(items.length < total ? [texts.truncated.replace("{n}", String(items.length))] : []),
          ...(times ? [`${EXPORT_TEXTS[language].timezone}: ${timezone}`] : []),
        ],
        columns: columns.map((c) => ({ label: texts.labels[c.key] ?? c.key, kind: c.kind })),
        rows: named.map((item) => columns.map((c) => c.cell(item, context))),
        totals: null,
        filename: `${area}-${day}`,
      }
      return {
        headers: {
          "content-type": EXPORT_MEDIA_TYPES[format],
          "content-disposition": contentDisposition(`${doc.filename}.${format}`),
          "x-content-type-options": "nosniff",
          "cache-control": "private, no-store",
          "x-fleet-export-rows": String(items.length),
          "x-fleet-export-total": String(total),
        },
        body: await renderExport(doc, format),
      }
    })
  }
}
