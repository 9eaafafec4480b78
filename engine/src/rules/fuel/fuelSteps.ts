/**
 * Segments a standing vehicle's fuel level into plateaus and steps (FuelLevelRule while parked or
 * idling). A reading within the tolerance (4σ of the sensor's noise) of the plateau joins it; one
 * beyond starts a run: a monotone step in one direction, followed to its extreme. A run ends
 * - when it turns back by a clear margin (a fill followed by a drain: two steps),
 * - when its level has settled (not moved by the tolerance for a while, longer for slow steps),
 * - when the stop ends.
 * It is a step when it moved at least the threshold and at least two readings saw it (a single
 * wild reading is no step); otherwise noise, forgotten. The state is bounded: a plateau keeps its
 * first readings, a run its last ones.
 */

/** [device time ms, litres]. */
export type FuelReading = readonly [number, number]

/** The level the vehicle stands at. */
export interface StopLevel {
  /** Median of the plateau's first readings (a slow drift does not drag it along). */
  readonly levelL: number
  readonly firstL: ReadonlyArray<number>
  /** The last reading at this level. */
  readonly lastMs: number
}

/** A step in progress. */
export interface FuelRun {
  readonly dir: 1 | -1
  readonly fromL: number
  /** The last reading at the level before (the step began after it). */
  readonly startMs: number
  /** The first reading off that level. */
  readonly firstMs: number
  readonly extremeL: number
  /** The extreme the last time it moved by the tolerance, and when. */
  readonly anchorL: number
  readonly lastMoveMs: number
  /** The run's last readings (at most TAIL_CAP). */
  readonly tail: ReadonlyArray<FuelReading>
}

export interface FuelStep {
  readonly kind: "fuel_drop" | "fuel_fill"
  readonly startMs: number
  /** The first reading at the level after. */
  readonly endMs: number
  readonly fromL: number
  readonly toL: number
}

export interface StepThresholds {
  readonly toleranceL: number
  readonly dropL: number
  readonly riseL: number
}

export interface SettleConfig {
  readonly settleMinS: number
  readonly settleMaxS: number
  /** The readings that saw a step must span at least this long (slosh while creeping is brief). */
  readonly confirmS: number
}

const PLATEAU_CAP = 9
const TAIL_CAP = 16
/** Dense readings (idling) enter a run's tail at most this often; the newest replaces the last. */
const TAIL_SPACING_MS = 10_000

export const levelOf = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

const plateauOf = (readings: ReadonlyArray<FuelReading>): StopLevel => {
  const firstL = readings.slice(0, PLATEAU_CAP).map(([, l]) => l)
  return {
    levelL: levelOf(readings.map(([, l]) => l)),
    firstL,
    lastMs: (readings[readings.length - 1] as FuelReading)[0],
  }
}

const join = (p: StopLevel, ms: number, litres: number): StopLevel => {
  if (p.firstL.length >= PLATEAU_CAP) return { ...p, lastMs: ms }
  const firstL = [...p.firstL, litres]
  return { levelL: levelOf(firstL), firstL, lastMs: ms }
}

/** The readings at the level a run ended at: its longest tail within the tolerance of its last. */
const endGroup = (tail: ReadonlyArray<FuelReading>, toleranceL: number): FuelReading[] => {
  const last = (tail[tail.length - 1] as FuelReading)[1]
  let i = tail.length - 1
  while (i > 0 && Math.abs((tail[i - 1] as FuelReading)[1] - last) <= toleranceL) i--
  return tail.slice(i)
}

/**
 * How long a run must stand still to have ended: three times what it took to move one tolerance
 * (a slow siphon pauses longer between moves than a quick drain). A run still below the threshold
 * waits the longest: ending it would re-base the plateau midway through a slow siphon.
 */
const settleMs = (r: FuelRun, t: StepThresholds, c: SettleConfig): number => {
  const extent = Math.abs(r.extremeL - r.fromL)
  if (extent < (r.dir > 0 ? t.riseL : t.dropL)) return c.settleMaxS * 1000
  const perToleranceMs = ((r.lastMoveMs - r.startMs) * t.toleranceL) / extent
  return Math.min(Math.max(3 * perToleranceMs, c.settleMinS * 1000), c.settleMaxS * 1000)
}

/** Ends a run: the step it was (or null), and the level it left the vehicle at. */
const finish = (
  r: FuelRun,
  t: StepThresholds,
  c: SettleConfig,
): { step: FuelStep | null; plateau: StopLevel } => {
  const group = endGroup(r.tail, t.toleranceL)
  const plateau = plateauOf(group)
  const toL = plateau.levelL
  const size = r.dir * (toL - r.fromL)
  // Seen by at least two readings, over at least `confirmS`: not one wild reading, not a slosh.
  const support = r.tail.filter(([, l]) => r.dir * (l - r.fromL) >= size / 2)
  const spanMs =
    support.length < 2 ? 0 : (support[support.length - 1] as FuelReading)[0] - (support[0] as FuelReading)[0]
  if (size < (r.dir > 0 ? t.riseL : t.dropL) || spanMs < c.confirmS * 1000) return { step: null, plateau }
  const kind = r.dir > 0 ? "fuel_fill" : "fuel_drop"
  return {
    step: { kind, startMs: r.startMs, endMs: (group[0] as FuelReading)[0], fromL: r.fromL, toL },
    plateau,
  }
}

export interface SegmentOutput {
  readonly plateau: StopLevel | null
  readonly run: FuelRun | null
  readonly steps: FuelStep[]
}

/** One standing reading (smoothed), or null when the stop ends. */
export const runStep = (
  plateau: StopLevel | null,
  run: FuelRun | null,
  reading: FuelReading | null,
  t: StepThresholds,
  c: SettleConfig,
): SegmentOutput => {
  const steps: FuelStep[] = []
  if (reading !== null) return advance(plateau, run, reading, t, c, steps)
  if (run === null) return { plateau, run: null, steps }
  const end = finish(run, t, c)
  if (end.step !== null) steps.push(end.step)
  return { plateau: end.plateau, run: null, steps }
}

const advance = (
  plateau: StopLevel | null,
  run: FuelRun | null,
  reading: FuelReading,
  t: StepThresholds,
  c: SettleConfig,
  steps: FuelStep[],
): SegmentOutput => {
  const [ms, y] = reading
  if (plateau === null) return { plateau: plateauOf([reading]), run: null, steps }
  if (run === null) {
    const off = y - plateau.levelL
    if (Math.abs(off) <= t.toleranceL) return { plateau: join(plateau, ms, y), run: null, steps }
    const started: FuelRun = {
      dir: off > 0 ? 1 : -1,
      fromL: plateau.levelL,
      startMs: plateau.lastMs,
      firstMs: ms,
      extremeL: y,
      anchorL: y,
      lastMoveMs: ms,
      tail: [reading],
    }
    return { plateau, run: started, steps }
  }
  const { dir } = run
  const progress = dir * (y - run.fromL)
  let r = run
  if (progress > dir * (r.extremeL - r.fromL)) {
    const moved = progress - dir * (r.anchorL - r.fromL) >= t.toleranceL
    r = { ...r, extremeL: y, ...(moved ? { anchorL: y, lastMoveMs: ms } : {}) }
  }
  const extent = dir * (r.extremeL - r.fromL)
  if (extent < (dir > 0 ? t.riseL : t.dropL) && Math.abs(y - plateau.levelL) <= t.toleranceL) {
    // Back on the plateau before it became a step: noise.
    return { plateau: join(plateau, ms, y), run: null, steps }
  }
  const reversalL = Math.max(3 * t.toleranceL, Math.min(t.dropL, t.riseL) / 2)
  if (extent - progress >= reversalL) {
    // Turned back: the run ended at its last reading; this one starts what comes next.
    const end = finish(r, t, c)
    if (end.step === null) return advance(plateau, null, reading, t, c, steps)
    steps.push(end.step)
    return advance(end.plateau, null, reading, t, c, steps)
  }
  const previous = r.tail[r.tail.length - 2]
  const dense = previous !== undefined && ms - previous[0] < TAIL_SPACING_MS
  r = { ...r, tail: [...(dense ? r.tail.slice(0, -1) : r.tail), reading].slice(-TAIL_CAP) }
  const since = r.lastMoveMs
  const after = r.tail.filter(([m]) => m > since).length
  if (ms - since >= settleMs(r, t, c) && after >= 2) {
    const end = finish(r, t, c)
    if (end.step !== null) steps.push(end.step)
    return { plateau: end.plateau, run: null, steps }
  }
  return { plateau, run: r, steps }
}
