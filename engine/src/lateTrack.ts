import { deflateRawSync, inflateRawSync } from "node:zlib"
import type { TelemetryRecord } from "@fleetcore/proto"
import type { CheckpointBudget } from "./CheckpointBudget.js"
import { type VehicleRulesState, withSharedMileage } from "./VehicleRules.js"

/**
 * A vehicle's rules state as it was after its point at `atMs` (device time): where a re-run
 * starts when late points arrive after it. Kept deflated: a state is about 4 KB of JSON while
 * the vehicle reports an odometer and fuel, 0.6 KB deflated (2.5 KB of heap as objects, shared
 * in part with the live state); deflating takes about 0.3 ms, once per checkpoint, and a re-run
 * inflates one (states are plain JSON: snapshots store them the same way).
 */
export interface Checkpoint {
  readonly atMs: number
  readonly packed: Uint8Array
}

export const packCheckpoint = (state: VehicleRulesState): Checkpoint => ({
  atMs: state.lastTimeMs as number,
  // A copy of its own: a small Buffer is a slice of a shared 8 KB slab it would keep alive.
  packed: new Uint8Array(deflateRawSync(JSON.stringify(state))),
})

export const checkpointState = (checkpoint: Checkpoint): VehicleRulesState =>
  withSharedMileage(JSON.parse(inflateRawSync(checkpoint.packed).toString("utf8")) as VehicleRulesState)

export interface LateConfig {
  /**
   * A late point re-derives only when it falls into a hole longer than this between points that
   * arrived in order (a blind area the tracker buffered). One between regular points (a device
   * clock that stepped back) conflicts with what was processed and changes nothing, as before.
   */
  readonly minHoleMs: number
  /**
   * How far behind the newest processed point (device time) a late point may be and still be
   * re-derived live. Older ones stay stored; `POST /vehicles/:id/replay` re-derives them.
   * While a vehicle stands, its stop keeps a new checkpoint only once the last is this old.
   */
  readonly maxLateMs: number
  /** Checkpoints are at least this far apart: a hole soon after another re-runs from the earlier one. */
  readonly everyMs: number
  /** Checkpoints one vehicle keeps at most (the oldest go first): 6 hours of holes at one an hour. */
  readonly maxCheckpointsPerVehicle: number
  /**
   * A late point is a buffered one (a blind-area upload) when the late point delivered next to it
   * lies at least this many times further away in device time than in arrival time: a buffer is
   * uploaded faster than it was recorded. Points that arrive at the pace they were recorded under
   * a clock that fell behind land in holes too, but re-running them in device order would move
   * the vehicle back and forth.
   */
  readonly burstRatio: number
  /**
   * Arrival times closer than this count as this far apart (ms): live points are delivered with
   * network jitter, so two of a 1 s tracker can arrive 150 ms apart without being a buffer. A
   * buffer of such points is still a burst against a point a few places further in it.
   */
  readonly arrivalJitterMs: number
}

/**
 * Holes over 2 minutes (trackers report every 1–30 s while driving), late points up to 6 hours
 * behind (a blind-area buffer is minutes to an hour or two), checkpoints at most one an hour.
 */
export const defaultLateConfig: LateConfig = {
  minHoleMs: 120_000,
  maxLateMs: 6 * 3_600_000,
  everyMs: 3_600_000,
  maxCheckpointsPerVehicle: 8,
  burstRatio: 3,
  arrivalJitterMs: 1_000,
}

/** Device-time interval without points when they arrived: where late points are expected. */
export interface Hole {
  readonly fromMs: number
  /** Extended in place while the next silence follows at once (a parked vehicle's reports). */
  toMs: number
}

/**
 * What a vehicle keeps for late points: the holes in its feed within the window, and the states
 * at their starts (deflated, about 1.1 KiB each with their bookkeeping; one an hour at most while
 * driving, one per stop while parked, two once it stands longer than the window; only while a
 * hole in the window needs them).
 */
export interface LateTrack {
  /** Oldest first; changed in place only (the budget refers to the array through the track). */
  readonly checkpoints: Checkpoint[]
  readonly holes: Hole[]
  /**
   * The state right after the newest point: a hole's checkpoint, since the trip close-out on the
   * server clock (`flushVehicleRules`) may have closed the trip since, and a re-run that fills
   * the hole must find it open.
   */
  afterLastPoint: VehicleRulesState | null
  /** Whether the newest point had the ignition on or moved (see `active`). */
  lastActive: boolean
  /** Device time of the newest active point: a checkpoint at or after it was taken in this stop. */
  activeAtMs: number | null
  /** The last late points in a hole that arrived (in earlier batches): a burst spans batches. */
  lastLate: ReadonlyArray<TelemetryRecord>
  /** The process-wide bound the checkpoints count against. */
  readonly budget?: CheckpointBudget
}

export const newLateTrack = (budget?: CheckpointBudget): LateTrack => ({
  checkpoints: [],
  holes: [],
  afterLastPoint: null,
  lastActive: false,
  activeAtMs: null,
  lastLate: [],
  ...(budget === undefined ? {} : { budget }),
})

/** A point with the ignition on or moving (1 m/s): the vehicle is not standing parked. */
export const active = (r: TelemetryRecord): boolean => r.ignition === true || (r.speedMps ?? 0) >= 1

/** Holes kept at most (the oldest go first): a feed with more in 6 hours is erratic, not buffered. */
const MAX_HOLES = 32

/** Lets the track's oldest `count` checkpoints go. */
const dropOldest = (track: LateTrack, count: number): void => {
  if (count <= 0) return
  const gone = track.checkpoints.splice(0, count)
  track.budget?.released(gone)
}

/** Lets go of every checkpoint after `atMs` (a re-run from there takes its own). */
export const dropAfter = (track: LateTrack, atMs: number): void => {
  const { checkpoints } = track
  let keep = checkpoints.length
  while (keep > 0 && (checkpoints[keep - 1] as Checkpoint).atMs > atMs) keep--
  if (keep === checkpoints.length) return
  const gone = checkpoints.splice(keep)
  track.budget?.released(gone)
}

/** Lets go of every checkpoint (the track is abandoned). */
export const releaseAll = (track: LateTrack): void => dropOldest(track, track.checkpoints.length)

/**
 * Keeps `state` as a checkpoint unless one less than `everyMs` before it already serves; the
 * vehicle's oldest goes beyond `maxCheckpointsPerVehicle`, the process's beyond its budget.
 */
export const addCheckpoint = (track: LateTrack, state: VehicleRulesState, config: LateConfig): void => {
  const atMs = state.lastTimeMs as number
  const newest = track.checkpoints[track.checkpoints.length - 1]
  if (newest !== undefined && atMs - newest.atMs < config.everyMs) return
  const checkpoint = packCheckpoint(state)
  track.checkpoints.push(checkpoint)
  dropOldest(track, track.checkpoints.length - config.maxCheckpointsPerVehicle)
  track.budget?.taken(track, checkpoint)
}

/**
 * Drops holes out of the window and the checkpoints no late point within it can need: those
 * before the newest one at or before both the first hole's start and the window's start.
 */
export const prune = (track: LateTrack, newestMs: number, config: LateConfig): void => {
  const { holes, checkpoints } = track
  while (
    holes.length > MAX_HOLES ||
    (holes.length > 0 && (holes[0] as Hole).toMs < newestMs - config.maxLateMs)
  )
    holes.shift()
  const first = holes[0]
  if (first === undefined) {
    releaseAll(track)
    return
  }
  const reach = Math.max(first.fromMs, newestMs - config.maxLateMs)
  let keep = 0
  for (let i = 0; i < checkpoints.length; i++) if ((checkpoints[i] as Checkpoint).atMs <= reach) keep = i
  dropOldest(track, keep)
}

/**
 * Notes the silence before `r` (after the state's newest point, `fromMs`) as a hole, and keeps the
 * state at its start as a checkpoint. Consecutive holes (a vehicle parked, reporting every few
 * minutes) make one. While the vehicle stands (no active point on either side) the checkpoint its
 * stop already has stands for the whole stop until it is `maxLateMs` old: re-running parked
 * points from it is cheap, and a parked fleet keeps one or two checkpoints per vehicle, not one
 * an hour.
 */
export const openHole = (
  track: LateTrack,
  atStart: VehicleRulesState,
  r: TelemetryRecord,
  config: LateConfig,
): void => {
  const fromMs = atStart.lastTimeMs as number
  const last = track.holes[track.holes.length - 1]
  if (last !== undefined && last.toMs === fromMs) last.toMs = r.timeMs
  else track.holes.push({ fromMs, toMs: r.timeMs })
  const newest = track.checkpoints[track.checkpoints.length - 1]
  const standing = !track.lastActive && !active(r)
  const stopHasOne =
    newest !== undefined &&
    (track.activeAtMs === null || newest.atMs >= track.activeAtMs) &&
    r.timeMs - newest.atMs < config.maxLateMs
  if (!(standing && stopHasOne)) addCheckpoint(track, atStart, config)
  prune(track, r.timeMs, config)
}
