import { describe, expect, it } from "vitest"
import type { Position } from "../api/types"
import { vehicleStatus as statusAt } from "./vehicleStatus"

const STALE_AFTER_MS = 15 * 60_000
const vehicleStatus = (last: Position | null, now: number) => statusAt(last, now, STALE_AFTER_MS)

const NOW = Date.UTC(2025, 0, 1, 12)
const at = (overrides: Partial<Position>): Position => ({
  vehicleId: "00000000-0000-4000-8000-000000000001",
  timeMs: NOW - 5_000,
  lat: 43.2,
  lon: 76.9,
  speedMps: 0,
  headingDeg: null,
  ignition: null,
  odometerM: null,
  fuelLevelPct: null,
  batteryV: null,
  ...overrides,
})

describe("vehicleStatus", () => {
  it("is unknown without a position", () => {
    expect(vehicleStatus(null, NOW)).toBe("unknown")
  })

  it("is moving at walking pace and above", () => {
    expect(vehicleStatus(at({ speedMps: 1 }), NOW)).toBe("moving")
    expect(vehicleStatus(at({ speedMps: 25, ignition: false }), NOW)).toBe("moving")
  })

  it("tells idling from stopped by the ignition", () => {
    expect(vehicleStatus(at({ speedMps: 0.4, ignition: true }), NOW)).toBe("idle")
    expect(vehicleStatus(at({ speedMps: 0, ignition: false }), NOW)).toBe("stopped")
    expect(vehicleStatus(at({ speedMps: null, ignition: null }), NOW)).toBe("stopped")
  })

  it("is stale after the organisation's offline threshold, whatever it last reported", () => {
    expect(vehicleStatus(at({ timeMs: NOW - STALE_AFTER_MS, speedMps: 20 }), NOW)).toBe("moving")
    expect(vehicleStatus(at({ timeMs: NOW - STALE_AFTER_MS - 1, speedMps: 20 }), NOW)).toBe("stale")
    // An organisation that waits an hour sees the same silence as still moving.
    expect(statusAt(at({ timeMs: NOW - STALE_AFTER_MS - 1, speedMps: 20 }), NOW, 60 * 60_000)).toBe("moving")
  })
})
