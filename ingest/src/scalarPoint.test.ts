import { DevicePoint, EARLIEST_DEVICE_TIME_MS } from "@fleetcore/proto"
import { Result, Schema } from "effect"
import { expect, it } from "vitest"
import { scalarPoint } from "./scalarPoint.js"

const decode = Schema.decodeUnknownResult(DevicePoint, { onExcessProperty: "error" })
const base = { timeMs: Date.UTC(2026, 11, 2), lat: 43.2, lon: 76.9 }
const bounds: Record<string, readonly [number, number]> = {
  timeMs: [EARLIEST_DEVICE_TIME_MS, 8.64e15],
  lat: [-90, 90],
  lon: [-180, 180],
  speedMps: [0, 150],
  headingDeg: [0, 360],
  altitudeM: [-500, 10_000],
  satellites: [0, 255],
  hdop: [0, 100],
  odometerM: [0, 1e10],
  fuelLevelPct: [0, 100],
  fuelUsedL: [0, 1e9],
  engineSeconds: [0, 1e10],
  batteryV: [0, 100],
}

/** The guard: the fast path either steps aside or gives exactly what the schema gives. */
const agrees = (input: unknown) => {
  const fast = scalarPoint(input)
  if (fast === undefined) return
  const slow = decode(input)
  expect(Result.isSuccess(slow), JSON.stringify(input)).toBe(true)
  if (Result.isSuccess(slow)) {
    expect(fast).toEqual(slow.success)
    expect(Object.keys(fast)).toEqual(Object.keys(slow.success))
  }
}

it("knows every field of the schema but the lists and maps it leaves to it", () => {
  expect(Object.keys(DevicePoint.fields).sort()).toEqual(
    [...Object.keys(bounds), "ignition", "dtc", "attrs"].sort(),
  )
})

it("takes the common point itself, and leaves lists, maps and unknown keys to the schema", () => {
  const point = { ...base, speedMps: 12.5, ignition: true, satellites: 9 }
  expect(scalarPoint(point)).toEqual(point)
  expect(scalarPoint({ ...base, dtc: ["P0301"] })).toBeUndefined()
  expect(scalarPoint({ ...base, attrs: {} })).toBeUndefined()
  expect(scalarPoint({ ...base, colour: 1 })).toBeUndefined()
  expect(scalarPoint(JSON.parse(`{"timeMs":${base.timeMs},"lat":1,"lon":1,"__proto__":1}`))).toBeUndefined()
  // Only own properties count: one read through the prototype never stands in for an unknown key.
  expect(scalarPoint(Object.assign(Object.create({ speedMps: 5 }), { ...base, colour: 1 }))).toBeUndefined()
  expect(
    scalarPoint(Object.assign(Object.create({ lat: 5 }), { timeMs: base.timeMs, lon: 1 })),
  ).toBeUndefined()
  expect(scalarPoint({ ...base, speedMps: undefined })).toBeUndefined()
})

it("agrees with the schema at and beyond every bound, and for every kind of value", () => {
  const odd: unknown[] = [Number.NaN, Infinity, -Infinity, -0, 0.5, 1.5, "1", null, true, undefined, [], {}]
  for (const [key, [min, max]] of Object.entries(bounds)) {
    const values = [min, max, min - 1e-9 * Math.max(1, Math.abs(min)), max + 1, min - 1, 2 ** 53, ...odd]
    for (const value of values) {
      agrees({ ...base, [key]: value })
      const without: Record<string, unknown> = { ...base, [key]: value }
      delete without.lat
      agrees(without)
    }
  }
  for (const value of [true, false, 0, 1, "true", null, undefined]) agrees({ ...base, ignition: value })
})

it("agrees with the schema on random points", () => {
  let seed = 7
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed / 4294967296
  }
  const keys = [...Object.keys(bounds), "ignition", "dtc", "attrs", "extra"]
  let taken = 0
  for (let i = 0; i < 20_000; i++) {
    const point: Record<string, unknown> = {}
    for (const key of keys) {
      if (next() < (key in base ? 0.05 : 0.6)) continue
      const [min, max] = key === "timeMs" ? [EARLIEST_DEVICE_TIME_MS, 4e12] : (bounds[key] ?? [0, 1])
      const r = next()
      point[key] =
        key === "ignition"
          ? next() < 0.9
            ? next() < 0.5
            : 1
          : r < 0.8
            ? min + (max - min) * next()
            : r < 0.9
              ? Math.round(min + (max - min) * next())
              : r < 0.95
                ? max * 2 + 1
                : String(min)
    }
    if (scalarPoint(point) !== undefined) taken++
    agrees(point)
  }
  expect(taken).toBeGreaterThan(150)
})
