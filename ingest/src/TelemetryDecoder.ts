import { DevicePoint, fleet, MAX_POINTS_PER_MESSAGE, type RejectReason } from "@fleetcore/proto"
import { Result, Schema, SchemaIssue } from "effect"
import type { Rejection } from "./DeviceIngress.js"

export interface PointRejection extends Rejection {
  readonly index: number
  readonly input: unknown
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

const fromJson = (payload: Uint8Array): unknown[] | Decoded => {
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString("utf8"))
  } catch (error) {
    return whole("FLEET_INGEST_PAYLOAD_UNDECODABLE", `payload is not valid JSON: ${(error as Error).message}`)
  }
  if (Array.isArray(body)) return body
  if (typeof body === "object" && body !== null && "points" in body) {
    const points = (body as { points: unknown }).points
    if (!Array.isArray(points))
      return whole("FLEET_INGEST_PAYLOAD_INVALID", "points must be an array", "points")
    return points
  }
  if (typeof body === "object" && body !== null) return [body]
  return whole(
    "FLEET_INGEST_PAYLOAD_INVALID",
    "payload must be a point object, an array of points or {points: [...]}",
  )
}

const fromProtobuf = (payload: Uint8Array): unknown[] | Decoded => {
  let batch: fleet.telemetry.v1.Batch
  try {
    batch = fleet.telemetry.v1.Batch.decode(payload)
  } catch (error) {
    return whole(
      "FLEET_INGEST_PAYLOAD_UNDECODABLE",
      `payload is neither JSON nor a protobuf fleet.telemetry.v1.Batch: ${(error as Error).message}`,
    )
  }
  // proto3 leaves scalar fields at their default (0) off the wire: timeMs, lat and lon are always
  // present in the message's meaning, so restore them; optional fields stay absent when unset.
  return batch.points.map((p) => ({
    timeMs: 0,
    lat: 0,
    lon: 0,
    ...fleet.telemetry.v1.Point.toObject(p as fleet.telemetry.v1.Point, { longs: Number, defaults: false }),
  }))
}

/** Decodes and validates a device payload, point by point: one bad point never sinks the others. */
export const decodeTelemetry = (
  payload: Uint8Array,
  contentType: string | undefined,
  nowMs: number,
): Decoded => {
  if (payload.byteLength === 0) return whole("FLEET_INGEST_PAYLOAD_INVALID", "payload is empty")
  const raw = isJson(payload, contentType) ? fromJson(payload) : fromProtobuf(payload)
  if (!Array.isArray(raw)) return raw
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
    const result = decodePoint(input)
    if (Result.isFailure(result)) {
      const first = formatIssue(result.failure.issue).issues[0]
      rejections.push({
        index,
        input,
        code: "FLEET_INGEST_POINT_INVALID",
        field: `points[${index}]${pathText(first?.path)}`,
        message: first?.message ?? "invalid point",
      })
    } else if (result.success.timeMs > nowMs + MAX_CLOCK_AHEAD_MS) {
      rejections.push({
        index,
        input,
        code: "FLEET_INGEST_POINT_INVALID",
        field: `points[${index}].timeMs`,
        message: `timeMs is ${Math.round((result.success.timeMs - nowMs) / 1000)} s ahead of the server clock`,
      })
    } else {
      points.push(result.success)
    }
  })
  return { ok: true, points, rejections }
}
