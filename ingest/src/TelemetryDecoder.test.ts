import { fleet } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { decodeTelemetry, MAX_PAYLOAD_BYTES } from "./TelemetryDecoder.js"

const now = Date.UTC(2026, 10, 22, 12, 0, 0)
const json = (value: unknown) => Buffer.from(JSON.stringify(value))
const good = { timeMs: now - 1000, lat: 43.238, lon: 76.945, speedMps: 12.5, ignition: true }

describe("decodeTelemetry", () => {
  it("accepts a single JSON point", () => {
    const decoded = decodeTelemetry(json(good), undefined, now)
    expect(decoded).toEqual({ ok: true, points: [good], rejections: [] })
  })

  it("keeps the good points of a batch and names the field of the bad one", () => {
    const decoded = decodeTelemetry(
      json({ points: [good, { ...good, lat: 123 }, { ...good, timeMs: now }] }),
      undefined,
      now,
    )
    if (!decoded.ok) throw new Error("expected ok")
    expect(decoded.points.map((p) => p.timeMs)).toEqual([now - 1000, now])
    expect(decoded.rejections).toHaveLength(1)
    expect(decoded.rejections[0]?.field).toBe("points[1].lat")
    expect(decoded.rejections[0]?.code).toBe("FLEET_INGEST_POINT_INVALID")
  })

  it("refuses unknown fields and missing required ones", () => {
    const decoded = decodeTelemetry(
      json([
        { ...good, latitude: 1 },
        { lat: 1, lon: 2 },
      ]),
      undefined,
      now,
    )
    if (!decoded.ok) throw new Error("expected ok")
    expect(decoded.points).toHaveLength(0)
    expect(decoded.rejections.map((r) => r.field)).toEqual(["points[0].latitude", "points[1].timeMs"])
  })

  it("refuses points from a clock far in the future", () => {
    const decoded = decodeTelemetry(json({ ...good, timeMs: now + 3_600_000 }), undefined, now)
    expect(decoded.ok && decoded.rejections[0]?.field).toBe("points[0].timeMs")
  })

  it("decodes a protobuf batch to the same points as JSON", () => {
    const bytes = fleet.telemetry.v1.Batch.encode({
      points: [{ timeMs: now - 1000, lat: 43.238, lon: 76.945, speedMps: 12.5, ignition: true }],
    }).finish()
    expect(decodeTelemetry(bytes, undefined, now)).toEqual({ ok: true, points: [good], rejections: [] })
  })

  it("keeps zero coordinates and false ignition from protobuf", () => {
    const bytes = fleet.telemetry.v1.Batch.encode({
      points: [{ timeMs: now, lat: 0, lon: 0, ignition: false }],
    }).finish()
    const decoded = decodeTelemetry(bytes, "application/x-protobuf", now)
    expect(decoded.ok && decoded.points[0]).toEqual({ timeMs: now, lat: 0, lon: 0, ignition: false })
  })

  it("rejects undecodable payloads as a whole", () => {
    expect(decodeTelemetry(Buffer.from("{not json"), undefined, now)).toMatchObject({
      ok: false,
      rejection: { code: "FLEET_INGEST_PAYLOAD_UNDECODABLE" },
    })
    expect(decodeTelemetry(Buffer.from([0xff, 0xff, 0xff]), undefined, now)).toMatchObject({
      ok: false,
      rejection: { code: "FLEET_INGEST_PAYLOAD_UNDECODABLE" },
    })
    expect(decodeTelemetry(Buffer.alloc(0), undefined, now)).toMatchObject({ ok: false })
  })

  it("refuses more than 1000 points in one message", () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...good, timeMs: now - i }))
    expect(decodeTelemetry(json(many), undefined, now)).toMatchObject({
      ok: false,
      rejection: { code: "FLEET_INGEST_TOO_MANY_POINTS", field: "points" },
    })
  })

  it("cuts a too-deep point out of a batch, keeps the good one, and keeps the bad one's text bounded", () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000)
    const payload = Buffer.from(`[${JSON.stringify(good)}, ${deep}]`)
    const decoded = decodeTelemetry(payload, undefined, now)
    if (!decoded.ok) throw new Error("expected ok")
    expect(decoded.points).toEqual([good])
    expect(decoded.rejections).toMatchObject([
      { index: 1, code: "FLEET_INGEST_PAYLOAD_TOO_DEEP", field: "points[1]" },
    ])
    expect(decoded.rejections[0]?.text).toBe("[".repeat(4096))
  })

  it("refuses as a whole a payload too deep outside its points, or too large", () => {
    const deepAttrs = Buffer.from(
      `{"timeMs": ${now}, "lat": 1, "lon": 1, "attrs": ${"[".repeat(100)}${"]".repeat(100)}}`,
    )
    expect(decodeTelemetry(deepAttrs, undefined, now)).toMatchObject({
      ok: false,
      rejection: { code: "FLEET_INGEST_PAYLOAD_TOO_DEEP" },
    })
    expect(decodeTelemetry(Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 0x20), "application/json", now)).toMatchObject(
      {
        ok: false,
        rejection: { code: "FLEET_INGEST_PAYLOAD_TOO_LARGE" },
      },
    )
  })

  it("answers every input without throwing: huge numbers, wrong types, long keys, garbage", () => {
    const inputs = [
      Buffer.from(`[{"timeMs": 1e999, "lat": -1e999, "lon": 0}]`),
      json([{ ...good, lat: "43" }, { ...good, ["k".repeat(100_000)]: 1 }, null, [], "x", 7]),
      Buffer.from([0x0b, 0x0b, 0x0b, 0x0b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      Buffer.from(`[${"{".repeat(5000)}`),
      Buffer.from(`{"points": ${"[".repeat(64)}1${"]".repeat(64)}}`),
    ]
    for (const input of inputs) {
      const decoded = decodeTelemetry(input, undefined, now)
      const fields = decoded.ok
        ? decoded.rejections.map((r) => r.field ?? "")
        : [decoded.rejection.field ?? ""]
      for (const field of fields) expect(field.length).toBeLessThanOrEqual(256)
    }
  })
})
