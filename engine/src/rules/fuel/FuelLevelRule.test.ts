import { describe, expect, it } from "vitest"
import {
  defaultFuelLevelConfig,
  type FuelLevelEvent,
  type FuelLevelPoint,
  type FuelLevelState,
  initialFuelLevelState,
  stepFuelLevel,
} from "./FuelLevelRule.js"

const seeded = (seed: number) => {
  let a = seed
  return () => {
    a = (a * 1_103_515_245 + 12_345) % 2 ** 31
    return a / 2 ** 31
  }
}

/** Runs readings every 10 s; `levelAt(i)` in %, `movingAt(i)` decides speed. */
const run = (n: number, levelAt: (i: number) => number, movingAt: (i: number) => boolean = () => false) => {
  let state = initialFuelLevelState
  const events = []
  for (let i = 0; i < n; i++) {
    const p: FuelLevelPoint = {
      timeMs: 1_000_000 + i * 10_000,
      lat: 43.2,
      lon: 76.9,
      fuelLevelPct: levelAt(i),
      speedMps: movingAt(i) ? 12 : 0,
      ignition: movingAt(i),
    }
    const step = stepFuelLevel(state, p)
    state = step.state
    events.push(...step.events)
  }
  return events
}

describe("fuel level sensor", () => {
  it("reports a 30 L drop while parked exactly once, with its size", () => {
    // 60 L tank: 80 % = 48 L, then 30 L siphoned → 30 % = 18 L.
    const events = run(120, (i) => (i < 50 ? 80 : 30))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ kind: "fuel_drop", fromL: 48, toL: 18, litres: 30 })
  })

  it("ignores sloshing noise while driving", () => {
    const rnd = seeded(7)
    const events = run(
      400,
      (i) => 70 - i * 0.02 + (rnd() - 0.5) * 6,
      () => true,
    )
    expect(events).toEqual([])
  })

  it("ignores normal consumption while driving, even over a long drive", () => {
    expect(
      run(
        600,
        (i) => 90 - i * 0.1,
        () => true,
      ),
    ).toEqual([])
  })

  it("reports a 40 L fill once", () => {
    const events = run(100, (i) => (i < 40 ? 20 : 20 + (40 / 60) * 100))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ kind: "fuel_fill", litres: 40 })
  })

  it("does not report a single wild reading", () => {
    expect(run(60, (i) => (i === 30 ? 5 : 75))).toEqual([])
  })

  it("ignores duplicate and late readings", () => {
    const p = { timeMs: 5_000, lat: 0, lon: 0, fuelLevelPct: 50 }
    const first = stepFuelLevel(initialFuelLevelState, p)
    expect(stepFuelLevel(first.state, { ...p, fuelLevelPct: 10 }).state).toBe(first.state)
  })
})

/** Tank of 60 L; readings as [minute, litres, moving?]; ignition on while moving or idling. */
const TANK = 60
const T0 = 1_700_000_000_000
const MIN = 60_000
const runLitres = (
  readings: ReadonlyArray<{
    readonly atS: number
    readonly litres: number
    readonly moving?: boolean
    readonly ignition?: boolean
  }>,
) => {
  let state = initialFuelLevelState
  const events: FuelLevelEvent[] = []
  for (const r of readings) {
    const step = stepFuelLevel(
      state,
      {
        timeMs: T0 + r.atS * 1000,
        lat: 43.2,
        lon: 76.9,
        fuelLevelPct: Math.round((r.litres / TANK) * 1000) / 10,
        speedMps: r.moving ? 12 : 0,
        ignition: r.ignition ?? r.moving ?? false,
      },
      { ...defaultFuelLevelConfig, tankCapacityL: TANK },
    )
    state = step.state
    events.push(...step.events)
  }
  return { events, state }
}

/** A piecewise-linear level: [second, litres] corners, sampled every `everyS` from `fromS` to `toS`. */
const levelAt = (corners: ReadonlyArray<readonly [number, number]>) => (s: number) => {
  const i = corners.findIndex(([t]) => t > s)
  if (i === -1) return (corners[corners.length - 1] as readonly [number, number])[1]
  if (i === 0) return (corners[0] as readonly [number, number])[1]
  const [t0, l0] = corners[i - 1] as readonly [number, number]
  const [t1, l1] = corners[i] as readonly [number, number]
  return l0 + ((l1 - l0) * (s - t0)) / (t1 - t0)
}
const sampled = (fromS: number, toS: number, everyS: number, litres: (s: number) => number, extra = {}) =>
  Array.from({ length: Math.floor((toS - fromS) / everyS) + 1 }, (_, i) => {
    const atS = fromS + i * everyS
    return { atS, litres: litres(atS), ...extra }
  })
/** Ten minutes of driving at 1 reading per 10 s with slosh of ±2 L, the level falling slowly. */
const drive = (fromS: number, litres: number, seed: number) => {
  const rnd = seeded(seed)
  return sampled(fromS, fromS + 600, 10, (s) => litres - (s - fromS) / 600 + (rnd() - 0.5) * 4, {
    moving: true,
  })
}

describe("fuel events at parked report intervals (issue 10)", () => {
  it("sees a fill of 40 L and a drain of 35 L in the same stop, reported every 5 min, as two events", () => {
    // Arrive at 15 L; filled to 55 L from minute 11 to 14; full for two reports; drained of 35 L
    // from minute 22 to 28; parked until minute 60; then driven away.
    const level = levelAt([
      [0, 15],
      [11 * 60, 15],
      [14 * 60, 55],
      [22 * 60, 55],
      [28 * 60, 20],
    ])
    const { events } = runLitres([
      ...drive(-600, 16, 1),
      ...sampled(0, 60 * 60, 300, level),
      ...drive(60 * 60 + 60, 20, 2),
    ])
    expect(events.map((e) => e.kind)).toEqual(["fuel_fill", "fuel_drop"])
    const [fill, drain] = events as [FuelLevelEvent, FuelLevelEvent]
    expect(Math.abs(fill.litres - 40)).toBeLessThanOrEqual(2)
    expect(Math.abs(drain.litres - 35)).toBeLessThanOrEqual(2)
    // Each step from the last report before it to the first report after it.
    expect(fill).toMatchObject({ startMs: T0 + 10 * MIN, endMs: T0 + 15 * MIN, timeMs: T0 + 15 * MIN })
    expect(drain).toMatchObject({ startMs: T0 + 20 * MIN })
    expect(drain.endMs).toBeGreaterThanOrEqual(T0 + 25 * MIN)
    expect(drain.endMs).toBeLessThanOrEqual(T0 + 30 * MIN)
  })

  it("reports a slow siphon of 30 L over 40 minutes as one event from its start to its end", () => {
    const level = levelAt([
      [0, 50],
      [30 * 60, 50],
      [70 * 60, 20],
    ])
    const { events } = runLitres([...sampled(0, 180 * 60, 300, level), ...drive(180 * 60 + 60, 20, 3)])
    expect(events).toHaveLength(1)
    const [e] = events as [FuelLevelEvent]
    expect(e.kind).toBe("fuel_drop")
    expect(Math.abs(e.litres - 30)).toBeLessThanOrEqual(2)
    expect(e.startMs).toBe(T0 + 30 * MIN)
    expect(e.endMs).toBeGreaterThanOrEqual(T0 + 60 * MIN)
    expect(e.endMs).toBeLessThanOrEqual(T0 + 75 * MIN)
  })

  it("reports a drain of 34.8 L while idling (a report every 10 s) as one event of its size", () => {
    const rnd = seeded(11)
    const level = levelAt([
      [0, 52],
      [5 * 60, 51.9],
      [15 * 60, 17.1],
      [30 * 60, 16.8],
    ])
    const { events } = runLitres([
      ...drive(-600, 53, 4),
      ...sampled(0, 30 * 60, 10, (s) => level(s) + (rnd() - 0.5) * 0.4, { ignition: true }),
      ...drive(30 * 60 + 10, 16.8, 5),
    ])
    expect(events).toHaveLength(1)
    expect(events[0]?.kind).toBe("fuel_drop")
    expect(Math.abs((events[0]?.litres ?? 0) - 34.8)).toBeLessThanOrEqual(2)
  })

  it("raises nothing from slosh while driving, stops at traffic lights included", () => {
    const rnd = seeded(21)
    const readings = sampled(0, 4 * 3600, 5, (s) => 45 - s / 600 + (rnd() - 0.5) * 8).map((r) => ({
      ...r,
      moving: Math.floor(r.atS / 60) % 5 !== 0,
      ignition: true,
    }))
    expect(runLitres(readings).events).toEqual([])
  })

  it("raises nothing from a burst of slosh while creeping below walking pace, 1 report a second", () => {
    const rnd = seeded(13)
    const readings = sampled(0, 1200, 1, (s) => 40 - s / 600 + (rnd() - 0.5) * 3).map((r) => {
      const creeping = r.atS >= 600 && r.atS < 800
      // Braking into a queue crept at walking pace: the tank sloshes 9 L high for its first 8 s.
      const litres = creeping && r.atS < 608 ? r.litres + 9 : r.litres
      return { atS: r.atS, litres, moving: !creeping, ignition: true }
    })
    expect(runLitres(readings).events).toEqual([])
  })

  it("raises nothing from sensor noise of ±1.5 L on a parked plateau", () => {
    const rnd = seeded(5)
    const { events } = runLitres([
      ...drive(-600, 40, 6),
      ...sampled(0, 12 * 3600, 300, () => 40 + (rnd() - 0.5) * 3),
      ...drive(12 * 3600 + 60, 40, 7),
    ])
    expect(events).toEqual([])
  })

  it("learns the sensor's noise per vehicle, and dense idling reports do not inflate it", () => {
    const rnd = seeded(17)
    // ±1.5 L uniform: σ = 3 / √12 ≈ 0.87 L.
    const parked = runLitres(sampled(0, 12 * 3600, 300, () => 40 + (rnd() - 0.5) * 3))
    expect(parked.state.noiseL).toBeGreaterThan(0.6)
    expect(parked.state.noiseL).toBeLessThan(1.2)
    const idling = runLitres(sampled(0, 3600, 1, () => 40 + (rnd() - 0.5) * 0.6, { ignition: true }))
    expect(idling.state.noiseL).toBeLessThan(0.3)
  })

  it("keeps its state small during a long parked night", () => {
    const rnd = seeded(9)
    const { state } = runLitres(sampled(0, 10 * 3600, 60, () => 40 + (rnd() - 0.5) * 0.4))
    expect(JSON.stringify(state).length).toBeLessThan(2_000)
  })
})

describe("fuel state snapshotted before stops were segmented", () => {
  it("starts over from it, keeping its time, and still finds a drain", () => {
    const old = { lastTimeMs: T0, recentL: [30, 30, 30], referenceL: 30, pendingSinceMs: null }
    let state = old as unknown as FuelLevelState
    const events: FuelLevelEvent[] = []
    expect(stepFuelLevel(state, { timeMs: T0, lat: 0, lon: 0, fuelLevelPct: 10 }).state).toBe(state)
    for (let m = 5; m <= 60; m += 5) {
      const step = stepFuelLevel(state, {
        timeMs: T0 + m * MIN,
        lat: 0,
        lon: 0,
        fuelLevelPct: m <= 20 ? 50 : 20,
      })
      state = step.state
      events.push(...step.events)
    }
    expect(events).toEqual([
      expect.objectContaining({ kind: "fuel_drop", litres: 18, startMs: T0 + 20 * MIN }),
    ])
  })
})
