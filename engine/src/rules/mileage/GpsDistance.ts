import type { TelemetryRecord } from "@fleetcore/proto"
import { haversineM, type LatLon, maxTravelM, type TravelLimits } from "../geo.js"

/**
 * Filtered GPS distance: the part of the mileage rule that turns a stream of fixes into metres
 * travelled, without counting parked jitter or single "teleport" fixes. Used by the mileage rule
 * (vehicles without an odometer) and by the odometer rule (to cross-check the odometer).
 */

export interface GpsDistanceConfig extends TravelLimits {
  /** Below this reported speed a vehicle is not known to move, so jitter is filtered (m/s). */
  readonly stationarySpeedMps: number
  /** A fix's error radius is max(hdop × hdopToMetres, minAccuracyM). */
  readonly hdopToMetres: number
  readonly minAccuracyM: number
  /** Fixes with a worse HDOP, or fewer satellites (when reported), are ignored. */
  readonly maxHdop: number
  readonly minSatellites: number
  /** Consecutive mutually consistent far fixes after which the vehicle is taken to have moved. */
  readonly relocationPoints: number
  /**
   * Up to this interval between two moving fixes, distance is the reported speed integrated over
   * time (trapezoid), if that agrees with the straight line within the fixes' error radii (s).
   */
  readonly speedIntegrationMaxS: number
}

export const defaultGpsDistanceConfig: GpsDistanceConfig = {
  maxSpeedKmh: 250,
  maxKmPerDay: 1000,
  stationarySpeedMps: 1,
  hdopToMetres: 5,
  minAccuracyM: 15,
  maxHdop: 20,
  minSatellites: 3,
  relocationPoints: 3,
  speedIntegrationMaxS: 10,
}

/** A fix the filter keeps: where and when, and how far off it may be. */
export interface GpsFix extends LatLon {
  readonly timeMs: number
  readonly accuracyM: number
  /** Reported speed at the fix, m/s. */
  readonly speedMps: number | null
}

export interface GpsDistanceState {
  /** The last accepted fix, from which the next distance is measured. */
  readonly anchor: GpsFix | null
  /** Far fixes rejected as teleports since the anchor, oldest first (fewer than relocationPoints). */
  readonly candidates: ReadonlyArray<GpsFix>
}

export const initialGpsDistanceState: GpsDistanceState = { anchor: null, candidates: [] }

export type GpsPoint = Pick<
  TelemetryRecord,
  "timeMs" | "lat" | "lon" | "speedMps" | "hdop" | "satellites" | "ignition"
>

/**
 * What the filter did with a point:
 * - `first`: the first fix becomes the anchor;
 * - `moved`: distance counted, the point is the new anchor;
 * - `held`: within the fixes' error radii of the anchor while not known to move: nothing counted,
 *   the anchor keeps its position (so slow drift is counted once it exceeds the radii);
 * - `teleport`: implausibly far for the elapsed time: nothing counted, anchor unchanged;
 * - `relocated`: enough consistent far fixes: the last becomes the anchor, the jump is not counted;
 * - `poor_fix`: HDOP or satellite count too poor to use; `stale`: not newer than the anchor.
 */
export type GpsOutcome = "first" | "moved" | "held" | "teleport" | "relocated" | "poor_fix" | "stale"

export interface GpsDistanceStep {
  readonly state: GpsDistanceState
  readonly metres: number
  readonly outcome: GpsOutcome
}

/** A fix's error radius in metres. */
export const accuracyM = (hdop: number | undefined, config: GpsDistanceConfig): number =>
  Math.max((hdop ?? 0) * config.hdopToMetres, config.minAccuracyM)

/**
 * Whether `b` is reachable from `a` in the elapsed time. Both fixes' error radii are granted, so
 * jitter between fixes a second apart is not mistaken for an impossible speed.
 */
const reachable = (a: GpsFix, b: GpsFix, config: GpsDistanceConfig): boolean =>
  haversineM(a, b) - a.accuracyM - b.accuracyM <= maxTravelM(b.timeMs - a.timeMs, config)

const pathM = (fixes: ReadonlyArray<GpsFix>): number => {
  let total = 0
  for (let i = 1; i < fixes.length; i++) {
    const a = fixes[i - 1]
    const b = fixes[i]
    if (a !== undefined && b !== undefined) total += haversineM(a, b)
  }
  return total
}

/**
 * Advances the filter by one point. Callers pass points in increasing time; a point not newer
 * than the anchor (or the last candidate) is `stale` and changes nothing.
 *
 * Gaps: a point after a gap whose straight-line distance is plausible for the elapsed time
 * (see `maxTravelM`) counts that straight line, which under-counts a winding road; the odometer,
 * when present, is what captures the real road distance over gaps.
 */
export const stepGpsDistance = (
  state: GpsDistanceState,
  point: GpsPoint,
  config: GpsDistanceConfig = defaultGpsDistanceConfig,
): GpsDistanceStep => {
  const { anchor, candidates } = state
  const lastTimeMs = candidates.at(-1)?.timeMs ?? anchor?.timeMs
  if (lastTimeMs !== undefined && point.timeMs <= lastTimeMs) return { state, metres: 0, outcome: "stale" }
  if (
    (point.hdop !== undefined && point.hdop > config.maxHdop) ||
    (point.satellites !== undefined && point.satellites < config.minSatellites)
  ) {
    return { state, metres: 0, outcome: "poor_fix" }
  }
  const fix: GpsFix = {
    timeMs: point.timeMs,
    lat: point.lat,
    lon: point.lon,
    accuracyM: accuracyM(point.hdop, config),
    speedMps: point.speedMps ?? null,
  }
  if (anchor === null) return { state: { anchor: fix, candidates: [] }, metres: 0, outcome: "first" }

  if (!reachable(anchor, fix, config)) {
    const last = candidates.at(-1)
    const chain = last !== undefined && reachable(last, fix, config) ? [...candidates, fix] : [fix]
    if (chain.length < config.relocationPoints) {
      return { state: { anchor, candidates: chain }, metres: 0, outcome: "teleport" }
    }
    // The vehicle really is elsewhere: keep the distance driven among the agreeing fixes, not the jump.
    return { state: { anchor: fix, candidates: [] }, metres: pathM(chain), outcome: "relocated" }
  }

  const d = haversineM(anchor, fix)
  const slackM = anchor.accuracyM + fix.accuracyM
  const knownMoving = point.ignition !== false && (fix.speedMps ?? 0) >= config.stationarySpeedMps
  if (!knownMoving && d <= slackM) {
    // Keeps its position; no speed, so the next segment is the straight line from here.
    const held = {
      timeMs: fix.timeMs,
      lat: anchor.lat,
      lon: anchor.lon,
      accuracyM: anchor.accuracyM,
      speedMps: null,
    }
    return { state: { anchor: held, candidates: [] }, metres: 0, outcome: "held" }
  }
  return {
    state: { anchor: fix, candidates: [] },
    metres: segmentM(anchor, fix, d, slackM, config),
    outcome: "moved",
  }
}

/**
 * A moving segment's length. Between dense fixes, position noise inflates the straight line (by
 * about σ² / L² for noise σ per axis and spacing L: 3 % at σ 5 m, L 28 m), while Doppler speed is
 * accurate to a few tenths of a m/s; so short segments use the speed integral when both ends
 * report a speed and it agrees with the straight line within the error radii.
 */
const segmentM = (
  a: GpsFix,
  b: GpsFix,
  chordM: number,
  slackM: number,
  config: GpsDistanceConfig,
): number => {
  const dtS = (b.timeMs - a.timeMs) / 1000
  if (a.speedMps === null || b.speedMps === null || dtS > config.speedIntegrationMaxS) return chordM
  const integralM = ((a.speedMps + b.speedMps) / 2) * dtS
  return Math.abs(integralM - chordM) <= slackM ? integralM : chordM
}
