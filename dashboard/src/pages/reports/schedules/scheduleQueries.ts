import { endpoints } from "@fleetcore/contract"
import { keepPreviousData, type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../../api/ApiContext"

/** One schedule of the caller's organisation; while a run waits or is sent, it is asked again. */
export const createScheduleQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.reportSchedules.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.reportSchedules.get, { params: { id: id() } }, signal),
  }))
}

/** After a change or a run, the list, the schedule and its runs reload. */
export const invalidateSchedules = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [
      endpoints.reportSchedules.list.id,
      endpoints.reportSchedules.get.id,
      endpoints.reportSchedules.runs.id,
    ].map((id) => queryClient.invalidateQueries({ queryKey: [id] })),
  )

/** A page of a schedule's runs; asked again every 2 s while one waits or is being sent. */
export const createRunsQuery = (id: () => string, query: () => Record<string, string>) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.reportSchedules.runs.id, id(), query()] as const,
    queryFn: ({ signal }) =>
      api.call(endpoints.reportSchedules.runs, { params: { id: id() }, query: query() }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.status === "pending" || r.status === "running") ? 2_000 : false,
  }))
}
