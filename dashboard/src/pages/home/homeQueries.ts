import { endpoints } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** The home page's widgets in one request (`GET /api/v1/home`); refreshed every minute while open. */
export const createHomeQuery = () => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.home.summary.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.home.summary, {}, signal),
    refetchInterval: 60_000,
  }))
}

export type HomeSummaryView = NonNullable<ReturnType<typeof createHomeQuery>["data"]>
