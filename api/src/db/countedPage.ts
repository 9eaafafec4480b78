import { sql as raw, type SelectQueryBuilder } from "kysely"
import type pg from "pg"
import { countRows, type Page, type PageQuery, pageOf } from "./listPage.js"
import { pageRows } from "./preparedRows.js"

/**
 * `listPage` in one statement: the page's rows carry the count of every row the filters keep
 * (`count(*) OVER ()`, computed before the limit), so a list costs one round trip and one statement,
 * prepared with its bounds as literals (`pageRows`). Past the last row the page is empty and carries
 * no count: only then is it counted on its own. For lists whose filtered rows are few or sorted
 * anyway (a search, a filter); `query` carries the filters and order, not the limit.
 */
export const countedPage = async <DB, TB extends keyof DB, O>(
  client: pg.ClientBase,
  query: SelectQueryBuilder<DB, TB, O>,
  q: PageQuery,
): Promise<Page<O>> => {
  const { page, pageSize, offset } = pageOf(q)
  const found = await pageRows(
    client,
    query
      .select(raw<string>`count(*) OVER ()`.as("total_rows"))
      .limit(raw.lit(pageSize))
      .offset(raw.lit(offset)),
    page,
  )
  const counted = (found[0] as { total_rows?: string } | undefined)?.total_rows
  const total = counted !== undefined ? Number(counted) : offset === 0 ? 0 : await countRows(client, query)
  return { items: found as O[], page, pageSize, total }
}
