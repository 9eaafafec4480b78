import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { destinationPoint, type LatLon, offsetM } from "../geo.js"
import {
  initialOdometerIntegrityState,
  type OdometerAlert,
  stepOdometerIntegrity,
} from "./OdometerIntegrityRule.js"

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

/**
 * A drive of `steps` × 250 m with GPS noise (σ 3 m). `odometer(i, odoM)` gives the reading of
 * point i from a running odometer that advances `scale(i)` × the true step (undefined: none sent).
 */
const drive = (
  steps: number,
  odometer: (i: number, odoM: number) => number | undefined,
  scale: (i: number) => number = () => 1,
  timeMs: (i: number) => number = (i) => T0 + i * STEP_S * 1000,
): TelemetryRecord[] => {
  const noise = normal(42)
  const records: TelemetryRecord[] = []
  let at: LatLon = { lat: 47.0, lon: 8.0 }
  let odoM = 2_000_000
  for (let i = 0; i <= steps; i++) {
    if (i > 0) {
      at = destinationPoint(at, Math.floor(i / 100) % 2 === 0 ? 80 : 100, STEP_M)
      odoM += STEP_M * scale(i)
    }
    const reading = odometer(i, odoM)
    const t = timeMs(i)
    records.push({
      orgId,
      vehicleId,
      deviceId,
      timeMs: t,
      receivedAtMs: t + 1000,
      ...offsetM(at, noise() * 3, noise() * 3),
      speedMps: SPEED,
      ignition: true,
      hdop: 0.9,
      ...(reading === undefined ? {} : { odometerM: reading }),
    })
  }
  return records
}

const run = (records: ReadonlyArray<TelemetryRecord>) => {
  let state = initialOdometerIntegrityState
  const events: OdometerAlert[] = []
  for (const r of records) {
    const step = stepOdometerIntegrity(state, r)
    state = step.state
    events.push(...step.events)
  }
  return { state, events }
}

const kinds = (events: ReadonlyArray<OdometerAlert>) => events.map((e) => e.kind)

describe("OdometerIntegrityRule", () => {
  it("raises nothing for normal driving, at metre or whole-kilometre resolution", () => {
    expect(run(drive(1200, (_, m) => Math.round(m))).events).toEqual([])
    expect(run(drive(1200, (_, m) => Math.floor(m / 1000) * 1000)).events).toEqual([])
    // Odometer in every fifth message only.
    expect(run(drive(1200, (i, m) => (i % 5 === 0 ? m : undefined))).events).toEqual([])
  })

  it("raises nothing for a device that reports no odometer", () => {
    const records = drive(600, () => undefined)
    const glitched = records.map((r, i) => (i === 300 ? { ...r, ...offsetM(r, 40_000, 0) } : r))
    const { events, state } = run(glitched)
    expect(events).toEqual([])
    expect(state.gps.anchor).toBeNull()
  })

  it("raises one rollback alert, however long the device stays at the lower value", () => {
    const { events } = run(drive(600, (i, m) => (i >= 200 ? m - 50_000 : m)))
    expect(kinds(events)).toEqual(["odometer_rollback"])
    expect(events[0]).toMatchObject({ vehicleId, timeMs: T0 + 200 * STEP_S * 1000 })
    expect(events[0]?.details.decreaseM).toBeCloseTo(50_000 - STEP_M, 6)
    expect(events[0]?.details.elapsedS).toBe(STEP_S)
  })

  it("ignores decreases within the tolerance", () => {
    expect(run(drive(300, (i, m) => (i % 10 === 5 ? m - STEP_M - 80 : m))).events).toEqual([])
  })

  it("raises one jump alert for an impossible increase", () => {
    const { events } = run(drive(600, (i, m) => (i >= 300 ? m + 10_000_000 : m)))
    expect(kinds(events)).toEqual(["odometer_jump"])
    expect(events[0]?.details.increaseM).toBeCloseTo(10_000_000 + STEP_M, 6)
    expect(events[0]?.details.impliedKmh).toBeGreaterThan(1_000_000)
  })

  it("raises one alert, not two, for a single glitched reading", () => {
    expect(kinds(run(drive(300, (i, m) => (i === 150 ? 0 : m))).events)).toEqual(["odometer_rollback"])
    expect(kinds(run(drive(300, (i, m) => (i === 150 ? m * 40 : m))).events)).toEqual(["odometer_jump"])
  })

  it("judges an increase over a long silence against the daily limit", () => {
    const after = (hours: number) => (i: number) =>
      T0 + i * STEP_S * 1000 + (i >= 100 ? hours * 3_600_000 : 0)
    // One hour offline, 200 km more: plausible.
    const hour = drive(200, (i, m) => (i >= 100 ? m + 200_000 : m), undefined, after(1))
    expect(run(hour).events).toEqual([])
    // Two days offline, 3000 km more: over 1000 km/day.
    const days = drive(200, (i, m) => (i >= 100 ? m + 3_000_000 : m), undefined, after(48))
    const { events } = run(days)
    expect(kinds(events)).toEqual(["odometer_jump"])
    const elapsedS = 48 * 3600 + STEP_S
    expect(events[0]?.details.elapsedS).toBe(elapsedS)
    expect(events[0]?.details.maxPlausibleM).toBeCloseTo((1_000_000 * elapsedS) / 86_400 + 1000, 3)
  })

  it("raises one mismatch alert per incident, re-arming once the distances agree", () => {
    // 250 m steps: 400 steps = 100 km. Odometer reads 25 % high in two separate stretches.
    const scale = (i: number) => ((i > 400 && i <= 1000) || i > 1400 ? 1.25 : 1)
    const { events } = run(drive(1800, (_, m) => m, scale))
    expect(kinds(events)).toEqual(["odometer_mismatch", "odometer_mismatch"])
    const [first, second] = events
    expect(first?.details.diffPct).toBeGreaterThan(10)
    // The window adapts to the distance driven (issue 10, finding 4): 5 km is enough at 25 %.
    expect(first?.details.windowM).toBe(5_000)
    // Detected within 10 km after each stretch starts.
    expect(first?.timeMs).toBeGreaterThan(T0 + 400 * STEP_S * 1000)
    expect(first?.timeMs).toBeLessThan(T0 + 440 * STEP_S * 1000)
    expect(second?.timeMs).toBeGreaterThan(T0 + 1400 * STEP_S * 1000)
    expect(second?.timeMs).toBeLessThan(T0 + 1440 * STEP_S * 1000)
  })

  it("does not re-alert while the mismatch persists", () => {
    const { events, state } = run(
      drive(
        1600,
        (_, m) => m,
        () => 0.8,
      ),
    )
    expect(kinds(events)).toEqual(["odometer_mismatch"])
    expect(events[0]?.details.diffPct).toBeCloseTo(20, 0)
    expect(state.check?.flag?.kind).toBe("mismatch")
    expect(state.check?.buckets.length).toBeLessThanOrEqual(50)
  })

  // Issue 10, finding 4: an odometer that stops while the GPS moves is frozen, not a mismatch.
  it("flags a stuck odometer once as frozen", () => {
    const { events } = run(
      drive(
        800,
        (_, m) => m,
        (i) => (i > 200 ? 0 : 1),
      ),
    )
    expect(kinds(events)).toEqual(["odometer_frozen"])
    expect(events[0]?.details.gpsM).toBeGreaterThan(1_500)
  })

  it("ignores duplicates and out-of-order points", () => {
    const records = drive(600, (i, m) => (i >= 200 ? m - 50_000 : m))
    const messy = records.flatMap((r, i) => {
      const late = records[i - 3]
      return i % 7 === 0 && late !== undefined ? [r, r, late] : [r]
    })
    expect(run(messy).events).toEqual(run(records).events)
  })
})
