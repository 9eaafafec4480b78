import { describe, expect, it } from "vitest"
import { litresAgree, type PaidRefuel, reconcileRefuels, type SensorRise } from "./reconcileRefuels.js"

const RULES = { windowMs: 30 * 60_000, tolerancePct: 15, minDifferenceL: 5 }
const V = "00000000-0000-4000-8000-000000000001"
const W = "00000000-0000-4000-8000-000000000002"
const T = Date.UTC(2026, 10, 20, 8, 0)
const min = 60_000

const refuel = (id: string, atMin: number, litres: number, vehicleId = V): PaidRefuel => ({
  id,
  vehicleId,
  timeMs: T + atMin * min,
  litres,
})
const rise = (atMin: number, litres: number, vehicleId = V): SensorRise => ({
  vehicleId,
  timeMs: T + atMin * min,
  litres,
  lat: 43.2,
  lon: 76.9,
})

describe("reconcileRefuels", () => {
  it("matches a refuel and a rise within 30 minutes whose litres agree", () => {
    const result = reconcileRefuels([refuel("a", 0, 50)], [rise(29, 46)], RULES)
    expect(result.pairs.map((p) => [p.refuel.id, p.rise.litres])).toEqual([["a", 46]])
    expect(result.unmatched).toEqual([])
  })

  it("leaves both sides unmatched when they are more than 30 minutes apart", () => {
    const result = reconcileRefuels([refuel("a", 0, 50)], [rise(31, 50)], RULES)
    expect(result.pairs).toHaveLength(0)
    expect(result.unmatched.map((u) => u.kind)).toEqual(["refuel_without_rise", "rise_without_refuel"])
    expect(result.unmatched[0]).toMatchObject({ fuelEntryId: "a", paidL: 50, sensorL: null })
  })

  it("does not match litres off by more than 15% (or 5 L), and names the near miss", () => {
    // Paid 50 L, the tank rose 30 L: 20 L apart, above max(7.5, 5).
    const result = reconcileRefuels([refuel("a", 0, 50)], [rise(5, 30)], RULES)
    expect(result.pairs).toHaveLength(0)
    expect(result.unmatched).toEqual([
      expect.objectContaining({ kind: "refuel_without_rise", paidL: 50, sensorL: 30, lat: 43.2 }),
      expect.objectContaining({ kind: "rise_without_refuel", fuelEntryId: "a", paidL: 50, sensorL: 30 }),
    ])
  })

  it("uses the larger of 15% and 5 L as the tolerance", () => {
    expect(litresAgree(20, 25, RULES)).toBe(true) // 5 L apart: the 5 L floor
    expect(litresAgree(20, 25.5, RULES)).toBe(false)
    expect(litresAgree(100, 115, RULES)).toBe(true) // 15% of 100
    expect(litresAgree(100, 84, RULES)).toBe(false)
  })

  it("pairs the closest in time first and uses each rise once", () => {
    const result = reconcileRefuels([refuel("a", 0, 40), refuel("b", 20, 40)], [rise(18, 40)], RULES)
    expect(result.pairs.map((p) => p.refuel.id)).toEqual(["b"])
    expect(result.unmatched).toEqual([
      expect.objectContaining({ kind: "refuel_without_rise", fuelEntryId: "a" }),
    ])
  })

  it("never matches across vehicles", () => {
    const result = reconcileRefuels([refuel("a", 0, 40, V)], [rise(1, 40, W)], RULES)
    expect(result.pairs).toHaveLength(0)
    expect(result.unmatched).toHaveLength(2)
  })
})
