import { describe, expect, it } from "vitest"
import { inQuietHours } from "./quietHours.js"

describe("inQuietHours", () => {
  // 2026-01-10T17:30Z is 22:30 in Asia/Almaty (UTC+5) and 17:30 in London.
  const evening = new Date("2026-01-10T17:30:00Z")
  it("reads the clock in the given time zone", () => {
    expect(inQuietHours(evening, "22:00", "07:00", "Asia/Almaty")).toBe(true)
    expect(inQuietHours(evening, "22:00", "07:00", "Europe/London")).toBe(false)
  })
  it("spans midnight when the end is before the start", () => {
    expect(inQuietHours(new Date("2026-01-10T01:00:00Z"), "22:00", "07:00", "Asia/Almaty")).toBe(true)
    expect(inQuietHours(new Date("2026-01-10T02:00:00Z"), "22:00", "07:00", "Asia/Almaty")).toBe(false)
  })
  it("keeps a same-day window and treats equal ends as none", () => {
    expect(inQuietHours(new Date("2026-01-10T08:00:00Z"), "12:00", "14:00", "Asia/Almaty")).toBe(true)
    expect(inQuietHours(new Date("2026-01-10T10:00:00Z"), "12:00", "14:00", "Asia/Almaty")).toBe(false)
    expect(inQuietHours(evening, "22:00", "22:00", "Asia/Almaty")).toBe(false)
  })
})
