import {
  type DeliveryResult,
  deliveryText,
  errorText,
  type NotificationChannel,
} from "./NotificationChannel.js"

/** The Bot API's address when the organisation names none. */
export const TELEGRAM_API_URL = "https://api.telegram.org"
/** Telegram refuses messages longer than this (characters). */
const MAX_TEXT = 4096

/**
 * Telegram through the Bot API's `sendMessage` (HTTPS, `<api>/bot<token>/sendMessage`). The API's
 * address is configurable, so a local server speaking the same HTTP stands in for it in tests.
 */
export const makeTelegramChannel = (timeoutMs = 15_000): NotificationChannel => ({
  name: "telegram",
  send: async (delivery, settings): Promise<DeliveryResult> => {
    const telegram = settings.telegram
    if (telegram === null) return { ok: false, statusCode: null, error: "Telegram is not configured" }
    const text = deliveryText(delivery.event, settings.publicUrl).slice(0, MAX_TEXT)
    try {
      const response = await fetch(
        `${telegram.apiUrl.replace(/\/+$/u, "")}/bot${telegram.token}/sendMessage`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ chat_id: delivery.target, text, disable_web_page_preview: true }),
          signal: AbortSignal.timeout(timeoutMs),
        },
      )
      const answer = (await response.json().catch(() => null)) as {
        ok?: unknown
        description?: unknown
      } | null
      if (response.ok && answer?.ok === true) return { ok: true, statusCode: response.status, error: null }
      const description = typeof answer?.description === "string" ? answer.description : response.statusText
      return { ok: false, statusCode: response.status, error: `Bot API: ${description}` }
    } catch (error) {
      // The token is part of the URL: never let it into the log through an error message.
      return { ok: false, statusCode: null, error: errorText(error).replaceAll(telegram.token, "<token>") }
    }
  },
})
