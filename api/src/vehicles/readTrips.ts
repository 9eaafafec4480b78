import type { ClickHouseClient } from "@fleetcore/platform"

/** One row of ClickHouse `trips`, in the contract's `Trip` shape. */
export interface TripRow {
  readonly startMs: number
  readonly endMs: number
  readonly startLat: number
  readonly startLon: number
  readonly endLat: number
  readonly endLon: number
  readonly distanceM: number
  readonly durationS: number
  readonly idleS: number
  readonly maxSpeedMps: number
  readonly avgSpeedMps: number
  readonly fuelUsedL: number | null
  readonly outageS: number
  readonly bridgedM: number
}

/** Which trips of a vehicle, by start time: [fromMs, toMs) oldest first, or the last one before, or the first from. */
export type TripWindow =
  | { readonly kind: "between"; readonly fromMs: number; readonly toMs: number; readonly limit: number }
  | { readonly kind: "lastBefore"; readonly ms: number }
  | { readonly kind: "firstFrom"; readonly ms: number }

const WINDOWS: Readonly<Record<TripWindow["kind"], string>> = {
  between: `start_time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND start_time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
       ORDER BY start_time LIMIT {limit:UInt32}`,
  lastBefore: `start_time < fromUnixTimestamp64Milli({from:Int64}, 'UTC') ORDER BY start_time DESC LIMIT 1`,
  firstFrom: `start_time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') ORDER BY start_time LIMIT 1`,
}

/** Reads trips of one vehicle of one organisation from ClickHouse (FINAL: a replayed trip once). */
export const readTrips = async (
  ch: ClickHouseClient,
  orgId: string,
  vehicleId: string,
  window: TripWindow,
): Promise<TripRow[]> => {
  const params =
    window.kind === "between"
      ? { from: window.fromMs, to: window.toMs, limit: window.limit }
      : { from: window.ms }
  const found = await ch.query<
    Omit<TripRow, "startMs" | "endMs"> & { startMs: number | string; endMs: number | string }
  >(
    `SELECT toUnixTimestamp64Milli(start_time) AS startMs, toUnixTimestamp64Milli(end_time) AS endMs,
            start_lat AS startLat, start_lon AS startLon, end_lat AS endLat, end_lon AS endLon,
            distance_m AS distanceM, duration_s AS durationS, idle_s AS idleS,
            max_speed_mps AS maxSpeedMps, avg_speed_mps AS avgSpeedMps, fuel_used_l AS fuelUsedL,
            outage_s AS outageS, bridged_m AS bridgedM
     FROM trips FINAL
     WHERE org_id = {org:UUID} AND vehicle_id = {vehicle:UUID} AND ${WINDOWS[window.kind]}`,
    { org: orgId, vehicle: vehicleId, ...params },
  )
  return found.map((t) => ({ ...t, startMs: Number(t.startMs), endMs: Number(t.endMs) }))
}
