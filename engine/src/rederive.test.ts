import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { CheckpointBudget } from "./CheckpointBudget.js"
import {
  defaultLateConfig,
  type LateConfig,
  type LateTrack,
  newLateTrack,
  planLate,
  rederive,
  stepWithCheckpoints,
} from "./rederive.js"
import { destinationPoint, type LatLon } from "./rules/geo.js"
import type { TripEvent } from "./rules/trips/TripRule.js"
import {
  emptyOutput,
  flushVehicleRules,
  initialVehicleRules,
  type RulesOutput,
  stepVehicleRules,
  unknownProfile,
  type VehicleProfile,
  type VehicleRulesState,
} from "./VehicleRules.js"

const orgId = "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId
const vehicleId = "0b8d6c1a-3e2f-4a5b-8c7d-9e0f1a2b3c4d" as VehicleId
const deviceId = "imei-356938035643809" as DeviceId
const HOUR = 3_600_000
/** 07:20 UTC: the drive crosses 08:00 and 09:00, so checkpoints matter. */
const T0 = Date.UTC(2025, 5, 2, 7, 20, 0)
const HOME: LatLon = { lat: 43.24, lon: 76.9 }

const rec = (timeMs: number, at: LatLon, speedMps: number, ignition: boolean): TelemetryRecord => ({
  orgId,
  vehicleId,
  deviceId,
  timeMs,
  receivedAtMs: timeMs + 500,
  lat: at.lat,
  lon: at.lon,
  speedMps,
  ignition,
  satellites: 9,
  hdop: 0.9,
})

/**
 * Parked 10 min, then a 2-hour drive at 12 m/s turning 90° every 5 min (a straight line across
 * a hole is much shorter than the road), then parked 20 min, every 10 s.
 */
const day = (startMs = T0): TelemetryRecord[] => {
  const points: TelemetryRecord[] = []
  let at = HOME
  let t = startMs
  for (let i = 0; i < 60; i++, t += 10_000) points.push(rec(t, at, 0, false))
  for (let i = 0; i < 720; i++, t += 10_000) {
    points.push(rec(t, at, 12, true))
    at = destinationPoint(at, Math.floor(i / 30) * 90, 120)
  }
  for (let i = 0; i < 120; i++, t += 10_000) points.push(rec(t, at, 0, false))
  return points
}

/**
 * Delivery in batches of `size`, the points in [fromMs, toMs) held back until `afterMs` is sent and
 * then uploaded as a buffer is: 20 ms apart, much faster than they were recorded.
 */
const blindArea = (points: TelemetryRecord[], fromMs: number, toMs: number, afterMs: number, size = 20) => {
  const held = points.filter((p) => p.timeMs >= fromMs && p.timeMs < toMs)
  const order: TelemetryRecord[] = []
  for (const p of points) {
    if (p.timeMs >= fromMs && p.timeMs < toMs) continue
    order.push(p)
    if (p.timeMs === afterMs)
      order.push(...held.map((h, i) => ({ ...h, receivedAtMs: p.receivedAtMs + 20 * (i + 1) })))
  }
  const batches: TelemetryRecord[][] = []
  for (let i = 0; i < order.length; i += size) batches.push(order.slice(i, i + size))
  return batches
}

/** What the sinks hold: outputs keyed as in ClickHouse (trips by start, days by day). */
interface Stored {
  trips: Map<number, TripEvent>
  days: Map<string, number>
  beyond: number
  reruns: number
  late: LateTrack
}

/** The engine's use of the module, with an array (sorted by time) as the positions table. */
const feed = (
  batches: TelemetryRecord[][],
  config: LateConfig = defaultLateConfig,
  profile: VehicleProfile = unknownProfile,
): Stored => {
  const late = newLateTrack()
  const stored: Stored = { trips: new Map(), days: new Map(), beyond: 0, reruns: 0, late }
  const positions: TelemetryRecord[] = []
  let state: VehicleRulesState = initialVehicleRules
  const apply = (out: RulesOutput) => {
    for (const t of out.trips) stored.trips.set(t.startMs, t)
    for (const [d, m] of out.days) stored.days.set(d, m)
  }
  for (const batch of batches) {
    positions.push(...batch)
    positions.sort((a, b) => a.timeMs - b.timeMs)
    const newestBefore = state.lastTimeMs
    const out = emptyOutput()
    // The engine's trip close-out on the server clock, as the batch arrives: it closes the trip
    // of a vehicle silent through a blind area, which the late points then continue.
    const nowMs = Math.max(...batch.map((r) => r.timeMs)) + 500
    state = flushVehicleRules(state, nowMs, out, profile)
    for (const r of batch) state = stepWithCheckpoints(late, state, r, out, profile, config)
    const plan = planLate(late, newestBefore, batch, config)
    if (plan.kind !== "in_order") stored.beyond += plan.beyond
    if (plan.kind !== "rerun") {
      apply(out)
      continue
    }
    stored.reruns++
    const { from, untilMs } = plan
    const records = positions.filter((p) => p.timeMs > from.atMs && p.timeMs <= untilMs)
    const again = rederive(late, from, records, state, profile, config)
    for (const start of [...stored.trips.keys()])
      if (start > from.atMs || start === again.openTripStartMs) stored.trips.delete(start)
    state = again.state
    apply(again.out)
  }
  return stored
}

const km = (days: Map<string, number>) => [...days.values()].reduce((a, b) => a + b, 0) / 1000

describe("late points re-derive the organisation's days", () => {
  it("gives the local days of an in-order feed when the checkpoint is on the next UTC day (west of UTC)", () => {
    // 00:20 UTC on 3 June is 20:20 on 2 June in New York: the whole drive is on the local 2nd,
    // the blind area's checkpoint on the UTC 3rd.
    const profile = { ...unknownProfile, timeZone: "America/New_York" }
    const start = Date.UTC(2025, 5, 3, 0, 20)
    const points = day(start)
    const inOrder = feed(blindArea(points, 0, 0, 0), defaultLateConfig, profile)
    expect([...inOrder.days.keys()]).toEqual(["2025-06-02"])
    const from = start + HOUR
    const late = feed(
      blindArea(points, from, from + 25 * 60_000, from + 30 * 60_000),
      defaultLateConfig,
      profile,
    )
    expect(late.reruns).toBeGreaterThan(0)
    expect(late.days).toEqual(inOrder.days)
  })
})

describe("late points re-derive what they affect", () => {
  const points = day()
  const inOrder = feed(blindArea(points, 0, 0, 0))

  it("the in-order feed gives one trip and needs no re-run", () => {
    expect(inOrder.trips.size).toBe(1)
    expect(inOrder.reruns).toBe(0)
    expect(Math.abs(km(inOrder.days) - 86.4)).toBeLessThan(0.5) // 720 segments of 120 m
  })

  it("a 25-minute blind area in the middle of the trip, uploaded after live points, gives the same trips and mileage", () => {
    const from = T0 + HOUR
    const late = feed(blindArea(points, from, from + 25 * 60_000, from + 30 * 60_000))
    expect(late.reruns).toBeGreaterThan(0)
    // A re-run per batch of late points, not per point (1 500 s at 10 s = 150 points, batches of 20).
    expect(late.reruns).toBeLessThanOrEqual(9)
    expect([...late.trips.values()]).toEqual([...inOrder.trips.values()])
    expect(late.days).toEqual(inOrder.days)
    expect(late.beyond).toBe(0)
  })

  it("a buffer whose first points arrive just before the live ones, after the trip was closed on the server clock, gives the same trip", () => {
    // Session 14's quality run: the link came back, the tracker sent its two oldest buffered
    // points, then a live one, then the rest of the buffer; by then the engine had closed the
    // trip (silent 10 min by the server clock), and the two in-order points started a new one.
    const from = T0 + HOUR
    const to = from + 25 * 60_000
    const held = points.filter((p) => p.timeMs >= from && p.timeMs < to)
    const live = points.filter((p) => p.timeMs < from || p.timeMs >= to)
    const before = live.filter((p) => p.timeMs < from)
    const after = live.filter((p) => p.timeMs >= to)
    const batches: TelemetryRecord[][] = []
    for (let i = 0; i < before.length; i += 20) batches.push(before.slice(i, i + 20))
    batches.push([...held.slice(0, 2), ...after.slice(0, 10)])
    const rest = held.slice(2).map((h, i) => ({ ...h, receivedAtMs: to + 100_000 + 20 * i }))
    for (let i = 0; i < rest.length; i += 20) batches.push(rest.slice(i, i + 20))
    for (let i = 10; i < after.length; i += 20) batches.push(after.slice(i, i + 20))
    const late = feed(batches)
    expect(late.reruns).toBeGreaterThan(0)
    expect([...late.trips.values()]).toEqual([...inOrder.trips.values()])
    expect(late.days).toEqual(inOrder.days)
  })

  it("stepping the same delivery in arrival order (the old behaviour) splits the trip and loses distance", () => {
    const from = T0 + HOUR
    const out = emptyOutput()
    let state = initialVehicleRules
    for (const batch of blindArea(points, from, from + 25 * 60_000, from + 30 * 60_000))
      for (const r of batch) state = stepVehicleRules(state, r, out, unknownProfile)
    expect(out.trips.length).toBe(2)
    expect(km(out.days)).toBeLessThan(km(inOrder.days) * 0.95)
  })

  it("a late point beyond the window changes nothing and is counted", () => {
    const config = { ...defaultLateConfig, maxLateMs: 30 * 60_000 }
    // 09:20–09:25 missing on arrival (a hole); the window reaches back to 09:19:50.
    const from = T0 + 2 * HOUR
    const fed = feed(blindArea(points, from, from + 5 * 60_000, -1), config)
    expect(fed.late.holes).toEqual([{ fromMs: from - 10_000, toMs: from + 5 * 60_000 }])
    expect(fed.late.checkpoints.map((c) => c.atMs)).toEqual([from - 10_000])
    const newest = (points.at(-1) as TelemetryRecord).timeMs
    const old = { ...(points[100] as TelemetryRecord), timeMs: (points[100] as TelemetryRecord).timeMs + 1 }
    expect(planLate(fed.late, newest, [old], config)).toEqual({ kind: "beyond", beyond: 1 })
    // Two points of the hole uploaded from a buffer: 20 ms apart, recorded 10 s apart.
    const uploadAtMs = newest + 1_000
    const recent = [from + 60_000, from + 70_000].map((timeMs, i) => ({
      ...(points.find((p) => p.timeMs === timeMs) as TelemetryRecord),
      receivedAtMs: uploadAtMs + 20 * i,
    }))
    expect(planLate(fed.late, newest, [old, ...recent], config)).toMatchObject({
      kind: "rerun",
      beyond: 1,
      from: { atMs: from - 10_000 },
    })
    // The same two points arriving at the pace they were recorded (a clock that fell behind, not a
    // buffer): re-running them in device order would move the vehicle back, so they change nothing.
    const livePace = recent.map((r, i) => ({ ...r, receivedAtMs: uploadAtMs + 10_000 * i }))
    expect(planLate({ ...fed.late, lastLate: [] }, newest, livePace, config)).toEqual({ kind: "in_order" })
    // A late point between two that arrived in order (no hole there) re-runs nothing.
    const between = {
      ...(points[880] as TelemetryRecord),
      timeMs: (points[880] as TelemetryRecord).timeMs + 1,
    }
    expect(planLate(fed.late, newest, [between], config)).toEqual({ kind: "in_order" })
  })

  it("points of a clock that stepped back into a hole re-run nothing, even when two arrive together", () => {
    // A 1 s tracker whose clock stepped back lands live points in a hole, and network jitter
    // delivers two of them 146 ms apart (the quality run's clock_skew: three false rollbacks).
    const from = T0 + 2 * HOUR
    const fed = feed(blindArea(points, from, from + 5 * 60_000, -1))
    const newest = (points.at(-1) as TelemetryRecord).timeMs
    const base = points.find((p) => p.timeMs === from + 60_000) as TelemetryRecord
    const live = [0, 146, 1_467, 2_158].map((arrivalMs, i) => ({
      ...base,
      timeMs: base.timeMs + 1_000 * i,
      receivedAtMs: newest + 1_000 + arrivalMs,
    }))
    expect(planLate({ ...fed.late, lastLate: [] }, newest, live)).toEqual({ kind: "in_order" })
    // The same 1 s points uploaded from a buffer, 20 ms apart: a re-run.
    const buffer = live.map((r, i) => ({ ...r, receivedAtMs: newest + 1_000 + 20 * i }))
    expect(planLate({ ...fed.late, lastLate: [] }, newest, buffer)).toMatchObject({
      kind: "rerun",
      from: { atMs: from - 10_000 },
    })
  })

  it("a device clock stepping back (points between points that arrived in order) changes nothing, as before", () => {
    // From 08:30 for 3 minutes the clock runs 90 s behind: those points land between earlier ones.
    const step = T0 + 70 * 60_000
    const skewed = points.map((p) =>
      p.timeMs >= step && p.timeMs < step + 180_000 ? { ...p, timeMs: p.timeMs - 90_000 } : p,
    )
    const batches: TelemetryRecord[][] = []
    for (let i = 0; i < skewed.length; i += 20) batches.push(skewed.slice(i, i + 20))
    const fed = feed(batches)
    expect(fed.reruns).toBe(0)
    const out = emptyOutput()
    let state = initialVehicleRules
    for (const r of skewed) state = stepVehicleRules(state, r, out, unknownProfile)
    expect([...fed.trips.values()]).toEqual(out.trips)
    expect(fed.days).toEqual(out.days)
    // Session 15: the path behind the step counts (it turns a corner there), live as in one go.
    let inOrder = initialVehicleRules
    for (const r of points) inOrder = stepVehicleRules(inOrder, r, emptyOutput(), unknownProfile)
    const total = (days: ReadonlyMap<string, number>) => [...days.values()].reduce((a, b) => a + b, 0)
    expect(Math.abs(total(fed.days) - inOrder.mileage.totalM) / inOrder.mileage.totalM).toBeLessThan(0.002)
  })

  it("keeps a checkpoint at a hole's start, one an hour at most, while a hole in the window needs it", () => {
    expect(inOrder.late.checkpoints).toEqual([])
    // Parked, ignition off, a report every 5 minutes for 6 hours: a trip may be hidden in any of
    // the silences (issue 10: session 13's −17.6 % day), so they are one hole, and the stop keeps
    // one checkpoint, at its start, not one an hour.
    const parked = Array.from({ length: 72 }, (_, i) => rec(T0 + i * 300_000, HOME, 0, false))
    const parkedTrack = feed([parked]).late
    expect(parkedTrack.holes).toEqual([{ fromMs: T0, toMs: T0 + 71 * 300_000 }])
    expect(parkedTrack.checkpoints.map((c) => c.atMs)).toEqual([T0])
    const config = { ...defaultLateConfig, maxLateMs: 30 * 60_000 }
    const at = (hh: number, mm: number) => Date.UTC(2025, 5, 2, hh, mm, 0)
    const holes = [at(7, 40), at(7, 50), at(9, 0)]
    const sent = points.filter(
      (p) => p.timeMs < at(9, 20) && !holes.some((h) => p.timeMs >= h && p.timeMs < h + 5 * 60_000),
    )
    const fed = feed([sent], config)
    // 07:50 re-runs from 07:39:50 (less than an hour before); by 09:05 both are out of the window.
    expect(fed.late.holes).toEqual([{ fromMs: at(9, 0) - 10_000, toMs: at(9, 5) }])
    expect(fed.late.checkpoints.map((c) => c.atMs)).toEqual([at(9, 0) - 10_000])
    // At 09:40, without a new hole, that one is out of the window too.
    planLate(fed.late, at(9, 20) - 10_000, [rec(at(9, 40), HOME, 12, true)], config)
    expect(fed.late).toMatchObject({ holes: [], checkpoints: [] })
  })
})

/**
 * Parked at HOME with the ignition off, a report every 5 minutes from 07:20 for an hour; a
 * 20-minute trip (12 m/s, 10 s reports, turning every 5 min); parked again, every 5 minutes, 2 h.
 */
const parkedTripDay = () => {
  const points: TelemetryRecord[] = []
  let at = HOME
  let t = T0
  for (let i = 0; i < 12; i++, t += 300_000) points.push(rec(t, at, 0, false))
  const tripFromMs = t
  for (let i = 0; i < 120; i++, t += 10_000) {
    points.push(rec(t, at, 12, true))
    at = destinationPoint(at, Math.floor(i / 30) * 90, 120)
  }
  const tripToMs = t
  for (let i = 0; i < 24; i++, t += 300_000) points.push(rec(t, at, 0, false))
  return { points, tripFromMs, tripToMs }
}

/**
 * Live points one per batch; the points in [fromMs, toMs) held back until the live point at
 * `afterMs` is sent, then uploaded 20 ms apart in batches of 20.
 */
const liveThenBuffer = (points: TelemetryRecord[], fromMs: number, toMs: number, afterMs: number) => {
  const held = points.filter((p) => p.timeMs >= fromMs && p.timeMs < toMs)
  const batches: TelemetryRecord[][] = []
  for (const p of points) {
    if (p.timeMs >= fromMs && p.timeMs < toMs) continue
    batches.push([p])
    if (p.timeMs !== afterMs) continue
    const upload = held.map((h, i) => ({ ...h, receivedAtMs: p.receivedAtMs + 20 * (i + 1) }))
    for (let i = 0; i < upload.length; i += 20) batches.push(upload.slice(i, i + 20))
  }
  return batches
}

describe("a whole trip uploaded late between parked points", () => {
  const { points, tripFromMs, tripToMs } = parkedTripDay()
  const inOrder = feed(liveThenBuffer(points, 0, 0, 0))

  it("in order: one trip, and the day's mileage is the trip's distance", () => {
    expect(inOrder.trips.size).toBe(1)
    const trip = [...inOrder.trips.values()][0] as TripEvent
    expect(Math.abs(km(inOrder.days) - trip.distanceM / 1000)).toBeLessThan(0.005 * km(inOrder.days))
    expect(Math.abs(km(inOrder.days) - 14.4)).toBeLessThan(0.1) // 120 segments of 120 m
  })

  it("uploaded after the parked points that followed it: the trip is re-derived, the mileage is the trip's", () => {
    // The live feed resumes with parked, ignition-off points at the destination; the buffered
    // trip arrives 15 minutes later: both points around the silence are parked.
    const fed = feed(liveThenBuffer(points, tripFromMs, tripToMs, tripToMs + 15 * 60_000))
    expect(fed.reruns).toBeGreaterThan(0)
    expect(fed.reruns).toBeLessThanOrEqual(6) // one per batch of the upload (120 points, 20 a batch)
    expect([...fed.trips.values()]).toEqual([...inOrder.trips.values()])
    expect(fed.days).toEqual(inOrder.days)
    expect(fed.beyond).toBe(0)
  })

  it("a late batch of purely parked points (nothing moved) costs no re-run", () => {
    const parked = Array.from({ length: 72 }, (_, i) => rec(T0 + i * 300_000, HOME, 0, false))
    const from = T0 + 2 * HOUR
    // Half an hour of parked reports buffered, uploaded after the live ones resumed.
    const fed = feed(liveThenBuffer(parked, from, from + 30 * 60_000, from + 45 * 60_000))
    expect(fed.reruns).toBe(0)
    expect(fed.trips.size).toBe(0)
    expect(km(fed.days)).toBe(0)
    expect(fed.beyond).toBe(0)
  })
})

describe("checkpoint memory is bounded", () => {
  it("a vehicle parked for two days keeps at most two checkpoints and one hole, and reaches back the whole window", () => {
    const parked = Array.from({ length: 576 }, (_, i) => rec(T0 + i * 300_000, HOME, 0, false))
    const late = newLateTrack()
    let state = initialVehicleRules
    let most = 0
    for (const r of parked) {
      state = stepWithCheckpoints(late, state, r, emptyOutput(), unknownProfile)
      planLate(late, (state.lastTimeMs as number) - 300_000, [r])
      most = Math.max(most, late.checkpoints.length)
      expect(late.holes.length).toBeLessThanOrEqual(1)
    }
    expect(most).toBe(2)
    // The newest checkpoint is at most the window old; the one before it covers the window's start.
    const newest = (parked.at(-1) as TelemetryRecord).timeMs
    const [older, newer] = late.checkpoints.map((c) => c.atMs) as [number, number]
    expect(older).toBeLessThanOrEqual(newest - defaultLateConfig.maxLateMs)
    expect(newer).toBeGreaterThan(newest - defaultLateConfig.maxLateMs)
    // A driving point buffered 5 h 50 min back re-runs from the older one.
    const upload = [newest - 350 * 60_000, newest - 349 * 60_000].map((timeMs, i) => ({
      ...rec(timeMs, HOME, 12, true),
      receivedAtMs: newest + 1_000 + 20 * i,
    }))
    expect(planLate(late, newest, upload)).toMatchObject({ kind: "rerun", from: { atMs: older } })
  })

  it("a vehicle keeps at most maxCheckpointsPerVehicle, the oldest dropped first", () => {
    const config = { ...defaultLateConfig, maxCheckpointsPerVehicle: 1 }
    // A 5-minute hole in the drive every 40 min: checkpoints at 07:59:50 and 09:19:50 (an hour apart at least).
    const sent = day().filter((p) => (p.timeMs - T0) % (40 * 60_000) >= 5 * 60_000)
    const at = (hh: number, mm: number) => Date.UTC(2025, 5, 2, hh, mm, 0) - 10_000
    expect(feed([sent]).late.checkpoints.map((c) => c.atMs)).toEqual([at(8, 0), at(9, 20)])
    expect(feed([sent], config).late.checkpoints.map((c) => c.atMs)).toEqual([at(9, 20)])
  })

  it("beyond the process's bound the oldest checkpoint goes, and its vehicle's late trip is counted, not re-derived", () => {
    const budget = new CheckpointBudget(2)
    const { points, tripFromMs, tripToMs } = parkedTripDay()
    const newestMs = tripToMs + 15 * 60_000
    const live = points.filter((p) => p.timeMs <= newestMs && (p.timeMs < tripFromMs || p.timeMs >= tripToMs))
    const upload = points
      .filter((p) => p.timeMs >= tripFromMs && p.timeMs < tripToMs)
      .slice(0, 20)
      .map((p, i) => ({ ...p, receivedAtMs: newestMs + 1_000 + 20 * i }))
    const vehicles = [0, 1, 2].map(() => {
      const late = newLateTrack(budget)
      let state = initialVehicleRules
      for (const r of live) state = stepWithCheckpoints(late, state, r, emptyOutput(), unknownProfile)
      return late
    })
    expect(budget.size).toBe(2)
    expect(budget.dropped).toBe(1)
    const [first, second] = vehicles as [LateTrack, LateTrack]
    expect(first.checkpoints).toEqual([])
    expect(planLate(first, newestMs, upload)).toEqual({ kind: "beyond", beyond: 20 })
    expect(planLate(second, newestMs, upload)).toMatchObject({ kind: "rerun", from: { atMs: T0 } })
  })
})
