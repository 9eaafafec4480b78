import { connect, type Socket } from "node:net"
import { CODEC_8, CODEC_8E, encodeAvlPacket, encodeImeiHandshake } from "@fleetcore/ingest"
import { restartablePort } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import {
  type ApiClient,
  createUser,
  DEMO_PASSWORD,
  demoOrgId,
  eventually,
  type Harness,
  login,
  startHarness,
} from "./harness.js"

/**
 * Real trackers over real sockets: a Teltonika device (IMEI handshake, AVL packets, record-count
 * ACKs) and OsmAnd apps over HTTP, provisioned by identifier; their points land in ClickHouse and
 * on the live feed; unknown identifiers are refused, listed and claimed.
 */
let h: Harness
let admin: ApiClient
let owner: ApiClient
let live: WebSocket
const livePositions: Array<{ vehicleId: string; timeMs: number }> = []

const IMEI = "356307042441013"
const UNKNOWN_IMEI = "490154203237518"

beforeAll(async () => {
  h = await startHarness(0, { teltonikaPort: await restartablePort() })
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  await createUser(h.fleet, await demoOrgId(h.fleet), "owner", "owner@trackers.example", "owner-pass-1")
  owner = await login(h.fleet, "owner@trackers.example", "owner-pass-1")
  live = new WebSocket(`${h.fleet.httpUrl.replace("http", "ws")}/api/v1/live?access_token=${admin.token}`)
  live.on("message", (data) => {
    const m = JSON.parse(String(data)) as { positions?: Array<{ vehicleId: string; timeMs: number }> }
    livePositions.push(...(m.positions ?? []))
  })
  await new Promise((resolve) => live.once("open", resolve))
})
afterAll(async () => {
  live?.close()
  await h?.close()
})

/** A TCP session as a device holds it: write, then read exactly the bytes of the answer. */
const session = async () => {
  const socket: Socket = connect(h.fleet.teltonikaPort as number, "127.0.0.1")
  await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject))
  let received = Buffer.alloc(0)
  let ended = false
  socket.on("data", (chunk: Buffer) => {
    received = Buffer.concat([received, chunk])
  })
  socket.on("close", () => {
    ended = true
  })
  return {
    send: (bytes: Buffer) => socket.write(bytes),
    /** The next `n` bytes, or what came before the connection closed. */
    read: async (n: number, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs
      while (received.byteLength < n && !ended && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20))
      const answer = received.subarray(0, n)
      received = received.subarray(answer.byteLength)
      return answer
    },
    /** Nothing arrives for `ms`. */
    silentFor: async (ms: number) => {
      await new Promise((r) => setTimeout(r, ms))
      return received.byteLength === 0
    },
    closed: () => ended,
    end: () => socket.destroy(),
  }
}

const vehicle = async (plate: string) =>
  (await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: plate, plate })).body.id

const positionsOf = async (vehicleId: string) =>
  h.fleet.ch.query<{ t: string; lat: number; lon: number; speed: number; satellites: number }>(
    `SELECT toUnixTimestamp64Milli(time) AS t, lat, lon, speed_mps AS speed, satellites
     FROM positions WHERE vehicle_id = {v:UUID} ORDER BY time`,
    { v: vehicleId },
  )

const record = (timeMs: number, over: { lat?: number; satellites?: number; speedKmh?: number } = {}) => ({
  timeMs,
  priority: 0,
  lon: 76.95,
  lat: over.lat ?? 43.25,
  altitudeM: 800,
  angleDeg: 90,
  satellites: over.satellites ?? 10,
  speedKmh: over.speedKmh ?? 36,
  eventIoId: 0,
  io: [
    { id: 239, size: 1 as const, value: 1n },
    { id: 66, size: 2 as const, value: 13_900n },
    { id: 16, size: 4 as const, value: 150_000n },
  ],
})

describe("Teltonika over TCP", () => {
  it("accepts a provisioned IMEI, ACKs a packet with its record count once stored, and shows it live", async () => {
    const vehicleId = await vehicle("TLT 001")
    const created = await admin.call<{ protocol: string; identifier: string; secret: string | null }>(
      "POST",
      "/api/v1/devices",
      { id: "fmb920-1", protocol: "teltonika", identifier: IMEI, vehicleId },
    )
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ protocol: "teltonika", identifier: IMEI, secret: null })

    const device = await session()
    device.send(encodeImeiHandshake(IMEI))
    expect([...(await device.read(1))]).toEqual([0x01])
    const t0 = Date.now() - 120_000
    const records = [0, 1, 2].map((i) => record(t0 + i * 10_000, { lat: 43.25 + i * 0.001 }))
    device.send(encodeAvlPacket(CODEC_8E, records))
    expect((await device.read(4)).readUInt32BE(0)).toBe(3)
    // A second packet on the same connection, Codec 8, with a no-fix record.
    device.send(encodeAvlPacket(CODEC_8, [record(t0 + 40_000, { satellites: 0, speedKmh: 0 })]))
    expect((await device.read(4)).readUInt32BE(0)).toBe(1)
    device.end()

    const rows = await eventually(
      async () => {
        const r = await positionsOf(vehicleId)
        return r.length === 4 ? r : undefined
      },
      20_000,
      "four positions in ClickHouse",
    )
    expect(rows.map((r) => Number(r.t))).toEqual([t0, t0 + 10_000, t0 + 20_000, t0 + 40_000])
    expect(rows[1]).toMatchObject({ lat: 43.251, lon: 76.95, speed: 10, satellites: 10 })
    expect(rows[3]).toMatchObject({ satellites: 0 })
    await eventually(
      async () => (livePositions.some((p) => p.vehicleId === vehicleId) ? true : undefined),
      20_000,
      "the vehicle on the live feed",
    )
  })

  it("answers a bad CRC with no ACK and stores nothing; the resent packet is ACKed", async () => {
    const vehicleId = await vehicle("TLT 002")
    const created = await admin.call("POST", "/api/v1/devices", {
      id: "fmb920-2",
      protocol: "teltonika",
      identifier: "358480081523997",
      vehicleId,
    })
    expect(created.status).toBe(201)
    const device = await session()
    device.send(encodeImeiHandshake("358480081523997"))
    expect([...(await device.read(1))]).toEqual([0x01])
    const packet = encodeAvlPacket(CODEC_8, [record(Date.now() - 60_000)])
    const corrupt = Buffer.from(packet)
    corrupt[20] = (corrupt[20] ?? 0) ^ 0x55
    device.send(corrupt)
    expect(await device.silentFor(1500)).toBe(true)
    expect(device.closed()).toBe(false)
    expect(await positionsOf(vehicleId)).toEqual([])
    const dead = await eventually(
      async () => {
        const r = await h.fleet.ch.query<{ source: string; reason: string; payload: string }>(
          "SELECT source, reason, payload FROM dead_letters WHERE device_id = 'fmb920-2'",
        )
        return r.length > 0 ? r : undefined
      },
      20_000,
      "the corrupt packet's dead letter",
    )
    expect(dead[0]).toMatchObject({ source: "teltonika", reason: "FLEET_INGEST_PAYLOAD_UNDECODABLE" })
    expect(dead[0]?.payload).toBe(corrupt.toString("hex"))
    device.send(packet)
    expect((await device.read(4)).readUInt32BE(0)).toBe(1)
    device.end()
    await eventually(async () => ((await positionsOf(vehicleId)).length === 1 ? true : undefined))
  })

  it("refuses an unknown IMEI with 0x00, lists it for the owner, and accepts it once claimed", async () => {
    const device = await session()
    device.send(encodeImeiHandshake(UNKNOWN_IMEI))
    expect([...(await device.read(1))]).toEqual([0x00])
    await eventually(async () => (device.closed() ? true : undefined), 5_000, "the refused connection closed")

    const listed = await owner.call<{
      items: Array<{ protocol: string; identifier: string; count: number }>
    }>("GET", "/api/v1/devices/unknown?protocol=teltonika")
    expect(listed.status).toBe(200)
    expect(listed.body.items).toEqual([
      expect.objectContaining({ protocol: "teltonika", identifier: UNKNOWN_IMEI, count: 1 }),
    ])
    // An organisation's admin does not see the installation's unknown devices.
    expect((await admin.call("GET", "/api/v1/devices/unknown")).status).toBe(403)

    const vehicleId = await vehicle("TLT 003")
    const claimed = await owner.call<{ id: string; protocol: string; identifier: string }>(
      "POST",
      "/api/v1/devices/unknown/claim",
      { protocol: "teltonika", identifier: UNKNOWN_IMEI, vehicleId },
    )
    expect(claimed.status).toBe(201)
    expect(claimed.body).toMatchObject({ id: UNKNOWN_IMEI, protocol: "teltonika", identifier: UNKNOWN_IMEI })
    expect(
      (await owner.call<{ items: unknown[] }>("GET", "/api/v1/devices/unknown?protocol=teltonika")).body
        .items,
    ).toEqual([])
    const again = await session()
    again.send(encodeImeiHandshake(UNKNOWN_IMEI))
    expect([...(await again.read(1))]).toEqual([0x01])
    again.end()
  })

  it("validates identifiers per protocol with precise 400s and keeps an IMEI unique", async () => {
    const bad = await admin.call<{ error: { code: string; field: string } }>("POST", "/api/v1/devices", {
      id: "bad-imei",
      protocol: "teltonika",
      identifier: "356307042441014",
    })
    expect([bad.status, bad.body.error.code, bad.body.error.field]).toEqual([
      400,
      "FLEET_DEVICE_INVALID",
      "identifier",
    ])
    const missing = await admin.call<{ error: { field: string } }>("POST", "/api/v1/devices", {
      id: "no-imei",
      protocol: "teltonika",
    })
    expect([missing.status, missing.body.error.field]).toEqual([400, "identifier"])
    const twice = await admin.call<{ error: { code: string } }>("POST", "/api/v1/devices", {
      id: "fmb920-copy",
      protocol: "teltonika",
      identifier: IMEI,
    })
    expect([twice.status, twice.body.error.code]).toEqual([409, "FLEET_DEVICE_IDENTIFIER_TAKEN"])
    const rotate = await admin.call<{ error: { code: string } }>("POST", "/api/v1/devices/fmb920-1/secret")
    expect([rotate.status, rotate.body.error.code]).toEqual([409, "FLEET_DEVICE_HAS_NO_SECRET"])
  })
})

describe("OsmAnd over HTTP", () => {
  it("stores a query-string request (speed in knots, timestamp in seconds) and a JSON one", async () => {
    const vehicleId = await vehicle("OSM 001")
    const created = await admin.call("POST", "/api/v1/devices", {
      id: "phone-1",
      protocol: "osmand",
      identifier: "814602",
      vehicleId,
    })
    expect(created.status).toBe(201)
    const seconds = Math.floor(Date.now() / 1000) - 300
    const query = await fetch(
      `${h.fleet.httpUrl}/osmand?id=814602&timestamp=${seconds}&lat=43.2389&lon=76.8897&speed=10&bearing=92&altitude=780&accuracy=5&batt=81&ignition=true&custom=7`,
      { method: "POST" },
    )
    expect([query.status, await query.json()]).toEqual([200, { accepted: 1, rejected: 0 }])
    const json = await fetch(`${h.fleet.httpUrl}/osmand`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        device_id: "814602",
        location: {
          timestamp: new Date((seconds + 60) * 1000).toISOString(),
          coords: {
            latitude: 43.24,
            longitude: 76.89,
            speed: 12.5,
            heading: 180,
            altitude: 781,
            accuracy: 4,
          },
          is_moving: true,
          battery: { level: 0.8, is_charging: false },
        },
      }),
    })
    expect([json.status, await json.json()]).toEqual([200, { accepted: 1, rejected: 0 }])
    const rows = await eventually(
      async () => {
        const r = await positionsOf(vehicleId)
        return r.length === 2 ? r : undefined
      },
      20_000,
      "the OsmAnd positions",
    )
    expect(rows.map((r) => Number(r.t))).toEqual([seconds * 1000, (seconds + 60) * 1000])
    expect(rows[0]?.speed).toBeCloseTo(5.144, 3)
    expect(rows[1]).toMatchObject({ lat: 43.24, lon: 76.89, speed: 12.5 })
  })

  it("refuses an unknown id (listed) and a malformed request with the field at fault", async () => {
    const unknown = await fetch(`${h.fleet.httpUrl}/osmand?id=stranger-phone&lat=43.2&lon=76.9`)
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      "FLEET_INGEST_DEVICE_UNKNOWN",
    )
    const listed = await owner.call<{ items: Array<{ identifier: string }> }>(
      "GET",
      "/api/v1/devices/unknown?protocol=osmand",
    )
    expect(listed.body.items.map((i) => i.identifier)).toEqual(["stranger-phone"])
    const bad = await fetch(`${h.fleet.httpUrl}/osmand?id=814602&lat=north&lon=76.9`)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string; field: string } }).error).toMatchObject({
      code: "FLEET_INGEST_OSMAND_INVALID",
      field: "lat",
    })
  })
})
