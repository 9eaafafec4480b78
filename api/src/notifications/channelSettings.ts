import type pg from "pg"
import type { SecretBox } from "../auth/SecretBox.js"
import type { OpenChannelSettings } from "./NotificationChannel.js"
import { TELEGRAM_API_URL } from "./TelegramChannel.js"

export interface NotificationSettingsRow {
  org_id: string
  email_enabled: boolean
  smtp_host: string | null
  smtp_port: number | null
  smtp_secure: boolean
  smtp_user: string | null
  smtp_password_sealed: string | null
  smtp_from: string | null
  telegram_enabled: boolean
  telegram_token_sealed: string | null
  telegram_chat_ids: string[]
  telegram_api_url: string | null
}

/**
 * What each secret is sealed for: the organisation and the field, authenticated with the
 * ciphertext, so a sealed value copied to another organisation or field does not open.
 */
export const secretContext = {
  smtpPassword: (orgId: string) => `notifications:${orgId}:smtp-password`,
  telegramToken: (orgId: string) => `notifications:${orgId}:telegram-token`,
  webhookSecret: (webhookId: string) => `notifications:webhook:${webhookId}`,
} as const

export const readSettingsRow = async (
  c: pg.ClientBase | pg.Pool,
  orgId: string,
): Promise<NotificationSettingsRow | undefined> =>
  (await c.query<NotificationSettingsRow>("SELECT * FROM notification_settings WHERE org_id = $1", [orgId]))
    .rows[0]

/** The organisation's e-mail and Telegram settings with their secrets opened; null where unusable. */
export const openChannelSettings = (
  row: NotificationSettingsRow | undefined,
  box: SecretBox,
  publicUrl: string | null,
): Omit<OpenChannelSettings, "webhook"> => {
  if (row === undefined) return { smtp: null, telegram: null, publicUrl }
  const password =
    row.smtp_password_sealed === null
      ? null
      : box.open(row.smtp_password_sealed, secretContext.smtpPassword(row.org_id))
  const token =
    row.telegram_token_sealed === null
      ? null
      : box.open(row.telegram_token_sealed, secretContext.telegramToken(row.org_id))
  return {
    smtp:
      row.email_enabled && row.smtp_host !== null && row.smtp_from !== null
        ? {
            host: row.smtp_host,
            port: row.smtp_port ?? (row.smtp_secure ? 465 : 587),
            secure: row.smtp_secure,
            user: row.smtp_user,
            password,
            from: row.smtp_from,
          }
        : null,
    telegram:
      row.telegram_enabled && token !== null
        ? { token, apiUrl: row.telegram_api_url ?? TELEGRAM_API_URL }
        : null,
    publicUrl,
  }
}
