import { endpoints, type NotificationSettings } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { TELEGRAM_BOTS_CHANNEL } from "../telegram/telegramLinks.js"
import { type NotificationSettingsRow, readSettingsRow, secretContext } from "./channelSettings.js"
import { notificationSecretBox } from "./startNotifications.js"

type Settings = typeof NotificationSettings.Type

/** The settings as answered and audited: a secret only says whether it is set. */
const settingsView = (r: NotificationSettingsRow | undefined): Settings => ({
  emailEnabled: r?.email_enabled ?? false,
  smtpHost: r?.smtp_host ?? null,
  smtpPort: r?.smtp_port ?? null,
  smtpSecure: r?.smtp_secure ?? false,
  smtpUser: r?.smtp_user ?? null,
  smtpPasswordSet: (r?.smtp_password_sealed ?? null) !== null,
  smtpFrom: r?.smtp_from ?? null,
  telegramEnabled: r?.telegram_enabled ?? false,
  telegramTokenSet: (r?.telegram_token_sealed ?? null) !== null,
  telegramChatIds: r?.telegram_chat_ids ?? [],
  telegramApiUrl: r?.telegram_api_url ?? null,
})

/** The organisation's e-mail and Telegram channels, for admins; secrets sealed, write-only. */
export const registerSettingRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps
  const box = notificationSecretBox(deps.tokens)

  serve(app, deps, endpoints.notifications.settings, async ({ principal: p }) => ({
    body: settingsView(await db.withOrg(p.orgId, (c) => readSettingsRow(c, p.orgId))),
  }))

  serve(app, deps, endpoints.notifications.updateSettings, async ({ principal: p, body: b, request }) => {
    const seal = (value: string | null | undefined, context: string): string | null | undefined =>
      value === undefined ? undefined : value === null ? null : box.seal(value, context)
    const changes: Record<string, unknown> = {
      email_enabled: b.emailEnabled,
      smtp_host: b.smtpHost,
      smtp_port: b.smtpPort,
      smtp_secure: b.smtpSecure,
      smtp_user: b.smtpUser,
      smtp_password_sealed: seal(b.smtpPassword, secretContext.smtpPassword(p.orgId)),
      smtp_from: b.smtpFrom,
      telegram_enabled: b.telegramEnabled,
      telegram_token_sealed: seal(b.telegramToken, secretContext.telegramToken(p.orgId)),
      telegram_chat_ids: b.telegramChatIds === undefined ? undefined : [...b.telegramChatIds],
      telegram_api_url: b.telegramApiUrl,
    }
    const columns = Object.keys(changes).filter((k) => changes[k] !== undefined)
    const after = await db.withOrg(p.orgId, async (c) => {
      const before = settingsView(await readSettingsRow(c, p.orgId))
      await c.query(
        "INSERT INTO notification_settings (org_id) VALUES ($1) ON CONFLICT (org_id) DO NOTHING",
        [p.orgId],
      )
      if (columns.length > 0)
        await c.query(
          `UPDATE notification_settings SET ${columns.map((k, i) => `${k} = $${i + 2}`).join(", ")}, updated_at = now()
           WHERE org_id = $1`,
          [p.orgId, ...columns.map((k) => changes[k])],
        )
      // The process running the organisation's bot looks at its settings again (on commit).
      await c.query("SELECT pg_notify($1, $2)", [TELEGRAM_BOTS_CHANNEL, p.orgId])
      const after = settingsView(await readSettingsRow(c, p.orgId))
      // The view never holds a secret: the audit records only whether each one is set, and when
      // it was replaced (a new value with the same "set" flag).
      await audit(c, p, request, {
        action: "notifications.settings.update",
        entity: "organisation",
        entityId: p.orgId,
        oldValues: before,
        newValues: after,
        details: {
          smtpPasswordReplaced: b.smtpPassword !== undefined,
          telegramTokenReplaced: b.telegramToken !== undefined,
        },
      })
      return after
    })
    return { body: after }
  })
}
