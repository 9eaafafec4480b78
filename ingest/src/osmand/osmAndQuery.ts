import {
  invalid,
  KNOT_MPS,
  MAX_EXTRA_ATTRS,
  MAX_OSMAND_ID,
  type OsmAndRequest,
  parseNumber,
  parseTimestamp,
} from "./OsmAndRequest.js"

/** Parameters with a meaning; every other numeric one goes to `attrs` under its own name. */
const KNOWN = new Set([
  "id",
  "deviceid",
  "lat",
  "lon",
  "location",
  "timestamp",
  "speed",
  "bearing",
  "heading",
  "altitude",
  "accuracy",
  "hdop",
  "batt",
  "ignition",
  "valid",
])

/**
 * The OsmAnd query-string form as Traccar Client and OsmAnd send it (Traccar's "OsmAnd protocol"
 * page): `id` (or `deviceid`), `lat` + `lon` (or `location=lat,lon`), `timestamp` (seconds or ISO;
 * the server's time when absent), `speed` in KNOTS, `bearing`/`heading`, `altitude` (m), `accuracy`
 * (m), `hdop`, `batt` (the phone's battery, %), `ignition` (true/false). Other numeric parameters
 * are kept in `attrs`; `valid=false` marks a point without a fix (sent with 0 satellites).
 */
export const parseOsmAndQuery = (query: URLSearchParams, nowMs: number): OsmAndRequest => {
  const id = query.get("id") ?? query.get("deviceid")
  if (id === null || id.length === 0) return invalid("id", "id (the device identifier) is required")
  if (id.length > MAX_OSMAND_ID) return invalid("id", `id is longer than ${MAX_OSMAND_ID} characters`)
  let latText = query.get("lat")
  let lonText = query.get("lon")
  const location = query.get("location")
  if ((latText === null || lonText === null) && location !== null) {
    ;[latText, lonText] = location.split(",", 2) as [string, string]
  }
  if (latText === null || latText === undefined) return invalid("lat", "lat is required")
  if (lonText === null || lonText === undefined) return invalid("lon", "lon is required")
  const lat = parseNumber(latText)
  if (lat === null) return invalid("lat", "lat is not a number")
  const lon = parseNumber(lonText)
  if (lon === null) return invalid("lon", "lon is not a number")
  const point: Record<string, unknown> = { lat, lon }
  const timestamp = query.get("timestamp")
  if (timestamp === null) point.timeMs = nowMs
  else {
    const ms = parseTimestamp(timestamp)
    if (ms === null)
      return invalid("timestamp", "timestamp is neither seconds since 1970 nor an ISO date-time")
    point.timeMs = ms
  }
  const numbers: ReadonlyArray<readonly [string, string, (n: number) => number]> = [
    ["speed", "speedMps", (knots) => Math.round(knots * KNOT_MPS * 1000) / 1000],
    ["bearing", "headingDeg", (n) => n],
    ["heading", "headingDeg", (n) => n],
    ["altitude", "altitudeM", (n) => n],
    ["hdop", "hdop", (n) => n],
  ]
  for (const [name, field, convert] of numbers) {
    const text = query.get(name)
    if (text === null || text.length === 0) continue
    const n = parseNumber(text)
    if (n === null) return invalid(name, `${name} is not a number`)
    point[field] = convert(n)
  }
  const attrs: Record<string, number> = {}
  for (const [name, attr] of [
    ["accuracy", "accuracyM"],
    ["batt", "phoneBatteryPct"],
  ] as const) {
    const text = query.get(name)
    if (text === null || text.length === 0) continue
    const n = parseNumber(text)
    if (n === null) return invalid(name, `${name} is not a number`)
    attrs[attr] = n
  }
  const ignition = query.get("ignition")
  if (ignition !== null) {
    if (ignition !== "true" && ignition !== "false") return invalid("ignition", "ignition is true or false")
    point.ignition = ignition === "true"
  }
  if (query.get("valid") === "false") point.satellites = 0
  let extra = 0
  for (const [name, text] of query) {
    if (KNOWN.has(name) || extra >= MAX_EXTRA_ATTRS || name.length > 64) continue
    const n = parseNumber(text)
    if (n === null) continue
    attrs[name] = n
    extra++
  }
  if (Object.keys(attrs).length > 0) point.attrs = attrs
  return { ok: true, id, points: [point] }
}
