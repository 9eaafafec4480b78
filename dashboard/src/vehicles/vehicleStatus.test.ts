import { describe, expect, it } from "vitest"
import type { Position } from "../api/types"
import { STALE_AFTER_MS, vehicleStatus } from "./vehicleStatus"

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

  it("is stale after ten minutes of silence, whatever it last reported", () => {
    expect(vehicleStatus(at({ timeMs: NOW - STALE_AFTER_MS, speedMps: 20 }), NOW)).toBe("moving")
    expect(vehicleStatus(at({ timeMs: NOW - STALE_AFTER_MS - 1, speedMps: 20 }), NOW)).toBe("stale")
  })
})
