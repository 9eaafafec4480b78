import { type CallOutput, endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/solid-query"
import type { Accessor } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createLiveSocket, type LiveStatus, liveSocketUrl } from "../../live/createLiveSocket"

export type AlertView = CallOutput<typeof endpoints.alerts.get>
export type AlertHistoryItem = CallOutput<typeof endpoints.alerts.history>["items"][number]

/** One alert of the caller's organisation (another organisation's id is a 404). */
export const createAlertQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.alerts.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.alerts.get, { params: { id: id() } }, signal),
  }))
}

/** What people did to an alert, oldest first. */
export const createAlertHistoryQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.alerts.history.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.alerts.history, { params: { id: id() } }, signal),
  }))
}

/** The people alerts can be assigned to (only for callers who manage alerts). */
export const createAssigneesQuery = (enabled: () => boolean) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.alerts.assignees.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.alerts.assignees, {}, signal),
    enabled: enabled(),
    staleTime: 60_000,
  }))
}

/** After a change (here or pushed live), every alerts list, cached alert and history reloads. */
export const invalidateAlerts = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [endpoints.alerts.list.id, endpoints.alerts.get.id, endpoints.alerts.history.id].map((id) =>
      queryClient.invalidateQueries({ queryKey: [id] }),
    ),
  )

/**
 * Keeps the alerts in the query cache current from the live feed while the caller lives: an alert
 * pushed by the engine (newly raised) or the API (acknowledged, assigned, resolved) is written into
 * its cached record, and the lists (whose filters and order it may change) reload.
 */
export const createAlertsLive = (): Accessor<LiveStatus> => {
  const api = useApi()
  const queryClient = useQueryClient()
  return createLiveSocket({
    url: liveSocketUrl,
    refresh: api.refresh,
    onMessage: (message) => {
      if (message.type !== "alert") return
      const pushed = message.alert
      queryClient.setQueryData<AlertView>([endpoints.alerts.get.id, pushed.id], (cached) =>
        cached === undefined ? undefined : { ...cached, ...pushed, details: { ...pushed.details } },
      )
      void invalidateAlerts(queryClient)
    },
    // An alert raised between the list's fetch and the socket's open would otherwise be missed.
    onOpen: () => void invalidateAlerts(queryClient),
  })
}
