import { describe, expect, it } from "vitest"
import { checkRefuel } from "./ConsumptionCheck.js"

// The example: rated 8.0 L/100 km, threshold 15 %.
describe("refuel consumption check", () => {
  it("never flags the first refuel of a vehicle: there is no baseline", () => {
    const r = checkRefuel(null, { odometerKm: 20_000, litres: 60 }, 8, 15)
    expect(r).toEqual({ kind: "baseline" })
  })

  it("accepts consumption under the expected amount", () => {
    const r = checkRefuel({ odometerKm: 20_000 }, { odometerKm: 20_500, litres: 38 }, 8, 15)
    expect(r).toEqual({
      kind: "checked",
      distanceKm: 500,
      expectedL: 40,
      actualL: 38,
      differenceL: -2,
      differencePct: -5,
      anomaly: false,
    })
  })

  it("flags consumption above expected × (1 + threshold)", () => {
    const r = checkRefuel({ odometerKm: 20_500 }, { odometerKm: 21_000, litres: 48 }, 8, 15)
    expect(r).toMatchObject({
      kind: "checked",
      expectedL: 40,
      actualL: 48,
      differenceL: 8,
      differencePct: 20,
      anomaly: true,
    })
  })

  it("does not flag exactly at the limit, and respects the organisation's threshold", () => {
    expect(checkRefuel({ odometerKm: 0 }, { odometerKm: 500, litres: 46 }, 8, 15)).toMatchObject({
      anomaly: false,
    })
    expect(checkRefuel({ odometerKm: 0 }, { odometerKm: 500, litres: 46 }, 8, 10)).toMatchObject({
      anomaly: true,
    })
  })

  it("refuses an odometer that did not advance since the previous refuel", () => {
    expect(checkRefuel({ odometerKm: 21_000 }, { odometerKm: 20_900, litres: 30 }, 8, 15)).toEqual({
      kind: "invalid",
      reason: "the odometer (20900 km) must be above the previous refuel's (21000 km)",
    })
  })

  it("skips the check when the vehicle type has no rated consumption", () => {
    expect(checkRefuel({ odometerKm: 0 }, { odometerKm: 500, litres: 46 }, null, 15)).toEqual({
      kind: "unrated",
    })
  })
})
