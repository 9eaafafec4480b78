import type { TelemetryRecord } from "@fleetcore/proto"
import type { Types } from "effect"
import { type FixValidityConfig, fixVerdict } from "../fixValidity.js"
import { haversineM, type LatLon, maxTravelM, type TravelLimits } from "../geo.js"

const RAD = Math.PI / 180

/**
 * Filtered GPS distance: the part of the mileage rule that turns a stream of fixes into metres
 * travelled, without counting parked jitter or single "teleport" fixes. Used by the mileage rule
 * (vehicles without an odometer) and by the odometer rule (to cross-check the odometer).
 */

/**
 * `stationarySpeedMps`: below this reported speed a vehicle is not known to move, so jitter is
 * filtered; `maxHdop`, `minSatellites`: records without a fix (see fixValidity) are ignored.
 */
export interface GpsDistanceConfig extends TravelLimits, FixValidityConfig {
  /** A fix's error radius is max(hdop × hdopToMetres, minAccuracyM). */
  readonly hdopToMetres: number
  readonly minAccuracyM: number
  /** Consecutive mutually consistent far fixes after which the vehicle is taken to have moved. */
  readonly relocationPoints: number
  /**
   * Up to this interval between two fixes that report a speed, distance is the reported speed
   * integrated over time (trapezoid) rather than the straight line (s). See segmentM.
   */
  readonly speedIntegrationMaxS: number
  /**
   * Up to this interval, a segment whose end speeds agree within `steadySpeedMps` is taken to be
   * driven at a steady speed, and integrated too (s).
   */
  readonly steadyIntegrationMaxS: number
  readonly steadySpeedMps: number
  /** The most a vehicle accelerates or brakes (m/s²): bounds how far the reported speeds allow. */
  readonly maxAccelMps2: number
  /**
   * When the server received two fixes more than this much further apart than their device times
   * say, and the chord fits the server's time but not the device's, the device clock stepped back:
   * the chord counts (s). A buffered upload, received late with right device times, fits both.
   */
  readonly clockStepS: number
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
  speedIntegrationMaxS: 3,
  steadyIntegrationMaxS: 10,
  steadySpeedMps: 1,
  maxAccelMps2: 4,
  clockStepS: 5,
}

/** A fix the filter keeps: where and when, and how far off it may be. */
export interface GpsFix extends LatLon {
  readonly timeMs: number
  readonly accuracyM: number
  /** Reported speed at the fix, m/s. */
  readonly speedMps: number | null
  /** When the server received it (a second clock when the device's steps back). */
  readonly receivedAtMs?: number
  /** Reported course over ground, degrees (Doppler: unaffected by a position thrown aside). */
  readonly headingDeg?: number
}

export interface GpsDistanceState {
  /** The last accepted fix, from which the next distance is measured. */
  readonly anchor: GpsFix | null
  /** Far fixes rejected as teleports since the anchor, oldest first (fewer than relocationPoints). */
  readonly candidates: ReadonlyArray<GpsFix>
  /**
   * Fixes that arrived after the anchor but behind it in device time, at the pace they were
   * recorded (a device clock that stepped back, `clockStep.ts`): their newest, and the path from
   * the anchor through them. Counted when the next fix newer than the anchor continues them.
   */
  readonly behind?: { readonly last: GpsFix; readonly metres: number }
}

/** No candidates: one shared, frozen array rather than a new one for every point. */
const NO_FIXES: ReadonlyArray<GpsFix> = Object.freeze([])

export const initialGpsDistanceState: GpsDistanceState = { anchor: null, candidates: NO_FIXES }

export type GpsPoint = Pick<
  TelemetryRecord,
  "timeMs" | "lat" | "lon" | "speedMps" | "hdop" | "satellites" | "ignition" | "headingDeg"
> &
  Partial<Pick<TelemetryRecord, "receivedAtMs">>

/**
 * What the filter did with a point:
 * - `first`: the first fix becomes the anchor;
 * - `moved`: distance counted, the point is the new anchor;
 * - `held`: within the fixes' error radii of the anchor while not known to move: nothing counted,
 *   the anchor keeps its position (so slow drift is counted once it exceeds the radii);
 * - `teleport`: implausibly far for the elapsed time: nothing counted, anchor unchanged;
 * - `relocated`: enough consistent far fixes: the last becomes the anchor, the jump is not counted;
 * - `poor_fix`: no fix (fixValidity: too few satellites, HDOP too poor, or the tracker repeating
 *   its last fix): nothing counted, state unchanged, so the next fix bridges the outage from the
 *   last one; `stale`: not newer than the anchor.
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

/** The fix a point gives (its position, time, error radius and speed). */
export const gpsFix = (point: GpsPoint, config: GpsDistanceConfig): GpsFix => {
  // Assigned in place, not spread from temporary objects: this runs for every point, twice.
  const fix: Types.Mutable<GpsFix> = {
    timeMs: point.timeMs,
    lat: point.lat,
    lon: point.lon,
    accuracyM: accuracyM(point.hdop, config),
    speedMps: point.speedMps ?? null,
  }
  if (point.receivedAtMs !== undefined) fix.receivedAtMs = point.receivedAtMs
  if (point.headingDeg !== undefined) fix.headingDeg = point.headingDeg
  return fix
}

/** A fix that arrives this long after another at most may continue it across a clock step. */
export const CLOCK_STEP_MAX_ARRIVAL_MS = 60_000

/**
 * Whether `b` continues `a` in the server's time: received after it, soon, and within reach in
 * the time between their receipts (a buffered point from minutes before is not).
 */
export const continuesBehind = (a: GpsFix, b: GpsFix, config: GpsDistanceConfig): boolean => {
  if (a.receivedAtMs === undefined || b.receivedAtMs === undefined) return false
  const arrivalMs = b.receivedAtMs - a.receivedAtMs
  return (
    arrivalMs > 0 &&
    arrivalMs <= CLOCK_STEP_MAX_ARRIVAL_MS &&
    haversineM(a, b) - a.accuracyM - b.accuracyM <= maxTravelM(arrivalMs, config)
  )
}

/** Seconds between the server's receipt of two fixes (0 when either time is unknown). */
const receivedS = (a: GpsFix, b: GpsFix): number =>
  a.receivedAtMs === undefined || b.receivedAtMs === undefined ? 0 : (b.receivedAtMs - a.receivedAtMs) / 1000

/**
 * Whether `b` is reachable from `a` in the elapsed time. Both fixes' error radii are granted, so
 * jitter between fixes a second apart is not mistaken for an impossible speed. The elapsed time
 * is the longer of the device's and the server's (receive times): a device clock that steps back
 * makes minutes of driving look like a second, while the server saw them pass.
 */
const reachable = (a: GpsFix, b: GpsFix, config: GpsDistanceConfig): boolean => {
  const elapsedMs = Math.max(b.timeMs - a.timeMs, receivedS(a, b) * 1000)
  return haversineM(a, b) - a.accuracyM - b.accuracyM <= maxTravelM(elapsedMs, config)
}

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
  // The anchor is the newest fix (a held anchor reports no speed, so a parked repeat stays a fix).
  if (fixVerdict(point, anchor, config) !== "fix") return { state, metres: 0, outcome: "poor_fix" }
  const fix = gpsFix(point, config)
  if (state.behind !== undefined) {
    // Past a clock step: measured on from the fixes behind it when this one continues them.
    const { last, metres } = state.behind
    const across = continuesBehind(last, fix, config)
      ? stepGpsDistance({ anchor: last, candidates: NO_FIXES }, point, config)
      : null
    if (across !== null && (across.outcome === "moved" || across.outcome === "held"))
      return { ...across, metres: metres + across.metres }
    return stepGpsDistance({ anchor, candidates }, point, config)
  }
  if (anchor === null) return { state: { anchor: fix, candidates: NO_FIXES }, metres: 0, outcome: "first" }

  if (!reachable(anchor, fix, config)) {
    const last = candidates.at(-1)
    const chain = last !== undefined && reachable(last, fix, config) ? [...candidates, fix] : [fix]
    if (chain.length < config.relocationPoints) {
      return { state: { anchor, candidates: chain }, metres: 0, outcome: "teleport" }
    }
    // The vehicle really is elsewhere: keep the distance driven among the agreeing fixes, not the jump.
    return { state: { anchor: fix, candidates: NO_FIXES }, metres: pathM(chain), outcome: "relocated" }
  }

  const d = haversineM(anchor, fix)
  const slackM = anchor.accuracyM + fix.accuracyM
  // Between dense fixes (where the speeds measure it) the segment that brings the vehicle to a
  // stop is measured, not held: moving at either end.
  const dense = fix.timeMs - anchor.timeMs <= config.speedIntegrationMaxS * 1000
  const speedMps = Math.max(fix.speedMps ?? 0, dense ? (anchor.speedMps ?? 0) : 0)
  const knownMoving = point.ignition !== false && speedMps >= config.stationarySpeedMps
  // Both ends report standing: a fix further off is thrown aside (multipath at a light), or the
  // vehicle crept; either way the next moving fix measures from the anchor (session 15).
  const standsStill =
    !knownMoving &&
    anchor.speedMps !== null &&
    anchor.speedMps < config.stationarySpeedMps &&
    fix.speedMps !== null &&
    fix.speedMps < config.stationarySpeedMps &&
    d <= slackM + STANDING_ASIDE_M
  if (!knownMoving && (d <= slackM || standsStill)) {
    // Keeps its position. Its speed is 0 when the fix reported standing (so a jump away from a
    // standing vehicle is judged against the speeds), else unknown; either way the next segment
    // is not integrated from here (segmentM), as the vehicle may have crept inside the radii.
    const standing = fix.speedMps !== null && fix.speedMps < config.stationarySpeedMps
    const held: Types.Mutable<GpsFix> = {
      timeMs: fix.timeMs,
      lat: anchor.lat,
      lon: anchor.lon,
      accuracyM: anchor.accuracyM,
      speedMps: standing ? 0 : null,
    }
    if (fix.receivedAtMs !== undefined) held.receivedAtMs = fix.receivedAtMs
    return { state: { anchor: held, candidates: NO_FIXES }, metres: 0, outcome: "held" }
  }
  return {
    state: { anchor: fix, candidates: NO_FIXES },
    metres: segmentM(anchor, fix, d, slackM, config),
    outcome: "moved",
  }
}

/** How far beyond the error radii a fix may lie while both ends report standing and still be held. */
const STANDING_ASIDE_M = 150

/** Both ends report this course within this many degrees: the vehicle drove straight between them. */
const STRAIGHT_COURSE_DEG = 10
/** Courses are trusted from this speed on (m/s): a crawling receiver's course wanders. */
const COURSE_MIN_SPEED_MPS = 3

/**
 * The chord's part along the course both ends report when they agree (a straight drive): a fix
 * thrown aside (multipath, 30–120 m across a street) lengthens the chords to it and back from it
 * by its offset across the course, which this drops; one thrown ahead or back lengthens one and
 * shortens the other (they cancel). Otherwise, and without courses, the chord.
 */
const alongCourseM = (a: GpsFix, b: GpsFix, chordM: number): number => {
  if (a.headingDeg === undefined || b.headingDeg === undefined) return chordM
  if ((a.speedMps ?? 0) < COURSE_MIN_SPEED_MPS || (b.speedMps ?? 0) < COURSE_MIN_SPEED_MPS) return chordM
  const apart = Math.abs(((a.headingDeg - b.headingDeg + 540) % 360) - 180)
  if (apart > STRAIGHT_COURSE_DEG) return chordM
  const course = Math.atan2(
    Math.sin(a.headingDeg * RAD) + Math.sin(b.headingDeg * RAD),
    Math.cos(a.headingDeg * RAD) + Math.cos(b.headingDeg * RAD),
  )
  const northM = haversineM(a, { lat: b.lat, lon: a.lon }) * Math.sign(b.lat - a.lat)
  const eastM = haversineM(a, { lat: a.lat, lon: b.lon }) * Math.sign(b.lon - a.lon)
  return Math.max(0, northM * Math.cos(course) + eastM * Math.sin(course))
}

/**
 * A moving segment's length, from the straight line (chord) between the fixes and the trapezoid
 * integral of the reported (Doppler) speeds. Each is wrong in its own way:
 * - the chord cuts corners and carries the position noise: dense fixes inflate it by about
 *   σ² / L² (σ noise per axis, L the spacing: 3 % at σ 5 m, L 28 m), and a multipath fix tens of
 *   metres aside adds twice its offset;
 * - the trapezoid is exact for a constant acceleration, but where the acceleration changes inside
 *   the segment (pulling away, reaching cruise, braking) it errs by up to |Δa| dt² / 8: 0.3 m at
 *   1 s, 31 m at 10 s for a car reaching cruise at 2.5 m/s². Those errors only cancel if every
 *   segment is integrated; segments beside a stop are measured by the chord (the anchor is held),
 *   so integrating the rest under-counted town driving by about 1 % at 10 s reporting.
 * So: the trapezoid over short segments (up to `speedIntegrationMaxS`, where its error is below
 * the chord's), and over segments up to `steadyIntegrationMaxS` whose end speeds agree (cruise:
 * exact on curves, where the chord cuts); the chord otherwise. Either way the speeds bound the
 * distance: starting and ending at the reported speeds with |a| ≤ `maxAccelMps2` the vehicle
 * covers the trapezoid ± a dt² / 4; a chord outside that band (plus the error radii) is a
 * position error (multipath, a jump while standing) or a path folding back on itself (a U-turn),
 * and the trapezoid is counted instead, unless the server's elapsed time explains the chord (a
 * device clock that stepped back: minutes of driving stamped as seconds). From a standing anchor
 * (a held one keeps an older position) the trapezoid counts only when it agrees with the chord,
 * so creeping inside the radii is not lost.
 */
const segmentM = (
  a: GpsFix,
  b: GpsFix,
  straightM: number,
  slackM: number,
  config: GpsDistanceConfig,
): number => {
  if (a.speedMps === null || b.speedMps === null) return straightM
  const chordM = alongCourseM(a, b, straightM)
  const dtS = (b.timeMs - a.timeMs) / 1000
  const integralM = ((a.speedMps + b.speedMps) / 2) * dtS
  const spreadM = (seconds: number) => (config.maxAccelMps2 * seconds * seconds) / 4 + slackM
  // Folded back on itself (a U-turn between the fixes): the chord says nothing of the path.
  if (chordM < integralM - spreadM(dtS)) return integralM
  if (chordM > integralM + spreadM(dtS)) {
    // Further than the speeds allow in the device's seconds: a device clock that stepped back
    // (the server saw enough time pass for the chord: minutes of driving arrive as seconds), or
    // a position error (multipath, a jump while standing).
    const serverS = receivedS(a, b)
    const clockStep =
      serverS > dtS + config.clockStepS &&
      chordM <= ((a.speedMps + b.speedMps) / 2) * serverS + spreadM(serverS)
    return clockStep ? chordM : integralM
  }
  // From a standing anchor (held: its position may be older) a vehicle that crept inside the radii
  // is further from it than the speeds say: the chord counts unless they agree.
  const standing = a.speedMps < config.stationarySpeedMps
  if (dtS <= config.speedIntegrationMaxS && (!standing || Math.abs(chordM - integralM) <= slackM))
    return integralM
  if (standing) return chordM
  // A steady speed that agrees with the chord within the radii (a speed sensor reading low does not).
  const steady =
    Math.abs(a.speedMps - b.speedMps) <= config.steadySpeedMps &&
    dtS <= config.steadyIntegrationMaxS &&
    Math.abs(integralM - chordM) <= slackM
  return steady ? integralM : chordM
}
