import { describe, expect, it } from "vitest"
import { periodFromSearch, presetPeriod, validPeriod } from "./replayPeriod"

// 15:30 on 12 March 2027 in Almaty (UTC+5): still the 12th in New York (05:30, UTC-5).
const now = Date.UTC(2027, 2, 12, 10, 30)

describe("replay periods", () => {
  it("gives today until now, all of yesterday and the last 7 days in the zone the UI speaks", () => {
    expect(presetPeriod("today", now, "Asia/Almaty")).toEqual({
      fromMs: Date.UTC(2027, 2, 11, 19),
      toMs: now,
    })
    expect(presetPeriod("yesterday", now, "Asia/Almaty")).toEqual({
      fromMs: Date.UTC(2027, 2, 10, 19),
      toMs: Date.UTC(2027, 2, 11, 19),
    })
    expect(presetPeriod("today", now, "America/New_York")).toEqual({
      fromMs: Date.UTC(2027, 2, 12, 5),
      toMs: now,
    })
    expect(presetPeriod("last7", now, "Asia/Almaty")).toEqual({ fromMs: now - 7 * 86_400_000, toMs: now })
  })

  it("makes yesterday 23 hours long across a spring-forward night", () => {
    // New York moves its clocks forward on 14 March 2027; "yesterday" seen on the 15th is the 14th.
    const monday = Date.UTC(2027, 2, 15, 16)
    expect(presetPeriod("yesterday", monday, "America/New_York")).toEqual({
      fromMs: Date.UTC(2027, 2, 14, 5),
      toMs: Date.UTC(2027, 2, 15, 4),
    })
  })

  it("accepts a custom period only when it ends after it starts and spans at most 31 days", () => {
    expect(validPeriod(1000, 1000)).toBeUndefined()
    expect(validPeriod(0, 32 * 86_400_000)).toBeUndefined()
    expect(validPeriod(Number.NaN, 5)).toBeUndefined()
    expect(validPeriod(0, 31 * 86_400_000)).toEqual({ fromMs: 0, toMs: 31 * 86_400_000 })
  })

  it("reads the period from the URL, falling back when it is missing or invalid", () => {
    const from = "2027-03-01T08:00:00.000Z"
    const to = "2027-03-01T09:00:00.000Z"
    expect(periodFromSearch({ period: "custom", from, to }, now, "Asia/Almaty")).toEqual({
      fromMs: Date.parse(from),
      toMs: Date.parse(to),
      preset: "custom",
    })
    expect(periodFromSearch({ period: "yesterday" }, now, "Asia/Almaty").preset).toBe("yesterday")
    expect(periodFromSearch({}, now, "Asia/Almaty", "last7")).toMatchObject({ preset: "last7", toMs: now })
    expect(periodFromSearch({ period: "custom", from: to, to: from }, now, "Asia/Almaty").preset).toBe(
      "today",
    )
  })
})
