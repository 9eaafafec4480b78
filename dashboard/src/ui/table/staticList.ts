import type { ListResult } from "./DataTable"
import { listResultOf, type QueryState } from "./listResultOf"

/** Turns a list already in memory into what the shared table shows, with a query's loading state. */
export const staticList = <T>(items: () => ReadonlyArray<T> | undefined, state: QueryState): ListResult<T> =>
  listResultOf<T>(state, () => {
    const list = items()
    return list === undefined ? undefined : { items: list, total: list.length }
  })
