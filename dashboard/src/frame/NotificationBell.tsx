import "../pages/notifications/notifications.css"
import { A } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { Bell } from "lucide-solid"
import { Show } from "solid-js"
import { useApi } from "../api/ApiContext"
import { useI18n } from "../i18n/I18nContext"
import { createLiveSocket, liveSocketUrl } from "../live/createLiveSocket"
import {
  createUnreadCountQuery,
  invalidateNotifications,
  isLiveNotification,
} from "../pages/notifications/notificationQueries"
import { showToast } from "../ui/toast"

/**
 * The top bar's bell: my unread count, updated live. New notifications arrive over the live feed
 * (the server pushes them to the user's own topic); the count and the inbox are reloaded then, and
 * after a reconnect, when something may have been missed.
 */
export const NotificationBell = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const unread = createUnreadCountQuery()
  createLiveSocket({
    url: liveSocketUrl,
    refresh: api.refresh,
    onMessage: () => undefined,
    onOther: (message) => {
      if (!isLiveNotification(message)) return
      void invalidateNotifications(queryClient)
      showToast(
        message.notification.severity === "critical" ? "error" : "info",
        t("notifications.newOne"),
        message.notification.title,
        { inbox: true },
      )
    },
    onOpen: () => void invalidateNotifications(queryClient),
  })
  const count = () => unread.data?.count ?? 0
  return (
    <A
      href="/notifications"
      class="button button--ghost button--icon bell"
      data-testid="notification-bell"
      aria-label={
        count() > 0
          ? t("notifications.bellUnread", { count: format().integer(count()) })
          : t("notifications.bell")
      }
      title={t("notifications.bell")}
    >
      <Bell size={20} aria-hidden="true" />
      <Show when={count() > 0}>
        <span class="bell__count" data-testid="notification-count">
          {count() > 99 ? "99+" : format().integer(count())}
        </span>
      </Show>
    </A>
  )
}
