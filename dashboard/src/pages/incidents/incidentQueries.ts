import { type CallOutput, endpoints } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

export type IncidentView = CallOutput<typeof endpoints.incidents.get>

/** One incident of the caller's organisation (another organisation's id is a 404). */
export const createIncidentQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.incidents.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.incidents.get, { params: { id: id() } }, signal),
  }))
}
