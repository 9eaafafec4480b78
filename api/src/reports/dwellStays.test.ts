import { describe, expect, it } from "vitest"
import { type Crossing, dwellStays } from "./dwellStays.js"

const MIN = 60_000
const at = (kind: Crossing["kind"], minute: number): Crossing => ({ kind, ms: minute * MIN })

describe("dwellStays", () => {
  it("takes every crossing with no dwell", () => {
    expect(dwellStays([at("enter", 10), at("exit", 11)], 0, false, 100 * MIN)).toEqual([
      { entered: 10 * MIN, left: 11 * MIN },
    ])
  })

  it("drops a pass shorter than the dwell and keeps a stay of at least the dwell", () => {
    const crossings = [at("enter", 10), at("exit", 15), at("enter", 30), at("exit", 40)]
    expect(dwellStays(crossings, 10 * MIN, false, 100 * MIN)).toEqual([{ entered: 30 * MIN, left: 40 * MIN }])
  })

  it("does not end a stay on a step outside shorter than the dwell", () => {
    const crossings = [at("enter", 0), at("exit", 20), at("enter", 23), at("exit", 50)]
    expect(dwellStays(crossings, 10 * MIN, false, 100 * MIN)).toEqual([{ entered: 0, left: 50 * MIN }])
  })

  it("leaves a confirmed stay open at the end, and one begun before the first position unstarted", () => {
    expect(dwellStays([at("enter", 90)], 5 * MIN, false, 100 * MIN)).toEqual([
      { entered: 90 * MIN, left: null },
    ])
    expect(dwellStays([at("enter", 97)], 5 * MIN, false, 100 * MIN)).toEqual([])
    expect(dwellStays([at("exit", 20)], 5 * MIN, true, 100 * MIN)).toEqual([
      { entered: Number.NEGATIVE_INFINITY, left: 20 * MIN },
    ])
  })
})
