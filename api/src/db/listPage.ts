import { DEFAULT_PAGE_SIZE } from "@fleetcore/contract"
import type { SelectQueryBuilder } from "kysely"
import type pg from "pg"
import { firstRow, rows } from "./sql.js"

/** The paging part of a list query (see `listQuery` in the contract). */
export interface PageQuery {
  readonly page?: string
  readonly pageSize?: string
  readonly sort?: string
}

export interface Page<O> {
  readonly items: ReadonlyArray<O>
  readonly total: number
  readonly page: number
  readonly pageSize: number
}

/**
 * The sort a list query asked for, as a column and direction: `sort` names a field of the answer
 * ("-" first for descending); `columns` maps each declared field to its SQL column.
 */
export const sortOf = <C extends string>(
  sort: string | undefined,
  columns: Readonly<Record<string, C>>,
  fallback: { readonly column: C; readonly direction: "asc" | "desc" },
): { readonly column: C; readonly direction: "asc" | "desc" } => {
  if (sort === undefined) return fallback
  const desc = sort.startsWith("-")
  const column = columns[desc ? sort.slice(1) : sort]
  return column === undefined ? fallback : { column, direction: desc ? "desc" : "asc" }
}

/** The page `q` asks for, as numbers. */
export const pageOf = (q: PageQuery) => {
  const pageSize = Number(q.pageSize ?? DEFAULT_PAGE_SIZE)
  const page = Number(q.page ?? "1")
  return { page, pageSize, offset: (page - 1) * pageSize }
}

/** The number of rows a filtered statement yields. */
export const countRows = async <DB, TB extends keyof DB, O>(
  client: pg.ClientBase,
  query: SelectQueryBuilder<DB, TB, O>,
): Promise<number> => {
  const counted = await firstRow(
    client,
    query
      .clearSelect()
      .clearOrderBy()
      .select((eb) => eb.fn.countAll<string>().as("total")),
  )
  return Number((counted as { total?: string } | undefined)?.total ?? 0)
}

/**
 * One page of a filtered, sorted statement, without its count: for lists that count their rows in
 * a totals query of their own. `query` carries the filters and order, not the limit.
 */
export const pageItems = async <DB, TB extends keyof DB, O>(
  client: pg.ClientBase,
  query: SelectQueryBuilder<DB, TB, O>,
  q: PageQuery,
): Promise<Omit<Page<O>, "total">> => {
  const { page, pageSize, offset } = pageOf(q)
  const items = await rows(client, query.limit(pageSize).offset(offset))
  return { items, page, pageSize }
}

/**
 * One page of a filtered, sorted statement and the count of all its rows: the list convention of
 * every endpoint (50 by default). `query` carries the filters and order, not the limit.
 */
export const listPage = async <DB, TB extends keyof DB, O>(
  client: pg.ClientBase,
  query: SelectQueryBuilder<DB, TB, O>,
  q: PageQuery,
): Promise<Page<O>> => {
  const page = await pageItems(client, query, q)
  return { ...page, total: await countRows(client, query) }
}
