import { once } from "node:events"
import { type AddressInfo, connect as connectTcp, createServer, type Server, type Socket } from "node:net"
import type { DeviceId, OrgId, VehicleId } from "@fleetcore/proto"
import { type IPublishPacket as ClientPublish, connect, type MqttClient } from "mqtt"
import { generate, type IConnackPacket, type IConnectPacket, type Packet, parser } from "mqtt-packet"
import { afterEach, describe, expect, it } from "vitest"
import type {
  AuthenticatedDevice,
  DeviceAuthenticator,
  DeviceIngress,
  IngestOutcome,
} from "../src/DeviceIngress.js"
import { type Mqtt5Deps, serveMqtt5 } from "../src/mqtt5/Mqtt5Session.js"
import { makeMqtt5SessionRegistry } from "../src/mqtt5/sessionRegistry.js"

const DEVICE = "dev-001"
const SECRET = "s3cret"
const TELEMETRY = `fleet/v1/devices/${DEVICE}/telemetry`
const COMMANDS = `fleet/v1/devices/${DEVICE}/commands`
const DEVICE_RECORD: AuthenticatedDevice = {
  id: DEVICE as DeviceId,
  orgId: "3f1d2c4b-5a69-4788-9a0b-1c2d3e4f5a6b" as OrgId,
  vehicleId: "9e8d7c6b-5a49-4382-8170-6f5e4d3c2b1a" as VehicleId,
}

// ---- test doubles behind the real interfaces ---------------------------------------------------

const auth: DeviceAuthenticator = {
  authenticate: async (id, secret) =>
    id === DEVICE && secret === SECRET
      ? { ok: true, device: DEVICE_RECORD }
      : id === "throttled"
        ? { ok: false, reason: "throttled", retryAfterMs: 30_000 }
        : { ok: false, reason: "invalid" },
  stillAllowed: async (id) => id === DEVICE,
}

interface IngestCall {
  readonly device: AuthenticatedDevice
  readonly payload: Buffer
  readonly source: string
  readonly contentType: string | undefined
}

/** Records every call; payload "bad" is refused whole, "partial" in part, "boom" throws. */
const makeIngress = () => {
  const calls: IngestCall[] = []
  let gate: Promise<void> | null = null
  let open: () => void = () => {}
  const ingress: DeviceIngress = {
    accept: async (device, payload, source, contentType) => {
      calls.push({ device, payload: Buffer.from(payload), source, contentType })
      if (gate !== null) await gate
      const text = Buffer.from(payload).toString("utf8")
      if (text === "boom") throw new Error("bus closed")
      if (text === "bad") {
        return {
          accepted: 0,
          rejected: 1,
          firstRejection: {
            code: "FLEET_INGEST_PAYLOAD_INVALID",
            field: null,
            message: "payload is not JSON",
          },
        } satisfies IngestOutcome
      }
      if (text === "partial") {
        return {
          accepted: 8,
          rejected: 2,
          firstRejection: {
            code: "FLEET_INGEST_POINT_INVALID",
            field: "points[3].lat",
            message: "out of range",
          },
        } satisfies IngestOutcome
      }
      return { accepted: 1, rejected: 0, firstRejection: null } satisfies IngestOutcome
    },
  }
  return {
    ingress,
    calls,
    /** Holds every ingest call until `release` (a full bus). */
    hold: () => {
      gate = new Promise((resolve) => {
        open = resolve
      })
    },
    release: () => {
      gate = null
      open()
    },
  }
}

interface BrokerPacket {
  topic: string
  payload: Buffer | string
  qos: number
  properties?: NonNullable<ClientPublish["properties"]>
  messageExpiry?: number
}
type Deliver = (packet: BrokerPacket, cb: () => void) => void

/** Publish-to-subscribers like Aedes' mqemitter: one delivery at a time, each waits for its callback. */
const makeBroker = () => {
  const subscribers = new Map<string, Set<Deliver>>()
  return {
    subscribe: (topic: string, deliver: Deliver, done: () => void) => {
      const set = subscribers.get(topic) ?? new Set<Deliver>()
      set.add(deliver)
      subscribers.set(topic, set)
      setImmediate(done)
    },
    unsubscribe: (topic: string, deliver: Deliver, done: () => void) => {
      subscribers.get(topic)?.delete(deliver)
      setImmediate(done)
    },
    publish: async (topic: string, payload: Buffer | string, qos = 1, extra: Partial<BrokerPacket> = {}) => {
      for (const deliver of subscribers.get(topic) ?? []) {
        await new Promise<void>((resolve) => deliver({ topic, payload, qos, ...extra }, resolve))
      }
    },
    count: (topic: string) => subscribers.get(topic)?.size ?? 0,
  }
}

const silentLog = { info: () => {}, warn: () => {}, debug: () => {} }

// ---- harness -----------------------------------------------------------------------------------

interface Running {
  readonly port: number
  readonly ingest: ReturnType<typeof makeIngress>
  readonly broker: ReturnType<typeof makeBroker>
  readonly connected: string[]
}

const servers: Server[] = []
const clients: MqttClient[] = []
const sockets: Socket[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.end(true)
  for (const socket of sockets.splice(0)) socket.destroy()
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

const startServer = async (overrides: Partial<Mqtt5Deps> = {}): Promise<Running> => {
  const ingest = makeIngress()
  const broker = makeBroker()
  const connected: string[] = []
  const deps: Mqtt5Deps = {
    auth,
    ingress: ingest.ingress,
    broker,
    log: silentLog,
    maxKeepAliveS: 600,
    connectTimeoutMs: 5_000,
    onConnected: (deviceId) => connected.push(deviceId),
    ...overrides,
  }
  const server = createServer((socket) => serveMqtt5(socket, deps))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return { port: (server.address() as AddressInfo).port, ingest, broker, connected }
}

/** An mqtt.js v5 client; resolves with it and its CONNACK. */
const connectClient = async (port: number, options: { password?: string; clientId?: string } = {}) => {
  const client = connect(`mqtt://127.0.0.1:${port}`, {
    protocolVersion: 5,
    clientId: options.clientId ?? DEVICE,
    username: DEVICE,
    password: options.password ?? SECRET,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
  })
  clients.push(client)
  const connack = await new Promise<IConnackPacket>((resolve, reject) => {
    client.once("connect", resolve)
    client.once("error", reject)
  })
  return { client, connack }
}

/** A raw TCP client speaking MQTT 5 through mqtt-packet, for what mqtt.js will not send. */
const rawClient = async (port: number) => {
  const socket = connectTcp(port, "127.0.0.1")
  sockets.push(socket)
  await once(socket, "connect")
  const received: Packet[] = []
  const waiters: Array<() => void> = []
  const reader = parser({ protocolVersion: 5 })
  reader.on("packet", (packet: Packet) => {
    received.push(packet)
    for (const wake of waiters.splice(0)) wake()
  })
  socket.on("data", (chunk) => reader.parse(chunk))
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()))
  const encode = (packet: Packet) => generate(packet, { protocolVersion: 5 })
  return {
    socket,
    closed,
    received,
    encode,
    send: (...packets: Packet[]) => socket.write(Buffer.concat(packets.map(encode))),
    /** The next packet of that kind (waiting up to `ms`). */
    next: async <C extends Packet["cmd"]>(cmd: C, ms = 3_000): Promise<Extract<Packet, { cmd: C }>> => {
      const deadline = Date.now() + ms
      for (;;) {
        const index = received.findIndex((packet) => packet.cmd === cmd)
        if (index >= 0) return received.splice(index, 1)[0] as Extract<Packet, { cmd: C }>
        if (Date.now() > deadline) throw new Error(`no ${cmd} within ${ms} ms`)
        await Promise.race([new Promise<void>((wake) => waiters.push(wake)), closed, delay(50)])
      }
    },
  }
}

const connectPacket = (overrides: Partial<IConnectPacket> = {}): IConnectPacket => ({
  cmd: "connect",
  protocolId: "MQTT",
  protocolVersion: 5,
  clean: true,
  clientId: DEVICE,
  username: DEVICE,
  password: Buffer.from(SECRET),
  keepalive: 60,
  ...overrides,
})

const publishPacket = (overrides: Partial<ClientPublish> = {}): Packet => ({
  cmd: "publish",
  topic: TELEMETRY,
  payload: Buffer.from("{}"),
  qos: 1,
  messageId: 1,
  dup: false,
  retain: false,
  ...overrides,
})

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Waits until `condition` holds, polling, for at most `ms`. */
const until = async (condition: () => boolean, ms = 3_000) => {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`)
    await delay(10)
  }
}

/** Connects a raw client and waits for its CONNACK. */
const rawConnected = async (port: number, overrides: Partial<IConnectPacket> = {}) => {
  const raw = await rawClient(port)
  raw.send(connectPacket(overrides))
  const connack = await raw.next("connack")
  expect(connack.reasonCode).toBe(0)
  return { raw, connack }
}

/** Ends the test's wait for a close within `ms`, or fails. */
const closedWithin = (closed: Promise<void>, ms: number) =>
  Promise.race([closed.then(() => "closed"), delay(ms).then(() => "still open")])

// ---- CONNECT -----------------------------------------------------------------------------------

describe("MQTT 5 CONNECT", () => {
  it("accepts the device's credentials and states the server's limits in CONNACK", async () => {
    const server = await startServer()
    const { connack } = await connectClient(server.port)
    expect(connack.reasonCode).toBe(0)
    expect(connack.sessionPresent).toBe(false)
    expect(connack.properties).toMatchObject({
      receiveMaximum: 100,
      maximumQoS: 1,
      retainAvailable: false,
      wildcardSubscriptionAvailable: false,
      sharedSubscriptionAvailable: false,
      topicAliasMaximum: 16,
    })
    expect(connack.properties?.serverKeepAlive).toBeUndefined() // mqtt.js asks for 60 s, below 600
    expect(server.connected).toEqual([DEVICE])
  })

  it("refuses a wrong secret with 0x86 Bad User Name or Password", async () => {
    const server = await startServer()
    await expect(connectClient(server.port, { password: "wrong" })).rejects.toMatchObject({ code: 0x86 })
    expect(server.connected).toEqual([])
  })

  it("refuses an unknown device and a missing password with 0x86, then closes", async () => {
    const server = await startServer()
    const unknown = await rawClient(server.port)
    unknown.send(connectPacket({ username: "dev-999", clientId: "dev-999" }))
    expect((await unknown.next("connack")).reasonCode).toBe(0x86)
    await unknown.closed
    const noPassword = await rawClient(server.port)
    const { password: _omitted, ...withoutPassword } = connectPacket()
    noPassword.send(withoutPassword)
    expect((await noPassword.next("connack")).reasonCode).toBe(0x86)
    await noPassword.closed
  })

  it("refuses a client id other than the device id with 0x85", async () => {
    const server = await startServer()
    await expect(connectClient(server.port, { clientId: "someone-else" })).rejects.toMatchObject({
      code: 0x85,
    })
  })

  it("assigns the device id to an empty client id and answers a session expiry with 0", async () => {
    const server = await startServer()
    const { connack } = await rawConnected(server.port, {
      clientId: "",
      properties: { sessionExpiryInterval: 3600 },
    })
    expect(connack.properties?.assignedClientIdentifier).toBe(DEVICE)
    expect(connack.properties?.sessionExpiryInterval).toBe(0)
  })

  it("lowers a keep alive above the limit, and 'none' (0), with Server Keep Alive", async () => {
    const server = await startServer({ maxKeepAliveS: 30 })
    expect((await rawConnected(server.port, { keepalive: 120 })).connack.properties?.serverKeepAlive).toBe(30)
    expect((await rawConnected(server.port, { keepalive: 0 })).connack.properties?.serverKeepAlive).toBe(30)
  })

  it("closes a connection that sends no CONNECT in time", async () => {
    const server = await startServer({ connectTimeoutMs: 150 })
    const raw = await rawClient(server.port)
    expect(await closedWithin(raw.closed, 2_000)).toBe("closed")
    expect(raw.received).toEqual([])
  })

  it("answers a second CONNECT with DISCONNECT 0x82 Protocol Error", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port)
    raw.send(connectPacket())
    expect((await raw.next("disconnect")).reasonCode).toBe(0x82)
    await raw.closed
  })

  it("closes every registered session with DISCONNECT 0x8B when the server stops", async () => {
    const sessions = makeMqtt5SessionRegistry()
    const server = await startServer({ sessions })
    const { raw } = await rawConnected(server.port)
    sessions.closeAll()
    expect((await raw.next("disconnect")).reasonCode).toBe(0x8b)
    await raw.closed
  })

  it("lets a new connection of the same device take over the old one (0x8E)", async () => {
    const server = await startServer({ sessions: makeMqtt5SessionRegistry() })
    const first = await rawConnected(server.port)
    await rawConnected(server.port)
    expect((await first.raw.next("disconnect")).reasonCode).toBe(0x8e)
    await first.raw.closed
  })
})

// ---- PUBLISH -----------------------------------------------------------------------------------

describe("MQTT 5 PUBLISH", () => {
  it("hands the exact bytes of a QoS 1 publish to ingress, with its content type, before the PUBACK", async () => {
    const server = await startServer()
    const { client } = await connectClient(server.port)
    const payload = Buffer.from([0x0a, 0x03, 0xff, 0x00, 0x80, 0x7f])
    await client.publishAsync(TELEMETRY, payload, {
      qos: 1,
      properties: { contentType: "application/x-protobuf" },
    })
    expect(server.ingest.calls).toHaveLength(1)
    const [call] = server.ingest.calls
    expect(call?.payload.equals(payload)).toBe(true)
    expect(call?.device).toEqual(DEVICE_RECORD)
    expect(call?.source).toBe("mqtt")
    expect(call?.contentType).toBe("application/x-protobuf")
  })

  it("refuses another device's topic with PUBACK 0x87 and passes nothing to ingress", async () => {
    const server = await startServer()
    const { client } = await connectClient(server.port)
    await expect(
      client.publishAsync("fleet/v1/devices/dev-002/telemetry", "{}", { qos: 1 }),
    ).rejects.toMatchObject({ code: 0x87 })
    await expect(client.publishAsync("anything/else", "{}", { qos: 1 })).rejects.toMatchObject({ code: 0x87 })
    await client.publishAsync("fleet/v1/devices/dev-002/telemetry", "{}", { qos: 0 })
    await client.publishAsync(TELEMETRY, "{}", { qos: 1 }) // in order after the QoS 0 one
    expect(server.ingest.calls.map((call) => call.payload.toString())).toEqual(["{}"])
  })

  it("answers a payload refused whole with 0x99 and the rejection as Reason String", async () => {
    const server = await startServer()
    const { client } = await connectClient(server.port)
    const acks: Packet[] = []
    client.on("packetreceive", (packet) => (packet.cmd === "puback" ? acks.push(packet) : undefined))
    await expect(client.publishAsync(TELEMETRY, "bad", { qos: 1 })).rejects.toMatchObject({ code: 0x99 })
    expect(acks[0]).toMatchObject({
      reasonCode: 0x99,
      properties: {
        reasonString: "payload is not JSON",
        userProperties: { code: "FLEET_INGEST_PAYLOAD_INVALID" },
      },
    })
  })

  it("leaves Reason String and User Property out when the client asked for no problem information", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port, { properties: { requestProblemInformation: false } })
    raw.send(publishPacket({ payload: Buffer.from("bad") }))
    const ack = await raw.next("puback")
    expect(ack.reasonCode).toBe(0x99)
    expect(ack.properties).toBeUndefined()
  })

  it("acknowledges a partly refused payload as success with the count as Reason String", async () => {
    const server = await startServer()
    const { client } = await connectClient(server.port)
    const acks: Packet[] = []
    client.on("packetreceive", (packet) => (packet.cmd === "puback" ? acks.push(packet) : undefined))
    await client.publishAsync(TELEMETRY, "partial", { qos: 1 })
    expect(acks[0]).toMatchObject({
      reasonCode: 0,
      properties: { reasonString: "2 of 10 points rejected: points[3].lat: out of range" },
    })
  })

  it("answers 0x80 Unspecified error when ingress fails, never a silent success", async () => {
    const server = await startServer()
    const { client } = await connectClient(server.port)
    await expect(client.publishAsync(TELEMETRY, "boom", { qos: 1 })).rejects.toMatchObject({ code: 0x80 })
  })

  it("resolves topic aliases set by the device", async () => {
    const server = await startServer()
    const { client } = await connectClient(server.port)
    await client.publishAsync(TELEMETRY, "first", { qos: 1, properties: { topicAlias: 3 } })
    await client.publishAsync("", "second", { qos: 1, properties: { topicAlias: 3 } })
    expect(server.ingest.calls.map((call) => call.payload.toString())).toEqual(["first", "second"])
  })

  it("disconnects with 0x94 on a topic alias above the maximum, 0x82 on an unmapped one", async () => {
    const server = await startServer()
    const tooHigh = (await rawConnected(server.port)).raw
    tooHigh.send(publishPacket({ properties: { topicAlias: 17 } }))
    expect((await tooHigh.next("disconnect")).reasonCode).toBe(0x94)
    await tooHigh.closed
    const unmapped = (await rawConnected(server.port)).raw
    unmapped.send(publishPacket({ topic: "", properties: { topicAlias: 2 } }))
    expect((await unmapped.next("disconnect")).reasonCode).toBe(0x82)
    await unmapped.closed
    expect(server.ingest.calls).toHaveLength(0)
  })

  it("disconnects with 0x9B on a QoS 2 publish (Maximum QoS 1)", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port)
    raw.send(publishPacket({ qos: 2 }))
    expect((await raw.next("disconnect")).reasonCode).toBe(0x9b)
    await raw.closed
    expect(server.ingest.calls).toHaveLength(0)
  })

  it("handles one publish at a time: the next waits until ingress settles the first", async () => {
    const server = await startServer()
    const { client } = await connectClient(server.port)
    server.ingest.hold()
    const first = client.publishAsync(TELEMETRY, "one", { qos: 1 })
    await until(() => server.ingest.calls.length === 1)
    const second = client.publishAsync(TELEMETRY, "two", { qos: 1 })
    await delay(200)
    expect(server.ingest.calls.map((call) => call.payload.toString())).toEqual(["one"])
    server.ingest.release()
    await Promise.all([first, second])
    expect(server.ingest.calls.map((call) => call.payload.toString())).toEqual(["one", "two"])
  })

  it("stops reading the socket while ingress holds a publish (backpressure)", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port)
    server.ingest.hold()
    raw.send(publishPacket({ payload: Buffer.from("held") }))
    await until(() => server.ingest.calls.length === 1)
    // 32 MiB of QoS 0 publishes: more than the kernel buffers hold, so what the server does not
    // read stays in the client's own write buffer.
    const flood = raw.encode(publishPacket({ qos: 0, payload: Buffer.alloc(256 * 1024, 1) }))
    for (let i = 0; i < 128; i++) raw.socket.write(flood)
    await delay(300)
    expect(raw.socket.writableLength).toBeGreaterThan(0)
    expect(server.ingest.calls).toHaveLength(1)
    server.ingest.release()
    await until(() => server.ingest.calls.length === 129, 10_000)
    expect(raw.socket.writableLength).toBe(0)
  })

  it("disconnects with 0x93 when the client exceeds the Receive Maximum of 100", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port)
    server.ingest.hold()
    raw.send(...Array.from({ length: 101 }, (_, i) => publishPacket({ messageId: i + 1 })))
    expect((await raw.next("disconnect")).reasonCode).toBe(0x93)
    await raw.closed
    server.ingest.release()
  })

  it("disconnects with 0x95 on a packet above the announced Maximum Packet Size", async () => {
    const server = await startServer({ maxPacketBytes: 1024 })
    const { raw, connack } = await rawConnected(server.port)
    expect(connack.properties?.maximumPacketSize).toBe(1024)
    raw.send(publishPacket({ payload: Buffer.alloc(2000, 1) }))
    expect((await raw.next("disconnect")).reasonCode).toBe(0x95)
    await raw.closed
    expect(server.ingest.calls).toHaveLength(0)
  })

  it("ingests the Will of a device that vanished, not of one that said goodbye", async () => {
    const server = await startServer()
    const will = { topic: TELEMETRY, payload: Buffer.from("last words"), qos: 0 as const, retain: false }
    const polite = await rawConnected(server.port, { will })
    polite.raw.send({ cmd: "disconnect", reasonCode: 0 })
    await polite.raw.closed
    const vanished = await rawConnected(server.port, { will })
    vanished.raw.socket.destroy()
    await delay(200)
    expect(server.ingest.calls.map((call) => call.payload.toString())).toEqual(["last words"])
  })
})

// ---- SUBSCRIBE and command delivery ------------------------------------------------------------

describe("MQTT 5 SUBSCRIBE", () => {
  it("delivers broker messages on the device's commands topic, refuses other filters with 0x87", async () => {
    const server = await startServer()
    const { client } = await connectClient(server.port)
    const granted = await client.subscribeAsync(COMMANDS, { qos: 1 })
    expect(granted[0]?.qos).toBe(1)
    await expect(
      client.subscribeAsync("fleet/v1/devices/dev-002/commands", { qos: 1 }),
    ).rejects.toMatchObject({
      packet: { granted: [0x87] },
    })
    const message = new Promise<[string, Buffer, ClientPublish]>((resolve) =>
      client.once("message", (topic, payload, packet) => resolve([topic, payload, packet])),
    )
    await server.broker.publish(COMMANDS, Buffer.from("reboot"), 1)
    const [topic, payload, packet] = await message
    expect(topic).toBe(COMMANDS)
    expect(payload.toString()).toBe("reboot")
    expect(packet.qos).toBe(1)
    await client.unsubscribeAsync(COMMANDS)
    expect(server.broker.count(COMMANDS)).toBe(0)
    // The UNSUBACK says 0x11 No subscription existed for a filter the session no longer has.
    expect(await client.unsubscribeAsync(COMMANDS)).toMatchObject({ cmd: "unsuback", granted: [0x11] })
  })

  it("never has more unacknowledged QoS 1 deliveries than the client's Receive Maximum", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port, { properties: { receiveMaximum: 1 } })
    raw.send({ cmd: "subscribe", messageId: 7, subscriptions: [{ topic: COMMANDS, qos: 1 }] })
    expect((await raw.next("suback")).granted).toEqual([1])
    await Promise.all(["a", "b", "c"].map((text) => server.broker.publish(COMMANDS, text, 1)))
    const first = await raw.next("publish")
    await delay(100)
    expect(raw.received.filter((packet) => packet.cmd === "publish")).toHaveLength(0)
    raw.send({ cmd: "puback", messageId: first.messageId ?? 0, reasonCode: 0 })
    const second = await raw.next("publish")
    expect([first.payload.toString(), second.payload.toString()]).toEqual(["a", "b"])
  })

  it("forwards a command's properties with its remaining expiry, and drops an expired command", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port)
    raw.send({
      cmd: "subscribe",
      messageId: 1,
      subscriptions: [{ topic: COMMANDS, qos: 1 }],
      properties: { subscriptionIdentifier: 42 },
    })
    await raw.next("suback")
    await server.broker.publish(COMMANDS, "late", 1, { messageExpiry: Date.now() - 1 })
    await server.broker.publish(COMMANDS, "now", 1, {
      properties: { contentType: "application/json", correlationData: Buffer.from("c-1"), topicAlias: 9 },
      messageExpiry: Date.now() + 30_000,
    })
    const delivered = await raw.next("publish")
    expect(delivered.payload.toString()).toBe("now")
    expect(delivered.properties).toEqual({
      contentType: "application/json",
      correlationData: Buffer.from("c-1"),
      messageExpiryInterval: 30,
      subscriptionIdentifier: 42,
    })
  })

  it("holds broker deliveries while the device does not read (write backpressure)", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port)
    raw.send({ cmd: "subscribe", messageId: 1, subscriptions: [{ topic: COMMANDS, qos: 0 }] })
    await raw.next("suback")
    raw.socket.pause()
    const chunk = Buffer.alloc(256 * 1024, 7)
    let delivered = 0
    const total = 200 // 50 MiB: far more than the kernel's socket buffers
    const publishing = (async () => {
      for (let i = 0; i < total; i++) {
        await server.broker.publish(COMMANDS, chunk, 0)
        delivered++
      }
    })()
    await delay(500)
    expect(delivered).toBeLessThan(total)
    raw.socket.resume()
    await publishing
    expect(delivered).toBe(total)
  })

  it("drops bridged subscriptions when the connection closes", async () => {
    const server = await startServer()
    const { client } = await connectClient(server.port)
    await client.subscribeAsync(COMMANDS, { qos: 1 })
    expect(server.broker.count(COMMANDS)).toBe(1)
    client.end(true)
    await delay(200)
    expect(server.broker.count(COMMANDS)).toBe(0)
  })

  it("disconnects on a wildcard filter (Wildcard Subscription Available 0) with 0xA2", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port)
    raw.send({
      cmd: "subscribe",
      messageId: 1,
      subscriptions: [{ topic: "fleet/v1/devices/+/commands", qos: 1 }],
    })
    expect((await raw.next("disconnect")).reasonCode).toBe(0xa2)
    await raw.closed
  })
})

// ---- liveness and malformed input --------------------------------------------------------------

describe("MQTT 5 liveness", () => {
  it("answers PINGREQ with PINGRESP", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port)
    raw.send({ cmd: "pingreq" })
    await raw.next("pingresp")
  })

  it("closes an idle connection after 1.5 x keep alive", async () => {
    const server = await startServer()
    const started = Date.now()
    const { raw } = await rawConnected(server.port, { keepalive: 1 })
    expect((await raw.next("disconnect", 3_000)).reasonCode).toBe(0x8d)
    await raw.closed
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(1_400)
    expect(elapsed).toBeLessThan(3_000)
  })

  it("keeps a connection that pings within its keep alive", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port, { keepalive: 1 })
    for (let i = 0; i < 4; i++) {
      await delay(600)
      raw.send({ cmd: "pingreq" })
      await raw.next("pingresp")
    }
    expect(await closedWithin(raw.closed, 100)).toBe("still open")
  })

  it("answers malformed bytes after CONNECT with DISCONNECT 0x81 and closes", async () => {
    const server = await startServer()
    const { raw } = await rawConnected(server.port)
    raw.socket.write(Buffer.from([0x00, 0x02, 0xde, 0xad])) // packet type 0 is reserved
    expect((await raw.next("disconnect")).reasonCode).toBe(0x81)
    await raw.closed
  })

  it("closes a connection whose first bytes are not a CONNECT", async () => {
    const server = await startServer()
    const raw = await rawClient(server.port)
    raw.socket.write(Buffer.from("GET / HTTP/1.1\r\n\r\n"))
    expect(await closedWithin(raw.closed, 2_000)).toBe("closed")
    expect(raw.received).toEqual([])
  })
})
