import { type DevicePoint, EARLIEST_DEVICE_TIME_MS } from "@fleetcore/proto"

/** A number as DevicePoint's schema takes it: finite, within its bounds, an integer where it must be. */
const inRange = (value: unknown, minimum: number, maximum: number): value is number =>
  typeof value === "number" && Number.isFinite(value) && value >= minimum && value <= maximum
const whole = (value: unknown, minimum: number, maximum: number): value is number =>
  inRange(value, minimum, maximum) && Number.isSafeInteger(value)

/**
 * The common point (numbers and ignition only, every value in range) checked by hand, about ten
 * times faster than the schema. Anything else (a list, a map, an unknown key, a value out of range
 * or of another type) answers `undefined`, and the schema decides and words the refusal. So this
 * accepts only what the schema accepts, and builds what it would: the same fields, in its order
 * (`scalarPoint.test.ts` holds the bounds here and the schema's together).
 *
 * Written out field by field: named reads of a point's properties are an order of magnitude cheaper
 * than a loop over the field names (a keyed read and an own-property check per name, for every
 * name of the schema, present or not), and this runs for every point.
 */
export const scalarPoint = (input: unknown): DevicePoint | undefined => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined
  const p = input as Readonly<Record<string, unknown>>
  const { timeMs, lat, lon } = p
  if (
    !whole(timeMs, EARLIEST_DEVICE_TIME_MS, Number.POSITIVE_INFINITY) ||
    !inRange(lat, -90, 90) ||
    !inRange(lon, -180, 180)
  )
    return undefined
  const out: Record<string, unknown> = { timeMs, lat, lon }
  const { speedMps, headingDeg, altitudeM, satellites, hdop, odometerM, fuelLevelPct, fuelUsedL } = p
  const { ignition, engineSeconds, batteryV } = p
  if (speedMps !== undefined) {
    if (!inRange(speedMps, 0, 150)) return undefined
    out.speedMps = speedMps
  }
  if (headingDeg !== undefined) {
    if (!inRange(headingDeg, 0, 360)) return undefined
    out.headingDeg = headingDeg
  }
  if (altitudeM !== undefined) {
    if (!inRange(altitudeM, -500, 10_000)) return undefined
    out.altitudeM = altitudeM
  }
  if (satellites !== undefined) {
    if (!whole(satellites, 0, 255)) return undefined
    out.satellites = satellites
  }
  if (hdop !== undefined) {
    if (!inRange(hdop, 0, 100)) return undefined
    out.hdop = hdop
  }
  if (odometerM !== undefined) {
    if (!inRange(odometerM, 0, 1e10)) return undefined
    out.odometerM = odometerM
  }
  if (fuelLevelPct !== undefined) {
    if (!inRange(fuelLevelPct, 0, 100)) return undefined
    out.fuelLevelPct = fuelLevelPct
  }
  if (fuelUsedL !== undefined) {
    if (!inRange(fuelUsedL, 0, 1e9)) return undefined
    out.fuelUsedL = fuelUsedL
  }
  if (ignition !== undefined) {
    if (typeof ignition !== "boolean") return undefined
    out.ignition = ignition
  }
  if (engineSeconds !== undefined) {
    if (!inRange(engineSeconds, 0, 1e10)) return undefined
    out.engineSeconds = engineSeconds
  }
  if (batteryV !== undefined) {
    if (!inRange(batteryV, 0, 100)) return undefined
    out.batteryV = batteryV
  }
  // Exactly the point's own keys were taken: none unknown, none present but undefined, and none
  // read through its prototype.
  const keys = Object.keys(p)
  if (keys.length !== Object.keys(out).length) return undefined
  for (const key of keys) if (!Object.hasOwn(out, key)) return undefined
  return out as DevicePoint
}
