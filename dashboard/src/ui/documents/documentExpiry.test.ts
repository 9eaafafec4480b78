import { describe, expect, it } from "vitest"
import { daysUntil, expiryState } from "./documentExpiry"

describe("document expiry", () => {
  it("counts whole calendar days, across months and years", () => {
    expect(daysUntil("2026-03-01", "2026-02-28")).toBe(1)
    expect(daysUntil("2027-01-01", "2026-12-31")).toBe(1)
    expect(daysUntil("2026-01-01", "2026-01-31")).toBe(-30)
  })

  it("is expired the day after its date, expiring within 30 days, else valid", () => {
    expect(expiryState(null, "2026-06-01")).toBe("none")
    expect(expiryState("2026-05-31", "2026-06-01")).toBe("expired")
    expect(expiryState("2026-06-01", "2026-06-01")).toBe("soon")
    expect(expiryState("2026-07-01", "2026-06-01")).toBe("soon")
    expect(expiryState("2026-07-02", "2026-06-01")).toBe("valid")
  })
})
