import { describe, expect, it } from "vitest"
import { checkManualReading } from "./manualReading.js"

const day = 86_400_000

describe("manual odometer readings", () => {
  it("accepts the first reading and normal progress", () => {
    expect(checkManualReading({ valueKm: 1000, atMs: 0 }, null, null, 1000)).toEqual({
      kind: "ok",
      flagged: false,
      kmPerDay: null,
    })
    expect(
      checkManualReading({ valueKm: 1800, atMs: 2 * day }, { valueKm: 1000, atMs: 0 }, null, 1000),
    ).toEqual({
      kind: "ok",
      flagged: false,
      kmPerDay: 400,
    })
  })
  it("refuses a reading below the previous one or above a later one", () => {
    expect(checkManualReading({ valueKm: 900, atMs: day }, { valueKm: 1000, atMs: 0 }, null, 1000).kind).toBe(
      "invalid",
    )
    expect(
      checkManualReading(
        { valueKm: 1600, atMs: day },
        { valueKm: 1000, atMs: 0 },
        { valueKm: 1500, atMs: 2 * day },
        1000,
      ).kind,
    ).toBe("invalid")
  })
  it("flags more than the allowed km per day, counting at least one day", () => {
    expect(
      checkManualReading({ valueKm: 2500, atMs: day }, { valueKm: 1000, atMs: 0 }, null, 1000),
    ).toMatchObject({ flagged: true, kmPerDay: 1500 })
    expect(
      checkManualReading({ valueKm: 1900, atMs: 3_600_000 }, { valueKm: 1000, atMs: 0 }, null, 1000),
    ).toMatchObject({ flagged: false })
    expect(
      checkManualReading({ valueKm: 2500, atMs: day }, { valueKm: 1000, atMs: 0 }, null, 2000),
    ).toMatchObject({ flagged: false })
  })
})
