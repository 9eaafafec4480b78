import { describe, expect, it } from "vitest"
import { fromLocalInput, periodFromSearch, presetPeriod, toLocalInput, validPeriod } from "./replayPeriod"

const now = new Date(2027, 2, 12, 15, 30).getTime()

describe("replay periods", () => {
  it("gives today until now, all of yesterday and the last 7 days in local time", () => {
    expect(presetPeriod("today", now)).toEqual({ fromMs: new Date(2027, 2, 12).getTime(), toMs: now })
    expect(presetPeriod("yesterday", now)).toEqual({
      fromMs: new Date(2027, 2, 11).getTime(),
      toMs: new Date(2027, 2, 12).getTime(),
    })
    expect(presetPeriod("last7", now)).toEqual({ fromMs: now - 7 * 86_400_000, toMs: now })
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
    expect(periodFromSearch({ period: "custom", from, to }, now)).toEqual({
      fromMs: Date.parse(from),
      toMs: Date.parse(to),
      preset: "custom",
    })
    expect(periodFromSearch({ period: "yesterday" }, now).preset).toBe("yesterday")
    expect(periodFromSearch({}, now, "last7")).toMatchObject({ preset: "last7", toMs: now })
    expect(periodFromSearch({ period: "custom", from: to, to: from }, now).preset).toBe("today")
  })

  it("round-trips the value of a datetime-local input", () => {
    const ms = new Date(2027, 0, 5, 7, 9).getTime()
    expect(toLocalInput(ms)).toBe("2027-01-05T07:09")
    expect(fromLocalInput(toLocalInput(ms))).toBe(ms)
    expect(fromLocalInput("")).toBeNaN()
  })
})
