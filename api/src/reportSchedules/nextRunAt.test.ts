import { describe, expect, it } from "vitest"
import { reportPeriod } from "../reports/reportPeriod.js"
import { nextRunAt, type ScheduleTiming } from "./nextRunAt.js"

const daily = (hour: number): ScheduleTiming => ({ frequency: "daily", weekday: null, monthDay: null, hour })
const weekly = (weekday: number, hour: number): ScheduleTiming => ({
  frequency: "weekly",
  weekday,
  monthDay: null,
  hour,
})
const monthly = (monthDay: number, hour: number): ScheduleTiming => ({
  frequency: "monthly",
  weekday: null,
  monthDay,
  hour,
})
const at = (iso: string) => new Date(iso)
const next = (t: ScheduleTiming, zone: string, after: string) => nextRunAt(t, zone, at(after)).toISOString()

describe("nextRunAt", () => {
  it("runs daily at the local hour of the organisation's zone, later the same day or the next", () => {
    // Almaty is UTC+5 (no DST since 2024): 08:00 local is 03:00 UTC.
    expect(next(daily(8), "Asia/Almaty", "2025-06-10T02:00:00Z")).toBe("2025-06-10T03:00:00.000Z")
    expect(next(daily(8), "Asia/Almaty", "2025-06-10T03:00:00Z")).toBe("2025-06-11T03:00:00.000Z")
    // 23:00 UTC on the 10th is already the 11th in Almaty.
    expect(next(daily(8), "Asia/Almaty", "2025-06-10T23:00:00Z")).toBe("2025-06-11T03:00:00.000Z")
  })

  it("keeps the local hour across a DST change (spring and autumn)", () => {
    // Berlin: CET (UTC+1) until 30 March 2025 02:00, then CEST (UTC+2); back on 26 October.
    expect(next(daily(8), "Europe/Berlin", "2025-03-29T07:00:00Z")).toBe("2025-03-30T06:00:00.000Z")
    expect(next(daily(8), "Europe/Berlin", "2025-10-25T06:00:00Z")).toBe("2025-10-26T07:00:00.000Z")
    // New York: EDT → EST on 2 November 2025.
    expect(next(weekly(1, 9), "America/New_York", "2025-10-28T00:00:00Z")).toBe("2025-11-03T14:00:00.000Z")
    expect(next(weekly(1, 9), "America/New_York", "2025-10-21T00:00:00Z")).toBe("2025-10-27T13:00:00.000Z")
  })

  it("runs a local hour skipped by the spring change once, after the gap, and a doubled hour once", () => {
    // 02:00 does not exist in Berlin on 30 March 2025: it runs at 03:00 CEST (01:00 UTC).
    const spring = next(daily(2), "Europe/Berlin", "2025-03-29T23:00:00Z")
    expect(spring).toBe("2025-03-30T01:00:00.000Z")
    // 02:00 happens twice on 26 October 2025: one run that day, the next one on the 27th.
    const first = nextRunAt(daily(2), "Europe/Berlin", at("2025-10-25T23:00:00Z"))
    expect(first.toISOString().slice(0, 10)).toBe("2025-10-26")
    expect(nextRunAt(daily(2), "Europe/Berlin", first).toISOString()).toBe("2025-10-27T01:00:00.000Z")
  })

  it("runs weekly on the ISO weekday", () => {
    // 2025-06-10 is a Tuesday; Monday = 1, Sunday = 7.
    expect(next(weekly(1, 6), "UTC", "2025-06-10T12:00:00Z")).toBe("2025-06-16T06:00:00.000Z")
    expect(next(weekly(7, 6), "UTC", "2025-06-10T12:00:00Z")).toBe("2025-06-15T06:00:00.000Z")
    expect(next(weekly(2, 13), "UTC", "2025-06-10T12:00:00Z")).toBe("2025-06-10T13:00:00.000Z")
  })

  it("runs monthly on the day, or on the last day of a shorter month", () => {
    expect(next(monthly(31, 7), "Europe/Istanbul", "2025-02-01T00:00:00Z")).toBe("2025-02-28T04:00:00.000Z")
    expect(next(monthly(31, 7), "Europe/Istanbul", "2024-02-01T00:00:00Z")).toBe("2024-02-29T04:00:00.000Z")
    expect(next(monthly(31, 7), "Europe/Istanbul", "2025-02-28T04:00:00Z")).toBe("2025-03-31T04:00:00.000Z")
    expect(next(monthly(30, 7), "Europe/Istanbul", "2025-03-31T12:00:00Z")).toBe("2025-04-30T04:00:00.000Z")
    expect(next(monthly(1, 0), "Asia/Almaty", "2025-12-15T00:00:00Z")).toBe("2025-12-31T19:00:00.000Z")
  })
})

describe("the periods a scheduled run reports on", () => {
  it("yesterday is the local day before; last week is Monday to Sunday of the week before", () => {
    expect(reportPeriod({ period: "yesterday" }, "2025-03-01")).toEqual({
      preset: "yesterday",
      from: "2025-02-28",
      to: "2025-02-28",
    })
    // 2025-06-16 is a Monday; 2025-06-22 a Sunday: both give 9–15 June.
    for (const today of ["2025-06-16", "2025-06-22"])
      expect(reportPeriod({ period: "lastWeek" }, today)).toMatchObject({
        from: "2025-06-09",
        to: "2025-06-15",
      })
    expect(reportPeriod({ period: "lastWeek" }, "2025-01-01")).toMatchObject({
      from: "2024-12-23",
      to: "2024-12-29",
    })
  })
})
