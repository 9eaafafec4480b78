import {
  type DeliveryResult,
  deliveryText,
  errorText,
  type NotificationChannel,
} from "./NotificationChannel.js"
import { smtpErrorCode, smtpTransport } from "./smtpTransport.js"
import { severityMark } from "./texts/renderNotification.js"

/**
 * E-mail over SMTP (nodemailer) with the organisation's server. The Message-ID is made from the
 * delivery id, so a repeat after a crash carries the same id and mail clients thread it as one.
 */
export const makeEmailChannel = (): NotificationChannel => ({
  name: "email",
  send: async (delivery, settings): Promise<DeliveryResult> => {
    const smtp = settings.smtp
    if (smtp === null) return { ok: false, statusCode: null, error: "e-mail is not configured" }
    const transport = await smtpTransport(smtp)
    try {
      const { event } = delivery
      const info = await transport.sendMail({
        from: smtp.from,
        to: delivery.target,
        subject: `${severityMark(delivery.locale, event.severity)}${event.title}`,
        text: deliveryText(event, settings.publicUrl),
        messageId: `<${delivery.id}@fleetcore.notifications>`,
        headers: { "X-Fleet-Idempotency-Key": delivery.id, "X-Fleet-Event-Type": event.type },
      })
      const code = Number(/^(\d{3})/u.exec(info.response)?.[1] ?? "250")
      return { ok: true, statusCode: code, error: null }
    } catch (error) {
      return { ok: false, statusCode: smtpErrorCode(error), error: errorText(error) }
    } finally {
      transport.close()
    }
  },
})
