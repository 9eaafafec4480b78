import type { NotificationLocale } from "./texts/renderNotification.js"

/** What is told: one notification event (an alert raised, a check's reminder). */
export interface NotificationEvent {
  readonly id: string
  readonly orgId: string
  readonly type: string
  readonly severity: "info" | "warning" | "critical"
  readonly title: string
  readonly body: string
  /** A dashboard path ("/alerts?vehicleId=…"). */
  readonly link: string | null
  readonly vehicleId: string | null
  readonly alertId: string | null
  readonly createdAt: Date
}

/** One delivery of the outbox: an event to one target of one channel. */
export interface Delivery {
  /** The outbox row's id: the idempotency key a receiver may use to drop a repeat. */
  readonly id: string
  /** 1 for the first attempt. */
  readonly attempt: number
  /** An e-mail address, a Telegram chat id, or a webhook's id. */
  readonly target: string
  /** The reader's language: the event's title and body are already in it (webhooks: English). */
  readonly locale: NotificationLocale
  readonly event: NotificationEvent
}

/** The organisation's channel settings with their secrets opened (only inside the worker). */
export interface OpenChannelSettings {
  readonly smtp: {
    readonly host: string
    readonly port: number
    readonly secure: boolean
    readonly user: string | null
    readonly password: string | null
    readonly from: string
  } | null
  readonly telegram: { readonly token: string; readonly apiUrl: string } | null
  /** The endpoint of a webhook delivery. */
  readonly webhook: { readonly url: string; readonly secret: string } | null
  /** Where the dashboard is reached, for absolute links; null: links stay paths. */
  readonly publicUrl: string | null
}

export interface DeliveryResult {
  readonly ok: boolean
  /** The receiver's HTTP status (Telegram, webhooks) or SMTP reply code, when one came. */
  readonly statusCode: number | null
  readonly error: string | null
}

export type ChannelName = "email" | "telegram" | "webhook"

/**
 * A way of telling people: e-mail, Telegram, webhooks. The outbox worker calls `send` at least once
 * per delivery (again after a crash between sending and recording it), never concurrently for one.
 */
export interface NotificationChannel {
  readonly name: ChannelName
  readonly send: (delivery: Delivery, settings: OpenChannelSettings) => Promise<DeliveryResult>
}

/** How a delivery reads as text: title, body and the absolute link when the public URL is known. */
export const deliveryText = (event: NotificationEvent, publicUrl: string | null): string =>
  [
    event.title,
    event.body,
    event.link === null ? "" : publicUrl === null ? event.link : new URL(event.link, publicUrl).toString(),
  ]
    .filter((line) => line !== "")
    .join("\n\n")

/** An error's message, short enough for the delivery log. */
export const errorText = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error)
  return text.length > 500 ? `${text.slice(0, 497)}...` : text
}
