import { connect, type Socket } from "node:net"
import { type CommandAnswer, encodeAck, encodeFrame, gt06Frames, readFrame } from "@fleetcore/ingest"
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
 * Concox GT06 terminals over real sockets: login, locations, heartbeat and alarm packets with their
 * acknowledgements, positions in ClickHouse and on the live feed, an alarm as an alert, refusals
 * (unknown IMEI, bad CRC) and an online command out and its answer back.
 */
let h: Harness
let admin: ApiClient
let owner: ApiClient
let live: WebSocket
const livePositions: Array<{ vehicleId: string; timeMs: number }> = []
const answers: CommandAnswer[] = []

const IMEI = "864717003283581"
const UNKNOWN_IMEI = "861000000000016"

beforeAll(async () => {
  h = await startHarness(0, { gt06Port: await restartablePort() })
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  await createUser(h.fleet, await demoOrgId(h.fleet), "owner", "owner@gt06.example", "owner-pass-1")
  owner = await login(h.fleet, "owner@gt06.example", "owner-pass-1")
  h.fleet.deviceLinks.listen({ answer: (a) => answers.push(a), online: () => {} })
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

/** A TCP session as a terminal holds it: write, then read exactly the bytes of the answer. */
const session = async () => {
  const socket: Socket = connect(h.fleet.gt06Port as number, "127.0.0.1")
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
  h.fleet.ch.query<{
    t: string
    lat: number
    lon: number
    speed: number
    satellites: number
    ignition: boolean | null
  }>(
    `SELECT toUnixTimestamp64Milli(time) AS t, lat, lon, speed_mps AS speed, satellites, ignition
     FROM positions WHERE vehicle_id = {v:UUID} ORDER BY time`,
    { v: vehicleId },
  )

const LBS = { mcc: 401, mnc: 1, lac: 0x2866, cellId: 0x0eee }
const gps = (timeMs: number, over: { lat?: number; speedKmh?: number; fixed?: boolean } = {}) => ({
  timeMs,
  satellites: 9,
  lat: over.lat ?? 43.25,
  lon: 76.95,
  speedKmh: over.speedKmh ?? 36,
  course: 90,
  fixed: over.fixed ?? true,
  differential: false,
})
const STATUS = {
  relayCut: false,
  gpsTracking: true,
  alarmBits: 0,
  charging: true,
  acc: true,
  armed: false,
  voltageLevel: 5,
  gsmSignal: 4,
  alarmCode: 0,
}

describe("GT06 over TCP", () => {
  it("logs in a provisioned IMEI, stores locations, answers heartbeats and alarms, raises the alarm", async () => {
    const vehicleId = await vehicle("GT6 001")
    const created = await admin.call<{ protocol: string; identifier: string; secret: string | null }>(
      "POST",
      "/api/v1/devices",
      { id: "gt06-1", protocol: "gt06", identifier: IMEI, vehicleId },
    )
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ protocol: "gt06", identifier: IMEI, secret: null })

    const device = await session()
    device.send(gt06Frames.login(IMEI, 1))
    // The document's example answer to a login with serial 1.
    expect((await device.read(10)).toString("hex")).toBe("787805010001d9dc0d0a")
    const t0 = Math.floor((Date.now() - 120_000) / 1000) * 1000
    // Three locations in one write (0x12 twice and a 0x22 with ACC); locations are not answered.
    device.send(
      Buffer.concat([
        gt06Frames.location(gps(t0), LBS, 2),
        gt06Frames.location(gps(t0 + 10_000, { lat: 43.251 }), LBS, 3),
        gt06Frames.location(gps(t0 + 20_000, { lat: 43.252, fixed: false }), LBS, 4, true),
      ]),
    )
    device.send(gt06Frames.status(STATUS, 5))
    expect(await device.read(10)).toEqual(encodeAck(0x13, 5))
    device.send(gt06Frames.alarm(gps(t0 + 30_000, { lat: 43.253 }), LBS, { ...STATUS, alarmCode: 0x01 }, 6))
    expect(await device.read(10)).toEqual(encodeAck(0x16, 6))

    const rows = await eventually(
      async () => {
        const r = await positionsOf(vehicleId)
        return r.length >= 5 ? r : undefined
      },
      20_000,
      "the GT06 positions in ClickHouse",
    )
    const times = rows.map((r) => Number(r.t))
    expect(times.slice(0, 3)).toEqual([t0, t0 + 10_000, t0 + 20_000])
    expect(rows[1]).toMatchObject({ lat: 43.251, lon: 76.95, speed: 10, satellites: 9 })
    // No fix: sent with 0 satellites; the 0x22's ACC is the ignition.
    expect(rows[2]).toMatchObject({ satellites: 0, ignition: true })
    // The heartbeat: a no-fix sample at the last fix, on the device's clock, with the ignition (ACC).
    expect(rows.some((r) => r.satellites === 0 && r.lat === 43.251 && r.ignition === true)).toBe(true)
    expect(times).toContain(t0 + 30_000)
    await eventually(
      async () => (livePositions.some((p) => p.vehicleId === vehicleId) ? true : undefined),
      20_000,
      "the vehicle on the live feed",
    )
    const alerts = await eventually(
      async () => {
        const r = await admin.call<{ items: Array<{ type: string; key: string; severity: string }> }>(
          "GET",
          `/api/v1/alerts?vehicleId=${vehicleId}`,
        )
        return r.body.items.length > 0 ? r.body.items : undefined
      },
      20_000,
      "the SOS alert",
    )
    expect(alerts).toEqual([
      expect.objectContaining({ type: "device_alarm", key: "sos", severity: "critical" }),
    ])

    // An online command through the device's link arrives as a 0x80 frame; the answer comes back.
    const link = h.fleet.deviceLinks.linkOf("gt06-1")
    expect(link?.protocol).toBe("gt06")
    expect(link?.send("RELAY,1#")).toBe(true)
    const header = await device.read(3)
    const rest = await device.read((header[2] ?? 0) + 2)
    const command = readFrame(Buffer.concat([header, rest]), 4096)
    expect(command.kind).toBe("frame")
    if (command.kind !== "frame") return
    expect(command.frame.protocol).toBe(0x80)
    const content = Buffer.from(command.frame.content)
    expect(content.subarray(5, 5 + 8).toString("ascii")).toBe("RELAY,1#")
    const serverFlag = content.readUInt32BE(1)
    device.send(gt06Frames.commandAnswer("Cut off the fuel supply: Success!", serverFlag, 7))
    await eventually(async () => (answers.length > 0 ? true : undefined), 10_000, "the command's answer")
    expect(answers[0]).toMatchObject({ deviceId: "gt06-1", text: "Cut off the fuel supply: Success!" })
    device.end()
    await eventually(
      async () => (h.fleet.deviceLinks.linkOf("gt06-1") === undefined ? true : undefined),
      5_000,
      "the link withdrawn when the terminal disconnects",
    )
  })

  it("answers a bad CRC with nothing, dead-letters it in hex and stores nothing; the resent frame is taken", async () => {
    const vehicleId = await vehicle("GT6 002")
    const imei = "352099001761481"
    expect(
      (
        await admin.call("POST", "/api/v1/devices", {
          id: "gt06-2",
          protocol: "gt06",
          identifier: imei,
          vehicleId,
        })
      ).status,
    ).toBe(201)
    const device = await session()
    device.send(gt06Frames.login(imei, 1))
    expect((await device.read(10)).subarray(0, 4).toString("hex")).toBe("78780501")
    const alarm = gt06Frames.alarm(
      gps(Date.now() - 60_000 - (Date.now() % 1000)),
      LBS,
      { ...STATUS, alarmCode: 2 },
      2,
    )
    const corrupt = Buffer.from(alarm)
    corrupt[10] = (corrupt[10] ?? 0) ^ 0x55
    device.send(corrupt)
    expect(await device.silentFor(1500)).toBe(true)
    expect(device.closed()).toBe(false)
    expect(await positionsOf(vehicleId)).toEqual([])
    const dead = await eventually(
      async () => {
        const r = await h.fleet.ch.query<{ source: string; reason: string; payload: string }>(
          "SELECT source, reason, payload FROM dead_letters WHERE device_id = 'gt06-2'",
        )
        return r.length > 0 ? r : undefined
      },
      20_000,
      "the corrupt frame's dead letter",
    )
    expect(dead[0]).toMatchObject({ source: "gt06", reason: "FLEET_INGEST_PAYLOAD_UNDECODABLE" })
    expect(dead[0]?.payload).toBe(corrupt.toString("hex"))
    device.send(alarm)
    expect(await device.read(10)).toEqual(encodeAck(0x16, 2))
    device.end()
    await eventually(async () => ((await positionsOf(vehicleId)).length === 1 ? true : undefined))
  })

  it("does not answer an unknown IMEI, closes the connection and lists it for the owner", async () => {
    const device = await session()
    device.send(gt06Frames.login(UNKNOWN_IMEI, 1))
    await eventually(async () => (device.closed() ? true : undefined), 5_000, "the refused connection closed")
    expect((await device.read(1, 100)).byteLength).toBe(0)
    const listed = await owner.call<{
      items: Array<{ protocol: string; identifier: string; count: number }>
    }>("GET", "/api/v1/devices/unknown?protocol=gt06")
    expect(listed.status).toBe(200)
    expect(listed.body.items).toEqual([
      expect.objectContaining({ protocol: "gt06", identifier: UNKNOWN_IMEI, count: 1 }),
    ])
    const bad = await admin.call<{ error: { code: string; field: string } }>("POST", "/api/v1/devices", {
      id: "gt06-bad",
      protocol: "gt06",
      identifier: "861000000000017",
    })
    expect([bad.status, bad.body.error.code, bad.body.error.field]).toEqual([
      400,
      "FLEET_DEVICE_INVALID",
      "identifier",
    ])
  })

  it("closes on a frame before the login, skips an unhandled protocol number, closes on an oversized frame", async () => {
    const early = await session()
    early.send(gt06Frames.status(STATUS, 1))
    await eventually(async () => (early.closed() ? true : undefined), 5_000, "closed: no login first")

    const vehicleId = await vehicle("GT6 003")
    const imei = "861000000000024"
    expect(
      (
        await admin.call("POST", "/api/v1/devices", {
          id: "gt06-3",
          protocol: "gt06",
          identifier: imei,
          vehicleId,
        })
      ).status,
    ).toBe(201)
    const device = await session()
    device.send(gt06Frames.login(imei, 1))
    expect(await device.read(10)).toEqual(encodeAck(0x01, 1))
    // 0x94 (information transmission) is well framed but not read: dead-lettered, not answered.
    const info = encodeFrame(0x94, Buffer.from("0004", "hex"), 2)
    device.send(info)
    device.send(gt06Frames.status(STATUS, 3))
    expect(await device.read(10)).toEqual(encodeAck(0x13, 3))
    const dead = await eventually(
      async () => {
        const r = await h.fleet.ch.query<{ payload: string }>(
          "SELECT payload FROM dead_letters WHERE device_id = 'gt06-3'",
        )
        return r.length > 0 ? r : undefined
      },
      20_000,
      "the unhandled frame's dead letter",
    )
    expect(dead.map((d) => d.payload)).toEqual([info.toString("hex")])
    // A time check is answered with the server's UTC time.
    device.send(encodeFrame(0x8a, Buffer.alloc(0), 4))
    const time = readFrame(await device.read(16), 4096)
    expect(time).toMatchObject({ kind: "frame", frame: { protocol: 0x8a, serial: 4 } })
    if (time.kind === "frame") expect(time.frame.content[0]).toBe(new Date().getUTCFullYear() - 2000)
    // A 0x7979 frame declaring 60,000 bytes is refused from its header.
    device.send(Buffer.from("7979ea6013", "hex"))
    await eventually(async () => (device.closed() ? true : undefined), 5_000, "closed: oversized frame")
  })
})
