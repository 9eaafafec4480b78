import { invalid, MAX_OSMAND_ID, type OsmAndRequest, parseTimestamp } from "./OsmAndRequest.js"

/** Most locations one JSON request may carry (background-location apps batch what they buffered). */
export const MAX_JSON_LOCATIONS = 1000

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v)

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined)

type Parsed = { readonly point: Record<string, unknown> } | { readonly refused: OsmAndRequest }
const refused = (field: string, message: string): Parsed => ({ refused: invalid(field, message) })

/** One `location` object → a point, or the reason it is not one. */
const toPoint = (location: unknown, at: string): Parsed => {
  if (!isObject(location)) return refused(at, "a location is an object")
  const coords = location.coords
  if (!isObject(coords)) return refused(`${at}.coords`, "coords is required")
  const lat = num(coords.latitude)
  if (lat === undefined) return refused(`${at}.coords.latitude`, "latitude is required, a number")
  const lon = num(coords.longitude)
  if (lon === undefined) return refused(`${at}.coords.longitude`, "longitude is required, a number")
  const stamp = location.timestamp
  const timeMs =
    typeof stamp === "string"
      ? parseTimestamp(stamp)
      : typeof stamp === "number"
        ? parseTimestamp(String(stamp))
        : null
  if (timeMs === null)
    return refused(`${at}.timestamp`, "timestamp is an ISO date-time or seconds since 1970")
  const point: Record<string, unknown> = { timeMs, lat, lon }
  // The apps send -1 for "unknown" speed and heading.
  const speed = num(coords.speed)
  if (speed !== undefined && speed >= 0) point.speedMps = speed
  const heading = num(coords.heading)
  if (heading !== undefined && heading >= 0) point.headingDeg = heading
  const altitude = num(coords.altitude)
  if (altitude !== undefined) point.altitudeM = altitude
  const attrs: Record<string, number> = {}
  const accuracy = num(coords.accuracy)
  if (accuracy !== undefined) attrs.accuracyM = accuracy
  const odometer = num(location.odometer)
  if (odometer !== undefined) attrs.appOdometerM = odometer
  if (typeof location.is_moving === "boolean") attrs.moving = location.is_moving ? 1 : 0
  const battery = location.battery
  if (isObject(battery)) {
    const level = num(battery.level)
    if (level !== undefined && level >= 0) attrs.phoneBatteryPct = Math.round(level * 1000) / 10
    if (typeof battery.is_charging === "boolean") attrs.charging = battery.is_charging ? 1 : 0
  }
  if (Object.keys(attrs).length > 0) point.attrs = attrs
  return { point }
}

/**
 * The JSON form background-location apps send (Traccar Client 7+, transistorsoft background
 * geolocation): `{"location": {"timestamp", "coords": {latitude, longitude, accuracy, speed (m/s),
 * heading, altitude}, "is_moving", "odometer", "battery": {level 0–1, is_charging}}, "device_id"}`;
 * `location` may also be an array of such objects.
 */
export const parseOsmAndJson = (body: unknown): OsmAndRequest => {
  if (!isObject(body)) return invalid("body", "the body is a JSON object")
  const id = body.device_id ?? body.id
  if (typeof id !== "string" || id.length === 0)
    return invalid("device_id", "device_id is required, a string")
  if (id.length > MAX_OSMAND_ID)
    return invalid("device_id", `device_id is longer than ${MAX_OSMAND_ID} characters`)
  const locations = Array.isArray(body.location) ? body.location : [body.location]
  if (locations.length === 0) return invalid("location", "location is required")
  if (locations.length > MAX_JSON_LOCATIONS)
    return invalid("location", `at most ${MAX_JSON_LOCATIONS} locations in one request`)
  const points: Record<string, unknown>[] = []
  for (const [i, location] of locations.entries()) {
    const parsed = toPoint(location, Array.isArray(body.location) ? `location[${i}]` : "location")
    if ("refused" in parsed) return parsed.refused
    points.push(parsed.point)
  }
  return { ok: true, id, points }
}
