import { useSearchParams } from "@solidjs/router"
import { type Accessor, createMemo } from "solid-js"
import {
  DEFAULT_PAGE_SIZE,
  readTableState,
  type SearchParamsRecord,
  type TableState,
  tableStateParams,
} from "./tableUrlState"

export interface TableUrlState {
  readonly state: Accessor<TableState>
  /** Changes the state; typing in the search box replaces the history entry instead of adding one. */
  readonly set: (change: Partial<TableState>, options?: { readonly replace?: boolean }) => void
  /** Sets one filter, keeping the others ("" clears it). */
  readonly setFilter: (name: string, value: string) => void
  /** The list endpoint's filters this table knows. */
  readonly filterNames: ReadonlyArray<string>
}

/** A table's page, sort, search, filters and hidden columns, kept in the URL's query string. */
export const createTableUrlState = (options: {
  readonly filters?: ReadonlyArray<string>
  readonly sorts: ReadonlyArray<string>
}): TableUrlState => {
  const [params, setParams] = useSearchParams()
  const filterNames = options.filters ?? []
  const state = createMemo(() => readTableState(params as SearchParamsRecord, filterNames, options.sorts))
  const set: TableUrlState["set"] = (change, setOptions) =>
    setParams(tableStateParams(state(), change, filterNames), { replace: setOptions?.replace ?? false })
  return {
    state,
    filterNames,
    set,
    setFilter: (name, value) => set({ filters: { ...state().filters, [name]: value } }),
  }
}

/** A fixed state for a compact table inside another page (no toolbar, no paging, no sorting). */
export const fixedTableState = (pageSize: number = DEFAULT_PAGE_SIZE): TableUrlState => {
  const state: TableState = { page: 1, pageSize, sort: null, q: "", filters: {}, hidden: [] }
  return { state: () => state, filterNames: [], set: () => undefined, setFilter: () => undefined }
}
