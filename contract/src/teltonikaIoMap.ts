import { Schema, SchemaIssue } from "effect"
import { explained } from "./errors/checkMessages.js"

/**
 * Where one IO element goes: a point field, `attrs.<name>`, `driverKey` (a 64-bit iButton id kept
 * as `attrs.driverKeyHi`/`driverKeyLo`) or `ignore` (dropped).
 */
export const TeltonikaIoTarget = Schema.String.check(
  Schema.isPattern(
    /^(?:ignition|odometerM|fuelLevelPct|fuelUsedL|batteryV|hdop|engineSeconds|driverKey|ignore|attrs\.[A-Za-z][A-Za-z0-9_]{0,57})$/u,
    explained("ioTarget"),
  ),
)

/** Teltonika models with a built-in IO map (ingest/src/teltonika/ioMaps.ts); others read the generic one. */
export const TELTONIKA_MAPPED_MODELS = ["FMB920", "FMB120", "FMC130", "FMM130"] as const

const finite = Schema.Number.check(Schema.isFinite())

/** One line of an organisation's IO map: value on the wire × multiplier + offset → target. */
export const TeltonikaIoRule = Schema.Struct({
  /** The AVL IO id (Codec 8: 1 byte, Codec 8E: 2 bytes). */
  io: Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 65_535 })),
  to: TeltonikaIoTarget,
  multiplier: Schema.optionalKey(finite),
  offset: Schema.optionalKey(finite),
}).annotate({ identifier: "TeltonikaIoRule" })

/**
 * An organisation's override of the built-in Teltonika IO maps: its lines win over the device
 * model's map for the same IO id, on every Teltonika device of the organisation.
 */
export const TeltonikaIoMap = Schema.Array(TeltonikaIoRule)
  .check(Schema.isMaxLength(256))
  .check(
    Schema.makeFilter((rules: ReadonlyArray<{ readonly io: number }>) => {
      const seen = new Set<number>()
      for (const [i, rule] of rules.entries()) {
        if (seen.has(rule.io))
          return {
            path: [i, "io"],
            issue: new SchemaIssue.InvalidValue(explained("ioMappedTwice", { io: rule.io })),
          }
        seen.add(rule.io)
      }
      return true
    }),
  )
  .annotate({ identifier: "TeltonikaIoMap" })

export type TeltonikaIoMap = typeof TeltonikaIoMap.Type
