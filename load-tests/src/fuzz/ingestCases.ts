import { fleet } from "@fleetcore/proto"
import { generate } from "mqtt-packet"
import type { SeededRandom as Rng } from "../seededRandom.js"
import { lieAboutLength, mutateBytes } from "./mutate.js"

export interface FuzzDevice {
  readonly deviceId: string
  readonly secret: string
}

/** One fuzz case: bytes to send on a fresh connection, or a body to POST. */
export type FuzzCase =
  | { readonly transport: "mqtt"; readonly version: 4 | 5; readonly name: string; readonly bytes: Buffer }
  | { readonly transport: "http"; readonly name: string; readonly contentType: string; readonly body: Buffer }

const point = (rng: Rng, timeMs: number) => ({
  timeMs,
  lat: 43.2 + rng.next() * 0.1,
  lon: 76.9 + rng.next() * 0.1,
  speedMps: rng.next() * 30,
  ignition: true,
  attrs: { rssi: -60 },
  dtc: ["P0420"],
})

const connect = (device: FuzzDevice, version: 4 | 5, rng: Rng) =>
  generate(
    {
      cmd: "connect",
      protocolId: "MQTT",
      protocolVersion: version,
      clean: true,
      clientId: device.deviceId,
      keepalive: 30,
      username: device.deviceId,
      password: Buffer.from(device.secret),
      ...(version === 5
        ? {
            properties: {
              sessionExpiryInterval: rng.int(100),
              receiveMaximum: 1 + rng.int(100),
              maximumPacketSize: 1024 + rng.int(1_000_000),
              topicAliasMaximum: rng.int(10),
              requestProblemInformation: rng.chance(0.5),
              userProperties: { fuzz: "1", k: ["a", "b"] },
            },
          }
        : {}),
    },
    { protocolVersion: version },
  )

const publish = (device: FuzzDevice, version: 4 | 5, rng: Rng, payload: Buffer, json: boolean) =>
  generate(
    {
      cmd: "publish",
      topic: `fleet/v1/devices/${device.deviceId}/telemetry`,
      payload,
      qos: 1,
      messageId: 1 + rng.int(65_000),
      dup: false,
      retain: false,
      ...(version === 5
        ? {
            properties: {
              contentType: json ? "application/json" : "application/x-protobuf",
              payloadFormatIndicator: json,
              topicAlias: 1,
              userProperties: { a: "b" },
            },
          }
        : {}),
    },
    { protocolVersion: version },
  )

const nest = (levels: number) => "[".repeat(levels) + "]".repeat(levels)

/** JSON bodies that are well-formed text but hostile content. */
const hostileJson = (rng: Rng, base: ReturnType<typeof point>): { name: string; text: string } =>
  rng.pick([
    () => ({ name: "depth-bomb", text: `[${JSON.stringify(base)}, ${nest(1_000 + rng.int(20_000))}]` }),
    () => ({
      name: "depth-bomb-points",
      text: `{"points": [${JSON.stringify(base)}, ${nest(50 + rng.int(5000))}]}`,
    }),
    () => ({ name: "depth-bomb-open", text: "{".repeat(1 + rng.int(100_000)) }),
    () => ({
      name: "huge-number",
      text: JSON.stringify([{ ...base, lat: 1e308 }]).replace("1e+308", "1e99999"),
    }),
    () => ({
      name: "wrong-types",
      text: JSON.stringify([{ ...base, timeMs: String(base.timeMs), ignition: "yes", dtc: 5 }]),
    }),
    () => ({
      name: "long-key",
      text: JSON.stringify([{ ...base, ["k".repeat(10_000 + rng.int(100_000))]: 1 }]),
    }),
    () => ({ name: "too-many-points", text: JSON.stringify(Array.from({ length: 1001 }, () => base)) }),
    () => ({ name: "nulls", text: JSON.stringify([null, base, [], 1, "x", { points: null }]) }),
    () => ({
      name: "not-an-object",
      text: rng.pick(["1", '"x"', "null", "true", "[]", "{}", '{"points": {}}']),
    }),
    () => ({ name: "bad-attrs", text: JSON.stringify([{ ...base, attrs: { a: "x", b: { c: 1 } } }]) }),
  ])()

/** The next mutant, from valid MQTT 3.1.1 / 5 packets or HTTP bodies of `device`. */
export const nextFuzzCase = (rng: Rng, device: FuzzDevice, timeMs: number): FuzzCase => {
  const base = point(rng, timeMs)
  const json = rng.chance(0.5)
  const payload = json
    ? Buffer.from(JSON.stringify(rng.chance(0.5) ? [base] : { points: [base] }))
    : Buffer.from(fleet.telemetry.v1.Batch.encode({ points: [{ ...base, attrs: { rssi: -60 } }] }).finish())
  const roll = rng.next()
  if (roll < 0.5) {
    const version = rng.pick([4, 5] as const)
    const hello = connect(device, version, rng)
    const packet = publish(device, version, rng, payload, json)
    const target = rng.next()
    if (target < 0.25) {
      const mutated = mutateBytes(rng, hello)
      return {
        transport: "mqtt",
        version,
        name: `connect/${mutated.name}`,
        bytes: Buffer.concat([mutated.bytes, packet]),
      }
    }
    if (target < 0.4) {
      const lied = rng.chance(0.5)
        ? lieAboutLength(rng, hello)
        : Buffer.concat([hello, lieAboutLength(rng, packet)])
      return { transport: "mqtt", version, name: "length-lie", bytes: lied }
    }
    if (target < 0.5) {
      const hostile = Buffer.from(hostileJson(rng, base).text)
      return {
        transport: "mqtt",
        version,
        name: "hostile-payload",
        bytes: Buffer.concat([hello, publish(device, version, rng, hostile, true)]),
      }
    }
    const mutated = mutateBytes(rng, packet)
    return {
      transport: "mqtt",
      version,
      name: `publish/${mutated.name}`,
      bytes: Buffer.concat([hello, mutated.bytes]),
    }
  }
  if (roll < 0.75) {
    const hostile = hostileJson(rng, base)
    return {
      transport: "http",
      name: `json/${hostile.name}`,
      contentType: "application/json",
      body: Buffer.from(hostile.text),
    }
  }
  const mutated = mutateBytes(rng, payload)
  return {
    transport: "http",
    name: `${json ? "json" : "protobuf"}/${mutated.name}`,
    contentType: json ? "application/json" : "application/x-protobuf",
    body: mutated.bytes,
  }
}
