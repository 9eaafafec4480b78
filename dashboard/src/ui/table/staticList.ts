import type { ListResult } from "./DataTable"

/** Turns a list already in memory into what the shared table shows. */
export const staticList = <T>(
  items: () => ReadonlyArray<T> | undefined,
  state: {
    isLoading: boolean
    isFetching: boolean
    isError: boolean
    error: unknown
    refetch: () => unknown
  },
): ListResult<T> => ({
  get data() {
    const list = items()
    return list === undefined ? undefined : { items: list, total: list.length }
  },
  get isLoading() {
    return state.isLoading
  },
  get isFetching() {
    return state.isFetching
  },
  get isError() {
    return state.isError
  },
  get error() {
    return state.error
  },
  refetch: () => void state.refetch(),
})
