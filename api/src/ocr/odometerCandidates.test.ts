import { describe, expect, it } from "vitest"
import { odometerCandidates } from "./odometerCandidates.js"

const ranked = (...texts: ReadonlyArray<string>) =>
  [...odometerCandidates(texts.map((text) => ({ text, confidence: 0.9 })))]
    .sort((a, b) => b.confidence - a.confidence)
    .map((c) => c.value)

describe("odometer candidates", () => {
  it("drops the drum's leading zeros and the unit", () => {
    expect(ranked("045623 km")[0]).toBe("45623")
  })

  it("ranks the counter above a trip meter's shorter number, tenths dropped", () => {
    expect(ranked("104322 km", "TRIP A 345.0").slice(0, 2)).toEqual(["104322", "345"])
  })

  it("joins digits grouped by a space and reads lookalike letters between digits as digits", () => {
    expect(ranked("123 456")[0]).toBe("123456")
    expect(ranked("12O45B")[0]).toBe("120458")
  })

  it("also suggests drum digits read apart, lower", () => {
    const found = ranked("4 1551 8 km")
    expect(found).toContain("415518")
  })

  it("ignores runs longer than a counter", () => {
    expect(ranked("123456789")).toEqual([])
  })
})
