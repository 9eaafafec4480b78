import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { destinationPoint, type LatLon, offsetM } from "../geo.js"
import { type DistanceEvent, initialMileageState, stepMileage } from "../mileage/MileageRule.js"
import {
  initialOdometerIntegrityState,
  type OdometerAlert,
  stepOdometerIntegrity,
} from "./OdometerIntegrityRule.js"

/**
 * Issue 10, finding 4: the odometer faults a real dongle shows (frozen, tampered, a clock that
 * steps back) against both rules that read the odometer: the integrity rule must flag each fault
 * once and raise nothing else, and mileage must stay within 0.5 % of the distance driven.
 */

const orgId = "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId
const vehicleId = "0b8d6c1a-3e2f-4a5b-8c7d-9e0f1a2b3c4d" as VehicleId
const deviceId = "imei-356938035643809" as DeviceId
const T0 = Date.UTC(2025, 5, 2, 6, 0, 0)
const STEP_S = 10
const SPEED = 25
const STEP_M = SPEED * STEP_S

/** Deterministic PRNG (mulberry32) feeding a standard normal (Box–Muller). */
const normal = (seed: number) => {
  let a = seed >>> 0
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
}

interface DriveOptions {
  /** The reading the device sends at step i, given the true odometer. */
  readonly odometer?: (i: number, trueM: number) => number
  /** Device clock error at step i (ms, negative: behind). */
  readonly clockMs?: (i: number) => number
  /** GPS noise σ per axis (m), and a multipath throw (m) at some steps. */
  readonly noiseM?: number
  readonly multipathM?: (i: number) => number
  /** Steps without a fix: the tracker repeats its last fix with 0 satellites and speed 0. */
  readonly noFix?: (i: number) => boolean
  readonly seed?: number
}

/** A drive of `steps` × 250 m, 10 s apart, winding every 25 km; the odometer starts at 2,000 km. */
const drive = (steps: number, options: DriveOptions = {}): TelemetryRecord[] => {
  const noise = normal(options.seed ?? 7)
  const records: TelemetryRecord[] = []
  let at: LatLon = { lat: 47.0, lon: 8.0 }
  for (let i = 0; i <= steps; i++) {
    if (i > 0) at = destinationPoint(at, Math.floor(i / 100) % 2 === 0 ? 80 : 100, STEP_M)
    const trueM = 2_000_000 + i * STEP_M
    const t = T0 + i * STEP_S * 1000
    const sigma = options.noiseM ?? 3
    const throwM = options.multipathM?.(i) ?? 0
    const shown = offsetM(at, noise() * sigma + throwM, noise() * sigma)
    const last = records.at(-1)
    const blind = options.noFix?.(i) === true && last !== undefined
    records.push({
      orgId,
      vehicleId,
      deviceId,
      timeMs: t + (options.clockMs?.(i) ?? 0),
      receivedAtMs: t + 1000,
      ...(blind ? { lat: last.lat, lon: last.lon } : shown),
      speedMps: blind ? 0 : SPEED,
      ignition: true,
      hdop: blind ? 99 : 0.9,
      satellites: blind ? 0 : 9,
      odometerM: Math.round(options.odometer?.(i, trueM) ?? trueM),
    })
  }
  return records
}

const integrity = (records: ReadonlyArray<TelemetryRecord>): OdometerAlert[] => {
  let state = initialOdometerIntegrityState
  const events: OdometerAlert[] = []
  for (const r of records) {
    const step = stepOdometerIntegrity(state, r)
    state = step.state
    events.push(...step.events)
  }
  return events
}

const mileage = (records: ReadonlyArray<TelemetryRecord>) => {
  let state = initialMileageState
  const events: DistanceEvent[] = []
  for (const r of records) {
    const step = stepMileage(state, r)
    state = step.state
    events.push(...step.events)
  }
  return { totalM: state.totalM, events }
}

const kinds = (events: ReadonlyArray<OdometerAlert>) => events.map((e) => e.kind)
const errorPct = (measuredM: number, trueM: number) => (Math.abs(measuredM - trueM) / trueM) * 100

describe("odometer faults: alerts and the mileage they affect", () => {
  // 160 steps = 40 km; the dongle is unplugged from step 40 (10 km) to step 100 (25 km).
  const frozen = drive(160, { odometer: (i, m) => (i >= 40 && i < 100 ? 2_000_000 + 40 * STEP_M : m) })

  it("flags a frozen odometer once, and the catch-up on re-plugging is not a jump", () => {
    const events = integrity(frozen)
    expect(kinds(events)).toEqual(["odometer_frozen"])
    // Flagged within 2 km of driving after the odometer stopped.
    expect(events[0]?.timeMs).toBeLessThanOrEqual(T0 + 48 * STEP_S * 1000)
    expect(events[0]?.details.odometerM).toBe(2_000_000 + 40 * STEP_M)
  })

  it("counts the frozen stretch once, from GPS, and says so", () => {
    const { totalM, events } = mileage(frozen)
    expect(errorPct(totalM, 160 * STEP_M)).toBeLessThan(0.5)
    const flagged = events.filter((e) => e.source === "gps_odometer_flagged")
    const flaggedM = flagged.reduce((sum, e) => sum + e.metres, 0)
    // GPS counted the stretch the odometer missed (15 km) while it was flagged.
    expect(flaggedM).toBeGreaterThan(14_000)
    expect(flaggedM).toBeLessThan(16_000)
  })

  it("judges a catch-up the GPS did not see as a jump", () => {
    // Frozen for 5 km, then the reading returns 40 km further than the vehicle drove.
    const records = drive(100, {
      odometer: (i, m) => (i >= 20 && i < 40 ? 2_000_000 + 20 * STEP_M : i >= 40 ? m + 40_000 : m),
    })
    expect(kinds(integrity(records))).toEqual(["odometer_frozen", "odometer_jump"])
    expect(errorPct(mileage(records).totalM, 100 * STEP_M)).toBeLessThan(0.5)
  })

  // 15 % slow from step 40 (10 km) for 12 km, then honest again (the lost 1.8 km stays lost).
  const tamperStart = 40
  const tamperEnd = 88
  const tampered = drive(200, {
    odometer: (i, m) => m - 0.15 * STEP_M * (Math.min(i, tamperEnd) - Math.min(i, tamperStart)),
  })

  it("flags tampering of 15 % within 10 km", () => {
    const events = integrity(tampered)
    expect(kinds(events)).toEqual(["odometer_mismatch"])
    const flaggedAfterM = ((events[0]?.timeMs ?? 0) - T0) / (STEP_S * 1000) - tamperStart
    expect(flaggedAfterM * STEP_M).toBeLessThanOrEqual(10_000)
    expect(events[0]?.details.diffPct).toBeGreaterThan(10)
  })

  it("counts tampered stretches from GPS", () => {
    const { totalM, events } = mileage(tampered)
    expect(errorPct(totalM, 200 * STEP_M)).toBeLessThan(0.5)
    expect(events.some((e) => e.source === "gps_odometer_flagged")).toBe(true)
  })

  it("raises no mismatch for an honest odometer on clean or noisy GPS", () => {
    for (const seed of [1, 2, 3]) {
      expect(integrity(drive(1200, { seed }))).toEqual([])
      // Urban: σ 8 m, thrown 30–120 m aside for 3 points every 5 km.
      const urban = drive(1200, { seed, noiseM: 8, multipathM: (i) => (i % 20 < 3 ? 30 + (i % 90) : 0) })
      expect(integrity(urban)).toEqual([])
      // Whole-kilometre resolution.
      expect(integrity(drive(1200, { seed, odometer: (_, m) => Math.floor(m / 1000) * 1000 }))).toEqual([])
    }
  })

  it("reads a GPS outage as neither a freeze nor tampering, at metre or whole-km resolution", () => {
    // 10 minutes without a fix (a tunnel, a garage): the odometer moves on, GPS bridges 15 km after.
    for (const odometer of [undefined, (_: number, m: number) => Math.floor(m / 1000) * 1000]) {
      const outage = drive(200, { noFix: (i) => i >= 40 && i < 100, ...(odometer ? { odometer } : {}) })
      expect(integrity(outage)).toEqual([])
      expect(errorPct(mileage(outage).totalM, 200 * STEP_M)).toBeLessThan(0.6)
    }
  })

  it("raises no jump when the device clock steps back, and counts the distance once", () => {
    // From step 60 to 90 (5 min) the clock is 120 s behind; points arrive in sending order.
    const skewed = drive(160, { clockMs: (i) => (i >= 60 && i < 90 ? -120_000 : 0) })
    expect(integrity(skewed)).toEqual([])
    expect(errorPct(mileage(skewed).totalM, 160 * STEP_M)).toBeLessThan(0.5)
  })
})
