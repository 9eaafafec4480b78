import { type DeviceId, type OrgId, TelemetryRecord, type VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { fromColumns, type RecordColumns, toColumns, transferablesOf } from "./recordColumns.js"

const ORG = "0190a0b0-0000-7000-8000-0000000000ff" as OrgId
const vehicle = (n: number) => `0190a0b0-0000-7000-8000-${String(n).padStart(12, "0")}` as VehicleId

/** Every field the schema knows, set. */
const full: TelemetryRecord = {
  timeMs: 1_764_900_000_123,
  lat: -33.868_820_123_456_7,
  lon: 151.209_295_987_654_3,
  speedMps: 27.777_777_777_777_78,
  headingDeg: 359.9,
  altitudeM: -27.5,
  satellites: 11,
  hdop: 0.7,
  odometerM: 123_456_789.125,
  fuelLevelPct: 42.42,
  fuelUsedL: 9_876.543_21,
  ignition: false,
  engineSeconds: 3_600_000,
  batteryV: 12.6,
  dtc: ["P0420", "U0100"],
  attrs: { rpm: 2150, coolant_c: 88.5, "io-239": 0 },
  orgId: ORG,
  vehicleId: vehicle(1),
  deviceId: "imei-356307042441013" as DeviceId,
  receivedAtMs: 1_764_900_000_456,
}

/** Sent to a thread: the columns' buffers moved, the rest cloned. */
const hop = (batch: RecordColumns): RecordColumns =>
  structuredClone(batch, { transfer: transferablesOf(batch) })

describe("records as columns for the rules thread", () => {
  it("gives back a record with every field of the schema exactly, its numbers bit for bit", () => {
    // A field added to the schema and not carried fails here.
    expect(Object.keys(full).sort()).toEqual(Object.keys(TelemetryRecord.fields).sort())
    expect(fromColumns(hop(toColumns([full])))).toStrictEqual([full])
  })

  it("leaves absent readings absent, and keeps zero, false and negative values", () => {
    const bare: TelemetryRecord = {
      timeMs: 1_764_900_001_000,
      lat: 0,
      lon: 0,
      orgId: ORG,
      vehicleId: vehicle(2),
      deviceId: "d2" as DeviceId,
      receivedAtMs: 1_764_900_001_000,
    }
    const zeros: TelemetryRecord = { ...bare, speedMps: 0, odometerM: 0, ignition: false, altitudeM: -400 }
    const on: TelemetryRecord = { ...bare, ignition: true, dtc: [], attrs: {} }
    const [a, b, c] = fromColumns(hop(toColumns([bare, zeros, on])))
    expect(a).toStrictEqual(bare)
    expect(Object.keys(a as object)).toEqual([
      "timeMs",
      "lat",
      "lon",
      "orgId",
      "vehicleId",
      "deviceId",
      "receivedAtMs",
    ])
    expect(b).toStrictEqual(zeros)
    expect(c).toStrictEqual(on)
  })

  it("keeps a mixed batch in order, each id stored once, extras on the right rows", () => {
    const records: TelemetryRecord[] = Array.from({ length: 300 }, (_, i) => ({
      timeMs: 1_764_900_000_000 + i * 1000,
      lat: 43.2 + i * 1e-5,
      lon: 76.9 - i * 1e-5,
      ...(i % 3 === 0 ? { speedMps: i / 7 } : {}),
      ...(i % 5 === 0 ? { ignition: i % 10 === 0 } : {}),
      ...(i % 17 === 0 ? { dtc: [`P0${100 + i}`] } : {}),
      ...(i % 23 === 0 ? { attrs: { row: i } } : {}),
      orgId: ORG,
      vehicleId: vehicle(i % 12),
      deviceId: `dev-${i % 12}` as DeviceId,
      receivedAtMs: 1_764_900_000_500 + i * 1000,
    }))
    const batch = toColumns(records)
    expect(batch.ids).toHaveLength(1 + 12 + 12)
    expect(batch.extras.map((e) => e.row)).toEqual(
      records.flatMap((r, i) => (r.dtc !== undefined || r.attrs !== undefined ? [i] : [])),
    )
    const sent = hop(batch)
    // Moved, not copied: the sender's buffers are gone.
    expect(batch.numbers.byteLength).toBe(0)
    expect(fromColumns(sent)).toStrictEqual(records)
  })

  it("carries an empty batch", () => {
    expect(fromColumns(hop(toColumns([])))).toEqual([])
  })
})
