import { describe, expect, it } from "vitest"
import { type OdometerChange, type OdometerTrack, trackOdometer } from "./OdometerTrack.js"

const T0 = Date.UTC(2025, 5, 2)

/** Feeds [seconds, metres] readings; returns each change and delta. */
const feed = (readings: ReadonlyArray<[number, number]>) => {
  let track: OdometerTrack | null = null
  const changes: OdometerChange[] = []
  const deltas: number[] = []
  for (const [s, valueM] of readings) {
    const step = trackOdometer(track, { valueM, timeMs: T0 + s * 1000 })
    track = step.track
    changes.push(step.change)
    deltas.push(step.deltaM)
  }
  return { track, changes, deltas }
}

describe("trackOdometer", () => {
  it("classifies advances, noise, rollbacks and jumps", () => {
    const { changes, deltas } = feed([
      [0, 10_000],
      [60, 11_000],
      [70, 10_950],
      [80, 11_100],
      [90, 5_000],
      [100, 5_200],
      [110, 500_000],
    ])
    expect(changes).toEqual(["first", "advance", "noise", "advance", "rollback", "advance", "jump"])
    expect(deltas).toEqual([0, 1000, 0, 100, 0, 200, 0])
  })

  it("allows the jump allowance on top of plausible travel", () => {
    // 10 s at 250 km/h is 694 m; with the 1000 m allowance, 1694 m passes and 1700 m does not.
    expect(
      feed([
        [0, 0],
        [10, 1694],
      ]).changes[1],
    ).toBe("advance")
    expect(
      feed([
        [0, 0],
        [10, 1700],
      ]).changes[1],
    ).toBe("jump")
  })

  it("recovers from a glitch, counting what was driven across it", () => {
    const { changes, deltas, track } = feed([
      [0, 80_000],
      [30, 80_300],
      [60, 0],
      [90, 300],
      [120, 81_000],
    ])
    expect(changes).toEqual(["first", "advance", "rollback", "advance", "recovered"])
    // 81 000 − 80 300 = 700 driven since the glitch, of which 300 already counted.
    expect(deltas).toEqual([0, 300, 0, 300, 400])
    expect(track?.incident).toBeNull()
  })

  it("keeps following a replaced odometer instead of recovering to the old value", () => {
    const { changes, track } = feed([
      [0, 300_000],
      [60, 1_000],
      [120, 2_000],
      [180, 3_000],
    ])
    expect(changes).toEqual(["first", "rollback", "advance", "advance"])
    expect(track?.valueM).toBe(3_000)
    expect(track?.incident).toMatchObject({ kind: "rollback", fromM: 300_000, countedM: 2_000 })
  })
})
