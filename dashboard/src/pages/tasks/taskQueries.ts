import { endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** One task with its workflow and next steps (another organisation's id, or not the driver's: 404). */
export const createTaskQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.tasks.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.tasks.get, { params: { id: id() } }, signal),
  }))
}

/** A task's history, oldest first. */
export const createTaskEventsQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.tasks.events.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.tasks.events, { params: { id: id() } }, signal),
  }))
}

/** After a change, lists, tasks and histories reload. */
export const invalidateTasks = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [endpoints.tasks.list.id, endpoints.tasks.get.id, endpoints.tasks.events.id].map((id) =>
      queryClient.invalidateQueries({ queryKey: [id] }),
    ),
  )
