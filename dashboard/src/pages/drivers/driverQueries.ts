import { endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"
import { createAllPagesQuery } from "../../api/createAllPagesQuery"

/** One driver with their current vehicles (another organisation's id, or another driver's for a driver: 404). */
export const createDriverQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.drivers.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.drivers.get, { params: { id: id() } }, signal),
  }))
}

/** Every team, for the team select. */
export const createTeamOptionsQuery = (enabled: () => boolean = () => true) =>
  createAllPagesQuery(endpoints.teams.list, () => ({ query: { sort: "name" }, enabled: enabled() }))

/** After a change to drivers, their lists, teams and assignments reload. */
export const invalidateDrivers = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [
      endpoints.drivers.list.id,
      endpoints.drivers.get.id,
      endpoints.teams.list.id,
      endpoints.teams.get.id,
      endpoints.assignments.byDriver.id,
      endpoints.assignments.list.id,
      endpoints.assignments.current.id,
      endpoints.fuel.listCards.id,
      endpoints.users.list.id,
      // The summaries name the vehicle a driver has and the driver a vehicle has.
      endpoints.dashboards.driver.id,
      endpoints.dashboards.vehicle.id,
      endpoints.vehicles.get.id,
    ].map((id) => queryClient.invalidateQueries({ queryKey: [id] })),
  )
