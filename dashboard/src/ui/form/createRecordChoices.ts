import type { AnyEndpoint } from "@fleetcore/contract"
import { createEffect, createSignal, onCleanup } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { createRecordById } from "./createRecordById"
import type { ListItemOf, RecordChoice, RecordSource } from "./recordSource"

/** Typing pauses this long before the server is asked (one request per word, not per key). */
export const SEARCH_DEBOUNCE_MS = 250

/**
 * The reactive half of a record picker: the typed term (debounced) searched on the server while
 * the picker is open, and the chosen record fetched by id, so its label shows even when it is not
 * among the results. Both are TanStack queries: a term typed again and a record chosen elsewhere
 * (the vehicle's own page uses the same key) come from the cache.
 */
export const createRecordChoices = <L extends AnyEndpoint, G extends AnyEndpoint>(
  source: RecordSource<L, G>,
  options: () => {
    readonly value: string
    readonly open: boolean
    readonly hide?: ((item: ListItemOf<L>) => boolean) | undefined
  },
) => {
  const [term, setTerm] = createSignal("")
  const [searched, setSearched] = createSignal("")
  createEffect(() => {
    const next = term().trim()
    const timer = setTimeout(() => setSearched(next), SEARCH_DEBOUNCE_MS)
    onCleanup(() => clearTimeout(timer))
  })
  const results = createListQuery(source.list, () => ({
    query: source.query(searched()),
    enabled: options().open,
  }))
  const byId = createRecordById(source, () => options().value)
  const items = (): ReadonlyArray<RecordChoice> => {
    const page = results.data as { readonly items: ReadonlyArray<ListItemOf<L>> } | undefined
    const hide = options().hide
    return (page?.items ?? [])
      .filter((item) => hide === undefined || !hide(item))
      .map((item) => source.choiceOfItem(item))
  }
  return {
    /** What the person typed (the picker leaves out the chosen record's own label). */
    setTerm,
    /** The results of the latest search (the previous ones stay while the next load). */
    items,
    /** True until the typed term has been searched and answered. */
    searching: () => term().trim() !== searched() || results.isFetching,
    failed: () => results.isError,
    /** The chosen record's choice, once known (`undefined` for none or while it loads). */
    chosen: (): RecordChoice | undefined => {
      const id = options().value
      if (id === "") return undefined
      const inResults = items().find((choice) => choice.id === id)
      if (inResults !== undefined) return inResults
      return byId()
    },
  }
}
