import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { CheckpointBudget } from "./CheckpointBudget.js"
import type { LateTrack } from "./lateTrack.js"
import { loadLateTrack, type StoredLateTrack, storeLateTrack } from "./lateTrackStore.js"
import { newLateTrack, planLate, rederive, stepWithCheckpoints } from "./rederive.js"
import { destinationPoint, type LatLon } from "./rules/geo.js"
import { emptyOutput, initialVehicleRules, unknownProfile, type VehicleRulesState } from "./VehicleRules.js"

const T0 = Date.UTC(2025, 5, 2, 6, 0, 0)

const rec = (timeMs: number, at: LatLon, speedMps: number, ignition: boolean): TelemetryRecord => ({
  orgId: "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId,
  vehicleId: "0b8d6c1a-3e2f-4a5b-8c7d-000000000001" as VehicleId,
  deviceId: "imei-1" as DeviceId,
  timeMs,
  receivedAtMs: timeMs + 500,
  lat: at.lat,
  lon: at.lon,
  speedMps,
  ignition,
  satellites: 9,
  hdop: 0.9,
  fuelLevelPct: 60,
  batteryV: ignition ? 14 : 12.5,
})

/** Parked an hour (a report every 5 min), a 20-minute drive (10 s reports), parked 40 minutes. */
const day = () => {
  let at: LatLon = { lat: 43.2, lon: 76.9 }
  const before = Array.from({ length: 12 }, (_, i) => rec(T0 + i * 300_000, at, 0, false))
  const driveStart = T0 + 12 * 300_000
  const drive: TelemetryRecord[] = []
  for (let i = 0; i < 120; i++) {
    drive.push(rec(driveStart + i * 10_000, at, 12, true))
    at = destinationPoint(at, Math.floor(i / 20) * 50, 120)
  }
  const end = driveStart + 120 * 10_000
  const after = Array.from({ length: 8 }, (_, i) => rec(end + (i + 1) * 300_000, at, 0, false))
  return { before, drive, after }
}

const feed = (track: LateTrack, state: VehicleRulesState, points: ReadonlyArray<TelemetryRecord>) => {
  let s = state
  for (const r of points) {
    const newest = s.lastTimeMs
    s = stepWithCheckpoints(track, s, r, emptyOutput(), unknownProfile)
    planLate(track, newest, [r])
  }
  return s
}

/** The drive uploaded late in one batch (its arrival a burst), stepped and planned. */
const upload = (track: LateTrack, state: VehicleRulesState, drive: ReadonlyArray<TelemetryRecord>) => {
  const arrivedMs = (drive.at(-1) as TelemetryRecord).timeMs + 3_600_000
  const batch = drive.map((r, i) => ({ ...r, receivedAtMs: arrivedMs + i }))
  let s = state
  for (const r of batch) s = stepWithCheckpoints(track, s, r, emptyOutput(), unknownProfile)
  return { batch, plan: planLate(track, state.lastTimeMs, batch) }
}

describe("the late track stored with the snapshot", () => {
  it("lets a restarted engine re-derive a late trip as the running one does", () => {
    const { before, drive, after } = day()
    const running = newLateTrack(new CheckpointBudget(100))
    const state = feed(running, initialVehicleRules, [...before, ...after])
    const stored = JSON.parse(JSON.stringify(storeLateTrack(running, state))) as StoredLateTrack
    const budget = new CheckpointBudget(100)
    const restarted = loadLateTrack(stored, budget)
    expect(budget.size).toBe(restarted.checkpoints.length)
    expect(restarted.checkpoints.length).toBeGreaterThan(0)

    const a = upload(running, state, drive)
    const b = upload(restarted, state, drive)
    expect(b.plan).toEqual(a.plan)
    if (a.plan.kind !== "rerun" || b.plan.kind !== "rerun") throw new Error(`no re-run: ${a.plan.kind}`)
    const stored_ = [...before, ...after, ...a.batch]
    const x = rederive(running, a.plan.from, stored_, state, unknownProfile)
    const y = rederive(restarted, b.plan.from, stored_, state, unknownProfile)
    expect(y.state).toEqual(x.state)
    expect(y.out.trips).toEqual(x.out.trips)
    expect(x.out.trips).toHaveLength(1)

    // Without the stored track (before session 15) the restarted engine knew no hole.
    const blank = newLateTrack()
    expect(upload(blank, state, drive).plan.kind).toBe("in_order")

    const bytes = JSON.stringify(stored).length
    expect(bytes).toBeLessThan(4 * 1024)
    process.stdout.write(`stored late track of a parked vehicle: ${bytes} bytes\n`)
  })

  it("keeps only what the snapshot's state reached, and nothing without holes", () => {
    const { before, drive } = day()
    const track = newLateTrack()
    const parked = feed(track, initialVehicleRules, before)
    expect(storeLateTrack(track, parked)).not.toBeNull()
    const later = feed(track, parked, drive)
    // The snapshot is of `parked`: the hole the drive opened after it is re-taken on catch-up.
    const stored = storeLateTrack(track, parked) as StoredLateTrack
    expect(stored.holes.every(([, toMs]) => toMs <= (parked.lastTimeMs as number))).toBe(true)
    expect(stored.checkpoints.every(([atMs]) => atMs < (parked.lastTimeMs as number))).toBe(true)
    expect(later.lastTimeMs).toBeGreaterThan(parked.lastTimeMs as number)
    expect(storeLateTrack(newLateTrack(), later)).toBeNull()
    expect(loadLateTrack(null).holes).toEqual([])
  })
})
