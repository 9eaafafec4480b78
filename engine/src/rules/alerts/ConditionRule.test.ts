import { describe, expect, it } from "vitest"
import { type ConditionEvent, initialCondition, stepCondition } from "./ConditionRule.js"

const higher = (a: number, b: number) => a > b
/** Speeds one per second; overspeed above 90 for 30 s, cleared after 10 s below. */
const run = (speeds: number[]) => {
  let s = initialCondition
  const events: ConditionEvent[] = []
  speeds.forEach((v, i) => {
    const step = stepCondition(s, i * 1000, v > 90, v, higher, 30, 10)
    s = step.state
    if (step.event) events.push(step.event)
  })
  return events
}

describe("a condition held for a minimum time", () => {
  it("does not raise a short excursion", () => {
    expect(run([...Array(20).fill(100), ...Array(20).fill(60)])).toEqual([])
  })
  it("raises once after the minimum duration, with the worst value, and clears once", () => {
    const speeds = [
      ...Array(10).fill(60),
      ...Array(20).fill(100),
      115,
      ...Array(20).fill(100),
      ...Array(15).fill(60),
    ]
    expect(run(speeds)).toEqual([
      { kind: "raise", timeMs: 40_000, sinceMs: 10_000, worst: 115 },
      { kind: "clear", timeMs: 61_000 },
    ])
  })
  it("does not clear on a brief dip", () => {
    const speeds = [...Array(40).fill(100), ...Array(5).fill(80), ...Array(40).fill(100)]
    expect(run(speeds).map((e) => e.kind)).toEqual(["raise"])
  })
  it("ignores points that do not tell, and late points", () => {
    const s = stepCondition(initialCondition, 5000, true, 100, higher, 30, 10).state
    expect(stepCondition(s, 6000, null, 0, higher, 30, 10).state).toBe(s)
    expect(stepCondition(s, 4000, false, 50, higher, 30, 10).state).toBe(s)
  })
})
