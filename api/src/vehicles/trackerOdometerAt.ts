import type { ClickHouseClient } from "@fleetcore/platform"

const SIDE = `org_id = {org:UUID} AND vehicle_id = {vehicle:UUID} AND odometer_m IS NOT NULL`

interface Point {
  readonly timeMs: number
  readonly odometerM: number
}

const nearest = async (
  ch: ClickHouseClient,
  range: { org: string; vehicle: string; at: number },
  side: "before" | "after",
): Promise<Point | undefined> => {
  const [row] = await ch.query<{ timeMs: number | string; odometerM: number }>(
    `SELECT toUnixTimestamp64Milli(time) AS timeMs, odometer_m AS odometerM FROM positions_buffer FINAL
     WHERE ${SIDE} AND ${
       side === "before"
         ? "time <= fromUnixTimestamp64Milli({at:Int64}, 'UTC') ORDER BY time DESC"
         : "time > fromUnixTimestamp64Milli({at:Int64}, 'UTC') ORDER BY time"
     } LIMIT 1`,
    range,
  )
  return row === undefined ? undefined : { timeMs: Number(row.timeMs), odometerM: row.odometerM }
}

/**
 * The vehicle's tracker odometer at `atMs`, metres, from its stored points: between its last point
 * at or before that moment and its first after it, in proportion to the time (the same figure when
 * the vehicle stood between them, as it usually does while someone reads the dashboard); its last
 * point's when none is later (or a later one is lower: a rollback). Null when the tracker reported no odometer before that moment: its
 * figure then is unknown (a reading older than the tracker's installation).
 */
export const trackerOdometerAt = async (
  ch: ClickHouseClient,
  orgId: string,
  vehicleId: string,
  atMs: number,
): Promise<number | null> => {
  const range = { org: orgId, vehicle: vehicleId, at: atMs }
  const [before, after] = await Promise.all([nearest(ch, range, "before"), nearest(ch, range, "after")])
  if (before === undefined) return null
  // A later figure below the earlier one is a rollback between them, not distance driven.
  if (after === undefined || after.odometerM <= before.odometerM) return before.odometerM
  const share = (atMs - before.timeMs) / (after.timeMs - before.timeMs)
  return before.odometerM + (after.odometerM - before.odometerM) * share
}
