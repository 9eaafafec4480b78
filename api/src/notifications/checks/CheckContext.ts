import type pg from "pg"
import { raiseNotification } from "../raiseNotification.js"
import type { MessageKey } from "../texts/NotificationTexts.js"
import { type MessageParams, renderNotification } from "../texts/renderNotification.js"

/** One organisation's daily run: every query names `orgId` (the pool is the system's, no RLS). */
export interface CheckContext {
  readonly pool: pg.Pool
  readonly orgId: string
  /** The organisation's local day of the run, "YYYY-MM-DD". */
  readonly today: string
  /** Days since the previous finished run (1 normally; more after downtime). */
  readonly sinceDays: number
  readonly timeZone: string
}

export interface CheckNotice {
  readonly type: string
  readonly severity: "info" | "warning" | "critical"
  readonly dedupeKey: string
  readonly link: string
  readonly vehicleId: string | null
  readonly key: MessageKey
  readonly params: MessageParams
}

/**
 * Raises a check's notice with its message (each reader's language) and the English title and body
 * (webhooks, fallback). Returns whether it was new: a dedupe key raised before tells nobody again.
 */
export const raiseCheck = async (ctx: CheckContext, n: CheckNotice): Promise<boolean> => {
  const english = renderNotification(n.key, n.params, "en", ctx.timeZone)
  return raiseNotification(ctx.pool, {
    orgId: ctx.orgId,
    type: n.type,
    severity: n.severity,
    title: english?.title ?? n.type,
    body: english?.body ?? "",
    link: n.link,
    dedupeKey: n.dedupeKey,
    vehicleId: n.vehicleId,
    message: { key: n.key, params: n.params },
  })
}

/** "Truck 7 (123 ABC 02)". */
export const VEHICLE_LABEL = (alias: string) =>
  `CASE WHEN ${alias}.plate IS NULL THEN ${alias}.name ELSE ${alias}.name || ' (' || ${alias}.plate || ')' END`
