import type { ListResult } from "./DataTable"

/** What `createListQuery` answers and `<DataTable result>` needs from it. */
interface ListQueryLike<T> {
  readonly data: { readonly items: ReadonlyArray<T>; readonly total: number } | undefined
  readonly isLoading: boolean
  readonly isFetching: boolean
  readonly isError: boolean
  readonly error: unknown
  readonly refetch: () => unknown
}

/** A query's state without its rows. */
export type QueryState = Omit<ListQueryLike<unknown>, "data">

/**
 * A list query as a `<DataTable>`'s `result`; the getters keep it reactive. With `data`, the rows
 * come from elsewhere (a list already in memory) and the query gives its loading and error state.
 */
export function listResultOf<T>(query: ListQueryLike<T>): ListResult<T>
export function listResultOf<T>(query: QueryState, data: () => ListQueryLike<T>["data"]): ListResult<T>
export function listResultOf<T>(
  query: QueryState & { readonly data?: ListQueryLike<T>["data"] },
  data: () => ListQueryLike<T>["data"] = () => query.data,
): ListResult<T> {
  return {
    get data() {
      return data()
    },
    get isLoading() {
      return query.isLoading
    },
    get isFetching() {
      return query.isFetching
    },
    get isError() {
      return query.isError
    },
    get error() {
      return query.error
    },
    refetch: () => void query.refetch(),
  }
}
