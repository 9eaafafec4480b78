import { type DeliveryResult, errorText, type NotificationChannel } from "./NotificationChannel.js"
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./signWebhook.js"

/** The header naming the delivery; a receiver drops a repeat of an id it has seen (at-least-once). */
export const IDEMPOTENCY_HEADER = "x-fleet-delivery"

/**
 * Webhooks: the event as JSON, POSTed to the endpoint's URL and signed with its secret
 * (`signWebhook`). Any 2xx answer is a delivery; anything else is retried with back-off.
 */
export const makeWebhookChannel = (timeoutMs = 10_000): NotificationChannel => ({
  name: "webhook",
  send: async (delivery, settings): Promise<DeliveryResult> => {
    const webhook = settings.webhook
    if (webhook === null) return { ok: false, statusCode: null, error: "no such webhook" }
    const { event } = delivery
    const body = JSON.stringify({
      idempotencyKey: delivery.id,
      event: {
        id: event.id,
        type: event.type,
        severity: event.severity,
        title: event.title,
        body: event.body,
        link: event.link,
        vehicleId: event.vehicleId,
        alertId: event.alertId,
        createdAt: event.createdAt.toISOString(),
      },
      organisationId: event.orgId,
      attempt: delivery.attempt,
    })
    const timestamp = Math.floor(Date.now() / 1000)
    try {
      const response = await fetch(webhook.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "FleetCore-Webhooks/1",
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(webhook.secret, timestamp, body),
          [IDEMPOTENCY_HEADER]: delivery.id,
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      })
      await response.arrayBuffer().catch(() => undefined)
      return response.status >= 200 && response.status < 300
        ? { ok: true, statusCode: response.status, error: null }
        : { ok: false, statusCode: response.status, error: `HTTP ${response.status}` }
    } catch (error) {
      return { ok: false, statusCode: null, error: errorText(error) }
    }
  },
})
