import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { listOf, listQuery } from "../list.js"
import { NOTIFICATION_TYPES } from "../notificationTypes.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { ALERT_SEVERITIES } from "./alerts.js"
import { Email, IdParams } from "./common.js"

/** A notification's type: an alert type ("overspeed") or a check's ("licence_expiry"). */
export const NotificationType = Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9_]{1,63}$/u))
/** A list of types, or null for every type. */
const Types = Schema.NullOr(Schema.Array(NotificationType).check(Schema.isMaxLength(100)))
/** One of the known notification types (`NOTIFICATION_TYPES`): what a person can choose. */
export const KnownNotificationType = Schema.Literals(NOTIFICATION_TYPES).annotate({
  identifier: "NotificationTypeCode",
  ...explained("notificationType"),
})
/** The types a channel brings, or null for every type; an empty list brings none. */
const ChosenTypes = Schema.NullOr(Schema.Array(KnownNotificationType).check(Schema.isMaxLength(100)))
/** A Telegram chat: a numeric id (groups are negative) or a public @channel name. */
export const TelegramChatId = Schema.String.check(
  Schema.isPattern(/^(-?[0-9]{1,20}|@[A-Za-z0-9_]{5,32})$/u, explained("telegramChatId")),
)
/** A local time of day, "22:00". */
const TimeOfDay = Schema.String.check(
  Schema.isPattern(/^([01][0-9]|2[0-3]):[0-5][0-9]$/u, explained("timeOfDay", { example: "22:00" })),
)
const HttpUrl = Schema.String.check(
  Schema.isMaxLength(2000),
  Schema.isPattern(/^https?:\/\/[^\s]+$/u, explained("httpUrl")),
)
/** A secret written by the admin and never answered back (write-only). */
const Secret = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500))

export const InAppNotification = Schema.Struct({
  id: Uuid,
  type: Schema.String,
  severity: Schema.Literals(ALERT_SEVERITIES),
  title: Schema.String,
  body: Schema.String,
  link: Schema.NullOr(Schema.String),
  vehicleId: Schema.NullOr(Uuid),
  alertId: Schema.NullOr(Uuid),
  createdAt: IsoDateTime,
  readAt: Schema.NullOr(IsoDateTime),
}).annotate({ identifier: "InAppNotification" })

export const NotificationPreferences = Schema.Struct({
  inAppTypes: ChosenTypes,
  emailEnabled: Schema.Boolean,
  emailTypes: ChosenTypes,
  telegramEnabled: Schema.Boolean,
  telegramChatId: Schema.NullOr(TelegramChatId),
  telegramTypes: ChosenTypes,
  /**
   * Quiet hours, in the user's own time zone (`/api/v1/me` `timeZone`), else the organisation's:
   * only critical notifications are sent by e-mail and Telegram.
   */
  quietFrom: Schema.NullOr(TimeOfDay),
  quietTo: Schema.NullOr(TimeOfDay),
}).annotate({ identifier: "NotificationPreferences" })

/** The organisation's channels as answered: secrets only say whether they are set. */
export const NotificationSettings = Schema.Struct({
  emailEnabled: Schema.Boolean,
  smtpHost: Schema.NullOr(Schema.String),
  smtpPort: Schema.NullOr(Schema.Int),
  smtpSecure: Schema.Boolean,
  smtpUser: Schema.NullOr(Schema.String),
  smtpPasswordSet: Schema.Boolean,
  smtpFrom: Schema.NullOr(Schema.String),
  telegramEnabled: Schema.Boolean,
  telegramTokenSet: Schema.Boolean,
  telegramChatIds: Schema.Array(TelegramChatId),
  telegramApiUrl: Schema.NullOr(Schema.String),
}).annotate({ identifier: "NotificationSettings" })

/** A change of the channels: keys left out keep their value; a secret set to null is removed. */
export const NotificationSettingsChange = Schema.Struct({
  emailEnabled: Schema.optionalKey(Schema.Boolean),
  smtpHost: Schema.optionalKey(
    Schema.NullOr(Schema.String.check(Schema.isPattern(/^[A-Za-z0-9.-]{1,253}$/u, explained("hostName")))),
  ),
  smtpPort: Schema.optionalKey(
    Schema.NullOr(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 65_535 }))),
  ),
  smtpSecure: Schema.optionalKey(Schema.Boolean),
  smtpUser: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(320)))),
  smtpPassword: Schema.optionalKey(Schema.NullOr(Secret)),
  smtpFrom: Schema.optionalKey(Schema.NullOr(Email)),
  telegramEnabled: Schema.optionalKey(Schema.Boolean),
  telegramToken: Schema.optionalKey(Schema.NullOr(Secret)),
  telegramChatIds: Schema.optionalKey(Schema.Array(TelegramChatId).check(Schema.isMaxLength(20))),
  /** The Bot API's address; null: https://api.telegram.org. */
  telegramApiUrl: Schema.optionalKey(Schema.NullOr(HttpUrl)),
}).annotate({ identifier: "NotificationSettingsChange" })

export const NotificationWebhook = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  url: Schema.String,
  types: Types,
  enabled: Schema.Boolean,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).annotate({ identifier: "NotificationWebhook" })

const WebhookName = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200))

export const NotificationWebhookCreate = Schema.Struct({
  name: WebhookName,
  url: HttpUrl,
  /** The HMAC-SHA256 key of the `x-fleet-signature` header: write-only. */
  secret: Secret.check(Schema.isMinLength(16)),
  types: Schema.optionalKey(Types),
  enabled: Schema.optionalKey(Schema.Boolean),
}).annotate({ identifier: "NotificationWebhookCreate" })

export const NotificationWebhookChange = Schema.Struct({
  name: Schema.optionalKey(WebhookName),
  url: Schema.optionalKey(HttpUrl),
  secret: Schema.optionalKey(Secret.check(Schema.isMinLength(16))),
  types: Schema.optionalKey(Types),
  enabled: Schema.optionalKey(Schema.Boolean),
}).annotate({ identifier: "NotificationWebhookChange" })

export const NotificationDeliveryAttempt = Schema.Struct({
  id: Schema.String,
  outboxId: Uuid,
  eventType: Schema.String,
  eventTitle: Schema.String,
  attempt: Schema.Int,
  at: IsoDateTime,
  ok: Schema.Boolean,
  statusCode: Schema.NullOr(Schema.Int),
  error: Schema.NullOr(Schema.String),
  durationMs: Schema.Int,
  /** The delivery's state now: pending (a retry is scheduled), sent or failed (gave up). */
  deliveryStatus: Schema.Literals(["pending", "sent", "failed"]),
  nextAttemptAt: Schema.NullOr(IsoDateTime),
}).annotate({ identifier: "NotificationDeliveryAttempt" })

const notFound = { status: 404, code: "FLEET_NOTIFICATION_NOT_FOUND" } as const
const webhookNotFound = { status: 404, code: "FLEET_WEBHOOK_NOT_FOUND" } as const

/** In-app notifications of the caller, their preferences, and the organisation's channels. */
export const notifications = {
  list: endpoint({
    id: "notifications.list",
    method: "get",
    path: "/api/v1/notifications",
    tag: "notifications",
    summary: "My notifications: unread first, then newest first",
    description: "`q` searches the title and the body.",
    access: "signedIn",
    query: listQuery(["createdAt"], {
      unread: Schema.optionalKey(Schema.Literals(["true", "false"])),
      type: Schema.optionalKey(NotificationType),
      severity: Schema.optionalKey(Schema.Literals(ALERT_SEVERITIES)),
    }),
    response: listOf(InAppNotification),
  }),
  unreadCount: endpoint({
    id: "notifications.unreadCount",
    method: "get",
    path: "/api/v1/notifications/unread-count",
    tag: "notifications",
    summary: "How many of my notifications are unread",
    access: "signedIn",
    response: Schema.Struct({ count: Schema.Int }),
  }),
  markRead: endpoint({
    id: "notifications.markRead",
    method: "post",
    path: "/api/v1/notifications/:id/read",
    tag: "notifications",
    summary: "Mark one of my notifications read",
    access: "signedIn",
    params: IdParams,
    response: InAppNotification,
    errors: [notFound],
  }),
  markAllRead: endpoint({
    id: "notifications.markAllRead",
    method: "post",
    path: "/api/v1/notifications/read-all",
    tag: "notifications",
    summary: "Mark all my notifications read",
    access: "signedIn",
    response: Schema.Struct({ updated: Schema.Int }),
  }),
  preferences: endpoint({
    id: "notifications.preferences",
    method: "get",
    path: "/api/v1/notifications/preferences",
    tag: "notifications",
    summary: "My notification preferences",
    access: "signedIn",
    response: NotificationPreferences,
  }),
  updatePreferences: endpoint({
    id: "notifications.updatePreferences",
    method: "put",
    path: "/api/v1/notifications/preferences",
    tag: "notifications",
    summary: "Change my notification preferences (the whole set)",
    access: "signedIn",
    body: NotificationPreferences,
    invalidCode: "FLEET_NOTIFICATION_PREFERENCES_INVALID",
    response: NotificationPreferences,
  }),
  settings: endpoint({
    id: "notifications.settings",
    method: "get",
    path: "/api/v1/notification-settings",
    tag: "notifications",
    summary: "The organisation's e-mail and Telegram channels (secrets are never answered)",
    access: "organisation.settings",
    response: NotificationSettings,
  }),
  updateSettings: endpoint({
    id: "notifications.updateSettings",
    method: "put",
    path: "/api/v1/notification-settings",
    tag: "notifications",
    summary: "Change the organisation's channels; keys left out keep their value",
    access: "organisation.settings",
    body: NotificationSettingsChange,
    invalidCode: "FLEET_NOTIFICATION_SETTINGS_INVALID",
    response: NotificationSettings,
  }),
  webhooks: endpoint({
    id: "notifications.webhooks",
    method: "get",
    path: "/api/v1/notification-webhooks",
    tag: "notifications",
    summary: "The organisation's webhook endpoints",
    access: "organisation.settings",
    query: listQuery(["name", "createdAt"]),
    response: listOf(NotificationWebhook),
  }),
  createWebhook: endpoint({
    id: "notifications.createWebhook",
    method: "post",
    path: "/api/v1/notification-webhooks",
    tag: "notifications",
    summary: "Add a webhook endpoint (its secret signs every delivery and is never answered)",
    access: "organisation.settings",
    body: NotificationWebhookCreate,
    invalidCode: "FLEET_WEBHOOK_INVALID",
    response: NotificationWebhook,
    status: 201,
  }),
  updateWebhook: endpoint({
    id: "notifications.updateWebhook",
    method: "patch",
    path: "/api/v1/notification-webhooks/:id",
    tag: "notifications",
    summary: "Change a webhook endpoint",
    access: "organisation.settings",
    params: IdParams,
    body: NotificationWebhookChange,
    invalidCode: "FLEET_WEBHOOK_INVALID",
    response: NotificationWebhook,
    errors: [webhookNotFound],
  }),
  deleteWebhook: endpoint({
    id: "notifications.deleteWebhook",
    method: "delete",
    path: "/api/v1/notification-webhooks/:id",
    tag: "notifications",
    summary: "Remove a webhook endpoint and its delivery log",
    access: "organisation.settings",
    params: IdParams,
    status: 204,
    errors: [webhookNotFound],
  }),
  deliveries: endpoint({
    id: "notifications.deliveries",
    method: "get",
    path: "/api/v1/notification-webhooks/:id/deliveries",
    tag: "notifications",
    summary: "A webhook endpoint's delivery log, newest attempt first",
    access: "organisation.settings",
    params: IdParams,
    query: listQuery(["at"]),
    response: listOf(NotificationDeliveryAttempt),
    errors: [webhookNotFound],
  }),
} as const
