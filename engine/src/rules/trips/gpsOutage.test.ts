import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { destinationPoint, type LatLon } from "../geo.js"
import { flushTrips, initialTripState, stepTrips, type TripEvent, type TripState } from "./TripRule.js"

const orgId = "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId
const vehicleId = "0b8d6c1a-3e2f-4a5b-8c7d-9e0f1a2b3c4d" as VehicleId
const deviceId = "imei-356938035643809" as DeviceId
const T0 = Date.UTC(2025, 5, 2, 8, 0, 0)
const STEP_S = 10

interface Tracker {
  /** The tracker reports satellites and HDOP (9 and 0.9 on a fix, 0 and 99 without one). */
  readonly reportsSatellites: boolean
  /** The tracker reports a speed (else trips infer it from distance over time). */
  readonly reportsSpeed: boolean
  /** The vehicle reports an odometer (the distance truly driven, also during outages). */
  readonly reportsOdometer?: boolean
}

/**
 * One vehicle's telemetry, a point every STEP_S seconds, starting parked at T0. `outage` makes the
 * tracker repeat its last fix with speed 0 (and 0 satellites when it reports them) while the
 * vehicle, unseen, moves on: `driven` metres in the outage's direction.
 */
const script = ({ reportsSatellites, reportsSpeed, reportsOdometer = false }: Tracker) => {
  const records: TelemetryRecord[] = []
  let at: LatLon = { lat: 43.238, lon: 76.945 }
  let lastFix: LatLon = at
  let t = T0
  let truthM = 0
  const push = (speedMps: number, ignition: boolean, fix: boolean) => {
    const shown = fix ? at : lastFix
    if (fix) lastFix = at
    records.push({
      orgId,
      vehicleId,
      deviceId,
      timeMs: t,
      receivedAtMs: t + 800,
      lat: shown.lat,
      lon: shown.lon,
      ignition,
      ...(reportsSpeed ? { speedMps: fix ? speedMps : 0 } : {}),
      ...(reportsSatellites ? (fix ? { satellites: 9, hdop: 0.9 } : { satellites: 0, hdop: 99 }) : {}),
      ...(reportsOdometer ? { odometerM: 50_000_000 + truthM } : {}),
    })
  }
  push(0, false, true)
  const s = {
    records,
    truthM: () => truthM,
    drive(steps: number, speedMps: number, bearing = 30) {
      for (let i = 0; i < steps; i++) {
        t += STEP_S * 1000
        at = destinationPoint(at, bearing, speedMps * STEP_S)
        truthM += speedMps * STEP_S
        push(speedMps, true, true)
      }
      return s
    },
    stand(steps: number, ignition: boolean) {
      for (let i = 0; i < steps; i++) {
        t += STEP_S * 1000
        push(0, ignition, true)
      }
      return s
    },
    /**
     * `steps` no-fix samples; the vehicle ends up `displacementM` further along `bearing`, having
     * driven `drivenM` (a garage ramp is longer than the straight line; by default equal).
     */
    outage(steps: number, displacementM: number, ignition = true, drivenM = displacementM, bearing = 30) {
      for (let i = 0; i < steps; i++) {
        t += STEP_S * 1000
        at = destinationPoint(at, bearing, displacementM / steps)
        truthM += drivenM / steps
        push(0, ignition, false)
      }
      return s
    },
  }
  return s
}

const run = (records: ReadonlyArray<TelemetryRecord>, state: TripState = initialTripState) => {
  const events: TripEvent[] = []
  for (const r of records) {
    const step = stepTrips(state, r)
    state = step.state
    events.push(...step.events)
  }
  return { state, events }
}

/** Drives, stands 10 minutes with the ignition off (closing the trip), and returns the trips. */
const trips = (s: ReturnType<typeof script>) => run(s.stand(60, false).records).events

const near = (actual: number | undefined, expected: number, tolerance: number) =>
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(tolerance)

const GPS: Tracker = { reportsSatellites: true, reportsSpeed: true }
const BARE: Tracker = { reportsSatellites: false, reportsSpeed: true }
const GPS_ONLY: Tracker = { reportsSatellites: true, reportsSpeed: false }

describe("TripRule across GPS outages", () => {
  it("keeps a garage visit (8 minutes of repeated last fix, ignition on) in one trip", () => {
    const s = script(GPS).drive(60, 12).drive(3, 3)
    // In the garage the tracker repeats the entrance fix; the exit is 120 m further on.
    s.outage(48, 120).drive(3, 3).drive(60, 12)
    const events = trips(s)
    expect(events).toHaveLength(1)
    const [trip] = events
    near(trip?.distanceM, s.truthM(), 30)
    expect(trip?.outageS).toBe(490)
    near(trip?.bridgedM, 150, 5)
    // The garage's 8 minutes are not driving: the average speed is not diluted by them.
    expect(trip?.avgSpeedMps).toBeGreaterThan(9)
  })

  it("keeps a garage visit in one trip when the vehicle stood at the barrier before losing the fix", () => {
    const s = script(GPS).drive(60, 12).stand(2, true)
    s.outage(48, 60).drive(60, 12)
    const events = trips(s)
    expect(events).toHaveLength(1)
    near(events[0]?.distanceM, s.truthM(), 30)
  })

  it("bridges a garage visit with the odometer's delta when the vehicle reports one", () => {
    // The ramps inside are 900 m of driving; the exit is 120 m from the entrance.
    const s = script({ ...GPS, reportsOdometer: true })
      .drive(60, 12)
      .drive(3, 3)
    s.outage(48, 120, true, 900).drive(3, 3).drive(60, 12)
    const events = trips(s)
    expect(events).toHaveLength(1)
    near(events[0]?.distanceM, s.truthM(), 1)
    near(events[0]?.bridgedM, 930, 1)
  })

  it("ends a trip at a garage stop the odometer shows, though the tracker has no fix", () => {
    // Idling 8 minutes inside with the ignition on: the odometer stands still, so the vehicle does.
    const s = script({ ...GPS, reportsOdometer: true })
      .drive(60, 12)
      .drive(3, 3)
    s.outage(48, 0, true, 0).drive(60, 12)
    const events = trips(s)
    expect(events).toHaveLength(2)
    expect(events[0]?.endMs).toBe(T0 + 64 * STEP_S * 1000)
    expect(events[1]?.startMs).toBe(T0 + 111 * STEP_S * 1000)
    near((events[0]?.distanceM ?? 0) + (events[1]?.distanceM ?? 0), s.truthM(), 1)
  })

  it("bridges a 90-second tunnel with the straight line when the tracker repeats its last fix", () => {
    // This tracker reports no satellites: the repeated position at speed 0 right after moving is the sign.
    const s = script(BARE).drive(60, 20).outage(9, 2000).drive(60, 20)
    const events = trips(s)
    expect(events).toHaveLength(1)
    const [trip] = events
    near(trip?.distanceM, s.truthM(), 30)
    expect(trip?.outageS).toBe(100)
    near(trip?.bridgedM, 2200, 5)
    expect(trip?.maxSpeedMps).toBeCloseTo(22, 0)
  })

  it("keeps a GPS-only vehicle's garage trip (no odometer, no reported speed)", () => {
    const s = script(GPS_ONLY).drive(60, 12).drive(3, 3)
    s.outage(48, 120).drive(3, 3).drive(60, 12)
    const events = trips(s)
    expect(events).toHaveLength(1)
    near(events[0]?.distanceM, s.truthM(), 30)
    expect(events[0]?.outageS).toBe(490)
  })

  it("still ends a trip at a stop with the ignition off, however identical the parked fixes", () => {
    for (const tracker of [GPS, BARE]) {
      const s = script(tracker).drive(60, 12).stand(60, false).drive(60, 12)
      const events = trips(s)
      expect(events).toHaveLength(2)
      expect(events.every((e) => e.outageS === 0 && e.bridgedM === 0)).toBe(true)
    }
  })

  it("makes no trip of a parked vehicle reporting identical fixes, valid or not", () => {
    expect(trips(script(GPS).stand(100, false))).toEqual([])
    expect(trips(script(BARE).stand(100, false))).toEqual([])
    // Ignition off in an underground car park: no fix, nothing moves.
    const s = script(GPS).drive(60, 12).stand(2, false).outage(100, 0, false)
    const events = trips(s)
    expect(events).toHaveLength(1)
    expect(events[0]?.outageS).toBe(0)
  })

  it("ends a trip at the ignition switched off during an outage", () => {
    const s = script(GPS).drive(60, 12).outage(6, 50).outage(60, 0, false).drive(60, 12)
    const events = trips(s)
    expect(events).toHaveLength(2)
    // The ignition was off by the first sample saying so; the trip ends there.
    expect(events[0]?.endMs).toBe(T0 + 67 * STEP_S * 1000)
  })

  it("ends a trip at its last fix when an outage without ignition outlasts maxGapS", () => {
    const bare = script({ reportsSatellites: true, reportsSpeed: true })
    const records = bare
      .drive(60, 12)
      .outage(90, 0)
      .records.map(({ ignition: _, ...r }) => r)
    const { events, state } = run(records)
    expect(events).toHaveLength(1)
    expect(events[0]?.endMs).toBe(T0 + 60 * STEP_S * 1000)
    expect(state.trip).toBeNull()
  })

  it("does not flush a trip while no-fix samples keep arriving, and does once they stop", () => {
    const s = script(GPS).drive(60, 12).outage(48, 120)
    const { state } = run(s.records)
    const lastReceived = (s.records.at(-1)?.receivedAtMs ?? 0) + 1
    expect(flushTrips(state, lastReceived + 300_000).events).toEqual([])
    const flushed = flushTrips(state, lastReceived + 601_000)
    expect(flushed.events).toHaveLength(1)
    expect(flushed.events[0]?.endMs).toBe(T0 + 60 * STEP_S * 1000)
  })

  it("keeps its state JSON-serialisable mid-outage", () => {
    const s = script(GPS).drive(60, 12).outage(20, 100)
    const { state } = run(s.records)
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
    const resumed = run(s.drive(60, 12).stand(60, false).records.slice(81), state)
    const whole = trips(script(GPS).drive(60, 12).outage(20, 100).drive(60, 12))
    expect(resumed.events).toEqual(whole)
  })
})

describe("TripRule state from before outage tracking", () => {
  it("resumes an open trip and stop snapshotted without outage fields", () => {
    const s = script(GPS).drive(60, 12).stand(5, true)
    const { state } = run(s.records)
    const strip = <T extends object>(totals: T) => {
      const { outageS: _o, bridgedM: _b, ...rest } = totals as T & { outageS?: number; bridgedM?: number }
      return rest as T
    }
    const trip = state.trip as NonNullable<TripState["trip"]>
    const { outage: _, ...older } = state
    const snapshot = JSON.parse(
      JSON.stringify({
        ...older,
        trip: {
          ...trip,
          totals: strip(trip.totals),
          stop: trip.stop === null ? null : { ...trip.stop, totals: strip(trip.stop.totals) },
        },
      }),
    ) as TripState
    const resumed = run(s.drive(60, 12).stand(60, false).records.slice(66), snapshot)
    expect(resumed.events).toHaveLength(1)
    expect(resumed.events[0]?.outageS).toBe(0)
    expect(resumed.events[0]?.bridgedM).toBe(0)
    expect(resumed.events[0]?.distanceM).toBeCloseTo(s.truthM(), 0)
  })
})
