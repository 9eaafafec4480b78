import { endpoints } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** One team with its members (another organisation's id is a 404). */
export const createTeamQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.teams.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.teams.get, { params: { id: id() } }, signal),
  }))
}
