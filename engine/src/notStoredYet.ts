import type { ClickHouseClient } from "@fleetcore/platform"
import type { TelemetryRecord } from "@fleetcore/proto"

/**
 * The records not in `positions` already, by the table's key (org, vehicle, device time, device).
 * For what the log delivers again after a restart: a batch the previous run had flushed into
 * `positions` but not yet committed comes back, and writing it again would leave a second row of
 * each point until a merge (readers with FINAL never see it; the analysts' views, which skip FINAL
 * on this large table, would). One query a batch, and only for batches received before this run.
 */
export const notStoredYet = async (
  ch: ClickHouseClient,
  records: ReadonlyArray<TelemetryRecord>,
): Promise<TelemetryRecord[]> => {
  if (records.length === 0) return []
  let fromMs = Number.POSITIVE_INFINITY
  let toMs = Number.NEGATIVE_INFINITY
  for (const r of records) {
    if (r.timeMs < fromMs) fromMs = r.timeMs
    if (r.timeMs > toMs) toMs = r.timeMs
  }
  const stored = await ch.query<{ v: string; d: string; t: string | number }>(
    `SELECT toString(vehicle_id) AS v, device_id AS d, toUnixTimestamp64Milli(time) AS t FROM positions
     WHERE org_id IN {orgs:Array(UUID)} AND vehicle_id IN {vehicles:Array(UUID)}
       AND time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time <= fromUnixTimestamp64Milli({to:Int64}, 'UTC')`,
    {
      orgs: [...new Set(records.map((r) => r.orgId))],
      vehicles: [...new Set(records.map((r) => r.vehicleId))],
      from: fromMs,
      to: toMs,
    },
  )
  if (stored.length === 0) return [...records]
  const key = (vehicle: string, device: string, timeMs: number) => `${vehicle}|${device}|${timeMs}`
  const seen = new Set(stored.map((s) => key(s.v, s.d, Number(s.t))))
  return records.filter((r) => !seen.has(key(r.vehicleId, r.deviceId, r.timeMs)))
}
