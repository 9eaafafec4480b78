import { fleet } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import {
  decodeTelemetry,
  MAX_PAYLOAD_BYTES,
  NULL_ISLAND,
  plainPoint,
  validatePoints,
} from "./TelemetryDecoder.js"

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

  it("keeps a zero latitude or longitude and false ignition from protobuf", () => {
    const bytes = fleet.telemetry.v1.Batch.encode({
      points: [
        { timeMs: now, lat: 0, lon: 9.5, ignition: false },
        { timeMs: now, lat: 51.48, lon: 0, ignition: false },
      ],
    }).finish()
    const decoded = decodeTelemetry(bytes, "application/x-protobuf", now)
    expect(decoded).toEqual({
      ok: true,
      points: [
        { timeMs: now, lat: 0, lon: 9.5, ignition: false },
        { timeMs: now, lat: 51.48, lon: 0, ignition: false },
      ],
      rejections: [],
    })
  })

  it("refuses a protobuf point without a position as JSON does, and keeps the good points beside it", () => {
    const positionless = { timeMs: now, odometerM: 120_000, fuelLevelPct: 40 }
    const bytes = fleet.telemetry.v1.Batch.encode({
      points: [
        good,
        positionless,
        { ...positionless, lat: 43.2 },
        { ...positionless, lon: 76.9, dtc: ["P0301"] },
      ],
    }).finish()
    const fromProtobuf = decodeTelemetry(bytes, "application/x-protobuf", now)
    const fromJson = decodeTelemetry(
      json([
        good,
        positionless,
        { ...positionless, lat: 43.2 },
        { ...positionless, lon: 76.9, dtc: ["P0301"] },
      ]),
      "application/json",
      now,
    )
    if (!fromProtobuf.ok || !fromJson.ok) throw new Error("expected ok")
    expect(fromProtobuf.points).toEqual([good])
    const refused = (d: typeof fromJson) =>
      d.rejections.map(({ index, code, field, message }) => ({ index, code, field, message }))
    expect(refused(fromProtobuf)).toEqual(refused(fromJson))
    expect(refused(fromProtobuf)).toEqual([
      { index: 1, code: "FLEET_INGEST_POINT_INVALID", field: "points[1].lat", message: "Missing key" },
      { index: 2, code: "FLEET_INGEST_POINT_INVALID", field: "points[2].lon", message: "Missing key" },
      { index: 3, code: "FLEET_INGEST_POINT_INVALID", field: "points[3].lat", message: "Missing key" },
    ])
  })

  it("refuses lat 0 and lon 0 together, a tracker's no-fix position, in every encoding", () => {
    const island = { timeMs: now, lat: 0, lon: 0, ignition: false }
    const expected = {
      index: 1,
      code: "FLEET_INGEST_POINT_INVALID",
      field: "points[1].lat",
      message: NULL_ISLAND,
    }
    for (const decoded of [
      decodeTelemetry(fleet.telemetry.v1.Batch.encode({ points: [good, island] }).finish(), undefined, now),
      decodeTelemetry(json([good, { ...island, lat: -0 }]), undefined, now),
      validatePoints([good, island], now),
    ]) {
      if (!decoded.ok) throw new Error("expected ok")
      expect(decoded.points).toEqual([good])
      expect(decoded.rejections).toMatchObject([expected])
    }
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

  it("builds each protobuf point exactly as toObject and the restored zero time did", () => {
    // A seeded generator: the same 3,000 points every run.
    let seed = 20261205
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const pick = <T>(values: ReadonlyArray<T>): T => values[Math.floor(random() * values.length)] as T
    const doubles = [
      0,
      -0,
      1.5,
      -7.25,
      43.238,
      1e308,
      -1e-300,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      2 ** 53 + 2,
    ]
    const times = [
      0,
      1,
      -1,
      now,
      -now,
      "9007199254740993",
      "-9223372036854775808",
      "9223372036854775807",
      2 ** 40,
    ]
    const optional = ["speedMps", "headingDeg", "altitudeM", "hdop", "odometerM", "fuelLevelPct", "fuelUsedL"]
    const points = Array.from({ length: 3000 }, () => {
      const point: Record<string, unknown> = {}
      if (random() < 0.9) point.timeMs = pick(times)
      if (random() < 0.9) point.lat = pick(doubles)
      if (random() < 0.9) point.lon = pick(doubles)
      for (const key of optional) if (random() < 0.4) point[key] = pick(doubles)
      if (random() < 0.4) point.engineSeconds = pick(doubles)
      if (random() < 0.4) point.batteryV = pick(doubles)
      if (random() < 0.4) point.satellites = pick([0, 7, 255, 4294967295])
      if (random() < 0.4) point.ignition = random() < 0.5
      if (random() < 0.1) point.dtc = pick([["P0301"], ["P0301", "U0100"]])
      if (random() < 0.1) point.attrs = pick([{ rpm: 900 }, { rpm: 900, coolantC: -0 }])
      return point
    })
    const decoded = fleet.telemetry.v1.Batch.decode(fleet.telemetry.v1.Batch.encode({ points }).finish())
    expect(decoded.points).toHaveLength(3000)
    let common = 0
    for (const p of decoded.points as fleet.telemetry.v1.Point[]) {
      const reference: Record<string, unknown> = {
        timeMs: 0,
        ...fleet.telemetry.v1.Point.toObject(p, { longs: Number, defaults: false }),
      }
      const ours = plainPoint(p)
      // Same keys in the same order (a refused point's dead-letter text is its JSON), same values.
      expect(Object.keys(ours)).toEqual(Object.keys(reference))
      for (const key of Object.keys(reference)) {
        const value = reference[key]
        if (typeof value === "object") expect(ours[key], key).toStrictEqual(value)
        else expect(Object.is(ours[key], value), key).toBe(true)
      }
      if (p.dtc.length === 0 && Object.keys(p.attrs).length === 0) common++
    }
    // Most points took the one-object path, not toObject.
    expect(common).toBeGreaterThan(2000)
  })
})
