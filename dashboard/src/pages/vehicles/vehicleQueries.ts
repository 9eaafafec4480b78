import {
  type AnyEndpoint,
  type CallInput,
  type CallOutput,
  endpoints,
  type VehicleRecord,
} from "@fleetcore/contract"
import { keepPreviousData, type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

export type VehicleView = (typeof VehicleRecord)["Encoded"]

/** One vehicle of the caller's organisation (another organisation's id is a 404). */
export const createVehicleQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.vehicles.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.vehicles.get, { params: { id: id() } }, signal),
  }))
}

/** The organisation's rental totals (count, expiring, monthly cost per currency). */
export const createRentalSummaryQuery = () => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.vehicles.rentalSummary.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.vehicles.rentalSummary, {}, signal),
  }))
}

/**
 * After a change of a vehicle (or of what its page shows), every vehicle list and page reloads, and
 * the vehicle and driver summaries (the driver assigned, the vehicle a driver has).
 */
export const invalidateVehicles = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [
      endpoints.vehicles.list.id,
      endpoints.vehicles.get.id,
      endpoints.vehicles.rentalSummary.id,
      endpoints.audit.list.id,
      endpoints.dashboards.vehicle.id,
      endpoints.dashboards.driver.id,
    ].map((id) => queryClient.invalidateQueries({ queryKey: [id] })),
  )

/** A list nested under a vehicle (`/api/v1/vehicles/:id/…`), keyed by the endpoint, vehicle and query. */
export const createVehicleListQuery = <E extends AnyEndpoint>(
  endpoint: E,
  options: () => { readonly vehicleId: string; readonly query?: CallInput<E>["query"] },
) => {
  const api = useApi()
  return useQuery(() => {
    const { vehicleId, query } = options()
    return {
      queryKey: [endpoint.id, vehicleId, query ?? {}] as const,
      queryFn: ({ signal }): Promise<CallOutput<E>> =>
        api.call(
          endpoint,
          { params: { id: vehicleId }, query: query ?? {} } as unknown as CallInput<E>,
          signal,
        ),
      placeholderData: keepPreviousData,
    }
  })
}
