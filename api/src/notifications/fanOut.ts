import { ORGANISATION_DEFAULTS } from "@fleetcore/contract"
import type pg from "pg"
import { ALERT_SUBJECT_SQL } from "../alerts/alertQueries.js"
import { onboardingRecipientRoles } from "../onboarding/notifyOnboarding.js"
import { type NotificationSettingsRow, readSettingsRow } from "./channelSettings.js"
import { inQuietHours } from "./quietHours.js"
import { alertFactValues } from "./texts/alertFacts.js"
import { type MessageParams, renderNotification } from "./texts/renderNotification.js"

/** The channel the live feeds listen on: an event's in-app notifications were written. */
export const NOTIFIED_CHANNEL = "fleet_notifications"

interface EventRow {
  id: string
  org_id: string
  type: string
  severity: "info" | "warning" | "critical"
  title: string
  body: string
  vehicle_id: string | null
  alert_id: string | null
  recipient_user_ids: string[] | null
  org_timezone: string | null
}

interface RecipientRow {
  user_id: string
  email: string
  in_app_types: string[] | null
  email_enabled: boolean | null
  email_types: string[] | null
  telegram_enabled: boolean | null
  telegram_chat_id: string | null
  telegram_types: string[] | null
  quiet_from: string | null
  quiet_to: string | null
  time_zone: string | null
}

/** Roles told about every event of their organisation; a driver only about their vehicles'. */
// A centre's owner and manager are its office (they exist only in service centres).
const ROLES_TOLD_EVERYTHING = ["owner", "admin", "manager", "dispatcher", "centre_owner", "centre_manager"]

const wants = (types: ReadonlyArray<string> | null, type: string): boolean =>
  types === null || types.includes(type)

/** "fuel_anomaly" → "Fuel anomaly". */
export const typeLabel = (type: string): string => {
  const words = type.replaceAll("_", " ")
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * An alert's event is raised by a trigger with the bare type: give it its message (read in each
 * reader's language) and the English title and body made from it, its instant in the organisation's
 * zone as every notification's.
 */
const describeAlert = async (
  c: pg.ClientBase,
  e: EventRow,
): Promise<{ title: string; body: string; params: MessageParams }> => {
  const { rows } = await c.query<{
    name: string | null
    plate: string | null
    opened_at: Date
    details: Record<string, unknown>
    subject: string | null
  }>(
    `SELECT v.name, v.plate, a.opened_at, a.details, ${ALERT_SUBJECT_SQL} AS subject FROM alerts a
     LEFT JOIN vehicles v ON v.id = a.vehicle_id AND v.org_id = a.org_id
     WHERE a.id = $1 AND a.org_id = $2`,
    [e.alert_id, e.org_id],
  )
  const a = rows[0]
  const vehicle = a?.name == null ? null : a.plate == null ? a.name : `${a.name} (${a.plate})`
  const params: MessageParams = {
    alertType: e.type,
    // What it is about besides the vehicle (the geofence entered…), as the alerts pages name it.
    subject: a?.subject ?? null,
    vehicle,
    openedAt: (a?.opened_at ?? new Date()).toISOString(),
    // Told in each reader's language and units when rendered (texts/alertFacts.ts).
    facts: JSON.stringify(alertFactValues(a?.details ?? {})),
  }
  const english = renderNotification("alert", params, "en", e.org_timezone ?? ORGANISATION_DEFAULTS.timezone)
  return {
    title: english?.title ?? typeLabel(e.type),
    body: english?.body ?? "",
    params,
  }
}

/**
 * Fans out up to `limit` waiting events, each in its own transaction (claimed FOR UPDATE SKIP
 * LOCKED, so several workers share the work): in-app notifications for the users who should see it
 * (the event's named recipients when it has them),
 * outbox deliveries for the channels they chose (quiet hours hold back all but critical ones), the
 * organisation's Telegram chats and its webhooks. Unique keys make a repeat of any step a no-op.
 * Returns the ids of the events fanned out.
 */
export const fanOutEvents = async (pool: pg.Pool, limit: number, now: () => Date): Promise<string[]> => {
  const done: string[] = []
  for (let i = 0; i < limit; i++) {
    const c = await pool.connect()
    try {
      await c.query("BEGIN")
      const { rows } = await c.query<EventRow>(
        `SELECT e.id, e.org_id, e.type, e.severity, e.title, e.body, e.vehicle_id, e.alert_id,
                e.recipient_user_ids, o.settings->>'timezone' AS org_timezone
         FROM notification_events e JOIN organisations o ON o.id = e.org_id
         WHERE e.fanned_out_at IS NULL ORDER BY e.created_at LIMIT 1 FOR UPDATE OF e SKIP LOCKED`,
      )
      const e = rows[0]
      if (e === undefined) {
        await c.query("COMMIT")
        break
      }
      if (e.alert_id !== null) {
        const { title, body, params } = await describeAlert(c, e)
        await c.query(
          `UPDATE notification_events SET title = $2, body = $3, message_key = 'alert', message_params = $4
           WHERE id = $1`,
          [e.id, title, body, JSON.stringify(params)],
        )
      }
      await fanOutOne(c, e, await readSettingsRow(c, e.org_id), now())
      await c.query("UPDATE notification_events SET fanned_out_at = now() WHERE id = $1", [e.id])
      // Delivered to the listeners when this transaction commits.
      await c.query("SELECT pg_notify($1, $2)", [NOTIFIED_CHANNEL, e.id])
      await c.query("COMMIT")
      done.push(e.id)
    } catch (error) {
      await c.query("ROLLBACK").catch(() => undefined)
      throw error
    } finally {
      c.release()
    }
  }
  return done
}

const fanOutOne = async (
  c: pg.ClientBase,
  e: EventRow,
  settings: NotificationSettingsRow | undefined,
  at: Date,
): Promise<void> => {
  const { rows: recipients } = await c.query<RecipientRow>(
    `SELECT u.id AS user_id, u.email, p.in_app_types, p.email_enabled, p.email_types, p.telegram_enabled,
            p.telegram_chat_id, p.telegram_types, to_char(p.quiet_from, 'HH24:MI') AS quiet_from,
            to_char(p.quiet_to, 'HH24:MI') AS quiet_to, u.time_zone
     FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
     WHERE u.org_id = $1 AND NOT u.disabled
       AND CASE WHEN $4::uuid[] IS NOT NULL THEN u.id = ANY($4::uuid[]) ELSE
         (u.role = ANY($2::text[])
         OR (u.role = 'driver' AND $3::uuid IS NOT NULL AND EXISTS (
           SELECT 1 FROM driver_assignments a JOIN drivers d ON d.id = a.driver_id
           WHERE d.user_id = u.id AND a.org_id = $1 AND a.vehicle_id = $3
             AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())))) END`,
    [e.org_id, onboardingRecipientRoles(e.type) ?? ROLES_TOLD_EVERYTHING, e.vehicle_id, e.recipient_user_ids],
  )
  const outbox = async (channel: string, target: string, userId: string | null, webhookId: string | null) =>
    c.query(
      `INSERT INTO notification_outbox (org_id, event_id, channel, target, user_id, webhook_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id, channel, target) DO NOTHING`,
      [e.org_id, e.id, channel, target, userId, webhookId],
    )
  const critical = e.severity === "critical"
  for (const r of recipients) {
    if (wants(r.in_app_types, e.type))
      await c.query(
        `INSERT INTO notifications (org_id, user_id, event_id) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, event_id) DO NOTHING`,
        [e.org_id, r.user_id, e.id],
      )
    const quiet =
      r.quiet_from !== null &&
      r.quiet_to !== null &&
      inQuietHours(
        at,
        r.quiet_from,
        r.quiet_to,
        r.time_zone ?? e.org_timezone ?? ORGANISATION_DEFAULTS.timezone,
      )
    if (quiet && !critical) continue
    if (settings?.email_enabled && (r.email_enabled ?? true) && wants(r.email_types, e.type))
      await outbox("email", r.email, r.user_id, null)
    if (
      settings?.telegram_enabled &&
      r.telegram_enabled &&
      r.telegram_chat_id !== null &&
      wants(r.telegram_types, e.type)
    )
      await outbox("telegram", r.telegram_chat_id, r.user_id, null)
  }
  // The organisation's group chats hear what concerns the organisation, not one person's news.
  if (settings?.telegram_enabled && e.recipient_user_ids === null)
    for (const chat of settings.telegram_chat_ids) await outbox("telegram", chat, null, null)
  const { rows: hooks } = await c.query<{ id: string; types: string[] | null }>(
    "SELECT id, types FROM notification_webhooks WHERE org_id = $1 AND enabled",
    [e.org_id],
  )
  for (const h of hooks) if (wants(h.types, e.type)) await outbox("webhook", h.id, null, h.id)
}
