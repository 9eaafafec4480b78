import { connect, type Socket } from "node:net"
import { makeDeviceCommandService } from "@fleetcore/api"
import {
  CODEC_8,
  CODEC12_COMMAND,
  CODEC12_RESPONSE,
  decodeCodec12,
  encodeAvlPacket,
  encodeCodec12,
  encodeImeiHandshake,
} from "@fleetcore/ingest"
import { makeLog, restartablePort } from "@fleetcore/platform"
import mqtt from "mqtt"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import {
  type ApiClient,
  createOrg,
  createUser,
  DEMO_PASSWORD,
  demoOrgId,
  eventually,
  type Harness,
  login,
  provision,
  startHarness,
} from "./harness.js"

/**
 * Commands to devices over real sockets: a Teltonika session gets Codec 12 commands and answers
 * them, a command queued while the device is offline goes out when it connects, MQTT 3.1.1 and 5
 * devices get the JSON command on their topic and answer on `commands/response`; tenancy, roles
 * and the sweep that fails and expires what is left open.
 */
let h: Harness
let admin: ApiClient
let dispatcher: ApiClient
let driver: ApiClient
let stranger: ApiClient
let live: WebSocket
const liveCommands: Array<{ id: string; status: string }> = []

interface Command {
  id: string
  status: string
  text: string
  answer: string | null
  failure: string | null
  attempts: number
  type: string
}

beforeAll(async () => {
  h = await startHarness(0, { teltonikaPort: await restartablePort() })
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const orgId = await demoOrgId(h.fleet)
  await createUser(h.fleet, orgId, "dispatcher", "dispatcher@cmd.example", "dispatcher-pass-1")
  dispatcher = await login(h.fleet, "dispatcher@cmd.example", "dispatcher-pass-1")
  await createUser(h.fleet, orgId, "driver", "driver@cmd.example", "driver-pass-1")
  driver = await login(h.fleet, "driver@cmd.example", "driver-pass-1")
  const other = await createOrg(h.fleet, "cmd-other", "other-pass-1")
  stranger = await login(h.fleet, other.email, "other-pass-1")
  live = new WebSocket(`${h.fleet.httpUrl.replace("http", "ws")}/api/v1/live?access_token=${admin.token}`)
  live.on("message", (data) => {
    const m = JSON.parse(String(data)) as { type: string; command?: { id: string; status: string } }
    if (m.type === "command" && m.command) liveCommands.push(m.command)
  })
  await new Promise((resolve) => live.once("open", resolve))
})
afterAll(async () => {
  live?.close()
  await h?.close()
})

/** A Teltonika TCP session: write, and read whole answers. */
const teltonika = async (imei: string) => {
  const socket: Socket = connect(h.fleet.teltonikaPort as number, "127.0.0.1")
  await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject))
  let received = Buffer.alloc(0)
  socket.on("data", (chunk: Buffer) => {
    received = Buffer.concat([received, chunk])
  })
  const read = async (n: number) => {
    const deadline = Date.now() + 10_000
    while (received.byteLength < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    const answer = received.subarray(0, n)
    received = received.subarray(answer.byteLength)
    return answer
  }
  socket.write(encodeImeiHandshake(imei))
  expect([...(await read(1))]).toEqual([0x01])
  return {
    send: (bytes: Buffer) => socket.write(bytes),
    read,
    /** The next Codec 12 frame the server writes. */
    command: async () => {
      const head = await read(8)
      expect(head.byteLength).toBe(8)
      const rest = await read(head.readUInt32BE(4) + 4)
      return decodeCodec12(Buffer.concat([head, rest]))
    },
    end: () => socket.destroy(),
  }
}

const vehicle = async (plate: string) =>
  (await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: plate, plate })).body.id

const teltonikaDevice = async (id: string, imei: string) => {
  const created = await admin.call("POST", "/api/v1/devices", {
    id,
    protocol: "teltonika",
    identifier: imei,
    vehicleId: await vehicle(id.toUpperCase()),
  })
  expect(created.status).toBe(201)
}

const commandsOf = async (deviceId: string) =>
  (await admin.call<{ items: Command[] }>("GET", `/api/v1/devices/${deviceId}/commands`)).body.items

const settled = (deviceId: string, id: string, status: string) =>
  eventually(
    async () => (await commandsOf(deviceId)).find((c) => c.id === id && c.status === status),
    10_000,
    `command ${id} ${status}`,
  )

describe("Teltonika commands (Codec 12)", () => {
  it("sends a command to a connected device at once and records its answer", async () => {
    await teltonikaDevice("fmb-online", "356307042441021")
    const device = await teltonika("356307042441021")
    const sent = await admin.call<Command>("POST", "/api/v1/devices/fmb-online/commands", { type: "getinfo" })
    expect(sent.status).toBe(201)
    expect(sent.body).toMatchObject({ status: "sent", text: "getinfo", type: "getinfo", attempts: 1 })

    expect(await device.command()).toEqual({ ok: true, type: CODEC12_COMMAND, text: "getinfo" })
    device.send(encodeCodec12("RTC:2026/12/2 9:00 GPS:1 SAT:9", CODEC12_RESPONSE))
    const answered = await settled("fmb-online", sent.body.id, "answered")
    expect(answered.answer).toBe("RTC:2026/12/2 9:00 GPS:1 SAT:9")

    // The AVL stream goes on after the response: the next packet is acknowledged as usual.
    device.send(
      encodeAvlPacket(CODEC_8, [
        {
          timeMs: Date.now() - 1000,
          priority: 0,
          lon: 76.95,
          lat: 43.25,
          altitudeM: 800,
          angleDeg: 90,
          satellites: 9,
          speedKmh: 30,
          eventIoId: 0,
          io: [],
        },
      ]),
    )
    expect((await device.read(4)).readUInt32BE(0)).toBe(1)
    // The dashboard heard each change on the live feed.
    // The live feed is a bus subscription: under a loaded machine it may trail the API by seconds.
    await eventually(
      async () => liveCommands.find((c) => c.id === sent.body.id && c.status === "answered"),
      30_000,
      "live command change",
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; the live feed heard ${JSON.stringify(liveCommands)}`)
    })
    device.end()
  })

  it("queues a command while the device is offline and delivers it when it connects", async () => {
    await teltonikaDevice("fmb-offline", "356307042441039")
    const queued = await admin.call<Command>("POST", "/api/v1/devices/fmb-offline/commands", {
      type: "setdigout",
      params: { outputs: "1?" },
    })
    expect(queued.status).toBe(201)
    expect(queued.body).toMatchObject({ status: "queued", text: "setdigout 1?", attempts: 0 })

    const device = await teltonika("356307042441039")
    expect(await device.command()).toEqual({ ok: true, type: CODEC12_COMMAND, text: "setdigout 1?" })
    device.send(encodeCodec12("DOUT1:1 DOUT2:IGNORED", CODEC12_RESPONSE))
    const answered = await settled("fmb-offline", queued.body.id, "answered")
    expect(answered).toMatchObject({ answer: "DOUT1:1 DOUT2:IGNORED", attempts: 1 })
    device.end()
  })
})

describe("MQTT commands", () => {
  for (const protocolVersion of [4, 5] as const) {
    it(`publishes the command to an MQTT ${protocolVersion === 4 ? "3.1.1" : "5"} device's topic and records its answer`, async () => {
      const device = await provision(admin, `mqtt-cmd-${protocolVersion}`, `MQ ${protocolVersion}00`)
      const client = await mqtt.connectAsync(h.fleet.mqttUrl, {
        clientId: device.deviceId,
        username: device.deviceId,
        password: device.secret,
        protocolVersion,
        reconnectPeriod: 0,
      })
      const received: Array<{ id: string; type: string; params: unknown }> = []
      client.on("message", (topic, payload) => {
        const message = JSON.parse(payload.toString()) as { id: string; type: string; params: unknown }
        received.push(message)
        void client.publishAsync(
          `${topic}/response`,
          JSON.stringify({ id: message.id, ok: true, text: "interval is 30 s" }),
          { qos: 1 },
        )
      })
      await client.subscribeAsync(`fleet/v1/devices/${device.deviceId}/commands`, { qos: 1 })
      // The link is attached once the subscription is granted.
      await new Promise((r) => setTimeout(r, 100))

      const sent = await admin.call<Command>("POST", `/api/v1/devices/${device.deviceId}/commands`, {
        type: "setInterval",
        params: { seconds: 30 },
      })
      expect(sent.status).toBe(201)
      expect(["sent", "acknowledged", "answered"]).toContain(sent.body.status)
      const answered = await settled(device.deviceId, sent.body.id, "answered")
      expect(answered.answer).toBe("interval is 30 s")
      expect(received).toEqual([{ id: sent.body.id, type: "setInterval", params: { seconds: 30 } }])
      await client.endAsync()
    })
  }

  it("marks a command the device answers with ok: false as failed, with its text", async () => {
    const device = await provision(admin, "mqtt-cmd-refuses", "MQ 900")
    const client = await mqtt.connectAsync(h.fleet.mqttUrl, {
      clientId: device.deviceId,
      username: device.deviceId,
      password: device.secret,
      reconnectPeriod: 0,
    })
    client.on("message", (topic, payload) => {
      const { id } = JSON.parse(payload.toString()) as { id: string }
      void client.publishAsync(
        `${topic}/response`,
        JSON.stringify({ id, ok: false, text: "no relay fitted" }),
      )
    })
    await client.subscribeAsync(`fleet/v1/devices/${device.deviceId}/commands`, { qos: 1 })
    await new Promise((r) => setTimeout(r, 100))
    const sent = await admin.call<Command>("POST", `/api/v1/devices/${device.deviceId}/commands`, {
      type: "engineStop",
    })
    const failed = await settled(device.deviceId, sent.body.id, "failed")
    expect(failed).toMatchObject({ answer: "no relay fitted", failure: "the device could not carry it out" })
    await client.endAsync()
  })
})

describe("who may send what", () => {
  it("answers 404 for another organisation's device and 403 to a driver", async () => {
    await teltonikaDevice("fmb-tenancy", "356307042441047")
    const foreign = await stranger.call<{ error: { code: string } }>(
      "POST",
      "/api/v1/devices/fmb-tenancy/commands",
      { type: "getinfo" },
    )
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe("FLEET_DEVICE_NOT_FOUND")
    expect((await stranger.call("GET", "/api/v1/devices/fmb-tenancy/commands")).status).toBe(404)

    const refused = await driver.call<{ error: { code: string } }>(
      "POST",
      "/api/v1/devices/fmb-tenancy/commands",
      { type: "getinfo" },
    )
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe("FLEET_FORBIDDEN")
  })

  it("lets a dispatcher send typed commands but not raw text; refuses what the protocol does not take", async () => {
    const typed = await dispatcher.call<Command>("POST", "/api/v1/devices/fmb-tenancy/commands", {
      type: "getver",
    })
    expect(typed.status).toBe(201)
    const raw = await dispatcher.call<{ error: { code: string } }>(
      "POST",
      "/api/v1/devices/fmb-tenancy/commands",
      { type: "raw", params: { text: "getio" } },
    )
    expect(raw.status).toBe(403)
    expect(raw.body.error.code).toBe("FLEET_COMMAND_RAW_FORBIDDEN")
    expect(
      (
        await admin.call("POST", "/api/v1/devices/fmb-tenancy/commands", {
          type: "raw",
          params: { text: "getio" },
        })
      ).status,
    ).toBe(201)

    const unsupported = await admin.call<{ error: { code: string; message: string } }>(
      "POST",
      "/api/v1/devices/fmb-tenancy/commands",
      { type: "engineStop" },
    )
    expect(unsupported.status).toBe(400)
    expect(unsupported.body.error.code).toBe("FLEET_COMMAND_UNSUPPORTED")
    expect(unsupported.body.error.message).toContain("getinfo")

    const invalid = await admin.call<{ error: { code: string } }>(
      "POST",
      "/api/v1/devices/fmb-tenancy/commands",
      {
        type: "setdigout",
        params: { outputs: "2" },
      },
    )
    expect(invalid.status).toBe(400)
    expect(invalid.body.error.code).toBe("FLEET_COMMAND_INVALID")
  })
})

describe("the sweep", () => {
  it("expires commands never delivered and fails commands never answered", async () => {
    await teltonikaDevice("fmb-sweep", "356307042441054")
    const queued = await admin.call<Command>("POST", "/api/v1/devices/fmb-sweep/commands", {
      type: "getgps",
      expiresInS: 3600,
    })
    expect(queued.body.status).toBe("queued")
    const device = await teltonika("356307042441021")
    const unanswered = await admin.call<Command>("POST", "/api/v1/devices/fmb-online/commands", {
      type: "getstatus",
      timeoutS: 60,
    })
    expect(unanswered.body.status).toBe("sent")
    expect((await device.command()).ok).toBe(true)

    const service = makeDeviceCommandService({
      db: h.fleet.db,
      bus: h.fleet.bus,
      log: makeLog("silent"),
      links: null,
      sweepMs: 3_600_000,
    })
    try {
      // Two hours on: past the queued command's expiry and the sent one's timeout.
      expect(await service.sweep(new Date(Date.now() + 2 * 3_600_000))).toBeGreaterThanOrEqual(2)
    } finally {
      service.close()
    }
    expect((await commandsOf("fmb-sweep")).find((c) => c.id === queued.body.id)).toMatchObject({
      status: "expired",
      failure: "not delivered: the device did not connect before the command expired",
    })
    expect((await commandsOf("fmb-online")).find((c) => c.id === unanswered.body.id)).toMatchObject({
      status: "failed",
      failure: "no answer from the device within the timeout",
    })
    device.end()
  })
})
