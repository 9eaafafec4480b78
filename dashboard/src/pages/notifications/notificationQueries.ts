import { endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** How many of my notifications are unread (the bell). Live messages invalidate it. */
export const createUnreadCountQuery = () => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.notifications.unreadCount.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.notifications.unreadCount, {}, signal),
  }))
}

/** After a notification arrived or was read, the bell and the inbox reload. */
export const invalidateNotifications = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [[endpoints.notifications.unreadCount.id], [endpoints.notifications.list.id]].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  )

/** A live message carrying one of my new notifications (`user/<id>` topic of the live feed). */
export interface LiveNotification {
  readonly type: "notification"
  readonly notification: { readonly id: string; readonly title: string; readonly severity: string }
}

export const isLiveNotification = (u: unknown): u is LiveNotification =>
  typeof u === "object" &&
  u !== null &&
  "type" in u &&
  u.type === "notification" &&
  "notification" in u &&
  typeof u.notification === "object" &&
  u.notification !== null &&
  "title" in u.notification &&
  typeof u.notification.title === "string"
