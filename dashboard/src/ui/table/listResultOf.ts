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

/** A list query as a `<DataTable>`'s `result`; the getters keep it reactive. */
export const listResultOf = <T>(query: ListQueryLike<T>): ListResult<T> => ({
  get data() {
    return query.data
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
})
