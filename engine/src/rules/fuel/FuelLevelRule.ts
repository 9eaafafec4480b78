import { fixVerdict } from "../fixValidity.js"
import { type FuelReading, type FuelRun, levelOf, runStep, type StopLevel } from "./fuelSteps.js"

/**
 * Fuel-level sensor events: fills and drains (theft, siphoning), with the stop as the unit.
 *
 * While the vehicle stands (parked or idling), its readings are segmented into plateaus and steps
 * (`fuelSteps.ts`): a step up beyond the fill threshold is a fill, a step down beyond the drop
 * threshold a drain; one monotone step, however slow, is one event from the last reading at the
 * old level to the first at the new one. Parked trackers report every few minutes, so a plateau
 * may be a single report: a change of direction ends a step. While driving the sensor sloshes:
 * the level follows consumption through the median of the last readings and only a rise (a fill
 * the tracker did not see while parked) is reported.
 *
 * Thresholds are per vehicle: the largest of an absolute floor, a share of the tank and a
 * multiple of the sensor's noise, learnt from consecutive parked readings.
 */
export interface FuelLevelConfig {
  readonly tankCapacityL: number
  /** Smallest drain and fill reported, litres (floors of the thresholds). */
  readonly minDropL: number
  readonly minRiseL: number
  /** Thresholds are at least this share of the tank (%) ... */
  readonly minStepTankPct: number
  /** ... and this many times the sensor's noise (σ of a parked reading). */
  readonly noiseFactor: number
  /** The noise assumed before any is learnt, % of the tank. */
  readonly initialNoisePct: number
  /** Standing still, the readings of this many seconds are smoothed by their median. */
  readonly smoothS: number
  /** A step has ended when its level has not moved for this long (longer for slow steps). */
  readonly settleMinS: number
  readonly settleMaxS: number
  /** Driving: readings in the median window, and how long a rise must last to be a fill. */
  readonly window: number
  readonly confirmS: number
  readonly movingSpeedMps: number
}

export const defaultFuelLevelConfig: FuelLevelConfig = {
  tankCapacityL: 60,
  minDropL: 6,
  minRiseL: 8,
  minStepTankPct: 5,
  noiseFactor: 8,
  initialNoisePct: 0.3,
  smoothS: 60,
  settleMinS: 180,
  settleMaxS: 2700,
  window: 7,
  confirmS: 60,
  movingSpeedMps: 1.5,
}

/** How fast the noise estimate follows a new (parked, a minute or more apart) reading. */
const NOISE_RATE = 0.05
/** Most readings kept for smoothing while standing (dense reporting while idling). */
const SMOOTH_CAP = 31

export interface FuelLevelState {
  readonly lastTimeMs: number | null
  /** σ of one parked reading, litres, learnt per vehicle; null until a second parked reading. */
  readonly noiseL: number | null
  /** The previous parked reading (raw litres), for learning the noise. */
  readonly previousParkedL: number | null
  /** Driving: the last readings (litres, at most `window`); standing: [time, litres] within `smoothS`. */
  readonly recentL: ReadonlyArray<number>
  readonly recentMs: ReadonlyArray<number>
  /** Driving: the level a rise is measured from, and the last time the level was there. */
  readonly referenceL: number | null
  readonly referenceMs: number | null
  /** Driving: a rise seen but not yet confirmed: since when. */
  readonly pendingSinceMs: number | null
  /** The current stop, null while driving. */
  readonly stop: {
    /** The stop's first reading: its time and place. */
    readonly sinceMs: number
    readonly lat: number
    readonly lon: number
    readonly plateau: StopLevel | null
    readonly run: FuelRun | null
  } | null
}

export const initialFuelLevelState: FuelLevelState = {
  lastTimeMs: null,
  noiseL: null,
  previousParkedL: null,
  recentL: [],
  recentMs: [],
  referenceL: null,
  referenceMs: null,
  pendingSinceMs: null,
  stop: null,
}

/** What the rule reports; `timeMs` (the event's time and its identity) is `endMs`. */
export interface FuelLevelEvent {
  readonly kind: "fuel_drop" | "fuel_fill"
  readonly timeMs: number
  /** The last reading at the level before, and the first at the level after. */
  readonly startMs: number
  readonly endMs: number
  /** Where the vehicle stood. */
  readonly lat: number
  readonly lon: number
  readonly fromL: number
  readonly toL: number
  readonly litres: number
}

/** A fuel event as the engine stores it: with the driver assigned to the vehicle at its start. */
export interface FuelEvent extends FuelLevelEvent {
  readonly driverId: string | null
}

export interface FuelLevelPoint {
  readonly timeMs: number
  readonly lat: number
  readonly lon: number
  readonly fuelLevelPct?: number
  readonly speedMps?: number
  readonly ignition?: boolean
  readonly satellites?: number
  readonly hdop?: number
}

const round1 = (v: number) => Math.round(v * 10) / 10

/** The thresholds for one vehicle, from its tank and the noise learnt so far. */
export const fuelThresholds = (config: FuelLevelConfig, noiseL: number | null) => {
  const sigma = noiseL ?? (config.initialNoisePct / 100) * config.tankCapacityL
  const share = (config.minStepTankPct / 100) * config.tankCapacityL
  const toleranceL = Math.max(4 * sigma, 0.005 * config.tankCapacityL)
  return {
    sigma,
    toleranceL,
    dropL: Math.max(config.minDropL, share, config.noiseFactor * sigma),
    riseL: Math.max(config.minRiseL, share, config.noiseFactor * sigma),
  }
}

/** Standing still, unless the record says the vehicle moves; without a fix, as before. */
const isMoving = (p: FuelLevelPoint, wasMoving: boolean, config: FuelLevelConfig): boolean => {
  if (p.ignition === false) return false
  if (fixVerdict(p, null) !== "fix") return wasMoving
  return (p.speedMps ?? 0) >= config.movingSpeedMps
}

const toEvent = (
  kind: FuelLevelEvent["kind"],
  startMs: number,
  endMs: number,
  at: { readonly lat: number; readonly lon: number },
  fromL: number,
  toL: number,
): FuelLevelEvent => ({
  kind,
  timeMs: endMs,
  startMs,
  endMs,
  lat: at.lat,
  lon: at.lon,
  fromL: round1(fromL),
  toL: round1(toL),
  litres: round1(Math.abs(toL - fromL)),
})

export const stepFuelLevel = (
  state: FuelLevelState,
  p: FuelLevelPoint,
  config: FuelLevelConfig = defaultFuelLevelConfig,
): { state: FuelLevelState; events: FuelLevelEvent[] } => {
  if (p.fuelLevelPct === undefined || (state.lastTimeMs !== null && p.timeMs <= state.lastTimeMs)) {
    return { state, events: [] }
  }
  const litres = (p.fuelLevelPct / 100) * config.tankCapacityL
  // A state snapshotted by the rule before stops were segmented starts over (keeping its time).
  let s: FuelLevelState = Array.isArray(state.recentMs)
    ? state
    : { ...initialFuelLevelState, lastTimeMs: state.lastTimeMs }
  const moving = isMoving(p, s.stop === null && s.lastTimeMs !== null, config)
  const events: FuelLevelEvent[] = []

  if (moving && s.stop !== null) {
    // The stop ends: a step still open ends at the last standing reading.
    const t = fuelThresholds(config, s.noiseL)
    const end = runStep(s.stop.plateau, s.stop.run, null, t, config)
    for (const e of end.steps) events.push(toEvent(e.kind, e.startMs, e.endMs, s.stop, e.fromL, e.toL))
    const last = end.plateau
    s = {
      ...s,
      stop: null,
      recentL: [],
      recentMs: [],
      referenceL: last === null ? s.referenceL : last.levelL,
      referenceMs: last === null ? s.referenceMs : last.lastMs,
      pendingSinceMs: null,
      previousParkedL: null,
    }
  }

  if (moving) {
    const driving = stepDriving(s, p.timeMs, litres, config)
    if (driving.event !== null) events.push(toEvent("fuel_fill", ...driving.event, p, ...driving.levels))
    return { state: driving.state, events }
  }

  // Standing: learn the noise from consecutive readings, smooth dense ones, segment.
  const stop = s.stop ?? { sinceMs: p.timeMs, lat: p.lat, lon: p.lon, plateau: null, run: null }
  // The stop's first `smoothS`: the tank may still slosh from braking; the level is what it reads.
  const settling = p.timeMs - stop.sinceMs < config.smoothS * 1000
  // A reading weighs by the time since the previous one (at most a minute's worth): dense
  // reports while idling learn no faster than parked ones.
  const weight = Math.min(1, (p.timeMs - (s.lastTimeMs ?? p.timeMs)) / 60_000)
  const noiseL = settling
    ? s.noiseL
    : learnNoise(s.noiseL, s.previousParkedL, litres, weight, fuelThresholds(config, s.noiseL).sigma, config)
  const t = fuelThresholds(config, noiseL)
  // The smoothing window: this stop's readings of the last `smoothS` (a new stop starts empty).
  const keep = s.stop === null ? -1 : s.recentMs.findIndex((ms) => p.timeMs - ms < config.smoothS * 1000)
  const recentMs = [...(keep < 0 ? [] : s.recentMs.slice(keep)), p.timeMs].slice(-SMOOTH_CAP)
  const recentL = [...(keep < 0 ? [] : s.recentL.slice(keep)), litres].slice(-SMOOTH_CAP)
  const reading: FuelReading = [p.timeMs, levelOf(recentL)]
  const step = settling
    ? { plateau: runStep(null, null, reading, t, config).plateau, run: null, steps: [] }
    : runStep(stop.plateau, stop.run, reading, t, config)
  for (const e of step.steps) events.push(toEvent(e.kind, e.startMs, e.endMs, stop, e.fromL, e.toL))
  return {
    state: {
      ...s,
      lastTimeMs: p.timeMs,
      noiseL,
      previousParkedL: litres,
      recentL,
      recentMs,
      pendingSinceMs: null,
      stop: { ...stop, plateau: step.plateau, run: step.run },
    },
    events,
  }
}

/** Learns σ of a parked reading from the difference to the previous one (steps capped out). */
const learnNoise = (
  noiseL: number | null,
  previousL: number | null,
  litres: number,
  weight: number,
  sigma: number,
  config: FuelLevelConfig,
): number | null => {
  if (previousL === null) return noiseL
  const capL = Math.max(6 * sigma, 0.01 * config.tankCapacityL)
  // |a − b| of two readings with noise σ averages 2σ/√π.
  const sample = (Math.min(Math.abs(litres - previousL), capL) * Math.sqrt(Math.PI)) / 2
  const next = sigma + NOISE_RATE * weight * (sample - sigma)
  const tank = config.tankCapacityL
  return Math.min(Math.max(next, 0.001 * tank), 0.03 * tank)
}

/** `values` with `value` appended, only the newest `cap` kept (one array, not two). */
const appendCapped = (values: ReadonlyArray<number>, value: number, cap: number): number[] => {
  const kept = values.slice(cap > 0 ? Math.max(0, values.length + 1 - cap) : 0)
  kept.push(value)
  return kept
}

const NO_READINGS: ReadonlyArray<number> = Object.freeze([])
const NO_LEVELS = [0, 0] as const

/** The driving state after a reading, built in full (this runs for every moving point). */
const driven = (
  s: FuelLevelState,
  timeMs: number,
  recentL: ReadonlyArray<number>,
  referenceL: number | null,
  referenceMs: number | null,
  pendingSinceMs: number | null,
): FuelLevelState => ({
  lastTimeMs: timeMs,
  noiseL: s.noiseL,
  previousParkedL: s.previousParkedL,
  recentL,
  recentMs: NO_READINGS,
  referenceL,
  referenceMs,
  pendingSinceMs,
  stop: s.stop,
})

/** Driving: the median follows consumption; a rise that lasts `confirmS` is a fill. */
const stepDriving = (
  s: FuelLevelState,
  timeMs: number,
  litres: number,
  config: FuelLevelConfig,
): {
  state: FuelLevelState
  event: readonly [number, number] | null
  levels: readonly [number, number]
} => {
  const recentL = appendCapped(s.recentL, litres, config.window)
  const level = levelOf(recentL)
  if (s.referenceL === null || recentL.length < Math.min(3, config.window)) {
    const referenceL = s.referenceL ?? level
    const state = driven(s, timeMs, recentL, referenceL, s.referenceMs ?? timeMs, null)
    return { state, event: null, levels: NO_LEVELS }
  }
  const riseL = fuelThresholds(config, s.noiseL).riseL
  if (level - s.referenceL < riseL) {
    // Settled: the reference follows consumption (and slosh the median lets through).
    return { state: driven(s, timeMs, recentL, level, timeMs, null), event: null, levels: NO_LEVELS }
  }
  const since = s.pendingSinceMs ?? timeMs
  if (timeMs - since < config.confirmS * 1000) {
    const state = driven(s, timeMs, recentL, s.referenceL, s.referenceMs, since)
    return { state, event: null, levels: NO_LEVELS }
  }
  return {
    state: driven(s, timeMs, recentL, level, timeMs, null),
    event: [s.referenceMs ?? since, timeMs],
    levels: [s.referenceL, level],
  }
}
