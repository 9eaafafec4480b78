import type pg from "pg"

/**
 * Applies every organisation's audit retention (settings.auditRetentionDays, two years when
 * unset): `purge_audit_log` deletes the entries past it and records the last one as the anchor the
 * remaining chain is verified from. Runs as the system (the function is the only way entries
 * leave the append-only table). Returns the entries deleted.
 */
export const purgeAuditLogs = async (db: pg.Pool): Promise<number> => {
  const { rows } = await db.query<{ removed: string }>(
    "SELECT COALESCE(sum(purge_audit_log(id)), 0)::text AS removed FROM organisations",
  )
  return Number(rows[0]?.removed ?? "0")
}
