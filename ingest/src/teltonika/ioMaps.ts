import { TeltonikaIoMap } from "@fleetcore/contract"
import { Result, Schema, SchemaIssue } from "effect"

/** Where an IO element goes (the contract's TeltonikaIoTarget): a point field, `attrs.<name>`, … */
export type IoTarget = TeltonikaIoMap[number]["to"]

/** One IO id read: the wire value × multiplier + offset → target (`ignition`: non-zero is on). */
export interface IoRule {
  readonly io: number
  readonly name: string
  readonly to: IoTarget
  readonly multiplier: number
  readonly offset: number
}

/** IO id → rule; an id not in the map is kept as `attrs.io<id>`. */
export type IoMap = ReadonlyMap<number, IoRule>

const rule = (io: number, name: string, to: IoTarget, multiplier = 1): IoRule => ({
  io,
  name,
  to,
  multiplier,
  offset: 0,
})

/**
 * Elements every FMB/FMC/FMM device sends the same way (Teltonika wiki, "FMB AVL ID" template,
 * "Permanent I/O elements": https://wiki.teltonika-gps.com/view/Template:FMB_AVL_ID_FMM_FMC).
 */
const PERMANENT: ReadonlyArray<IoRule> = [
  rule(239, "Ignition", "ignition"),
  rule(240, "Movement", "attrs.movement"),
  rule(66, "External Voltage (mV)", "batteryV", 0.001),
  rule(67, "Battery Voltage (mV, the tracker's own)", "attrs.deviceBatteryV", 0.001),
  rule(16, "Total Odometer (m)", "odometerM"),
  rule(21, "GSM Signal (0–5)", "attrs.gsmSignal"),
  rule(182, "GNSS HDOP (×0.1)", "hdop", 0.1),
  rule(181, "GNSS PDOP (×0.1)", "attrs.pdop", 0.1),
  rule(1, "Digital Input 1", "attrs.din1"),
]

/** Fuel from a Bluetooth OBDII dongle ("OBD elements": 48 Fuel Level, %). */
const OBD_FUEL: ReadonlyArray<IoRule> = [rule(48, "Fuel Level (OBD, %)", "fuelLevelPct")]

/** Further inputs and the 1-Wire iButton of the wired models ("I/O elements": 2–4, 78). */
const WIRED_INPUTS: ReadonlyArray<IoRule> = [
  rule(2, "Digital Input 2", "attrs.din2"),
  rule(3, "Digital Input 3", "attrs.din3"),
  rule(4, "Digital Input 4", "attrs.din4"),
  rule(78, "iButton (driver key)", "driverKey"),
]

/** An LV-CAN200 / ALL-CAN300 adapter ("CAN adapters elements": 83, 84, 87, 89). */
const CAN_ADAPTER: ReadonlyArray<IoRule> = [
  rule(89, "Fuel Level (CAN, %)", "fuelLevelPct"),
  rule(84, "Fuel Level (CAN, 0.1 L)", "attrs.fuelLevelL", 0.1),
  rule(83, "Fuel Consumed (CAN, 0.1 L, cumulative)", "fuelUsedL", 0.1),
  rule(87, "Total Mileage (CAN, m)", "attrs.canOdometerM"),
]

/** An LLS fuel level sensor on RS-232/RS-485 ("LLS elements": 201 LLS 1 and 203 LLS 2 fuel level). */
const LLS: ReadonlyArray<IoRule> = [
  rule(201, "LLS 1 Fuel Level (L or kvants)", "attrs.lls1Fuel"),
  rule(203, "LLS 2 Fuel Level (L or kvants)", "attrs.lls2Fuel"),
]

const mapOf = (...groups: ReadonlyArray<ReadonlyArray<IoRule>>): IoMap =>
  new Map(groups.flat().map((r) => [r.io, r]))

/** The map of a device without a model (or with one not below): every source a device may have. */
export const GENERIC_IO_MAP: IoMap = mapOf(PERMANENT, WIRED_INPUTS, OBD_FUEL, CAN_ADAPTER)

/**
 * Built-in maps by model (each model's "Teltonika Data Sending Parameters ID" wiki page, e.g.
 * https://wiki.teltonika-gps.com/view/FMC130_Teltonika_Data_Sending_Parameters_ID):
 * - FMB920: the compact tracker: one digital input, no 1-Wire and no CAN adapter; fuel only from a
 *   Bluetooth OBDII dongle (48). Fuel level 48, fuel used —, odometer 16, iButton —.
 * - FMB120 / FMC130 / FMM130: wired trackers with 1-Wire (iButton 78), CAN adapters (fuel level 89 %
 *   and 84 L, fuel used 83, CAN mileage 87) and LLS sensors (201, 203). Odometer 16.
 */
export const MODEL_IO_MAPS: ReadonlyMap<string, IoMap> = new Map([
  ["FMB920", mapOf(PERMANENT, OBD_FUEL)],
  ["FMB120", mapOf(PERMANENT, WIRED_INPUTS, OBD_FUEL, CAN_ADAPTER, LLS)],
  ["FMC130", mapOf(PERMANENT, WIRED_INPUTS, OBD_FUEL, CAN_ADAPTER, LLS)],
  ["FMM130", mapOf(PERMANENT, WIRED_INPUTS, OBD_FUEL, CAN_ADAPTER, LLS)],
])

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

export type OverrideParse =
  | { readonly ok: true; readonly rules: ReadonlyArray<IoRule> }
  | { readonly ok: false; readonly message: string }

/**
 * Reads an organisation's override (settings `teltonikaIoMap`) with the contract's schema; the
 * refusal names the line and field at fault, e.g. `teltonikaIoMap[1].to: …`.
 */
export const parseIoOverride = (input: unknown): OverrideParse => {
  const result = Schema.decodeUnknownResult(TeltonikaIoMap, { onExcessProperty: "error" })(input)
  if (Result.isFailure(result)) {
    const first = formatter(result.failure.issue).issues[0]
    const path = (first?.path ?? [])
      .map((p) => (typeof p === "object" ? p.key : p))
      .map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`))
      .join("")
    return { ok: false, message: `teltonikaIoMap${path}: ${first?.message ?? "invalid"}` }
  }
  return {
    ok: true,
    rules: result.success.map((r) => ({
      io: r.io,
      name: "organisation override",
      to: r.to,
      multiplier: r.multiplier ?? 1,
      offset: r.offset ?? 0,
    })),
  }
}

/**
 * The one place a device's IO map is chosen: its model's built-in map (the generic one for no or an
 * unknown model, compared without case), then the organisation's override line by line on top. An
 * override that does not parse is not applied (`problem` says why; the API refuses such a write).
 */
export const ioMapFor = (
  model: string | null | undefined,
  override: unknown,
): { readonly map: IoMap; readonly problem: string | null } => {
  const base = (model == null ? undefined : MODEL_IO_MAPS.get(model.trim().toUpperCase())) ?? GENERIC_IO_MAP
  if (override == null) return { map: base, problem: null }
  const parsed = parseIoOverride(override)
  if (!parsed.ok) return { map: base, problem: parsed.message }
  const map = new Map(base)
  for (const r of parsed.rules) map.set(r.io, r)
  return { map, problem: null }
}
