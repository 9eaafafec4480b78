import { endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** One user of the caller's organisation (another organisation's id is a 404). */
export const createUserQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.users.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.users.get, { params: { id: id() } }, signal),
  }))
}

/** After a change, the list and every cached user reload. */
export const invalidateUsers = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [[endpoints.users.list.id], [endpoints.users.get.id]].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  )
