import { makeLog, makeMetrics } from "@fleetcore/platform"
import type { DeviceId, OrgId, VehicleId } from "@fleetcore/proto"
import mqtt from "mqtt"
import { afterEach, beforeEach, expect, it, vi } from "vitest"
import { makeDeviceLinks } from "../src/commands/DeviceLinks.js"
import type { AuthenticatedDevice, DeviceAuthenticator, DeviceIngress } from "../src/DeviceIngress.js"
import { type MqttBroker, startMqttBroker } from "../src/MqttBroker.js"

const DEVICE = "dev-fanout"
const SECRET = "s3cret"
const RECORD: AuthenticatedDevice = {
  id: DEVICE as DeviceId,
  orgId: "3f1d2c4b-5a69-4788-9a0b-1c2d3e4f5a6b" as OrgId,
  vehicleId: "9e8d7c6b-5a49-4382-8170-6f5e4d3c2b1a" as VehicleId,
}
const auth: DeviceAuthenticator = {
  authenticate: async (id, secret) =>
    id === DEVICE && secret === SECRET
      ? { ok: true, device: RECORD }
      : { ok: false, reason: "invalid" as const },
  stillAllowed: async (id) => id === DEVICE,
}

let broker: MqttBroker
let accepted: number
const links = makeDeviceLinks()
beforeEach(async () => {
  accepted = 0
  const ingress: DeviceIngress = {
    accept: async () => {
      accepted++
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
    metrics: makeMetrics(),
    links,
  })
})
afterEach(async () => {
  await broker.close()
})

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
    await device.publishAsync(`fleet/v1/devices/${DEVICE}/telemetry`, '{"timeMs":1,"lat":1,"lon":1}', {
      qos: 1,
    })
    expect(accepted).toBe(1)
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
