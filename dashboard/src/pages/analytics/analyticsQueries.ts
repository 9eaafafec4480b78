import { endpoints } from "@fleetcore/contract"
import { useMutation, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"
import { shouldRetry } from "../../api/queries"

/** The tables and columns the analyst may read, and the example queries of docs/analytics.md. */
export const createAnalyticsTablesQuery = () => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: ["analytics", "tables"] as const,
    queryFn: ({ signal }) => api.call(endpoints.analytics.tables, {}, signal),
    staleTime: 5 * 60_000,
    retry: shouldRetry,
  }))
}

/** Runs one query; each run is a new answer (nothing cached). */
export const createAnalyticsRun = () => {
  const api = useApi()
  return useMutation(() => ({
    mutationFn: (sql: string) => api.call(endpoints.analytics.query, { body: { sql } }),
  }))
}
