import { type InAppNotification, ORGANISATION_DEFAULTS } from "@fleetcore/contract"
import { type MessageParams, renderNotification } from "./texts/renderNotification.js"

export interface NotificationRow {
  id: string
  user_id: string
  type: string
  severity: "info" | "warning" | "critical"
  title: string
  body: string
  link: string | null
  vehicle_id: string | null
  alert_id: string | null
  created_at: Date
  read_at: Date | null
  message_key: string | null
  message_params: MessageParams | null
  /** The reader's language (users.locale) and zone (their own, else the organisation's). */
  locale: string | null
  time_zone: string | null
}

/**
 * The columns of a `NotificationRow`: notifications `n` joined with their event `e`; the reader's
 * language and zone (their own, else the organisation's) are looked up by key (the reader is always
 * of `n.org_id`).
 */
export const NOTIFICATION_COLUMNS = `n.id, n.user_id, e.type, e.severity, e.title, e.body, e.link, e.vehicle_id,
  e.alert_id, n.created_at, n.read_at, e.message_key, e.message_params,
  (SELECT u.locale FROM users u WHERE u.id = n.user_id) AS locale,
  coalesce((SELECT u.time_zone FROM users u WHERE u.id = n.user_id),
    (SELECT o.settings->>'timezone' FROM organisations o WHERE o.id = n.org_id)) AS time_zone`

/** An in-app notification, its title and body in the reader's language when the event has a message. */
export const notificationView = (r: NotificationRow): typeof InAppNotification.Type => {
  const text = renderNotification(
    r.message_key,
    r.message_params,
    r.locale,
    r.time_zone ?? ORGANISATION_DEFAULTS.timezone,
  )
  return {
    id: r.id,
    type: r.type,
    severity: r.severity,
    title: text?.title ?? r.title,
    body: text?.body ?? r.body,
    link: r.link,
    vehicleId: r.vehicle_id,
    alertId: r.alert_id,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  }
}
