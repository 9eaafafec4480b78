import { describe, expect, it } from "vitest"
import { daysBetween, localClock } from "./localClock.js"

describe("local clock of an organisation", () => {
  it("gives the day and hour in the organisation's zone", () => {
    const at = new Date("2031-03-09T22:30:00Z")
    expect(localClock(at, "UTC")).toEqual({ day: "2031-03-09", hour: 22 })
    expect(localClock(at, "Europe/Istanbul")).toEqual({ day: "2031-03-10", hour: 1 })
    expect(localClock(new Date("2031-03-10T00:10:00Z"), "America/New_York")).toEqual({
      day: "2031-03-09",
      hour: 20,
    })
  })

  it("counts whole days between two days", () => {
    expect(daysBetween("2031-02-27", "2031-03-01")).toBe(2)
    expect(daysBetween("2031-03-01", "2031-03-01")).toBe(0)
  })
})
