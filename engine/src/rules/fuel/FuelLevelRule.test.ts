import { describe, expect, it } from "vitest"
import { type FuelLevelPoint, initialFuelLevelState, stepFuelLevel } from "./FuelLevelRule.js"

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
