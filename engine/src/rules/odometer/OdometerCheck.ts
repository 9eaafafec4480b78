import type { Types } from "effect"
import { haversineM, type LatLon, maxTravelM } from "../geo.js"
import type { GpsDistanceState, GpsOutcome } from "../mileage/GpsDistance.js"
import {
  defaultOdometerLimits,
  type OdometerChange,
  type OdometerLimits,
  type OdometerTrack,
  type OdometerTrackStep,
  trackOdometer,
} from "./OdometerTrack.js"

/**
 * Judges each odometer reading against the GPS distance driven since the previous one, and says
 * what mileage should count for it. Shared by the mileage rule (which counts) and the odometer
 * integrity rule (which alerts), so both agree on when the odometer is not to be trusted:
 * - frozen: GPS moved `frozenAfterM` while the reading stayed the same (a dongle unplugged while
 *   driving): flagged once; while frozen, GPS counts; the catch-up on re-plugging is checked
 *   against the GPS distance of the freeze and, if it matches, replaces what GPS counted;
 * - mismatch (tampering): |odometer − GPS| over a window of GPS distance above `mismatchPct`
 *   (and the resolution allowance). The window adapts: 5, 10, 20 then 50 km, smallest first,
 *   checked at every `mismatchBucketM`, so a short tampering is caught within ~10 km. When it
 *   opens, the window's difference is counted at once (mileage for the window comes from GPS),
 *   and GPS counts until a window of driving after it agrees again;
 * - rollback / jump (OdometerTrack): the reading's stretch counts its GPS distance. An increase
 *   beyond plausible speed that the GPS saw (straight line × `roadFactor`, or GPS distance
 *   since the odometer last moved), or that is plausible over the time between the server's
 *   receipts of the two readings, is a catch-up, not a jump: a clock that stepped back or a
 *   freeze that ended.
 */

export interface OdometerCheckConfig extends OdometerLimits {
  /** GPS distances the odometer is compared over (m), smallest first. */
  readonly mismatchWindowsM: ReadonlyArray<number>
  /** The windows are checked each time this much GPS distance has been compared (m). */
  readonly mismatchBucketM: number
  /** Flag when |odometer − GPS| exceeds this percentage of the GPS distance… */
  readonly mismatchPct: number
  /** …and this many metres (at least the odometer's resolution, e.g. whole kilometres). */
  readonly mismatchAllowanceM: number
  /** GPS metres driven with an unchanged reading after which the odometer is frozen. */
  readonly frozenAfterM: number
  /** A catch-up matches the GPS distance within this percentage (and `jumpAllowanceM`). */
  readonly catchUpPct: number
  /** Road distance is at most the straight line between two readings times this. */
  readonly roadFactor: number
  /**
   * GPS stretches with a silence longer than this are left out of the comparisons (s): across a
   * silence GPS has only the straight line, which under-reads the road. The same 2 minutes after
   * which a silence is a hole that a blind-area upload may fill (rederive.ts `minHoleMs`): a re-run
   * over a partly uploaded buffer must not compare across what is still missing.
   */
  readonly mismatchMaxGapS: number
}

export const defaultOdometerCheckConfig: OdometerCheckConfig = {
  ...defaultOdometerLimits,
  mismatchWindowsM: [5_000, 10_000, 20_000, 50_000],
  mismatchBucketM: 1_000,
  mismatchPct: 10,
  mismatchAllowanceM: 500,
  frozenAfterM: 1_500,
  catchUpPct: 20,
  roadFactor: 1.5,
  mismatchMaxGapS: 120,
}

export interface DistancePair {
  readonly gpsM: number
  readonly odometerM: number
}

/** An open flag: since when, and the GPS metres mileage counted in the odometer's stead. */
export interface OdometerFlag {
  readonly kind: "frozen" | "mismatch"
  readonly sinceMs: number
  readonly gpsM: number
}

export interface OdometerCheckState {
  /** Where the last reading was taken, and when the server received it. */
  readonly at: LatLon | null
  readonly receivedAtMs?: number
  /** Untainted GPS metres since the reading last increased, and whether some were left out. */
  readonly stillGpsM: number
  readonly stillTainted?: boolean
  /** Compared stretches of `mismatchBucketM` GPS metres, oldest first, and the one filling up. */
  readonly buckets: ReadonlyArray<DistancePair>
  readonly current: DistancePair
  /** Smallest increase seen between readings, capped at jumpAllowanceM: the resolution (m). */
  readonly resolutionM: number | null
  readonly flag: OdometerFlag | null
}

const NONE: DistancePair = { gpsM: 0, odometerM: 0 }

export const initialOdometerCheckState: OdometerCheckState = {
  at: null,
  stillGpsM: 0,
  buckets: [],
  current: NONE,
  resolutionM: null,
  flag: null,
}

export interface OdometerCheckInput extends LatLon {
  readonly valueM: number
  readonly timeMs: number
  /** Filtered GPS metres since the previous reading. */
  readonly gpsM: number
  /** The GPS metres are unreliable (a gap, a relocation): left out of the comparisons. */
  readonly tainted: boolean
  /** Server receive time: a second clock for a device clock that stepped back. */
  readonly receivedAtMs?: number
}

export interface OdometerFinding {
  readonly kind: "odometer_frozen" | "odometer_mismatch"
  readonly details: Readonly<Record<string, number>>
}

/** `catch_up`: an increase beyond plausible speed that the GPS saw; counted, not a jump. */
export type OdometerCheckChange = Exclude<OdometerChange, "first"> | "catch_up"

export interface OdometerCheckStep {
  readonly track: OdometerTrack
  readonly check: OdometerCheckState
  readonly change: OdometerCheckChange
  readonly odometer: OdometerTrackStep
  /** Metres mileage counts for this reading (negative when a catch-up corrects GPS over-counting). */
  readonly countM: number
  /** Whether `countM` is GPS distance standing in for a flagged odometer. */
  readonly flagged: boolean
  readonly findings: ReadonlyArray<OdometerFinding>
}

/**
 * Whether a point's GPS metres cannot be set against the odometer's: after a silence longer than
 * `mismatchMaxGapS`, without a fix (an outage: the odometer moves, GPS does not), on a fix the
 * filter rejected or relocated to, and on the fix that bridges any of these (its segment starts
 * before the previous point). Callers taint the stretch up to the next reading.
 */
export const gpsTainted = (
  before: GpsDistanceState,
  lastTimeMs: number | null,
  timeMs: number,
  outcome: GpsOutcome,
  config: Pick<OdometerCheckConfig, "mismatchMaxGapS">,
): boolean =>
  (lastTimeMs !== null && timeMs - lastTimeMs > config.mismatchMaxGapS * 1000) ||
  outcome === "poor_fix" ||
  outcome === "teleport" ||
  outcome === "relocated" ||
  (outcome === "moved" && lastTimeMs !== null && (before.anchor?.timeMs ?? lastTimeMs) < lastTimeMs)

/** The first window, smallest first, whose GPS distance the newest buckets cover. */
const windows = (buckets: ReadonlyArray<DistancePair>, config: OdometerCheckConfig) => {
  const out: Array<DistancePair & { readonly windowM: number }> = []
  let gpsM = 0
  let odometerM = 0
  let next = 0
  for (let i = buckets.length - 1; i >= 0 && next < config.mismatchWindowsM.length; i--) {
    const b = buckets[i] as DistancePair
    gpsM += b.gpsM
    odometerM += b.odometerM
    const windowM = config.mismatchWindowsM[next] as number
    if (gpsM >= windowM) {
      out.push({ gpsM, odometerM, windowM })
      next++
    }
  }
  return out
}

/** Advances the check by one reading after the first (the caller keeps the first as baseline). */
export const stepOdometerCheck = (
  track: OdometerTrack,
  check: OdometerCheckState,
  input: OdometerCheckInput,
  config: OdometerCheckConfig = defaultOdometerCheckConfig,
): OdometerCheckStep => {
  const gpsCountM = input.gpsM
  const usableGpsM = input.tainted ? 0 : input.gpsM
  const stillTainted = (check.stillTainted ?? false) || input.tainted
  const stillM = check.stillGpsM + usableGpsM
  const chordM = check.at === null ? 0 : haversineM(check.at, input)
  const seenM = Math.max(stillM, chordM * config.roadFactor)
  // The server's clock: travel over the time between live deliveries is plausible too.
  const receivedMs =
    input.receivedAtMs === undefined || check.receivedAtMs === undefined
      ? 0
      : input.receivedAtMs - check.receivedAtMs
  const corroboratedM =
    Math.max(seenM * (1 + config.catchUpPct / 100), maxTravelM(receivedMs, config)) + config.jumpAllowanceM
  const step = trackOdometer(track, input, config, corroboratedM)
  const bySpeedM = maxTravelM(step.elapsedMs, config) + config.jumpAllowanceM
  const delta = step.deltaM
  const findings: OdometerFinding[] = []
  let flag = check.flag
  let change: OdometerCheckChange = step.change === "first" ? "advance" : step.change
  let countM: number
  let flagged: boolean
  let stillGpsM = stillM
  /** The reading moved (or was re-based): the "still" stretch starts afresh. */
  let moved = false
  // A stretch is compared once the reading moves, over all the GPS since it last moved.
  let compare = !stillTainted

  let nextTrack = step.track
  if (change === "rollback" || change === "jump") {
    // The stretch counts its GPS distance; a recovery then counts only what GPS did not.
    countM = gpsCountM
    const incident = step.track.incident
    if (incident !== null) nextTrack = { ...step.track, incident: { ...incident, countedM: gpsCountM } }
    flagged = true
    if (flag?.kind === "frozen") flag = null
    stillGpsM = 0
    moved = true
    compare = false
  } else if (flag?.kind === "frozen" && change === "advance" && delta > 0) {
    // The odometer moves again: a catch-up replaces what GPS counted, else GPS's count stands.
    const frozenGpsM = flag.gpsM + gpsCountM
    const matches =
      Math.abs(delta - frozenGpsM) <= Math.max(config.jumpAllowanceM, (config.catchUpPct / 100) * frozenGpsM)
    countM = matches ? delta - flag.gpsM : gpsCountM
    flagged = !matches
    change = "catch_up"
    flag = null
    stillGpsM = 0
    moved = true
    compare = false
  } else if (flag !== null) {
    countM = gpsCountM
    flagged = true
    flag = { ...flag, gpsM: flag.gpsM + gpsCountM }
    if (delta > 0) {
      stillGpsM = 0
      moved = true
    }
    if (flag.kind === "frozen") compare = false
  } else {
    countM = delta
    flagged = false
    if (delta > 0) {
      stillGpsM = 0
      moved = true
    }
  }
  if (change === "advance" && delta > bySpeedM) {
    change = "catch_up"
    compare = false
  }

  let { buckets, current, resolutionM } = check
  if (change === "advance" && delta > 0 && delta < (resolutionM ?? Number.POSITIVE_INFINITY)) {
    resolutionM = Math.min(delta, config.jumpAllowanceM)
  }
  if (flag === null && stillGpsM > config.frozenAfterM && (change === "advance" || change === "noise")) {
    // Frozen: what GPS saw since the reading last moved is mileage now (the odometer counted 0).
    flag = { kind: "frozen", sinceMs: input.timeMs, gpsM: stillGpsM }
    findings.push({ kind: "odometer_frozen", details: { odometerM: step.track.valueM, gpsM: stillGpsM } })
    countM = countM - delta + stillGpsM
    flagged = true
    compare = false
  }

  if (compare && change === "advance" && delta > 0) {
    current = { gpsM: current.gpsM + stillM, odometerM: current.odometerM + delta }
    if (current.gpsM >= config.mismatchBucketM) {
      const largest = config.mismatchWindowsM.at(-1) ?? 0
      const keep = Math.ceil(largest / config.mismatchBucketM)
      buckets = [...buckets, { gpsM: Math.round(current.gpsM), odometerM: Math.round(current.odometerM) }]
      buckets = buckets.slice(-keep)
      current = NONE
      const allowanceM = Math.max(config.mismatchAllowanceM, resolutionM ?? 0)
      const off = (w: DistancePair) =>
        Math.abs(w.odometerM - w.gpsM) > Math.max(allowanceM, (config.mismatchPct / 100) * w.gpsM)
      const compared = windows(buckets, config)
      if (flag === null) {
        const w = compared.find(off)
        if (w !== undefined) {
          // From here the window's distance is GPS's: count what the odometer left out (or added).
          flag = { kind: "mismatch", sinceMs: input.timeMs, gpsM: 0 }
          findings.push({
            kind: "odometer_mismatch",
            details: {
              odometerM: w.odometerM,
              gpsM: w.gpsM,
              diffPct: (Math.abs(w.odometerM - w.gpsM) / w.gpsM) * 100,
              windowM: w.windowM,
            },
          })
          countM += w.gpsM - w.odometerM
          flagged = true
          buckets = []
        }
      } else if (flag.kind === "mismatch" && compared[0] !== undefined && !off(compared[0])) {
        flag = null
        buckets = []
      }
    }
  }

  // Built field by field (in the order it always had), not spread: this runs for every reading.
  const nextCheck = { at: { lat: input.lat, lon: input.lon } } as Types.Mutable<OdometerCheckState>
  if (input.receivedAtMs !== undefined) nextCheck.receivedAtMs = input.receivedAtMs
  nextCheck.stillGpsM = stillGpsM
  nextCheck.stillTainted = moved ? false : stillTainted
  nextCheck.buckets = buckets
  nextCheck.current = current
  nextCheck.resolutionM = resolutionM
  nextCheck.flag = flag
  return {
    track: nextTrack,
    check: nextCheck,
    change,
    odometer: step,
    countM,
    flagged,
    findings,
  }
}
