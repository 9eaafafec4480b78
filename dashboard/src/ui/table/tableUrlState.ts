/**
 * A server-driven table's state as it lives in the URL's query string, so the back and forward
 * buttons and a reload keep the page, the sort, the search and the filters. Parameters at their
 * default are left out of the URL.
 */
export interface TableState {
  /** From 1. */
  readonly page: number
  readonly pageSize: number
  /** A sort key of the list endpoint, "-" first for descending; null = the endpoint's default. */
  readonly sort: string | null
  readonly q: string
  /** The endpoint's own filters (user, action, status…), by name; empty values are absent. */
  readonly filters: Readonly<Record<string, string>>
  /** Columns the user chose to hide. */
  readonly hidden: ReadonlyArray<string>
}

export const PAGE_SIZES = [25, 50, 100, 200] as const
export const DEFAULT_PAGE_SIZE = 50

const RESERVED = new Set(["page", "pageSize", "sort", "q", "hide"])

export type SearchParamsRecord = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

const single = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  typeof value === "string" ? value : value?.[0]

const positiveInt = (value: string | undefined, fallback: number, max: number): number => {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback
}

/** Reads the state; `filterNames` are the filters this table knows (others in the URL are ignored). */
export const readTableState = (
  params: SearchParamsRecord,
  filterNames: ReadonlyArray<string>,
  sorts: ReadonlyArray<string>,
): TableState => {
  const sort = single(params.sort)
  const filters: Record<string, string> = {}
  for (const name of filterNames) {
    const value = single(params[name])
    if (value !== undefined && value !== "" && !RESERVED.has(name)) filters[name] = value
  }
  return {
    page: positiveInt(single(params.page), 1, 1_000_000),
    pageSize: positiveInt(single(params.pageSize), DEFAULT_PAGE_SIZE, 200),
    sort: sort !== undefined && sorts.includes(sort.replace(/^-/, "")) ? sort : null,
    q: single(params.q) ?? "",
    filters,
    hidden: (single(params.hide) ?? "").split(",").filter((c) => c !== ""),
  }
}

/**
 * The URL parameters for a change of state: every key this table owns, with `undefined` for the
 * ones at their default (the router then removes them). A change of search, sort, filter or page
 * size starts again at page 1.
 */
export const tableStateParams = (
  current: TableState,
  change: Partial<TableState>,
  filterNames: ReadonlyArray<string>,
): Record<string, string | undefined> => {
  const restart =
    (change.q !== undefined && change.q !== current.q) ||
    (change.sort !== undefined && change.sort !== current.sort) ||
    (change.pageSize !== undefined && change.pageSize !== current.pageSize) ||
    change.filters !== undefined
  const next: TableState = { ...current, ...change, page: change.page ?? (restart ? 1 : current.page) }
  const params: Record<string, string | undefined> = {
    page: next.page === 1 ? undefined : String(next.page),
    pageSize: next.pageSize === DEFAULT_PAGE_SIZE ? undefined : String(next.pageSize),
    sort: next.sort ?? undefined,
    q: next.q === "" ? undefined : next.q,
    hide: next.hidden.length === 0 ? undefined : next.hidden.join(","),
  }
  for (const name of filterNames) {
    const value = next.filters[name]
    params[name] = value === undefined || value === "" ? undefined : value
  }
  return params
}

/** The list endpoint's query: `page`, `pageSize`, `sort`, `q` and the filters, as strings. */
export const listQueryOf = (state: TableState): Record<string, string> => {
  const query: Record<string, string> = { page: String(state.page), pageSize: String(state.pageSize) }
  if (state.sort !== null) query.sort = state.sort
  if (state.q !== "") query.q = state.q
  return { ...query, ...state.filters }
}

/** The next sort when a column's header is clicked: ascending, descending, then the default. */
export const nextSort = (current: string | null, key: string): string | null => {
  if (current === key) return `-${key}`
  if (current === `-${key}`) return null
  return key
}

export const pageCount = (total: number, pageSize: number): number => Math.max(1, Math.ceil(total / pageSize))
