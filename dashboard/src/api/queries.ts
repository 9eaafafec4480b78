import { endpoints } from "@fleetcore/contract"
import { keepPreviousData, useQuery } from "@tanstack/solid-query"
import { useApi } from "./ApiContext"
import { ApiError } from "./ApiError"
import type { LiveMapFilter, LiveMapSnapshot, TrackResponse, VehicleId, VehicleRecord } from "./types"

export const queryKeys = {
  config: () => ["config"] as const,
  /** All cached tracks of one vehicle, whatever their range. */
  tracksOf: (vehicleId: string) => ["track", vehicleId] as const,
  track: (vehicleId: string, fromMs: number) => ["track", vehicleId, fromMs] as const,
  /** Every cached live map snapshot, whatever its filter. */
  liveMaps: () => ["liveMap"] as const,
  liveMap: (filter: LiveMapFilter) =>
    ["liveMap", { teamId: filter.teamId ?? null, vehicleTypeId: filter.vehicleTypeId ?? null }] as const,
  vehicle: (vehicleId: string) => ["vehicle", vehicleId] as const,
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
      queryFn: ({ signal }): Promise<TrackResponse> =>
        api.call(
          endpoints.vehicles.track,
          {
            params: { id: vehicleId ?? "" },
            query: {
              from: new Date(fromMs).toISOString(),
              to: new Date(Math.max(Date.now(), fromMs) + 1_000).toISOString(),
            },
          },
          signal,
        ),
      enabled: vehicleId !== null,
      staleTime: 5 * 60_000,
      gcTime: 5 * 60_000,
    }
  })
}

/**
 * The live map's compact snapshot for a team/type filter. The live socket keeps every cached
 * snapshot current (`applyLivePositions`); no reconcile: a batch replaces the position columns.
 */
export const createLiveMapQuery = (filter: () => LiveMapFilter) => {
  const api = useApi()
  return useQuery(() => {
    const f = filter()
    return {
      queryKey: queryKeys.liveMap(f),
      queryFn: ({ signal }): Promise<LiveMapSnapshot> =>
        api.call(
          endpoints.vehicles.liveMap,
          {
            query: {
              ...(f.teamId ? { teamId: f.teamId } : {}),
              ...(f.vehicleTypeId ? { vehicleTypeId: f.vehicleTypeId } : {}),
            },
          },
          signal,
        ),
      staleTime: 60_000,
      reconcile: false,
      // Switching a filter keeps the last snapshot on screen until the new one arrives.
      placeholderData: keepPreviousData,
    }
  })
}

/** One vehicle's full record (the selected vehicle's details); live positions update its `last`. */
export const createVehicleQuery = (vehicleId: () => VehicleId | null) => {
  const api = useApi()
  return useQuery(() => {
    const id = vehicleId()
    return {
      queryKey: queryKeys.vehicle(id ?? ""),
      queryFn: ({ signal }): Promise<VehicleRecord> =>
        api.call(endpoints.vehicles.get, { params: { id: id ?? "" } }, signal),
      enabled: id !== null,
      staleTime: 60_000,
    }
  })
}
