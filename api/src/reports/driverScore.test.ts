import { describe, expect, it } from "vitest"
import { driverScore, MIN_SCORED_KM } from "./driverScore.js"

const clean = { speeding: 0, alerts: 0, penalties: 0, fuelAnomalies: 0 }

describe("driverScore", () => {
  it("is 100 for a driver with nothing against them", () => {
    expect(driverScore({ km: 500, ...clean })).toBe(100)
  })

  it("takes each event's weight per 1 000 km: 2 speeding, 5 alerts, 1 penalty, 1 anomaly over 4 000 km", () => {
    // per 1 000 km: 0.5 speeding ×10 = 5, 1.25 alerts ×2 = 2.5, 0.25 penalties ×15 = 3.75, 0.25 anomalies ×20 = 5
    expect(driverScore({ km: 4000, speeding: 2, alerts: 5, penalties: 1, fuelAnomalies: 1 })).toBe(84)
  })

  it("weighs the same events less over a longer distance", () => {
    const short = driverScore({ km: 1000, ...clean, speeding: 3 })
    const long = driverScore({ km: 10_000, ...clean, speeding: 3 })
    expect(short).toBe(70)
    expect(long).toBe(97)
  })

  it("never goes below 0", () => {
    expect(driverScore({ km: 200, ...clean, speeding: 50 })).toBe(0)
  })

  it("does not score a driver who drove less than the minimum", () => {
    expect(driverScore({ km: MIN_SCORED_KM - 0.1, ...clean, speeding: 1 })).toBeNull()
    expect(driverScore({ km: 0, ...clean })).toBeNull()
  })
})
