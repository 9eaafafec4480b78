import type pg from "pg"
import type { MessageKey } from "./texts/NotificationTexts.js"
import type { MessageParams } from "./texts/renderNotification.js"

/** Something to tell the organisation's people, from an alert or a check (expiry, reminder). */
export interface RaisedNotification {
  readonly orgId: string
  readonly type: string
  readonly severity: "info" | "warning" | "critical"
  readonly title: string
  readonly body: string
  /** A dashboard path ("/vehicles/…"). */
  readonly link: string | null
  /**
   * Names the occurrence ("licence_expiry:<driver>:2026-03-01:14"): raising the same key again (a
   * check run twice, a restart) notifies nobody again.
   */
  readonly dedupeKey: string
  /** The vehicle it is about: its driver is told too. */
  readonly vehicleId?: string | null
  /**
   * Tells only these users of the organisation (a task's assignee and team, a ticket's raiser),
   * each by their own preferences; absent, the organisation's usual recipients are told.
   */
  readonly recipients?: ReadonlyArray<string>
  /**
   * The message the title and body were made from (`texts/`): each reader gets it in their own
   * language. title/body stay the English text (webhooks, older readers).
   */
  readonly message?: { readonly key: MessageKey; readonly params: MessageParams }
}

/** The channel the notifications worker listens on: an event is waiting to be fanned out. */
export const EVENTS_CHANNEL = "fleet_notification_events"

/**
 * Raises a notification: one event per organisation and dedupe key, which the notifications worker
 * fans out to the users who should get it and to their channels. Alerts arrive here by the
 * `alerts_notify` trigger; daily checks call this. Returns whether the event is new. `db` is the
 * owner connection or a transaction of the caller (the event is then raised only if it commits).
 */
export const raiseNotification = async (
  db: pg.Pool | pg.ClientBase,
  n: RaisedNotification,
): Promise<boolean> => {
  const { rowCount } = await db.query(
    `INSERT INTO notification_events (org_id, dedupe_key, type, severity, title, body, link, vehicle_id,
                                      message_key, message_params, recipient_user_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (org_id, dedupe_key) DO NOTHING`,
    [
      n.orgId,
      n.dedupeKey,
      n.type,
      n.severity,
      n.title.slice(0, 300),
      n.body.slice(0, 4000),
      n.link,
      n.vehicleId ?? null,
      n.message?.key ?? null,
      JSON.stringify(n.message?.params ?? {}),
      n.recipients === undefined ? null : [...new Set(n.recipients)],
    ],
  )
  if (rowCount === 1) await db.query("SELECT pg_notify($1, $2)", [EVENTS_CHANNEL, n.orgId])
  return rowCount === 1
}
