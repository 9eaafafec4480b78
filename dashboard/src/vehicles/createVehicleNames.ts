import { endpoints } from "@fleetcore/contract"
import { keepPreviousData, useQuery } from "@tanstack/solid-query"
import { createMemo } from "solid-js"
import { useApi } from "../api/ApiContext"

/** The most ids the vehicles list takes in one `ids` filter. */
const MAX_IDS = 200

/**
 * The names of the vehicles a page's rows name by id only (sensor events, reconciliation rows):
 * one request for exactly those vehicles, however large the fleet. "…" while they load.
 */
export const createVehicleNames = (vehicleIds: () => ReadonlyArray<string>) => {
  const api = useApi()
  const ids = createMemo(() => [...new Set(vehicleIds())].sort().slice(0, MAX_IDS))
  const found = useQuery(() => ({
    queryKey: [endpoints.vehicles.list.id, { ids: ids(), purpose: "names" }] as const,
    queryFn: ({ signal }: { readonly signal: AbortSignal }) =>
      api.call(
        endpoints.vehicles.list,
        { query: { ids: ids().join(","), pageSize: String(MAX_IDS) } },
        signal,
      ),
    enabled: ids().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  }))
  const byId = createMemo(() => new Map((found.data?.items ?? []).map((v) => [v.id, v.name] as const)))
  return (id: string): string => byId().get(id) ?? "…"
}
