import { once } from "node:events"
import { connect as connectTcp, type Socket } from "node:net"
import { makeLog, makeMetrics } from "@fleetcore/platform"
import type { DeviceId, OrgId, VehicleId } from "@fleetcore/proto"
import mqtt from "mqtt"
import { generate, type Packet, parser } from "mqtt-packet"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import WebSocket from "ws"
import { makeDeviceLinks } from "../src/commands/DeviceLinks.js"
import type { AuthenticatedDevice, DeviceAuthenticator, DeviceIngress } from "../src/DeviceIngress.js"
import { type MqttBroker, startMqttBroker } from "../src/MqttBroker.js"
import { MAX_CONNECT_BYTES, MAX_PACKET_BYTES } from "../src/mqtt/packetLimits.js"

const DEVICE = "dev-limits"
const SECRET = "s3cret"
const TELEMETRY = `fleet/v1/devices/${DEVICE}/telemetry`
const DEVICE_RECORD: AuthenticatedDevice = {
  id: DEVICE as DeviceId,
  orgId: "3f1d2c4b-5a69-4788-9a0b-1c2d3e4f5a6b" as OrgId,
  vehicleId: "9e8d7c6b-5a49-4382-8170-6f5e4d3c2b1a" as VehicleId,
}
/** What authentication waits for (a test holds it to see what is read meanwhile). */
let authGate: Promise<void> = Promise.resolve()
const auth: DeviceAuthenticator = {
  authenticate: async (id, secret) => {
    await authGate
    return id === DEVICE && secret === SECRET
      ? { ok: true, device: DEVICE_RECORD }
      : { ok: false, reason: "invalid" as const }
  },
  stillAllowed: async (id) => id === DEVICE,
}

let broker: MqttBroker
let metrics: ReturnType<typeof makeMetrics>
let payloadSizes: number[]
const sockets: Socket[] = []
const links = makeDeviceLinks()

beforeEach(async () => {
  authGate = Promise.resolve()
  payloadSizes = []
  metrics = makeMetrics()
  const ingress: DeviceIngress = {
    accept: async (_device, payload) => {
      payloadSizes.push(payload.byteLength)
      return { accepted: 1, rejected: 0, firstRejection: null }
    },
  }
  broker = await startMqttBroker({
    host: "127.0.0.1",
    port: 0,
    wsPort: 0,
    auth,
    ingress,
    log: makeLog("silent"),
    metrics,
    links,
  })
})
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await broker.close()
})

const refusals = async (reason: string): Promise<number> => {
  const metric = await metrics.registry.getSingleMetric("fleet_ingest_refusals_total")?.get()
  return (metric?.values ?? []).filter((v) => v.labels.reason === reason).reduce((sum, v) => sum + v.value, 0)
}

/** A Variable Byte Integer (MQTT 1.5.5), for fixed headers that announce a size without the body. */
const varint = (value: number): Buffer => {
  const bytes: number[] = []
  let rest = value
  do {
    let byte = rest % 128
    rest = Math.floor(rest / 128)
    if (rest > 0) byte |= 0x80
    bytes.push(byte)
  } while (rest > 0)
  return Buffer.from(bytes)
}

const raw = async (protocolVersion: 4 | 5) => {
  const socket = connectTcp(broker.port, "127.0.0.1")
  sockets.push(socket)
  socket.on("error", () => {}) // writes after the server closed: EPIPE / ECONNRESET
  await once(socket, "connect")
  const received: Packet[] = []
  const reader = parser({ protocolVersion })
  reader.on("packet", (packet: Packet) => received.push(packet))
  socket.on("data", (chunk) => reader.parse(chunk))
  const closedAt = new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now())))
  return { socket, received, closedAt }
}

const connectPacket = (protocolVersion: 4 | 5, password: Buffer | string = SECRET) =>
  generate(
    {
      cmd: "connect",
      protocolId: "MQTT",
      protocolVersion,
      clean: true,
      clientId: DEVICE,
      keepalive: 60,
      username: DEVICE,
      password: Buffer.from(password),
    },
    { protocolVersion },
  )

const publishPacket = (protocolVersion: 4 | 5, payload: Buffer, messageId = 1) =>
  generate(
    { cmd: "publish", topic: TELEMETRY, payload, qos: 1, messageId, dup: false, retain: false },
    { protocolVersion },
  )

const waitFor = async (check: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out")
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe("MQTT packet-size limits, read from the fixed header before buffering", () => {
  it("closes an unauthenticated 3.1.1 connection whose CONNECT announces 250 MB, at once", async () => {
    const client = await raw(4)
    const sentAt = Date.now()
    // A CONNECT fixed header announcing 250 MB, then the start of a real CONNECT body.
    const body = connectPacket(4).subarray(2)
    client.socket.write(Buffer.concat([Buffer.from([0x10]), varint(250_000_000), body]))
    const closedAt = await client.closedAt
    expect(closedAt - sentAt).toBeLessThan(2_000)
    expect(await refusals("FLEET_INGEST_PACKET_TOO_LARGE")).toBe(1)
  })

  it(`refuses a 3.1.1 CONNECT above ${MAX_CONNECT_BYTES} bytes before authenticating it`, async () => {
    const client = await raw(4)
    client.socket.write(connectPacket(4, Buffer.alloc(MAX_CONNECT_BYTES)))
    await client.closedAt
    expect(client.received).toEqual([])
    expect(await refusals("FLEET_INGEST_PACKET_TOO_LARGE")).toBe(1)
  })

  it("closes an authenticated 3.1.1 connection that publishes 10 MB, with no PUBACK and nothing ingested", async () => {
    const client = await raw(4)
    client.socket.write(connectPacket(4))
    await waitFor(() => client.received.some((p) => p.cmd === "connack"))
    client.socket.write(publishPacket(4, Buffer.alloc(10 * 1024 * 1024, 0x20)))
    await client.closedAt
    expect(client.received.map((p) => p.cmd)).toEqual(["connack"])
    expect(payloadSizes).toEqual([])
    expect(await refusals("FLEET_INGEST_PACKET_TOO_LARGE")).toBe(1)
  })

  it("still takes 3.1.1 publishes up to the limit, also pipelined right behind the CONNECT", async () => {
    const client = await raw(4)
    const big = Buffer.alloc(MAX_PACKET_BYTES - 1024, 0x20)
    client.socket.write(Buffer.concat([connectPacket(4), publishPacket(4, Buffer.from("[]"), 1)]))
    client.socket.write(publishPacket(4, big, 2))
    await waitFor(() => client.received.filter((p) => p.cmd === "puback").length === 2)
    expect(payloadSizes).toEqual([2, big.length])
    expect(await refusals("FLEET_INGEST_PACKET_TOO_LARGE")).toBe(0)
  })

  it("reads nothing behind the CONNECT of a device that fails authentication", async () => {
    const client = await raw(4)
    client.socket.write(Buffer.concat([connectPacket(4, "wrong"), publishPacket(4, Buffer.from("[]"))]))
    await client.closedAt
    expect(payloadSizes).toEqual([])
    expect(await refusals("FLEET_INGEST_DEVICE_UNAUTHORIZED")).toBe(1)
  })

  it("handles nothing behind a 3.1.1 CONNECT until it is authenticated, then all of it (200 KB sent meanwhile)", async () => {
    let open = () => {}
    authGate = new Promise((resolve) => {
      open = resolve
    })
    const client = await raw(4)
    client.socket.write(connectPacket(4))
    await new Promise((r) => setTimeout(r, 100))
    // 200 KB of PUBLISHes while authentication is pending (more than one read, and more than the
    // socket buffers): they wait unread, and reading must start again once the device is in.
    const publishes = Array.from({ length: 200 }, (_, i) =>
      publishPacket(4, Buffer.alloc(1_000, 0x20), i + 1),
    )
    client.socket.write(Buffer.concat(publishes))
    await new Promise((r) => setTimeout(r, 200))
    expect(client.received).toEqual([])
    open()
    await waitFor(() => client.received.filter((p) => p.cmd === "puback").length === 200)
    expect(payloadSizes).toHaveLength(200)
    expect(client.socket.destroyed).toBe(false)
  })

  it("answers an MQTT 5 CONNECT above the CONNECT limit with CONNACK 0x95", async () => {
    const client = await raw(5)
    client.socket.write(connectPacket(5, Buffer.alloc(MAX_CONNECT_BYTES)))
    await client.closedAt
    expect(client.received).toMatchObject([{ cmd: "connack", reasonCode: 0x95 }])
    expect(await refusals("FLEET_INGEST_PACKET_TOO_LARGE")).toBe(1)
  })

  it("closes a WebSocket whose frame is larger than the packet limit (1009), before buffering it", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${broker.wsPort}`, "mqtt")
    await once(ws, "open")
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)))
    ws.on("error", () => {})
    ws.send(Buffer.alloc(MAX_PACKET_BYTES + 1024))
    expect(await closed).toBe(1009)
    expect(await refusals("FLEET_INGEST_PACKET_TOO_LARGE")).toBe(1)
  })

  it("closes an authenticated MQTT-over-WebSocket connection that publishes more than the limit", async () => {
    const client = await mqtt.connectAsync(`ws://127.0.0.1:${broker.wsPort}`, {
      clientId: DEVICE,
      username: DEVICE,
      password: SECRET,
      reconnectPeriod: 0,
    })
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()))
    client.on("error", () => {})
    await client.publishAsync(TELEMETRY, Buffer.from("[]"), { qos: 1 })
    void client.publishAsync(TELEMETRY, Buffer.alloc(3 * 1024 * 1024), { qos: 1 }).catch(() => {})
    await closed
    client.end(true)
    expect(payloadSizes).toEqual([2])
    expect(await refusals("FLEET_INGEST_PACKET_TOO_LARGE")).toBe(1)
  })
})

describe("what Aedes carries", () => {
  it("takes telemetry in without Aedes's fan-out, and still delivers commands to the device", async () => {
    const fannedOut: string[] = []
    broker.aedes.on("publish", (packet) => fannedOut.push(packet.topic))
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      clientId: DEVICE,
      username: DEVICE,
      password: SECRET,
      reconnectPeriod: 0,
    })
    try {
      await device.subscribeAsync(`fleet/v1/devices/${DEVICE}/commands`, { qos: 1 })
      await device.publishAsync(TELEMETRY, '{"timeMs":1,"lat":1,"lon":1}', { qos: 1 })
      expect(payloadSizes).toHaveLength(1)
      const received = new Promise<string>((resolve) =>
        device.once("message", (_t, payload) => resolve(String(payload))),
      )
      expect(links.linkOf(DEVICE)?.send('{"id":"c1","text":"ping"}')).toBe(true)
      expect(await received).toBe('{"id":"c1","text":"ping"}')
      // Only the command went through Aedes's publish pipeline ($SYS chatter and telemetry did not).
      await vi.waitFor(() => expect(fannedOut.length).toBeGreaterThan(0))
      expect(fannedOut).toEqual([`fleet/v1/devices/${DEVICE}/commands`])
    } finally {
      await device.endAsync()
    }
  })
})
