import type { AnyEndpoint, CallInput, CallOutput } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import { type Api, useApi } from "./ApiContext"

/** The largest page a list endpoint gives (contract/src/list.ts). */
const PAGE_SIZE = 200
/** More than this many items is not "every item" any more: a page that needs it must page or search. */
export const ALL_PAGES_MAX_ITEMS = 10_000

type ListOutput = { readonly items: ReadonlyArray<unknown>; readonly total: number }

/**
 * Every item of a declared list endpoint (up to ALL_PAGES_MAX_ITEMS), for what must be complete: a
 * map's fences, a select's options. The first page says the total; the rest load in parallel.
 */
export const fetchAllPages = async <E extends AnyEndpoint>(
  api: Api,
  endpoint: E,
  query: CallInput<E>["query"],
  signal?: AbortSignal,
): Promise<CallOutput<E>> => {
  const page = (n: number) =>
    api.call(
      endpoint,
      { query: { ...(query as object), page: String(n), pageSize: String(PAGE_SIZE) } } as CallInput<E>,
      signal,
    )
  const first = (await page(1)) as CallOutput<E> & ListOutput
  const pages = Math.ceil(Math.min(first.total, ALL_PAGES_MAX_ITEMS) / PAGE_SIZE)
  const rest = (await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)),
  )) as ReadonlyArray<ListOutput>
  const items = [...first.items, ...rest.flatMap((p) => p.items)]
  return { ...first, items, page: 1, pageSize: items.length }
}

/** `fetchAllPages` as a query, keyed by the endpoint's id and query like `createListQuery`. */
export const createAllPagesQuery = <E extends AnyEndpoint>(
  endpoint: E,
  options: () => {
    readonly query: CallInput<E>["query"]
    readonly enabled?: boolean
    readonly staleTime?: number
  },
) => {
  const api = useApi()
  return useQuery(() => {
    const { query, enabled, staleTime } = options()
    return {
      queryKey: [endpoint.id, "all", query] as const,
      queryFn: ({ signal }): Promise<CallOutput<E>> => fetchAllPages(api, endpoint, query, signal),
      enabled: enabled ?? true,
      ...(staleTime === undefined ? {} : { staleTime }),
    }
  })
}
