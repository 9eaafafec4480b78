import type { ClickHouseClient } from "@fleetcore/platform"

/** The most points one track answer holds: a day at one fix a second (86,400) arrives whole. */
export const MAX_TRACK_POINTS = 100_000

export interface TrackRow {
  readonly timeMs: number
  readonly lat: number
  readonly lon: number
  readonly speedMps: number | null
  readonly headingDeg: number | null
  readonly ignition: boolean | null
  readonly odometerM: number | null
  readonly fuelLevelPct: number | null
}

export interface Track {
  /** How many points the range holds. */
  readonly stored: number
  /** Every `step`-th stored point is in `points` (1: all). */
  readonly step: number
  readonly points: TrackRow[]
}

/** Every `step` needed so that `stored` points thin to at most `max` (the last one is added on top). */
export const thinningStep = (stored: number, max: number): number =>
  stored <= max ? 1 : Math.ceil(stored / (max - 1))

const COLUMNS = `toUnixTimestamp64Milli(time) AS timeMs, lat, lon, speed_mps AS speedMps, heading_deg AS headingDeg,
              ignition, odometer_m AS odometerM, fuel_level_pct AS fuelLevelPct`
const RANGE = `org_id = {org:UUID} AND vehicle_id = {vehicle:UUID}
         AND time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`

/**
 * A vehicle's stored points in [fromMs, toMs), oldest first. Beyond `max` points the range is
 * thinned evenly in ClickHouse (every step-th point by time, the first and the last kept), so an
 * answer stays bounded whatever the device's rate; each kept point keeps its exact time.
 */
export const readTrack = async (
  ch: ClickHouseClient,
  orgId: string,
  vehicleId: string,
  fromMs: number,
  toMs: number,
  max = MAX_TRACK_POINTS,
): Promise<Track> => {
  const range = { org: orgId, vehicle: vehicleId, from: fromMs, to: toMs }
  // `positions_buffer` reads `positions` and the points not yet flushed into it (migration 0010).
  const [counted] = await ch.query<{ n: number | string }>(
    `SELECT count() AS n FROM positions_buffer FINAL WHERE ${RANGE}`,
    range,
  )
  const stored = Number(counted?.n ?? 0)
  const step = thinningStep(stored, max)
  const found = await ch.query<Omit<TrackRow, "timeMs"> & { timeMs: number | string }>(
    step === 1
      ? `SELECT ${COLUMNS} FROM positions_buffer FINAL WHERE ${RANGE} ORDER BY time LIMIT {limit:UInt32}`
      : `SELECT ${COLUMNS} FROM (
           SELECT *, row_number() OVER (ORDER BY time) AS rn FROM positions_buffer FINAL WHERE ${RANGE}
         )
         WHERE (rn - 1) % {step:UInt32} = 0 OR rn = {stored:UInt64}
         ORDER BY time LIMIT {limit:UInt32}`,
    { ...range, step, stored, limit: max },
  )
  return { stored, step, points: found.map((pt) => ({ ...pt, timeMs: Number(pt.timeMs) })) }
}
