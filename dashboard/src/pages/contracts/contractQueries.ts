import { endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** One contract of the caller's organisation (another organisation's id is a 404). */
export const createContractQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.contracts.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.contracts.get, { params: { id: id() } }, signal),
  }))
}

/** The home page's counts: contracts expiring within `withinDays`, expired, pending renewal. */
export const createContractSummaryQuery = (withinDays: () => number) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.contracts.summary.id, withinDays()] as const,
    queryFn: ({ signal }) =>
      api.call(endpoints.contracts.summary, { query: { withinDays: String(withinDays()) } }, signal),
  }))
}

/** After a change, every contract list, count and cached contract reloads. */
export const invalidateContracts = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [endpoints.contracts.list.id, endpoints.contracts.get.id, endpoints.contracts.summary.id].map((id) =>
      queryClient.invalidateQueries({ queryKey: [id] }),
    ),
  )
