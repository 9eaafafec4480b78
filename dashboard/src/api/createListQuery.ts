import type { AnyEndpoint, CallInput, CallOutput } from "@fleetcore/contract"
import { keepPreviousData, useQuery } from "@tanstack/solid-query"
import { useApi } from "./ApiContext"

/**
 * A page of a declared list endpoint (`listQuery`/`listOf` in the contract), keyed by the
 * endpoint's id and query. The previous page stays on screen while the next one loads.
 */
export const createListQuery = <E extends AnyEndpoint>(
  endpoint: E,
  options: () => { readonly query: CallInput<E>["query"]; readonly enabled?: boolean },
) => {
  const api = useApi()
  return useQuery(() => {
    const { query, enabled } = options()
    return {
      queryKey: [endpoint.id, query] as const,
      queryFn: ({ signal }): Promise<CallOutput<E>> => api.call(endpoint, { query } as CallInput<E>, signal),
      placeholderData: keepPreviousData,
      enabled: enabled ?? true,
    }
  })
}
