import { localMidnight as midnightIn } from "@fleetcore/engine"
import { describe, expect, it } from "vitest"
import { daysOf, daysSoFar, km, periodInstants, wallTime } from "./reportTime.js"

const period = { preset: "custom", from: "2025-01-30", to: "2025-02-02" } as const

describe("reportTime", () => {
  it("spans a period's days in the organisation's time zone, the last one included", () => {
    expect(periodInstants(period, "UTC")).toEqual({
      fromMs: Date.parse("2025-01-30T00:00:00Z"),
      toMs: Date.parse("2025-02-03T00:00:00Z"),
    })
    // Tashkent is UTC+5: its days begin at 19:00 UTC the day before.
    expect(periodInstants(period, "Asia/Tashkent")).toEqual({
      fromMs: Date.parse("2025-01-29T19:00:00Z"),
      toMs: Date.parse("2025-02-02T19:00:00Z"),
    })
    expect(daysOf(period)).toEqual(["2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02"])
  })

  it("finds local midnight across a daylight-saving change", () => {
    // Berlin: UTC+1 in winter, UTC+2 from 30 March 2025 02:00.
    expect(midnightIn("Europe/Berlin", "2025-03-30")).toBe(Date.parse("2025-03-29T23:00:00Z"))
    expect(midnightIn("Europe/Berlin", "2025-03-31")).toBe(Date.parse("2025-03-30T22:00:00Z"))
    expect(midnightIn("America/New_York", "2025-11-02")).toBe(Date.parse("2025-11-02T04:00:00Z"))
  })

  it("counts a period's days up to today, none before it starts", () => {
    expect(daysSoFar(period, "2025-01-31")).toEqual(["2025-01-30", "2025-01-31"])
    expect(daysSoFar(period, "2025-03-01")).toHaveLength(4)
    expect(daysSoFar(period, "2025-01-01")).toEqual([])
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
