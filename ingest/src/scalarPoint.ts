import { DevicePoint, EARLIEST_DEVICE_TIME_MS } from "@fleetcore/proto"

type Field = readonly [key: string, minimum: number, maximum: number, integer: boolean]

/** DevicePoint's number fields as its schema checks them (`scalarPoint.test.ts` holds the two together). */
const NUMBERS: ReadonlyArray<Field> = [
  ["timeMs", EARLIEST_DEVICE_TIME_MS, Number.POSITIVE_INFINITY, true],
  ["lat", -90, 90, false],
  ["lon", -180, 180, false],
  ["speedMps", 0, 150, false],
  ["headingDeg", 0, 360, false],
  ["altitudeM", -500, 10_000, false],
  ["satellites", 0, 255, true],
  ["hdop", 0, 100, false],
  ["odometerM", 0, 1e10, false],
  ["fuelLevelPct", 0, 100, false],
  ["fuelUsedL", 0, 1e9, false],
  ["engineSeconds", 0, 1e10, false],
  ["batteryV", 0, 100, false],
]
const REQUIRED = new Set(["timeMs", "lat", "lon"])
const byKey = new Map(NUMBERS.map((f) => [f[0], f]))
/** The schema's own field order, which its output follows; `dtc` and `attrs` are left to it. */
const ORDER = Object.keys(DevicePoint.fields).filter((key) => key !== "dtc" && key !== "attrs")

/**
 * The common point (numbers and ignition only, every value in range) checked by hand, about ten
 * times faster than the schema. Anything else (a list, a map, an unknown key, a value out of range
 * or of another type) answers `undefined`, and the schema decides and words the refusal. So this
 * accepts only what the schema accepts, and builds what it would: the same fields, in its order.
 */
export const scalarPoint = (input: unknown): DevicePoint | undefined => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined
  const point = input as Record<string, unknown>
  const out: Record<string, unknown> = {}
  let fields = 0
  for (const key of ORDER) {
    if (!Object.hasOwn(point, key)) {
      if (REQUIRED.has(key)) return undefined
      continue
    }
    const value = point[key]
    const field = byKey.get(key)
    if (field === undefined) {
      if (key !== "ignition" || typeof value !== "boolean") return undefined
    } else if (
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      value < field[1] ||
      value > field[2] ||
      (field[3] && !Number.isSafeInteger(value))
    )
      return undefined
    out[key] = value
    fields++
  }
  return fields === Object.keys(point).length ? (out as DevicePoint) : undefined
}
