import { endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** One organisation (owner), keyed like the list so one invalidation reaches both. */
export const createOrganisationQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.organisations.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.organisations.get, { params: { id: id() } }, signal),
  }))
}

/** The caller's own organisation (the settings page). */
export const createCurrentOrganisationQuery = () => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.organisations.current.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.organisations.current, {}, signal),
  }))
}

/**
 * After a create or an update every view of organisations reloads: the list, the detail, the
 * caller's own, and the top bar's organisation selector (every page of the list).
 */
export const invalidateOrganisations = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [
      [endpoints.organisations.list.id],
      [endpoints.organisations.get.id],
      [endpoints.organisations.current.id],
    ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  )
