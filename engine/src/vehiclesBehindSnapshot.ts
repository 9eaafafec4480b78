import type { ClickHouseClient, PostgresClient } from "@fleetcore/platform"

/** How far back start-up looks for points stored after a vehicle's rule snapshot. */
const LOOK_BACK_DAYS = 7

/**
 * Vehicles with points stored after their rule snapshot (or with none yet): what a process that
 * died left for the rules to re-derive. Looks at the last week of points (partition-pruned).
 */
export const vehiclesBehindSnapshot = async (
  ch: ClickHouseClient,
  db: PostgresClient["system"],
): Promise<Array<{ orgId: string; vehicleId: string; lastTimeMs: number }>> => {
  const stored = await ch.query<{ org_id: string; vehicle_id: string; last: string | number }>(
    `SELECT org_id, vehicle_id, toUnixTimestamp64Milli(max(time)) AS last FROM positions
     WHERE time >= now() - INTERVAL ${LOOK_BACK_DAYS} DAY GROUP BY org_id, vehicle_id`,
  )
  if (stored.length === 0) return []
  const { rows } = await db.query<{ vehicle_id: string; last_ms: number | null }>(
    `SELECT vehicle_id, (extract(epoch FROM last_time) * 1000)::float8 AS last_ms
     FROM vehicle_rule_state WHERE vehicle_id = ANY($1::uuid[])`,
    [stored.map((r) => r.vehicle_id)],
  )
  const snapshot = new Map(rows.map((r) => [r.vehicle_id, r.last_ms]))
  return stored
    .map((r) => ({ orgId: r.org_id, vehicleId: r.vehicle_id, lastTimeMs: Number(r.last) }))
    .filter((v) => {
      const at = snapshot.get(v.vehicleId)
      return at == null || at < v.lastTimeMs
    })
}
