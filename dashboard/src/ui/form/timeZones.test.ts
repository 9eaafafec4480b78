import { describe, expect, it } from "vitest"
import { timeZoneMatches, timeZones } from "./timeZones"

describe("time zones", () => {
  it("lists the IANA zones, UTC included, sorted and without duplicates", () => {
    const zones = timeZones()
    expect(zones).toContain("Asia/Almaty")
    expect(zones).toContain("Europe/Istanbul")
    expect(zones).toContain("UTC")
    expect(new Set(zones).size).toBe(zones.length)
    expect([...zones].sort((a, b) => a.localeCompare(b))).toEqual(zones)
  })

  it("finds a zone by any part of its name, with spaces for underscores", () => {
    expect(timeZoneMatches("America/New_York", "new york")).toBe(true)
    expect(timeZoneMatches("America/New_York", "NEW_Y")).toBe(true)
    expect(timeZoneMatches("Asia/Almaty", "almaty")).toBe(true)
    expect(timeZoneMatches("Asia/Almaty", "tokyo")).toBe(false)
  })
})
