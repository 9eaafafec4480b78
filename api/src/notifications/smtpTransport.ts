import type { OpenChannelSettings } from "./NotificationChannel.js"

export type SmtpSettings = NonNullable<OpenChannelSettings["smtp"]>

/**
 * A nodemailer transport to the organisation's SMTP server, with the timeouts every sender uses
 * (notifications, scheduled reports). Close it after sending. nodemailer is loaded with the first
 * mail, not at start.
 */
export const smtpTransport = async (smtp: SmtpSettings) =>
  (await import("nodemailer")).default.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user === null ? {} : { auth: { user: smtp.user, pass: smtp.password ?? "" } }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  })

/** The SMTP reply code of a failed send, when the server gave one. */
export const smtpErrorCode = (error: unknown): number | null => {
  const code = (error as { responseCode?: unknown }).responseCode
  return typeof code === "number" ? code : null
}
