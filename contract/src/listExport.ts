import { Schema } from "effect"
import { type Access, type DeclaredError, endpoint, type Wire } from "./endpoint.js"
import { EXPORT_MEDIA_TYPES, ExportFormat } from "./endpoints/reports.js"

/** The most rows a list export writes; past it the file says it was cut (`FLEET_EXPORT_TRUNCATED` note). */
export const MAX_EXPORT_ROWS = 100_000

/**
 * The export of a list endpoint: `GET <list path>/export?format=csv|xlsx|pdf&<the list's filters,
 * sort and q>` (no paging: every row the list would page through, at most `MAX_EXPORT_ROWS`). It
 * needs `reports.export` and the list's own read permission; the server runs the list's own query
 * for the caller, so filters, sort and visibility are the list's.
 */
export const listExport = <F extends Schema.Struct.Fields>(
  list: {
    readonly id: string
    readonly path: string
    readonly tag: string
    readonly access: Access
    readonly query: Schema.Struct<F>
    /** A nested list's path parameters (a vehicle's assignments): the export's are the same. */
    readonly params?: Wire | undefined
    readonly errors?: ReadonlyArray<DeclaredError>
  },
  /** The export's id when its area exports another list already (`fuel.exportCards`). */
  id = `${list.id.slice(0, list.id.lastIndexOf("."))}.export`,
) => {
  const { page: _page, pageSize: _pageSize, ...filters } = list.query.fields
  return endpoint({
    id,
    method: "get",
    path: `${list.path}/export`,
    tag: list.tag,
    summary: `The list as a CSV, XLSX or PDF file, with its filters and sort (an audited action)`,
    description: `Needs \`reports.export\` and \`${String(list.access)}\` (the list's own). At most ${MAX_EXPORT_ROWS} rows.`,
    access: "reports.export",
    ...(list.access === "public" || list.access === "signedIn" ? {} : { alsoRequires: list.access }),
    ...(list.params === undefined ? {} : { params: list.params }),
    // The list's own filters (typed by the list endpoint), and the format.
    query: Schema.Struct({ ...filters, format: ExportFormat }) as unknown as Wire,
    contentType: Object.values(EXPORT_MEDIA_TYPES),
    errors: [
      { status: 403, code: "FLEET_FORBIDDEN", description: "The caller may not read the list" },
      ...(list.errors ?? []).filter((e) => e.status === 404),
    ],
  })
}
