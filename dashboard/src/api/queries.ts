import { endpoints } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import { useApi } from "./ApiContext"
import { ApiError } from "./ApiError"
import type { TrackResponse, VehicleId, VehiclesResponse } from "./types"

export const queryKeys = {
  config: () => ["config"] as const,
  vehicles: () => ["vehicles"] as const,
  /** All cached tracks of one vehicle, whatever their range. */
  tracksOf: (vehicleId: string) => ["track", vehicleId] as const,
  track: (vehicleId: string, fromMs: number) => ["track", vehicleId, fromMs] as const,
}

/** Client errors (4xx) will not heal by themselves; network and server errors are retried twice. */
export const shouldRetry = (failureCount: number, error: unknown): boolean =>
  failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500)

/** `GET /api/v1/config`: public, so it works before sign-in. */
export const createConfigQuery = () => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: queryKeys.config(),
    queryFn: ({ signal }) => api.call(endpoints.system.config, {}, signal),
    staleTime: Number.POSITIVE_INFINITY,
  }))
}

/**
 * The organisation's vehicles with their last position. The live socket keeps this entry
 * current (see `applyLivePositions`), so it is rarely refetched.
 */
export const createVehiclesQuery = (options: () => { readonly enabled: boolean }) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: queryKeys.vehicles(),
    // The live snapshot: every vehicle the caller may see, unpaged (the vehicles list pages by 50).
    queryFn: ({ signal }) => api.get<VehiclesResponse>("/api/v1/live/vehicles", signal),
    enabled: options().enabled,
    staleTime: 60_000,
    // Rows keep their identity across live updates: only the changed fields re-render.
    reconcile: "id",
  }))
}

/**
 * A vehicle's track from `fromMs` to now. Live positions extend the cached entry; the key holds
 * only the start, so the growing track is not refetched on every render.
 */
export const createTrackQuery = (
  options: () => { readonly vehicleId: VehicleId | null; readonly fromMs: number },
) => {
  const api = useApi()
  return useQuery(() => {
    const { vehicleId, fromMs } = options()
    return {
      queryKey: queryKeys.track(vehicleId ?? "", fromMs),
      queryFn: ({ signal }) => {
        const params = new URLSearchParams({
          from: new Date(fromMs).toISOString(),
          to: new Date(Math.max(Date.now(), fromMs) + 1_000).toISOString(),
        })
        return api.get<TrackResponse>(
          `/api/v1/vehicles/${encodeURIComponent(vehicleId ?? "")}/track?${params}`,
          signal,
        )
      },
      enabled: vehicleId !== null,
      staleTime: 5 * 60_000,
      gcTime: 5 * 60_000,
    }
  })
}
