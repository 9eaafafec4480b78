import {
  endpoints,
  isNotificationType,
  type NotificationPreferences,
  type NotificationTypeCode,
} from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"

type Preferences = typeof NotificationPreferences.Type

/** What a user who never chose gets: everything in-app and by e-mail, no Telegram, no quiet hours. */
export const DEFAULT_PREFERENCES: Preferences = {
  inAppTypes: null,
  emailEnabled: true,
  emailTypes: null,
  telegramEnabled: false,
  telegramChatId: null,
  telegramTypes: null,
  quietFrom: null,
  quietTo: null,
}

interface PreferencesRow {
  in_app_types: string[] | null
  email_enabled: boolean
  email_types: string[] | null
  telegram_enabled: boolean
  telegram_chat_id: string | null
  telegram_types: string[] | null
  quiet_from: string | null
  quiet_to: string | null
}

/**
 * A stored list of types as the contract knows them: a code no longer raised (a retired type) is
 * left out, so the form shows and saves what a person can choose; null stays every type.
 */
const known = (types: ReadonlyArray<string> | null): ReadonlyArray<NotificationTypeCode> | null =>
  types === null ? null : types.filter(isNotificationType)

const readPreferences = async (c: pg.ClientBase, userId: string): Promise<Preferences> => {
  const { rows } = await c.query<PreferencesRow>(
    `SELECT in_app_types, email_enabled, email_types, telegram_enabled, telegram_chat_id, telegram_types,
            to_char(quiet_from, 'HH24:MI') AS quiet_from, to_char(quiet_to, 'HH24:MI') AS quiet_to
     FROM notification_preferences WHERE user_id = $1`,
    [userId],
  )
  const r = rows[0]
  if (r === undefined) return DEFAULT_PREFERENCES
  return {
    inAppTypes: known(r.in_app_types),
    emailEnabled: r.email_enabled,
    emailTypes: known(r.email_types),
    telegramEnabled: r.telegram_enabled,
    telegramChatId: r.telegram_chat_id,
    telegramTypes: known(r.telegram_types),
    quietFrom: r.quiet_from,
    quietTo: r.quiet_to,
  }
}

/** The caller's own notification preferences; every change audited. */
export const registerPreferenceRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.notifications.preferences, async ({ principal: p }) => ({
    body: await db.withOrg(p.orgId, (c) => readPreferences(c, p.userId)),
  }))

  serve(app, deps, endpoints.notifications.updatePreferences, async ({ principal: p, body: b, request }) => {
    // Quiet hours are both ends or none.
    const quiet = b.quietFrom !== null && b.quietTo !== null
    const after = await db.withOrg(p.orgId, async (c) => {
      const before = await readPreferences(c, p.userId)
      await c.query(
        `INSERT INTO notification_preferences (user_id, org_id, in_app_types, email_enabled, email_types,
           telegram_enabled, telegram_chat_id, telegram_types, quiet_from, quiet_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (user_id) DO UPDATE SET in_app_types = EXCLUDED.in_app_types,
           email_enabled = EXCLUDED.email_enabled, email_types = EXCLUDED.email_types,
           telegram_enabled = EXCLUDED.telegram_enabled, telegram_chat_id = EXCLUDED.telegram_chat_id,
           telegram_types = EXCLUDED.telegram_types, quiet_from = EXCLUDED.quiet_from,
           quiet_to = EXCLUDED.quiet_to, updated_at = now()`,
        [
          p.userId,
          p.orgId,
          b.inAppTypes,
          b.emailEnabled,
          b.emailTypes,
          b.telegramEnabled,
          b.telegramChatId,
          b.telegramTypes,
          quiet ? b.quietFrom : null,
          quiet ? b.quietTo : null,
        ],
      )
      const after = await readPreferences(c, p.userId)
      await audit(c, p, request, {
        action: "notifications.preferences.update",
        entity: "user",
        entityId: p.userId,
        oldValues: before,
        newValues: after,
      })
      return after
    })
    return { body: after }
  })
}
