import type { TelemetryRecord } from "@fleetcore/proto"
import type { LatLon } from "./geo.js"

/**
 * Fix validity: whether a record's position and speed come from a GPS fix at all. During outages
 * (tunnels, multi-storey garages) trackers keep reporting, repeating their last fix with speed 0
 * and, when they report them, 0 satellites or a huge HDOP. Such a "no fix" sample still carries
 * ignition, odometer, fuel and the other sensors, but its position and speed must not be read:
 * they would turn every tunnel into a stop. Every rule that reads position or speed asks here.
 */

export interface FixValidityConfig {
  /** A fix with a worse (higher) HDOP is no fix. */
  readonly maxHdop: number
  /**
   * With fewer satellites than this (when reported) there is no fix. Set 0 for devices that
   * report 0 satellites on valid fixes: their satellite count then says nothing.
   */
  readonly minSatellites: number
  /** From this reported speed on, a vehicle is known to move (m/s). */
  readonly stationarySpeedMps: number
}

export const defaultFixValidityConfig: FixValidityConfig = {
  maxHdop: 20,
  minSatellites: 3,
  stationarySpeedMps: 1,
}

export type FixSample = Pick<TelemetryRecord, "timeMs" | "lat" | "lon" | "speedMps" | "hdop" | "satellites">

/** The newest valid fix before the sample, as validity needs it. */
export interface PreviousFix extends LatLon {
  readonly timeMs: number
  /** Its reported speed (m/s), null when none was reported. */
  readonly speedMps: number | null
}

/**
 * - `fix`: position and speed are usable;
 * - `no_satellites`: fewer satellites than `minSatellites`;
 * - `poor_hdop`: HDOP above `maxHdop`;
 * - `repeated`: the previous fix's exact position again, with a newer time and speed 0, right
 *   after that fix reported moving: the tracker's "last known position" habit (no vehicle stops
 *   in 0 m). Judged only when the device reports no satellite count (a count decides when
 *   present); an HDOP alone does not vouch for a fix, as trackers repeat the last one with the
 *   last position. A parked vehicle's identical fixes stay fixes: they follow a fix that was not
 *   moving.
 */
export type FixVerdict = "fix" | "no_satellites" | "poor_hdop" | "repeated"

export const fixVerdict = (
  sample: FixSample,
  previous: PreviousFix | null,
  config: FixValidityConfig = defaultFixValidityConfig,
): FixVerdict => {
  const satellites = config.minSatellites > 0 ? sample.satellites : undefined
  if (satellites !== undefined && satellites < config.minSatellites) return "no_satellites"
  if (sample.hdop !== undefined && sample.hdop > config.maxHdop) return "poor_hdop"
  if (satellites !== undefined || previous === null) return "fix"
  const repeated =
    sample.timeMs > previous.timeMs &&
    sample.lat === previous.lat &&
    sample.lon === previous.lon &&
    (sample.speedMps ?? 0) === 0 &&
    (previous.speedMps ?? 0) >= config.stationarySpeedMps
  return repeated ? "repeated" : "fix"
}

/** Whether the verdict leaves position and speed usable. */
export const hasFix = (verdict: FixVerdict): boolean => verdict === "fix"
