import { isIP } from "node:net"
import type { Request } from "@fleetcore/platform"

/** Who acted: a signed-in principal, or (a refused login) the account's organisation with no user yet. */
export interface AuditActor {
  readonly orgId: string
  readonly userId: string | null
}

/** What happened, and to what. Create: `newValues` only; update: both; delete: `oldValues` only. */
export interface AuditEntry {
  readonly action: string
  readonly entity: string
  readonly entityId: string | null
  readonly oldValues?: object
  readonly newValues?: object
  /** Context that is not a field of the entity (a note, a summary). */
  readonly details?: object
}

/** The part of a pg client or pool `audit` uses: inside a `withOrg` transaction, or the system pool. */
export interface AuditWriter {
  query(text: string, values: unknown[]): Promise<unknown>
}

/** The longest user agent kept; browsers send ~150 characters, anything longer is cut. */
export const MAX_USER_AGENT = 512

/** The caller's address as PostgreSQL `inet` accepts it, or null when uWS gave none. */
export const clientIp = (request: Request): string | null => {
  const address = request.remoteAddress.trim()
  return isIP(address) === 0 ? null : address
}

const userAgent = (request: Request): string | null => {
  const agent = request.headers.get("user-agent")
  return agent === undefined || agent === "" ? null : agent.slice(0, MAX_USER_AGENT)
}

const json = (value: object | undefined): string | null =>
  value === undefined ? null : JSON.stringify(value)

/**
 * Records who did what, from where, in the same transaction as the change. The database assigns
 * the entry's place in its organisation's hash chain (trigger `audit_log_chain`).
 */
export const audit = (
  client: AuditWriter,
  actor: AuditActor,
  request: Request,
  entry: AuditEntry,
): Promise<unknown> =>
  client.query(
    `INSERT INTO audit_log (org_id, actor_user_id, action, entity, entity_id, details, ip, user_agent, old_values, new_values)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      actor.orgId,
      actor.userId,
      entry.action,
      entry.entity,
      entry.entityId,
      JSON.stringify(entry.details ?? {}),
      clientIp(request),
      userAgent(request),
      json(entry.oldValues),
      json(entry.newValues),
    ],
  )
