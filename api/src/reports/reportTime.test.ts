import { describe, expect, it } from "vitest"
import { daysOf, km, periodInstants, wallTime } from "./reportTime.js"

const period = { preset: "custom", from: "2025-01-30", to: "2025-02-02" } as const

describe("reportTime", () => {
  it("spans a period's UTC days, the last one included", () => {
    expect(periodInstants(period)).toEqual({
      fromMs: Date.parse("2025-01-30T00:00:00Z"),
      toMs: Date.parse("2025-02-03T00:00:00Z"),
    })
    expect(daysOf(period)).toEqual(["2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02"])
  })

  it("writes an instant as the organisation's wall clock, past midnight in its zone", () => {
    expect(wallTime("Asia/Tokyo", Date.parse("2025-01-31T19:30:00Z"))).toBe("2025-02-01 04:30")
    expect(wallTime("UTC", Date.parse("2025-01-31T00:05:00Z"))).toBe("2025-01-31 00:05")
  })

  it("rounds metres to tenths of a kilometre", () => {
    expect(km(12_345)).toBe(12.3)
    expect(km(12_350)).toBe(12.4)
  })
})
