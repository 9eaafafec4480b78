import { Schema } from "effect"

/**
 * One point as a device sends it: the proto3 JSON form of `fleet.telemetry.v1.Point`
 * (lowerCamelCase names, SI units). The protobuf decoder produces the same shape, so both
 * encodings pass through this one schema.
 */
const finite = Schema.Number.check(Schema.isFinite())
const between = (minimum: number, maximum: number) => finite.check(Schema.isBetween({ minimum, maximum }))

/** Earliest device time accepted: 2000-01-01. Older clocks are unset RTCs, not history. */
export const EARLIEST_DEVICE_TIME_MS = Date.UTC(2000, 0, 1)

export const DevicePoint = Schema.Struct({
  timeMs: finite.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(EARLIEST_DEVICE_TIME_MS)),
  lat: between(-90, 90),
  lon: between(-180, 180),
  speedMps: Schema.optionalKey(between(0, 150)),
  headingDeg: Schema.optionalKey(between(0, 360)),
  altitudeM: Schema.optionalKey(between(-500, 10_000)),
  satellites: Schema.optionalKey(
    finite.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 255 })),
  ),
  hdop: Schema.optionalKey(between(0, 100)),
  odometerM: Schema.optionalKey(between(0, 1e10)),
  fuelLevelPct: Schema.optionalKey(between(0, 100)),
  fuelUsedL: Schema.optionalKey(between(0, 1e9)),
  ignition: Schema.optionalKey(Schema.Boolean),
  engineSeconds: Schema.optionalKey(between(0, 1e10)),
  batteryV: Schema.optionalKey(between(0, 100)),
  dtc: Schema.optionalKey(
    Schema.Array(Schema.String.check(Schema.isPattern(/^[A-Z0-9-]{2,16}$/))).check(Schema.isMaxLength(64)),
  ),
  attrs: Schema.optionalKey(Schema.Record(Schema.String.check(Schema.isMaxLength(64)), finite)),
})
export type DevicePoint = typeof DevicePoint.Type

/** The most points one message (MQTT publish or HTTP request) may carry. */
export const MAX_POINTS_PER_MESSAGE = 1000
