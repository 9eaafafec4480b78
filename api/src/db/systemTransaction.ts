import { inTransaction, type PostgresClient } from "@fleetcore/platform"
import type pg from "pg"

/**
 * A transaction on the owner connection, which row-level security does not confine: only for the
 * installation owner's work across organisations and for public flows before an organisation is
 * known. Every statement inside names the organisation it touches.
 */
export const systemTransaction = <A>(
  db: PostgresClient,
  work: (client: pg.PoolClient) => Promise<A>,
): Promise<A> => inTransaction(db.system, work)

/** PostgreSQL's unique_violation (SQLSTATE 23505), optionally of one constraint. */
export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const e = error as { code?: unknown; constraint?: unknown } | null
  return e !== null && e.code === "23505" && (constraint === undefined || e.constraint === constraint)
}
