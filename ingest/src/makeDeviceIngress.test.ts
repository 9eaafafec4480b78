import { type BusTransport, makeMetrics } from "@fleetcore/platform"
import {
  type DeadLetter,
  DeadLetterTopic,
  type DeviceId,
  type OrgId,
  type TelemetryRecord,
  TelemetryTopic,
  type VehicleId,
} from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import type { AuthenticatedDevice } from "./DeviceIngress.js"
import { makeDeviceIngress } from "./makeDeviceIngress.js"
import { validatePoints } from "./TelemetryDecoder.js"

const now = Date.UTC(2026, 10, 22, 12, 0, 0)
const device: AuthenticatedDevice = {
  id: "dev-1" as DeviceId,
  orgId: "3f1d2c4b-5a69-4788-9a0b-1c2d3e4f5a6b" as OrgId,
  vehicleId: "9e8d7c6b-5a49-4382-8170-6f5e4d3c2b1a" as VehicleId,
}
const good = { timeMs: now - 1000, lat: 43.238, lon: 76.945 }

/** A bus that keeps what is published, or fails every publish. */
const makeBus = (failing = false) => {
  const telemetry: TelemetryRecord[] = []
  const dead: DeadLetter[] = []
  const bus: BusTransport = {
    publish: async (topic, messages) => {
      if (failing) throw new Error("bus closed")
      for (const m of messages) {
        if (topic.name === TelemetryTopic.name) telemetry.push(m.value as TelemetryRecord)
        else if (topic.name === DeadLetterTopic.name) dead.push(m.value as DeadLetter)
      }
    },
    subscribe: async () => {
      throw new Error("not used")
    },
    pending: () => 0,
    close: async () => {},
  }
  return { bus, telemetry, dead }
}

const rejectedCount = async (metrics: ReturnType<typeof makeMetrics>, reason: string) =>
  ((await metrics.ingestRejected.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0) as number

describe("makeDeviceIngress with a poison payload", () => {
  it("stores the good point beside a 10,000-level array and dead-letters the deep one, bounded", async () => {
    const { bus, telemetry, dead } = makeBus()
    const metrics = makeMetrics()
    const ingress = makeDeviceIngress({ bus, metrics, now: () => now })
    const deep = "[".repeat(10_000) + "]".repeat(10_000)
    const outcome = await ingress.accept(device, Buffer.from(`[${JSON.stringify(good)}, ${deep}]`), "mqtt")
    expect(outcome).toMatchObject({
      accepted: 1,
      rejected: 1,
      firstRejection: { code: "FLEET_INGEST_PAYLOAD_TOO_DEEP", field: "points[1]" },
    })
    expect(telemetry.map((r) => r.timeMs)).toEqual([good.timeMs])
    expect(dead).toHaveLength(1)
    expect(dead[0]?.reason).toBe("FLEET_INGEST_PAYLOAD_TOO_DEEP")
    expect(dead[0]?.payload.length).toBeLessThanOrEqual(4096)
    expect(await rejectedCount(metrics, "FLEET_INGEST_PAYLOAD_TOO_DEEP")).toBe(1)
  })

  it("refuses a payload that is too deep as a whole, with its raw start as the dead letter", async () => {
    const { bus, telemetry, dead } = makeBus()
    const ingress = makeDeviceIngress({ bus, metrics: makeMetrics(), now: () => now })
    const payload = Buffer.from(`{"points": [], "x": ${"{".repeat(100_000)}`)
    const outcome = await ingress.accept(device, payload, "http", "application/json")
    expect(outcome).toMatchObject({
      accepted: 0,
      rejected: 1,
      firstRejection: { code: "FLEET_INGEST_PAYLOAD_TOO_DEEP" },
    })
    expect(telemetry).toEqual([])
    expect(dead[0]?.payload).toBe(payload.subarray(0, 4096).toString("utf8"))
  })

  it("fails (so the device resends) only when the bus fails", async () => {
    const ingress = makeDeviceIngress({ bus: makeBus(true).bus, metrics: makeMetrics(), now: () => now })
    await expect(ingress.accept(device, Buffer.from(JSON.stringify(good)), "mqtt")).rejects.toThrow(
      "bus closed",
    )
  })
})

describe("makeDeviceIngress for tracker decoders", () => {
  it("validates decoded points as payload points are: the good one stored, the bad one dead-lettered by field", async () => {
    const { bus, telemetry, dead } = makeBus()
    const ingress = makeDeviceIngress({ bus, metrics: makeMetrics(), now: () => now })
    const outcome = await ingress.acceptPoints(device, [good, { ...good, timeMs: now, lat: 91 }], "teltonika")
    expect(outcome).toMatchObject({ accepted: 1, rejected: 1, firstRejection: { field: "points[1].lat" } })
    expect(telemetry).toEqual([
      { ...good, orgId: device.orgId, vehicleId: device.vehicleId, deviceId: device.id, receivedAtMs: now },
    ])
    expect(dead).toEqual([
      expect.objectContaining({ source: "teltonika", reason: "FLEET_INGEST_POINT_INVALID" }),
    ])
  })

  it("dead-letters an undecodable frame with its bytes in hex, counted by reason", async () => {
    const { bus, dead } = makeBus()
    const metrics = makeMetrics()
    const ingress = makeDeviceIngress({ bus, metrics, now: () => now })
    await ingress.refuseFrame({
      source: "teltonika",
      deviceId: "356307042441013",
      orgId: null,
      code: "FLEET_INGEST_PAYLOAD_UNDECODABLE",
      message: "CRC mismatch",
      bytes: Uint8Array.from([0, 0, 0, 0, 0xde, 0xad]),
    })
    expect(dead).toEqual([
      {
        atMs: now,
        source: "teltonika",
        deviceId: "356307042441013",
        orgId: null,
        reason: "FLEET_INGEST_PAYLOAD_UNDECODABLE",
        field: null,
        message: "CRC mismatch",
        payload: "00000000dead",
      },
    ])
    expect(await rejectedCount(metrics, "FLEET_INGEST_PAYLOAD_UNDECODABLE")).toBe(1)
  })
})

describe("makeDeviceIngress stamping points in place", () => {
  it("publishes a recorded stream exactly as copying each point into its record did", async () => {
    const { bus, telemetry } = makeBus()
    const ingress = makeDeviceIngress({ bus, metrics: makeMetrics(), now: () => now })
    let seed = 13
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 4294967296
    }
    const maybe = <A>(value: A): A | undefined => (next() < 0.4 ? undefined : value)
    const stream = Array.from({ length: 400 }, (_, i) =>
      Object.fromEntries(
        Object.entries({
          timeMs: now - 400_000 + i * 1000,
          lat: -80 + next() * 160,
          lon: -170 + next() * 340,
          speedMps: maybe(next() * 50),
          headingDeg: maybe(Math.floor(next() * 360)),
          satellites: maybe(Math.floor(next() * 20)),
          odometerM: maybe(next() * 1e8),
          fuelLevelPct: maybe(next() * 100),
          ignition: maybe(next() < 0.5),
          dtc: maybe(["P0301"]),
          attrs: maybe({ io_66: next() * 20 }),
        }).filter(([, v]) => v !== undefined),
      ),
    )
    const expected: string[] = []
    for (let i = 0; i < stream.length; i += 4) {
      const batch = stream.slice(i, i + 4)
      const decoded = validatePoints(batch, now)
      if (!decoded.ok) throw new Error("the recorded stream is valid")
      for (const p of decoded.points)
        expected.push(
          JSON.stringify({
            ...p,
            orgId: device.orgId,
            vehicleId: device.vehicleId,
            deviceId: device.id,
            receivedAtMs: now,
          }),
        )
      if (i % 8 === 0) await ingress.accept(device, Buffer.from(JSON.stringify(batch)), "mqtt")
      else await ingress.acceptPoints(device, batch, "teltonika")
    }
    expect(telemetry.map((r) => JSON.stringify(r))).toEqual(expected)
  })
})
