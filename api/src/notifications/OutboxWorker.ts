import { ORGANISATION_DEFAULTS } from "@fleetcore/contract"
import type { Log } from "@fleetcore/platform"
import type pg from "pg"
import type { SecretBox } from "../auth/SecretBox.js"
import { openChannelSettings, readSettingsRow, secretContext } from "./channelSettings.js"
import type {
  ChannelName,
  NotificationChannel,
  NotificationEvent,
  OpenChannelSettings,
} from "./NotificationChannel.js"
import { MAX_ATTEMPTS, RETRY_BASE_MS, retryDelayMs } from "./retryDelay.js"
import { localeOf, type MessageParams, renderNotification } from "./texts/renderNotification.js"

/** A claimed delivery is leased for this long: if its worker dies, another sends it again after. */
const LEASE_MS = 120_000

interface ClaimedRow {
  id: string
  org_id: string
  channel: ChannelName
  target: string
  webhook_id: string | null
  attempts: number
  event_id: string
  type: string
  severity: NotificationEvent["severity"]
  title: string
  body: string
  link: string | null
  vehicle_id: string | null
  alert_id: string | null
  created_at: Date
  message_key: string | null
  message_params: MessageParams | null
  /** The recipient's language and zone (a user's own, else the organisation's). */
  locale: string | null
  time_zone: string | null
}

export interface OutboxWorkerOptions {
  readonly pool: pg.Pool
  readonly box: SecretBox
  readonly log: Log
  readonly channels: ReadonlyArray<NotificationChannel>
  readonly publicUrl: string | null
  readonly retryBaseMs?: number
  readonly maxAttempts?: number
}

/**
 * Sends due deliveries of the outbox. Each is claimed in one statement (FOR UPDATE SKIP LOCKED: two
 * workers never take the same row) that counts the attempt and leases the row; the answer is
 * recorded afterwards (sent, retried with exponential back-off, or failed after `maxAttempts`) with
 * a line in the delivery log. A worker that dies between sending and recording leaves the lease to
 * run out and the delivery is sent again with the same idempotency key: at least once, never lost.
 */
export const makeOutboxWorker = (o: OutboxWorkerOptions) => {
  const channels = new Map(o.channels.map((c) => [c.name, c]))
  const maxAttempts = o.maxAttempts ?? MAX_ATTEMPTS
  const retryBaseMs = o.retryBaseMs ?? RETRY_BASE_MS

  const settingsFor = async (row: ClaimedRow): Promise<OpenChannelSettings> => {
    const base = openChannelSettings(await readSettingsRow(o.pool, row.org_id), o.box, o.publicUrl)
    if (row.webhook_id === null) return { ...base, webhook: null }
    const { rows } = await o.pool.query<{ url: string; secret_sealed: string }>(
      "SELECT url, secret_sealed FROM notification_webhooks WHERE id = $1 AND org_id = $2",
      [row.webhook_id, row.org_id],
    )
    const hook = rows[0]
    const secret =
      hook === undefined ? null : o.box.open(hook.secret_sealed, secretContext.webhookSecret(row.webhook_id))
    return { ...base, webhook: hook === undefined || secret === null ? null : { url: hook.url, secret } }
  }

  const record = async (
    row: ClaimedRow,
    ok: boolean,
    statusCode: number | null,
    error: string | null,
    ms: number,
  ) => {
    const giveUp = !ok && row.attempts >= maxAttempts
    const c = await o.pool.connect()
    try {
      await c.query("BEGIN")
      await c.query(
        `UPDATE notification_outbox SET
           status = CASE WHEN $2 THEN 'sent' WHEN $3 THEN 'failed' ELSE 'pending' END,
           sent_at = CASE WHEN $2 THEN now() END,
           next_attempt_at = CASE WHEN $2 OR $3 THEN next_attempt_at ELSE now() + $4 * interval '1 millisecond' END,
           last_error = $5
         WHERE id = $1`,
        [row.id, ok, giveUp, retryDelayMs(row.attempts, retryBaseMs), error],
      )
      await c.query(
        `INSERT INTO notification_attempts (org_id, outbox_id, webhook_id, channel, attempt, ok, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          row.org_id,
          row.id,
          row.webhook_id,
          row.channel,
          row.attempts,
          ok,
          statusCode,
          error,
          Math.round(ms),
        ],
      )
      await c.query("COMMIT")
    } catch (e) {
      await c.query("ROLLBACK").catch(() => undefined)
      throw e
    } finally {
      c.release()
    }
  }

  const deliver = async (row: ClaimedRow): Promise<void> => {
    const channel = channels.get(row.channel)
    const started = performance.now()
    // E-mail and Telegram are read by people: in their language. A webhook's payload stays the
    // stable English text (with the type and ids a receiver acts on); its instants, like every
    // other notification's, in the organisation's zone (a webhook has no user: `time_zone` is the
    // organisation's). The stored text is the fallback of an event without a message.
    const text = renderNotification(
      row.message_key,
      row.message_params,
      row.channel === "webhook" ? "en" : row.locale,
      row.time_zone ?? ORGANISATION_DEFAULTS.timezone,
    )
    const result =
      channel === undefined
        ? { ok: false, statusCode: null, error: `no ${row.channel} channel` }
        : await channel.send(
            {
              id: row.id,
              attempt: row.attempts,
              target: row.target,
              locale: localeOf(row.locale),
              event: {
                id: row.event_id,
                orgId: row.org_id,
                type: row.type,
                severity: row.severity,
                title: text?.title ?? row.title,
                body: text?.body ?? row.body,
                link: row.link,
                vehicleId: row.vehicle_id,
                alertId: row.alert_id,
                createdAt: row.created_at,
              },
            },
            await settingsFor(row),
          )
    if (!result.ok)
      o.log.warn(
        { outboxId: row.id, channel: row.channel, attempt: row.attempts, error: result.error },
        "notification delivery failed",
      )
    await record(row, result.ok, result.statusCode, result.error, performance.now() - started)
  }

  return {
    /** Claims and sends up to `limit` due deliveries (concurrently); returns how many were tried. */
    run: async (limit: number): Promise<number> => {
      const { rows } = await o.pool.query<ClaimedRow>(
        `WITH due AS (
           SELECT id FROM notification_outbox
           WHERE status = 'pending' AND next_attempt_at <= now()
           ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE notification_outbox x SET attempts = x.attempts + 1,
             next_attempt_at = now() + $2 * interval '1 millisecond'
           FROM due WHERE x.id = due.id
           RETURNING x.id, x.org_id, x.channel, x.target, x.webhook_id, x.attempts, x.event_id, x.user_id
         )
         SELECT c.id, c.org_id, c.channel, c.target, c.webhook_id, c.attempts, c.event_id,
                e.type, e.severity, e.title, e.body, e.link, e.vehicle_id, e.alert_id, e.created_at,
                e.message_key, e.message_params,
                coalesce((SELECT u.locale FROM users u WHERE u.id = c.user_id), o.settings->>'language') AS locale,
                coalesce((SELECT u.time_zone FROM users u WHERE u.id = c.user_id),
                  o.settings->>'timezone') AS time_zone
         FROM claimed c JOIN notification_events e ON e.id = c.event_id
         JOIN organisations o ON o.id = c.org_id`,
        [limit, LEASE_MS],
      )
      await Promise.all(rows.map((r) => deliver(r)))
      return rows.length
    },
  }
}
export type OutboxWorker = ReturnType<typeof makeOutboxWorker>
