import { DevicePoint, fleet, MAX_POINTS_PER_MESSAGE, type RejectReason } from "@fleetcore/proto"
import { Result, Schema, SchemaIssue } from "effect"
import type { Rejection } from "./DeviceIngress.js"
import { scalarPoint } from "./scalarPoint.js"
import { scanJson } from "./scanJson.js"

export interface PointRejection extends Rejection {
  readonly index: number
  /** The refused point as text for the dead letter, at most `MAX_DEAD_LETTER_CHARS`. */
  readonly text: string
}

export type Decoded =
  | {
      readonly ok: true
      readonly points: ReadonlyArray<DevicePoint>
      readonly rejections: ReadonlyArray<PointRejection>
    }
  | { readonly ok: false; readonly rejection: Rejection }

/** How far ahead of the server clock a device clock may be before its points are refused. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000
/** Largest payload decoded: the HTTP body limit; an MQTT packet can be a little larger. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024
/**
 * Deepest JSON nesting accepted. A point is 3 deep inside `{"points": [...]}` (attrs and dtc one
 * more); anything much deeper is not telemetry.
 */
export const MAX_JSON_DEPTH = 16
/** How much of a field path or issue message a rejection keeps. */
const MAX_FIELD_CHARS = 256
/** How much of a refused input a dead letter keeps. */
export const MAX_DEAD_LETTER_CHARS = 4096

const decodePoint = Schema.decodeUnknownResult(DevicePoint, { onExcessProperty: "error" })
const formatIssue = SchemaIssue.makeFormatterStandardSchemaV1()

const whole = (code: RejectReason, message: string, field: string | null = null): Decoded => ({
  ok: false,
  rejection: { code, message, field },
})

const pathText = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string =>
  (path ?? [])
    .map((p) => (typeof p === "object" ? p.key : p))
    .map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`))
    .join("")

/** Which encoding a payload is in: the declared content type, else its first byte. */
const isJson = (payload: Uint8Array, contentType: string | undefined): boolean => {
  if (contentType !== undefined && contentType.length > 0) return contentType.toLowerCase().includes("json")
  for (const byte of payload) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue
    return byte === 0x7b || byte === 0x5b // '{' or '['
  }
  return false
}

/** Points from JSON, with the indices of points cut out for nesting too deeply (and their text). */
interface JsonPoints {
  readonly raw: ReadonlyArray<unknown>
  readonly tooDeep: ReadonlyMap<number, string>
}

const utf8 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")

const fromJson = (payload: Uint8Array): JsonPoints | Decoded => {
  // Depth is measured without recursion before anything parses or prints the payload.
  const scan = scanJson(payload, MAX_JSON_DEPTH)
  if (scan.tooDeep === null) {
    return whole(
      "FLEET_INGEST_PAYLOAD_TOO_DEEP",
      `JSON nested ${scan.depth} levels deep; at most ${MAX_JSON_DEPTH} are accepted`,
    )
  }
  // Too-deep points are replaced by null, so the points beside them are still parsed and kept.
  const tooDeep = new Map<number, string>()
  let text: string
  if (scan.tooDeep.length === 0) text = utf8(payload)
  else {
    const parts: string[] = []
    let from = 0
    for (const span of scan.tooDeep) {
      parts.push(utf8(payload.subarray(from, span.start)), "null")
      tooDeep.set(
        span.index,
        utf8(payload.subarray(span.start, Math.min(span.end, span.start + MAX_DEAD_LETTER_CHARS))),
      )
      from = span.end
    }
    parts.push(utf8(payload.subarray(from)))
    text = parts.join("")
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    return whole("FLEET_INGEST_PAYLOAD_UNDECODABLE", `payload is not valid JSON: ${(error as Error).message}`)
  }
  if (Array.isArray(body)) return { raw: body, tooDeep }
  if (typeof body === "object" && body !== null && "points" in body) {
    const points = (body as { points: unknown }).points
    if (!Array.isArray(points))
      return whole("FLEET_INGEST_PAYLOAD_INVALID", "points must be an array", "points")
    return { raw: points, tooDeep }
  }
  if (typeof body === "object" && body !== null) return { raw: [body], tooDeep }
  return whole(
    "FLEET_INGEST_PAYLOAD_INVALID",
    "payload must be a point object, an array of points or {points: [...]}",
  )
}

/**
 * A refused point as dead-letter text. Every value that reaches here nests at most MAX_JSON_DEPTH
 * deep (deeper JSON points were cut out above; protobuf points are flat), so JSON.stringify is safe;
 * the catch is for what JSON cannot print (there is none today), never for a crash.
 */
const pointText = (input: unknown): string => {
  try {
    return (JSON.stringify(input) ?? String(input)).slice(0, MAX_DEAD_LETTER_CHARS)
  } catch {
    return "(unprintable)"
  }
}

/** Why a point at exactly 0, 0 is refused. */
export const NULL_ISLAND = "lat 0 and lon 0 is no position (a tracker without a GPS fix sends it)"

/** No point cut out for depth (protobuf and tracker points are flat): one map, never written. */
const NONE_TOO_DEEP: ReadonlyMap<number, string> = new Map()

const fromProtobuf = (payload: Uint8Array): JsonPoints | Decoded => {
  let batch: fleet.telemetry.v1.Batch
  try {
    batch = fleet.telemetry.v1.Batch.decode(payload)
  } catch (error) {
    return whole(
      "FLEET_INGEST_PAYLOAD_UNDECODABLE",
      `payload is neither JSON nor a protobuf fleet.telemetry.v1.Batch: ${(error as Error).message}`,
    )
  }
  const raw = batch.points.map((p) => plainPoint(p as fleet.telemetry.v1.Point))
  return { raw, tooDeep: NONE_TOO_DEEP }
}

/**
 * A decoded point as a plain object: what `Point.toObject(p, { longs: Number, defaults: false })`
 * gives, with timeMs always there (proto3 leaves a zero off the wire); lat, lon and the other
 * optional fields absent when unset (their default, on the prototype, is null), so a point without
 * a position is refused as in JSON (`points[i].lat`: missing) instead of read as 0, 0.
 * The common point (no dtc, no attrs) is built as one object, field by field in field order (named
 * reads: a loop over the names costs more than the rest of the decoding); any other goes through
 * `toObject`. `TelemetryDecoder.test.ts` holds the two together.
 */
export const plainPoint = (p: fleet.telemetry.v1.Point): Record<string, unknown> => {
  if (p.dtc.length > 0 || Object.keys(p.attrs).length > 0)
    return { timeMs: 0, ...fleet.telemetry.v1.Point.toObject(p, { longs: Number, defaults: false }) }
  const time = p.timeMs
  const timeMs = typeof time === "number" ? time : time.toNumber()
  const { lat, lon } = p
  // A point with its position is one literal of three fields; one without (refused) keeps what it has.
  const out: Record<string, unknown> =
    lat != null && lon != null
      ? { timeMs, lat, lon }
      : { timeMs, ...(lat == null ? {} : { lat }), ...(lon == null ? {} : { lon }) }
  if (p.speedMps != null) out.speedMps = p.speedMps
  if (p.headingDeg != null) out.headingDeg = p.headingDeg
  if (p.altitudeM != null) out.altitudeM = p.altitudeM
  if (p.satellites != null) out.satellites = p.satellites
  if (p.hdop != null) out.hdop = p.hdop
  if (p.odometerM != null) out.odometerM = p.odometerM
  if (p.fuelLevelPct != null) out.fuelLevelPct = p.fuelLevelPct
  if (p.fuelUsedL != null) out.fuelUsedL = p.fuelUsedL
  if (p.ignition != null) out.ignition = p.ignition
  if (p.engineSeconds != null) out.engineSeconds = p.engineSeconds
  if (p.batteryV != null) out.batteryV = p.batteryV
  return out
}

/** Decodes and validates a device payload, point by point: one bad point never sinks the others. */
export const decodeTelemetry = (
  payload: Uint8Array,
  contentType: string | undefined,
  nowMs: number,
): Decoded => {
  if (payload.byteLength === 0) return whole("FLEET_INGEST_PAYLOAD_INVALID", "payload is empty")
  if (payload.byteLength > MAX_PAYLOAD_BYTES) {
    return whole(
      "FLEET_INGEST_PAYLOAD_TOO_LARGE",
      `payload of ${payload.byteLength} bytes; at most ${MAX_PAYLOAD_BYTES} are accepted`,
    )
  }
  const decoded = isJson(payload, contentType) ? fromJson(payload) : fromProtobuf(payload)
  if ("ok" in decoded) return decoded
  return validatePoints(decoded.raw, nowMs, decoded.tooDeep)
}

/**
 * Validates points already taken apart (from JSON, protobuf, or a tracker protocol's decoder), one
 * by one: one bad point never sinks the others.
 */
export const validatePoints = (
  raw: ReadonlyArray<unknown>,
  nowMs: number,
  tooDeep: ReadonlyMap<number, string> = NONE_TOO_DEEP,
): Decoded => {
  if (raw.length === 0) return whole("FLEET_INGEST_PAYLOAD_INVALID", "payload has no points", "points")
  if (raw.length > MAX_POINTS_PER_MESSAGE) {
    return whole(
      "FLEET_INGEST_TOO_MANY_POINTS",
      `a message carries at most ${MAX_POINTS_PER_MESSAGE} points, this one has ${raw.length}`,
      "points",
    )
  }
  const points: DevicePoint[] = []
  const rejections: PointRejection[] = []
  raw.forEach((input, index) => {
    const deepText = tooDeep.get(index)
    if (deepText !== undefined) {
      rejections.push({
        index,
        text: deepText,
        code: "FLEET_INGEST_PAYLOAD_TOO_DEEP",
        field: `points[${index}]`,
        message: `point nested more than ${MAX_JSON_DEPTH} levels deep`,
      })
      return
    }
    const scalar = scalarPoint(input)
    const result = scalar === undefined ? decodePoint(input) : Result.succeed(scalar)
    if (Result.isFailure(result)) {
      const first = formatIssue(result.failure.issue).issues[0]
      rejections.push({
        index,
        text: pointText(input),
        code: "FLEET_INGEST_POINT_INVALID",
        // A device chooses the keys (an excess property is named in the path): keep both short.
        field: `points[${index}]${pathText(first?.path)}`.slice(0, MAX_FIELD_CHARS),
        message: (first?.message ?? "invalid point").slice(0, MAX_FIELD_CHARS),
      })
    } else if (result.success.timeMs > nowMs + MAX_CLOCK_AHEAD_MS) {
      rejections.push({
        index,
        text: pointText(input),
        code: "FLEET_INGEST_POINT_INVALID",
        field: `points[${index}].timeMs`,
        message: `timeMs is ${Math.round((result.success.timeMs - nowMs) / 1000)} s ahead of the server clock`,
      })
    } else if (result.success.lat === 0 && result.success.lon === 0) {
      // No vehicle is at 0, 0 (open sea off Africa): it is what trackers send without a GPS fix.
      rejections.push({
        index,
        text: pointText(input),
        code: "FLEET_INGEST_POINT_INVALID",
        field: `points[${index}].lat`,
        message: NULL_ISLAND,
      })
    } else {
      points.push(result.success)
    }
  })
  return { ok: true, points, rejections }
}
