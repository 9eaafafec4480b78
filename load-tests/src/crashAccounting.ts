import { Schema } from "effect"
import type { PointLedger } from "./PointLedger.js"

/** What the data folder holds for one benchmark device, read from chDB after the run. */
export const StoredDevice = Schema.Struct({
  deviceId: Schema.String,
  /** Distinct point times (ms), ascending, with the physical rows each has (without FINAL). */
  times: Schema.Array(Schema.Number),
  rows: Schema.Array(Schema.Number),
  /** The stored odometer of each distinct point (any of its rows). */
  odometers: Schema.Array(Schema.NullOr(Schema.Number)),
})
export type StoredDevice = typeof StoredDevice.Type

export const StoredSnapshot = Schema.Struct({
  devices: Schema.Array(StoredDevice),
  /** `count()` of the benchmark's positions with FINAL (what readers see). */
  finalRows: Schema.Number,
  /** `sum(metres)` of `daily_mileage FINAL` per vehicle id. */
  mileageByVehicle: Schema.Record(Schema.String, Schema.Number),
})
export type StoredSnapshot = typeof StoredSnapshot.Type

export interface PointId {
  readonly deviceId: string
  readonly timeMs: number
}

export interface VehicleMileage {
  readonly deviceId: string
  readonly vehicleId: string
  readonly expectedM: number
  readonly storedM: number
}

export interface CrashAccounting {
  readonly sent: number
  readonly acknowledged: number
  /** Distinct (device, time) stored that the benchmark sent. */
  readonly storedDistinct: number
  readonly storedRows: number
  readonly storedFinalRows: number
  /** Physical rows beyond one per point (without FINAL; background merges may already have removed some). */
  readonly duplicateRows: number
  /** Acknowledged and not stored: a broken promise. */
  readonly lost: number
  /** Stored though no acknowledgement arrived (the crash came between the write and the answer): allowed. */
  readonly storedNotAcknowledged: number
  /** Stored points the benchmark never sent: impossible unless something invents data. */
  readonly storedNeverSent: number
  /** Stored points whose odometer is not the one sent. */
  readonly odometerMismatches: number
  readonly lostSample: ReadonlyArray<PointId>
  /** Lost points per device, with the device times of the first and last. */
  readonly lostByDevice: ReadonlyArray<{
    readonly deviceId: string
    readonly lost: number
    readonly firstMs: number
    readonly lastMs: number
  }>
  /**
   * Lost points by the kill they preceded: `kill` n counts points sent after kill n−1 and before
   * kill n; null counts points sent after the last kill (lost at the final stop). Only non-zero.
   */
  readonly lostByKill: ReadonlyArray<{ readonly kill: number | null; readonly lost: number }>
  readonly mileage: {
    readonly vehicles: number
    readonly expectedM: number
    readonly storedM: number
    readonly maxAbsDiffM: number
    readonly sumAbsDiffM: number
    /** Vehicles whose stored mileage differs from the expected by more than the tolerance. */
    readonly off: ReadonlyArray<VehicleMileage>
  }
}

/** Odometer values are whole metres, so every sum is exact in Float64; this only absorbs formatting. */
export const MILEAGE_TOLERANCE_M = 0.001
const LOST_SAMPLE = 20

/**
 * Compares what was sent and acknowledged with what is stored.
 *
 * Expected mileage of a vehicle: the benchmark's odometer advances by a fixed step per point sent,
 * and the mileage rule counts odometer deltas between the points it processes, so the distance it
 * must find is odometer(newest) − odometer(oldest) over the points that are acknowledged or stored.
 * A lost point inside that span changes nothing (the next delta covers it); a lost point at either
 * end, or a point counted twice, shows as a difference. (The step, 1 m per point, keeps every gap
 * far below the rule's jump allowance of 1 km, so no delta is discarded as implausible.)
 */
export const accountCrashRun = (
  ledger: PointLedger,
  stored: StoredSnapshot,
  vehicleOf: ReadonlyMap<string, string>,
  /** Wall-clock times of the kills, ascending (device times are the sender's wall clock). */
  killTimesMs: ReadonlyArray<number> = [],
): CrashAccounting => {
  const byDevice = new Map(stored.devices.map((d) => [d.deviceId, d]))
  let storedDistinct = 0
  let storedRows = 0
  let storedNeverSent = 0
  let storedNotAcknowledged = 0
  let odometerMismatches = 0
  let lost = 0
  const lostSample: PointId[] = []
  const lostByDevice: Array<CrashAccounting["lostByDevice"][number]> = []
  const lostPerKill = new Array<number>(killTimesMs.length + 1).fill(0)
  const killIndex = (timeMs: number) => {
    let i = 0
    while (i < killTimesMs.length && (killTimesMs[i] as number) < timeMs) i++
    return i
  }
  const vehicles: VehicleMileage[] = []

  for (const device of ledger.devices) {
    const s = byDevice.get(device.deviceId)
    const storedSeq = new Uint8Array(device.sent)
    let minSeq = Number.POSITIVE_INFINITY
    let maxSeq = Number.NEGATIVE_INFINITY
    if (s !== undefined) {
      s.times.forEach((timeMs, i) => {
        const rows = s.rows[i] ?? 0
        const seq = device.seqOf(timeMs)
        if (seq < 0) {
          storedNeverSent++
          return
        }
        storedDistinct++
        storedRows += rows
        storedSeq[seq] = 1
        if (!device.isAcknowledged(seq)) storedNotAcknowledged++
        if (s.odometers[i] !== device.odometerAt(seq)) odometerMismatches++
        minSeq = Math.min(minSeq, seq)
        maxSeq = Math.max(maxSeq, seq)
      })
    }
    let deviceLost = 0
    let firstMs = 0
    let lastMs = 0
    for (let seq = 0; seq < device.sent; seq++) {
      if (!device.isAcknowledged(seq)) continue
      minSeq = Math.min(minSeq, seq)
      maxSeq = Math.max(maxSeq, seq)
      if (storedSeq[seq] === 1) continue
      const timeMs = device.timeAt(seq)
      if (deviceLost === 0) firstMs = timeMs
      lastMs = timeMs
      deviceLost++
      const k = killIndex(timeMs)
      lostPerKill[k] = (lostPerKill[k] as number) + 1
      if (lostSample.length < LOST_SAMPLE) lostSample.push({ deviceId: device.deviceId, timeMs })
    }
    lost += deviceLost
    if (deviceLost > 0) lostByDevice.push({ deviceId: device.deviceId, lost: deviceLost, firstMs, lastMs })
    const vehicleId = vehicleOf.get(device.deviceId)
    if (vehicleId === undefined) throw new Error(`no vehicle known for ${device.deviceId}`)
    const expectedM = maxSeq >= minSeq ? device.odometerAt(maxSeq) - device.odometerAt(minSeq) : 0
    vehicles.push({
      deviceId: device.deviceId,
      vehicleId,
      expectedM,
      storedM: stored.mileageByVehicle[vehicleId] ?? 0,
    })
  }

  const diffs = vehicles.map((v) => Math.abs(v.storedM - v.expectedM))
  return {
    sent: ledger.sent,
    acknowledged: ledger.acknowledged,
    storedDistinct,
    storedRows,
    storedFinalRows: stored.finalRows,
    duplicateRows: storedRows - storedDistinct,
    lost,
    storedNotAcknowledged,
    storedNeverSent,
    odometerMismatches,
    lostSample,
    lostByDevice,
    lostByKill: lostPerKill.flatMap((n, i) =>
      n === 0 ? [] : [{ kill: i < killTimesMs.length ? i + 1 : null, lost: n }],
    ),
    mileage: {
      vehicles: vehicles.length,
      expectedM: vehicles.reduce((m, v) => m + v.expectedM, 0),
      storedM: vehicles.reduce((m, v) => m + v.storedM, 0),
      maxAbsDiffM: diffs.reduce((m, d) => Math.max(m, d), 0),
      sumAbsDiffM: diffs.reduce((m, d) => m + d, 0),
      off: vehicles.filter((_, i) => (diffs[i] as number) > MILEAGE_TOLERANCE_M),
    },
  }
}
