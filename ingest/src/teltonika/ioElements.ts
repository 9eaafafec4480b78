import type { AvlRecord, IoElement } from "./AvlPacket.js"
import { GENERIC_IO_MAP, type IoMap } from "./ioMaps.js"

/** km/h on the wire → m/s in a point. */
const KMH = 1 / 3.6
/** Scaled values to a thousandth: 3 × 0.1 is 0.3, not 0.30000000000000004. */
const round3 = (x: number) => Math.round(x * 1000) / 1000

/**
 * A decoded AVL record as a FleetCore point (plain object; the ingress validates it), its IO
 * elements read with `map` (ioMaps.ts: the device model's map with the organisation's override).
 * A record with 0 satellites is a no-fix sample: its position and speed are sent as the device
 * reported them, with `satellites: 0`, and the rules read no position or speed from it (engine
 * fixValidity).
 */
export const recordToPoint = (record: AvlRecord, map: IoMap = GENERIC_IO_MAP): Record<string, unknown> => {
  const point: Record<string, unknown> = {
    timeMs: record.timeMs,
    lat: record.lat,
    lon: record.lon,
    speedMps: round3(record.speedKmh * KMH),
    headingDeg: record.angleDeg,
    altitudeM: record.altitudeM,
    satellites: record.satellites,
  }
  const attrs: Record<string, number> = { priority: record.priority }
  if (record.eventIoId !== 0) attrs.eventIo = record.eventIoId
  for (const element of record.io) applyIo(element, map, point, attrs)
  point.attrs = attrs
  return point
}

/** An IO id not in the map is kept as `attrs.io<id>`; a variable-length (Codec 8E NX) value is dropped. */
const applyIo = (
  element: IoElement,
  map: IoMap,
  point: Record<string, unknown>,
  attrs: Record<string, number>,
) => {
  if (element.size === "variable") return
  const rule = map.get(element.id)
  const raw = element.value
  if (rule === undefined) {
    attrs[`io${element.id}`] = Number(raw)
    return
  }
  const to = rule.to
  if (to === "ignore") return
  if (to === "driverKey") {
    // iButton ids are 64-bit: kept whole as two 32-bit halves (a number holds only 53 bits). 0 = no key.
    if (raw === 0n) return
    attrs.driverKeyHi = Number(raw >> 32n)
    attrs.driverKeyLo = Number(raw & 0xffffffffn)
    return
  }
  if (to === "ignition") {
    point.ignition = raw !== 0n
    return
  }
  const value = round3(Number(raw) * rule.multiplier + rule.offset)
  if (to.startsWith("attrs.")) attrs[to.slice(6)] = value
  else point[to] = value
}
