/**
 * Fuel-level sensor events: a sudden drop while parked (theft, siphoning) and a sudden rise (a
 * fill). Sensors slosh and jitter, so the rule works on the median of the last readings and
 * confirms a change only when the median stays changed for `confirmS`. While the vehicle
 * moves the reference follows the level (consumption is not theft).
 */
export interface FuelLevelConfig {
  readonly tankCapacityL: number
  readonly minDropL: number
  readonly minRiseL: number
  /** Readings in the median window. */
  readonly window: number
  readonly confirmS: number
  readonly movingSpeedMps: number
}

export const defaultFuelLevelConfig: FuelLevelConfig = {
  tankCapacityL: 60,
  minDropL: 8,
  minRiseL: 10,
  window: 7,
  confirmS: 60,
  movingSpeedMps: 1.5,
}

export interface FuelLevelState {
  readonly lastTimeMs: number | null
  /** Recent readings, litres, oldest first (at most `window`). */
  readonly recentL: ReadonlyArray<number>
  /** Level the next change is measured from, litres (the smoothed level when last settled). */
  readonly referenceL: number | null
  /** A change seen but not yet confirmed: when it started. */
  readonly pendingSinceMs: number | null
}

export const initialFuelLevelState: FuelLevelState = {
  lastTimeMs: null,
  recentL: [],
  referenceL: null,
  pendingSinceMs: null,
}

export interface FuelLevelEvent {
  readonly kind: "fuel_drop" | "fuel_fill"
  readonly timeMs: number
  readonly lat: number
  readonly lon: number
  readonly fromL: number
  readonly toL: number
  readonly litres: number
}

export interface FuelLevelPoint {
  readonly timeMs: number
  readonly lat: number
  readonly lon: number
  readonly fuelLevelPct?: number
  readonly speedMps?: number
  readonly ignition?: boolean
}

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
const round1 = (v: number) => Math.round(v * 10) / 10

export const stepFuelLevel = (
  state: FuelLevelState,
  p: FuelLevelPoint,
  config: FuelLevelConfig = defaultFuelLevelConfig,
): { state: FuelLevelState; events: FuelLevelEvent[] } => {
  if (p.fuelLevelPct === undefined || (state.lastTimeMs !== null && p.timeMs <= state.lastTimeMs)) {
    return { state, events: [] }
  }
  const litres = (p.fuelLevelPct / 100) * config.tankCapacityL
  const recentL = [...state.recentL, litres].slice(-config.window)
  const level = median(recentL)
  const moving = (p.speedMps ?? 0) >= config.movingSpeedMps
  const base = { lastTimeMs: p.timeMs, recentL }
  if (state.referenceL === null || recentL.length < Math.min(3, config.window)) {
    return { state: { ...base, referenceL: level, pendingSinceMs: null }, events: [] }
  }
  const change = level - state.referenceL
  const isDrop = !moving && change <= -config.minDropL
  const isRise = change >= config.minRiseL
  if (!isDrop && !isRise) {
    // Settled: while driving the reference follows consumption; parked it stays put.
    const referenceL = moving || Math.abs(change) < 1 ? level : state.referenceL
    return { state: { ...base, referenceL, pendingSinceMs: null }, events: [] }
  }
  const since = state.pendingSinceMs ?? p.timeMs
  if (p.timeMs - since < config.confirmS * 1000) {
    return { state: { ...base, referenceL: state.referenceL, pendingSinceMs: since }, events: [] }
  }
  const event: FuelLevelEvent = {
    kind: isDrop ? "fuel_drop" : "fuel_fill",
    timeMs: p.timeMs,
    lat: p.lat,
    lon: p.lon,
    fromL: round1(state.referenceL),
    toL: round1(level),
    litres: round1(Math.abs(change)),
  }
  return { state: { ...base, referenceL: level, pendingSinceMs: null }, events: [event] }
}
