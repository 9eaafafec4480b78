import { endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** How many refuel anomalies wait for a check: the banner's count (one row asked, the total used). */
export const createUncheckedCountQuery = () => {
  const api = useApi()
  const query = { anomaly: "unchecked", pageSize: "1" } as const
  return useQuery(() => ({
    queryKey: [endpoints.fuel.listEntries.id, query] as const,
    queryFn: ({ signal }) => api.call(endpoints.fuel.listEntries, { query }, signal),
    select: (page: { readonly total: number }) => page.total,
  }))
}

/** After a check: refuels, the banner, the expenses (whose rows show the anomaly) and the alerts reload. */
export const invalidateAfterCheck = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [endpoints.fuel.listEntries.id, endpoints.expenses.list.id, endpoints.alerts.list.id].map((id) =>
      queryClient.invalidateQueries({ queryKey: [id] }),
    ),
  )
