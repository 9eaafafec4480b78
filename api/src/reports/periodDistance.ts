import type { ClickHouseClient } from "@fleetcore/platform"
import type { ReportPeriod } from "./reportPeriod.js"

/**
 * Metres driven per vehicle in the period's days, from ClickHouse `daily_mileage` (the engine's
 * per-day totals: the odometer's distance where it is trusted, filtered GPS otherwise; `FINAL`: a
 * re-derived day counts once). Its days are the organisation's (the engine's local days). ClickHouse has no row-level security: the
 * statement names the organisation and the vehicles the caller may see. (The aliases differ from
 * the columns: ClickHouse lets an alias shadow a column in WHERE.)
 */
export const periodDistance = async (
  ch: ClickHouseClient,
  orgId: string,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
): Promise<ReadonlyMap<string, number>> => {
  if (ids.length === 0) return new Map()
  const found = await ch.query<{ vehicle: string; total_metres: number }>(
    `SELECT toString(vehicle_id) AS vehicle, sum(metres) AS total_metres
     FROM daily_mileage FINAL
     WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)} AND day BETWEEN {from:Date} AND {to:Date}
     GROUP BY vehicle_id`,
    { org: orgId, vehicles: ids, from: period.from, to: period.to },
  )
  return new Map(found.map((r) => [r.vehicle, Number(r.total_metres)]))
}
