import { describe, expect, it } from "vitest"
import {
  dayIn,
  dayStartIn,
  dayStartIso,
  fromZonedInput,
  startOfDayIn,
  timeOfDayIn,
  toZonedInput,
  uiTimeZone,
  zonedInputIso,
  zoneLabel,
} from "./timeZone"

const H = 3_600_000

describe("the zone the UI speaks", () => {
  it("is the user's own, else the organisation's, else the browser's", () => {
    expect(uiTimeZone({ timeZone: "Europe/Istanbul", orgTimeZone: "Asia/Almaty" })).toBe("Europe/Istanbul")
    expect(uiTimeZone({ timeZone: null, orgTimeZone: "Asia/Almaty" })).toBe("Asia/Almaty")
    expect(uiTimeZone(null)).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone)
    // A zone this browser's data does not know is passed over, never a page that cannot format.
    expect(uiTimeZone({ timeZone: "Mars/Olympus_Mons", orgTimeZone: "Asia/Almaty" })).toBe("Asia/Almaty")
  })
})

describe("days in a zone (UTC+5, no summer time)", () => {
  // 21:30 UTC on 11 March is already 02:30 on the 12th in Almaty.
  const late = Date.UTC(2027, 2, 11, 21, 30)

  it("names the day and time of an instant on Almaty's wall clock, not UTC's", () => {
    expect(dayIn(late, "Asia/Almaty")).toBe("2027-03-12")
    expect(dayIn(late, "UTC")).toBe("2027-03-11")
    expect(timeOfDayIn(late, "Asia/Almaty")).toBe("02:30")
    expect(dayIn(new Date(late), "America/New_York")).toBe("2027-03-11")
  })

  it("starts a day at Almaty's midnight, 19:00 UTC the day before", () => {
    expect(startOfDayIn(late, "Asia/Almaty")).toBe(Date.UTC(2027, 2, 11, 19))
    expect(dayStartIn("2027-03-12", "Asia/Almaty")).toBe(Date.UTC(2027, 2, 11, 19))
    expect(dayStartIso("2027-03-12", "Asia/Almaty", 1)).toBe("2027-03-12T19:00:00.000Z")
    expect(dayStartIso("2027-03-12", "Asia/Almaty", -1)).toBe("2027-03-10T19:00:00.000Z")
    expect(dayStartIn("12.03.2027", "Asia/Almaty")).toBeNaN()
    expect(dayStartIso("", "Asia/Almaty")).toBeUndefined()
  })
})

describe("days across a clock change (New York, 14 March and 7 November 2027)", () => {
  it("makes the spring-forward day 23 hours long and the fall-back day 25", () => {
    const zone = "America/New_York"
    expect(dayStartIn("2027-03-14", zone)).toBe(Date.UTC(2027, 2, 14, 5))
    expect(dayStartIn("2027-03-14", zone, 1) - dayStartIn("2027-03-14", zone)).toBe(23 * H)
    expect(dayStartIn("2027-11-07", zone, 1) - dayStartIn("2027-11-07", zone)).toBe(25 * H)
    // Midnight after the change is on summer time, UTC-4.
    expect(startOfDayIn(Date.UTC(2027, 2, 15, 12), zone)).toBe(Date.UTC(2027, 2, 15, 4))
  })
})

describe("a datetime-local input in a zone", () => {
  it("shows an instant as the wall clock of the zone, whatever the machine's zone", () => {
    const at = Date.UTC(2027, 0, 5, 2, 9)
    expect(toZonedInput(at, "Asia/Almaty")).toBe("2027-01-05T07:09")
    expect(toZonedInput(at, "America/New_York")).toBe("2027-01-04T21:09")
  })

  it("reads a typed wall clock as the instant it means in the zone", () => {
    expect(fromZonedInput("2027-01-05T07:09", "Asia/Almaty")).toBe(Date.UTC(2027, 0, 5, 2, 9))
    expect(zonedInputIso("2027-06-01T09:00", "America/New_York")).toBe("2027-06-01T13:00:00.000Z")
    expect(zonedInputIso("2027-12-01T09:00", "America/New_York")).toBe("2027-12-01T14:00:00.000Z")
  })

  it("round-trips every minute value, on both sides of a clock change", () => {
    for (const zone of ["Asia/Almaty", "America/New_York", "Europe/Istanbul", "UTC"]) {
      for (const at of [
        Date.UTC(2027, 2, 14, 6, 59),
        Date.UTC(2027, 2, 14, 7),
        Date.UTC(2027, 10, 7, 5, 30),
      ]) {
        expect(fromZonedInput(toZonedInput(at, zone), zone)).toBe(at)
      }
    }
  })

  it("moves a time the spring-forward skips past the change, and refuses malformed values", () => {
    // 02:30 does not happen in New York on 14 March 2027: it is read as 03:30 EDT (07:30 UTC).
    expect(fromZonedInput("2027-03-14T02:30", "America/New_York")).toBe(Date.UTC(2027, 2, 14, 7, 30))
    expect(fromZonedInput("", "Asia/Almaty")).toBeNaN()
    expect(fromZonedInput("2027-03-14 02:30", "Asia/Almaty")).toBeNaN()
    expect(fromZonedInput("2027-02-30T10:00", "Asia/Almaty")).toBeNaN()
    expect(zonedInputIso("", "Asia/Almaty")).toBeUndefined()
  })
})

describe("a zone's label", () => {
  it("names the city and the offset at the instant", () => {
    expect(zoneLabel("Asia/Almaty", "en", Date.UTC(2027, 0, 1))).toBe("Almaty (GMT+5)")
    expect(zoneLabel("America/New_York", "en", Date.UTC(2027, 6, 1))).toBe("New York (GMT-4)")
    expect(zoneLabel("UTC", "en", Date.UTC(2027, 0, 1))).toMatch(/^UTC \(GMT/u)
  })
})
