import type { TelemetryRecord } from "@fleetcore/proto"
import { LEGACY_DAY_ZONE } from "./dayTotals.js"
import {
  active,
  addCheckpoint,
  type Checkpoint,
  checkpointState,
  defaultLateConfig,
  dropAfter,
  type Hole,
  type LateConfig,
  type LateTrack,
  openHole,
  prune,
} from "./lateTrack.js"
import { localDayKey } from "./rules/localDay.js"
import {
  emptyOutput,
  type RulesOutput,
  stepVehicleRules,
  type VehicleProfile,
  type VehicleRulesState,
} from "./VehicleRules.js"

export type { Checkpoint, Hole, LateConfig, LateTrack } from "./lateTrack.js"
export { checkpointState, defaultLateConfig, newLateTrack, packCheckpoint } from "./lateTrack.js"

/**
 * The live path: steps one point. A point after a silence over `minHoleMs` opens a hole (see
 * `openHole`: the state at its start becomes a checkpoint, one per stop while parked); otherwise
 * nothing is allocated.
 */
export const stepWithCheckpoints = (
  track: LateTrack,
  state: VehicleRulesState,
  r: TelemetryRecord,
  out: RulesOutput,
  profile: VehicleProfile,
  config: LateConfig = defaultLateConfig,
): VehicleRulesState => {
  const last = state.lastTimeMs
  const newer = last === null || r.timeMs > last
  const before = track.afterLastPoint
  const unflushed = before !== null && before.lastTimeMs === last ? before : state
  if (last !== null && r.timeMs - last > config.minHoleMs) openHole(track, unflushed, r, config)
  // The trip close-out on the server clock closed the trip, but the device was not silent that
  // long: its points were delayed (a buffer uploading oldest first). Device time decides, as in a
  // re-run: the trip goes on (its row, keyed by its start, is replaced when it ends).
  const resumed =
    newer && last !== null && unflushed !== state && r.timeMs - last <= profile.trips.maxGapS * 1000
  const next = stepVehicleRules(resumed ? unflushed : state, r, out, profile)
  if (newer) {
    track.afterLastPoint = next
    track.lastActive = active(r)
    if (track.lastActive) track.activeAtMs = r.timeMs
  } else if (before === state) {
    // A point behind the newest changes only what the rules keep of it (the path behind a clock
    // step, clockStep.ts): still the state after the newest point, which the next one resumes.
    track.afterLastPoint = next
  }
  return next
}

/** What to do after a vehicle's batch was stepped. */
export type LatePlan =
  | { readonly kind: "in_order" }
  | {
      readonly kind: "rerun"
      readonly from: Checkpoint
      /** Re-run the stored points with device time in (from.atMs, untilMs]. */
      readonly untilMs: number
      /** Late points older than the window or its checkpoints: stored, not re-derived live. */
      readonly beyond: number
    }
  | { readonly kind: "beyond"; readonly beyond: number }

const IN_ORDER: LatePlan = { kind: "in_order" }

const inHole = (holes: ReadonlyArray<Hole>, timeMs: number): boolean => {
  for (const h of holes) if (timeMs > h.fromMs && timeMs < h.toMs) return true
  return false
}

/** Two late points delivered close together, recorded further apart than they arrived (with jitter). */
const burst = (a: TelemetryRecord, b: TelemetryRecord, config: LateConfig): boolean =>
  Math.abs(a.timeMs - b.timeMs) >=
  config.burstRatio * Math.max(config.arrivalJitterMs, Math.abs(a.receivedAtMs - b.receivedAtMs))

/** How many places apart (in arrival order) two late points may be and still make a burst. */
const BURST_SPAN = 4

/** The candidates (late points in holes, in arrival order) that came in a burst with a neighbour. */
const buffered = (candidates: ReadonlyArray<TelemetryRecord>, config: LateConfig): TelemetryRecord[] =>
  candidates.filter((r, i) => {
    for (let j = Math.max(0, i - BURST_SPAN); j <= i + BURST_SPAN && j < candidates.length; j++)
      if (j !== i && burst(candidates[j] as TelemetryRecord, r, config)) return true
    return false
  })

/**
 * Decides, once a batch of one vehicle's points was stepped (`stepWithCheckpoints`, which notes
 * the holes its in-order points open), whether its late points (not newer than the newest before
 * them; `newestBeforeMs` is the state's before the batch) re-derive. A late point in a known hole
 * within `maxLateMs`, uploaded in a burst with a late point up to `BURST_SPAN` places from it
 * (`burstRatio`, `arrivalJitterMs`; the previous batches' last late points count as neighbours),
 * makes the rules re-run once for the batch, from the newest checkpoint before
 * the earliest such point, unless none of them is active (a buffer of parked points). Late
 * points older than the window, or older than every checkpoint left (the bounds dropped theirs),
 * are `beyond`: stored, counted, not re-derived live. Other late points (between points that arrived in order: a device clock
 * stepping back, a hole from before a restart) are ignored by the rules, as before.
 */
export const planLate = (
  track: LateTrack,
  newestBeforeMs: number | null,
  batch: ReadonlyArray<TelemetryRecord>,
  config: LateConfig = defaultLateConfig,
): LatePlan => {
  let newestMs = newestBeforeMs
  let beyond = 0
  const candidates: TelemetryRecord[] = []
  for (const r of batch) {
    if (newestMs === null || r.timeMs > newestMs) {
      newestMs = r.timeMs
      continue
    }
    if (r.timeMs < newestMs - config.maxLateMs) beyond++
    else if (inHole(track.holes, r.timeMs)) candidates.push(r)
  }
  const previous = new Set(track.lastLate)
  const withPrevious = [...track.lastLate, ...candidates]
  if (candidates.length > 0) track.lastLate = withPrevious.slice(-BURST_SPAN)
  const fresh = buffered(withPrevious, config).filter((r) => !previous.has(r))
  // Holes and checkpoints that left the window go even if no new hole opens.
  if (track.holes.length > 0 && newestMs !== null) prune(track, newestMs, config)
  // A buffer of parked points (none active) changes no trip or distance: no re-run.
  if (!fresh.some(active)) return beyond === 0 ? IN_ORDER : { kind: "beyond", beyond }
  let earliest = Number.POSITIVE_INFINITY
  for (const r of fresh) earliest = Math.min(earliest, r.timeMs)
  let from: Checkpoint | undefined
  for (const c of track.checkpoints) if (c.atMs < earliest) from = c
  if (from === undefined) {
    // Its checkpoint was dropped (a bound): the points before the oldest one left are not
    // re-derived; the rest re-run from it.
    const oldest = track.checkpoints[0]
    const reachable = (r: TelemetryRecord) => oldest !== undefined && r.timeMs > oldest.atMs
    beyond += fresh.filter((r) => !reachable(r)).length
    if (!fresh.some((r) => reachable(r) && active(r))) return { kind: "beyond", beyond }
    from = oldest as Checkpoint
  }
  return { kind: "rerun", from, untilMs: newestMs as number, beyond }
}

/**
 * The stored points the rules take in a re-run: those that arrived in order, and late ones that
 * fill a known hole; a late point between points that arrived in order was never run and is not
 * now. Arrival order is `receivedAtMs` (ties by device time).
 */
const runnable = (
  records: ReadonlyArray<TelemetryRecord>,
  fromMs: number,
  holes: ReadonlyArray<Hole>,
  config: LateConfig,
): TelemetryRecord[] => {
  const byArrival = records
    .filter((r) => r.timeMs > fromMs)
    .sort((a, b) => a.receivedAtMs - b.receivedAtMs || a.timeMs - b.timeMs)
  let newest = fromMs
  const kept: TelemetryRecord[] = []
  const candidates: TelemetryRecord[] = []
  for (const r of byArrival) {
    if (r.timeMs > newest) {
      newest = r.timeMs
      kept.push(r)
    } else if (inHole(holes, r.timeMs)) candidates.push(r)
  }
  kept.push(...buffered(candidates, config))
  return kept.sort((a, b) => a.timeMs - b.timeMs)
}

export interface Rederived {
  readonly state: VehicleRulesState
  /**
   * What the re-run derived. Trips and fuel events starting after `from.atMs` replace those
   * derived before (the caller removes the others); `days` / `driverDays` hold the final totals
   * of every day the re-run could have changed (0 for a day that no longer has any distance).
   */
  readonly out: RulesOutput
  /** Start of the trip still open after the re-run: a row stored for it earlier ended too soon. */
  readonly openTripStartMs: number | null
}

/**
 * Re-runs the rules from a checkpoint over the stored points after it (oldest first, late ones
 * included): the same state and outputs as if the points had arrived in order. `previous` is the
 * state before the re-run, whose day totals the re-derived ones replace. The track's checkpoints
 * after `from` are replaced by the re-run's (at the starts of the holes it passes).
 */
export const rederive = (
  track: LateTrack,
  from: Checkpoint,
  records: ReadonlyArray<TelemetryRecord>,
  previous: VehicleRulesState,
  profile: VehicleProfile,
  config: LateConfig = defaultLateConfig,
): Rederived => {
  dropAfter(track, from.atMs)
  const out = emptyOutput()
  const start = checkpointState(from)
  let state = start
  for (const r of runnable(records, from.atMs, track.holes, config)) {
    const last = state.lastTimeMs
    if (last !== null && last > from.atMs && track.holes.some((h) => h.fromMs === last))
      addCheckpoint(track, state, config)
    state = stepVehicleRules(state, r, out, profile)
    if (active(r) && r.timeMs > (track.activeAtMs ?? Number.NEGATIVE_INFINITY)) track.activeAtMs = r.timeMs
  }
  track.afterLastPoint = state
  // The checkpoint's days may be in another zone than the profile's (the re-run moves them, see
  // moveToDay): every day from the earlier of the two is replaced.
  const checkpointDay = localDayKey(start.dayZone ?? LEGACY_DAY_ZONE, from.atMs)
  const profileDay = localDayKey(profile.timeZone, from.atMs)
  const fromDay = checkpointDay < profileDay ? checkpointDay : profileDay
  replaceTotals(out.days, previous.days, state.days, fromDay)
  replaceTotals(out.driverDays, previous.driverDays ?? {}, state.driverDays ?? {}, fromDay)
  return { state, out, openTripStartMs: state.trips.trip?.start.timeMs ?? null }
}

/** Every day from `fromDay` on gets its re-derived total; one that lost all its distance gets 0. */
const replaceTotals = (
  into: Map<string, number>,
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
  fromDay: string,
): void => {
  for (const [key, metres] of Object.entries(after)) if (key >= fromDay) into.set(key, metres)
  for (const key of Object.keys(before)) if (key >= fromDay && !(key in after)) into.set(key, 0)
}
