import type pg from "pg"
import type { Principal } from "./auth/Principal.js"

/** Records who did what, in the same transaction as the change. */
export const audit = (
  client: pg.PoolClient,
  principal: Principal,
  action: string,
  entity: string,
  entityId: string,
  details: Record<string, unknown> = {},
): Promise<unknown> =>
  client.query(
    "INSERT INTO audit_log (org_id, actor_user_id, action, entity, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6)",
    [principal.orgId, principal.userId, action, entity, entityId, JSON.stringify(details)],
  )
