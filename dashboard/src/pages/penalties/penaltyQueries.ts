import { endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** One fine (a driver: only their own; anything else is a 404). */
export const createPenaltyQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.penalties.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.penalties.get, { params: { id: id() } }, signal),
  }))
}

/** After a change, every fine list and cached fine reloads. */
export const invalidatePenalties = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [endpoints.penalties.list.id, endpoints.penalties.get.id].map((id) =>
      queryClient.invalidateQueries({ queryKey: [id] }),
    ),
  )
