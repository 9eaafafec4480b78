import { describe, expect, it } from "vitest"
import { refuelCheck } from "./refuelCheck.js"

describe("refuelCheck", () => {
  const rated = 8
  it("has no baseline for the first refuel", () => {
    expect(refuelCheck(null, null, { odometerKm: 1000, litres: 40 }, rated, 15)).toEqual({
      kind: "skipped",
      reason: "first_refuel",
    })
  })

  it("says why it cannot run without an odometer on this refuel or the one before", () => {
    expect(refuelCheck({ odometerKm: 1000 }, 1000, { odometerKm: null, litres: 40 }, rated, 15)).toEqual({
      kind: "skipped",
      reason: "no_odometer",
    })
    expect(refuelCheck({ odometerKm: null }, 900, { odometerKm: 1500, litres: 40 }, rated, 15)).toEqual({
      kind: "skipped",
      reason: "previous_no_odometer",
    })
  })

  it("refuses an odometer not above the latest one recorded, even past a refuel without one", () => {
    expect(refuelCheck({ odometerKm: null }, 1000, { odometerKm: 900, litres: 40 }, rated, 15).kind).toBe(
      "invalid",
    )
  })

  it("checks litres against the rated consumption over the distance", () => {
    expect(refuelCheck({ odometerKm: 1000 }, 1000, { odometerKm: 1500, litres: 48 }, rated, 15)).toEqual({
      kind: "checked",
      distanceKm: 500,
      expectedL: 40,
      differenceL: 8,
      differencePct: 20,
      anomaly: true,
    })
    expect(refuelCheck({ odometerKm: 1000 }, 1000, { odometerKm: 1500, litres: 48 }, null, 15)).toEqual({
      kind: "skipped",
      reason: "unrated",
    })
  })
})
