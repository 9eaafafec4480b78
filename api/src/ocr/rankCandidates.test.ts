import { describe, expect, it } from "vitest"
import { MAX_CANDIDATES_PER_FIELD, rankCandidates } from "./rankCandidates.js"

describe("rankCandidates", () => {
  it("keeps each value once with its best confidence, clamped and rounded, best first per field", () => {
    expect(
      rankCandidates([
        { field: "plate", value: "A", confidence: 0.4 },
        { field: "vin", value: "V", confidence: 0.5 },
        { field: "plate", value: "B", confidence: 1.3 },
        { field: "plate", value: "A", confidence: 0.71234 },
        { field: "plate", value: "", confidence: 0.9 },
      ]),
    ).toEqual([
      { field: "plate", value: "B", confidence: 1 },
      { field: "plate", value: "A", confidence: 0.712 },
      { field: "vin", value: "V", confidence: 0.5 },
    ])
  })

  it("answers at most five per field", () => {
    const many = Array.from({ length: 9 }, (_, i) => ({
      field: "odometer" as const,
      value: String(i),
      confidence: i / 10,
    }))
    expect(rankCandidates(many).map((c) => c.value)).toEqual(["8", "7", "6", "5", "4"])
    expect(MAX_CANDIDATES_PER_FIELD).toBe(5)
  })
})
