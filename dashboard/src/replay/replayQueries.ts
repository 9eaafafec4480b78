import { endpoints } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import { useApi } from "../api/ApiContext"
import { useSession } from "../auth/SessionContext"
import type { Period } from "./replayPeriod"

/** Most alerts shown on one replay (the list endpoint's largest page). */
const EVENTS_PAGE = 200

const range = (period: Period) => ({
  from: new Date(period.fromMs).toISOString(),
  to: new Date(period.toMs).toISOString(),
})

/** A vehicle's stored points of a period (thinned by the API beyond 100,000). */
export const createReplayTrackQuery = (
  options: () => { readonly vehicleId: string; readonly period: Period; readonly enabled?: boolean },
) => {
  const api = useApi()
  return useQuery(() => {
    const { vehicleId, period, enabled } = options()
    return {
      enabled: enabled ?? true,
      queryKey: [endpoints.vehicles.track.id, vehicleId, period.fromMs, period.toMs] as const,
      queryFn: ({ signal }) =>
        api.call(endpoints.vehicles.track, { params: { id: vehicleId }, query: range(period) }, signal),
      staleTime: 60_000,
    }
  })
}

export const createStopsQuery = (options: () => { readonly vehicleId: string; readonly period: Period }) => {
  const api = useApi()
  return useQuery(() => {
    const { vehicleId, period } = options()
    return {
      queryKey: [endpoints.history.stops.id, vehicleId, period.fromMs, period.toMs] as const,
      queryFn: ({ signal }) =>
        api.call(endpoints.history.stops, { params: { id: vehicleId }, query: range(period) }, signal),
      staleTime: 60_000,
      // A period that reaches now grows while the page is open: a trip or stop that ends shows up.
      refetchInterval: period.toMs > Date.now() ? 60_000 : false,
    }
  })
}

export const createTripsQuery = (options: () => { readonly vehicleId: string; readonly period: Period }) => {
  const api = useApi()
  return useQuery(() => {
    const { vehicleId, period } = options()
    return {
      queryKey: [endpoints.history.trips.id, vehicleId, period.fromMs, period.toMs] as const,
      queryFn: ({ signal }) =>
        api.call(endpoints.history.trips, { params: { id: vehicleId }, query: range(period) }, signal),
      staleTime: 60_000,
      // A period that reaches now grows while the page is open: a trip or stop that ends shows up.
      refetchInterval: period.toMs > Date.now() ? 60_000 : false,
    }
  })
}

/** The vehicle's alerts opened in the period, for the replay's events (only for roles that read alerts). */
export const createEventsQuery = (options: () => { readonly vehicleId: string; readonly period: Period }) => {
  const api = useApi()
  const session = useSession()
  return useQuery(() => {
    const { vehicleId, period } = options()
    return {
      queryKey: [endpoints.alerts.list.id, "replay", vehicleId, period.fromMs, period.toMs] as const,
      queryFn: ({ signal }) =>
        api.call(
          endpoints.alerts.list,
          { query: { vehicleId, ...range(period), pageSize: String(EVENTS_PAGE), sort: "openedAt" } },
          signal,
        ),
      enabled: session.can("alerts.read"),
      staleTime: 60_000,
    }
  })
}
