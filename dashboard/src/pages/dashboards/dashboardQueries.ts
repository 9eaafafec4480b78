import { endpoints } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** A vehicle's dashboard (seed 001), refreshed every 30 s while its page is open. */
export const createVehicleDashboardQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.dashboards.vehicle.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.dashboards.vehicle, { params: { id: id() } }, signal),
    refetchInterval: 30_000,
  }))
}

/** A driver's dashboard (seed 001), refreshed every minute while their page is open. */
export const createDriverDashboardQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.dashboards.driver.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.dashboards.driver, { params: { id: id() } }, signal),
    refetchInterval: 60_000,
  }))
}
