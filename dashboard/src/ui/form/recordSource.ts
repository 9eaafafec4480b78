import type { AnyEndpoint, CallInput, CallOutput } from "@fleetcore/contract"

/** One choice of a record picker: the id sent and the words shown ("Name · plate"). */
export interface RecordChoice {
  readonly id: string
  readonly label: string
}

/** The item of a declared list endpoint's page (`listOf(item)` answers `{ items, total, … }`). */
export type ListItemOf<L extends AnyEndpoint> =
  CallOutput<L> extends { readonly items: ReadonlyArray<infer I> } ? I : never

/**
 * Where a picker finds its records: a declared list endpoint searched by `q` on the server, and
 * the get-by-id endpoint for the chosen record, which may lie beyond any page of results.
 */
export interface RecordSource<L extends AnyEndpoint, G extends AnyEndpoint> {
  readonly list: L
  readonly get: G
  /** The list's query for a search term: `q` (left out when empty), a small page, the source's filters. */
  readonly query: (q: string) => CallInput<L>["query"]
  readonly choiceOfItem: (item: ListItemOf<L>) => RecordChoice
  readonly choiceOfRecord: (record: CallOutput<G>) => RecordChoice
}

/** How many records a search shows: enough to choose from, few enough to answer at once. */
export const PICKER_PAGE_SIZE = "20"

/** The search part of a list query: `q` only when something was typed. */
export const searchQuery = (q: string): { readonly pageSize: string; readonly q?: string } =>
  q === "" ? { pageSize: PICKER_PAGE_SIZE } : { pageSize: PICKER_PAGE_SIZE, q }
