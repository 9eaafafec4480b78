import { request } from "node:http"
import { connect as connectTcp } from "node:net"
import { fleet } from "@fleetcore/proto"
import { generate, type Packet, parser } from "mqtt-packet"
import { seededRandom } from "../seededRandom.js"
import { type FuzzCase, type FuzzDevice, nextFuzzCase } from "./ingestCases.js"

export interface IngestFuzzOptions {
  readonly httpUrl: string
  readonly mqttHost: string
  readonly mqttPort: number
  /** Mutants are sent as this device. */
  readonly target: FuzzDevice
  /** Valid points are sent as this device, between the mutants, and must all be stored. */
  readonly valid: FuzzDevice
  readonly seed: number
  readonly cases: number
  /** Mutant connections in flight at once. */
  readonly concurrency?: number
  /** Each case's connection is closed after this long without an answer. */
  readonly caseTimeoutMs?: number
  readonly onProgress?: (done: number) => void
}

export interface IngestFuzzReport {
  readonly seed: number
  readonly cases: number
  readonly durationMs: number
  /** Cases by generator name (e.g. "publish/bit-flip", "json/depth-bomb"). */
  readonly kinds: Record<string, number>
  /** What the server answered: "http:422:FLEET_INGEST_PAYLOAD_TOO_DEEP", "mqtt5:puback:0x99", "mqtt:closed"… */
  readonly answers: Record<string, number>
  /** Answers that tell a device to resend (HTTP 5xx, PUBACK 0x80): must be 0 while the bus is up. */
  readonly resendAnswers: number
  readonly valid: {
    readonly sent: number
    readonly acknowledged: number
    readonly timesMs: ReadonlyArray<number>
  }
}

const hex = (n: number) => `0x${n.toString(16).padStart(2, "0")}`

/** Loopback addresses for mutant connections, so failed authentication there never throttles 127.0.0.1. */
const mutantAddress = (i: number) => `127.0.${1 + (i % 200)}.${2 + (i % 250)}`

const sendMqtt = (
  options: IngestFuzzOptions,
  c: Extract<FuzzCase, { transport: "mqtt" }>,
  localAddress: string,
): Promise<string> =>
  new Promise((resolve) => {
    const label = c.version === 5 ? "mqtt5" : "mqtt"
    const socket = connectTcp({ host: options.mqttHost, port: options.mqttPort, localAddress })
    const reader = parser({ protocolVersion: c.version })
    let settled = false
    const settle = (answer: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(`${label}:${answer}`)
    }
    const timer = setTimeout(() => settle("no-answer"), options.caseTimeoutMs ?? 300)
    reader.on("packet", (p: Packet) => {
      if (p.cmd === "puback") settle(`puback:${hex(p.reasonCode ?? 0)}`)
      else if (p.cmd === "connack" && (p.reasonCode ?? p.returnCode ?? 0) !== 0)
        settle(`connack:${hex(p.reasonCode ?? p.returnCode ?? 0)}`)
      else if (p.cmd === "disconnect") settle(`disconnect:${hex(p.reasonCode ?? 0)}`)
    })
    reader.on("error", () => settle("unparsable-answer"))
    socket.on("data", (chunk) => reader.parse(chunk))
    socket.on("error", () => settle("closed"))
    socket.on("close", () => settle("closed"))
    socket.on("connect", () => socket.write(c.bytes))
  })

const post = (
  httpUrl: string,
  device: FuzzDevice,
  contentType: string,
  body: Buffer,
): Promise<{ status: number; code: string }> =>
  new Promise((resolve) => {
    const url = new URL("/ingest/v1/telemetry", httpUrl)
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${device.deviceId}:${device.secret}`).toString("base64")}`,
          "content-type": contentType,
          "content-length": body.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (chunk: Buffer) => chunks.push(chunk))
        res.on("end", () => {
          let code = ""
          try {
            code =
              (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { error?: { code?: string } }).error
                ?.code ?? ""
          } catch {
            code = "unparsable"
          }
          resolve({ status: res.statusCode ?? 0, code })
        })
      },
    )
    req.on("error", () => resolve({ status: 0, code: "connection-error" }))
    req.end(body)
  })

/** One valid point, acknowledged or not, over HTTP (JSON, protobuf) or MQTT 3.1.1 / 5 QoS 1. */
const sendValid = async (options: IngestFuzzOptions, n: number, timeMs: number): Promise<boolean> => {
  const p = { timeMs, lat: 43.25 + (n % 100) * 1e-4, lon: 76.95, speedMps: 10, ignition: true }
  const way = n % 4
  if (way === 0)
    return (
      (await post(options.httpUrl, options.valid, "application/json", Buffer.from(JSON.stringify(p))))
        .status === 200
    )
  const proto = Buffer.from(fleet.telemetry.v1.Batch.encode({ points: [p] }).finish())
  if (way === 1)
    return (await post(options.httpUrl, options.valid, "application/x-protobuf", proto)).status === 200
  const version = way === 2 ? 4 : 5
  const d = options.valid
  const bytes = Buffer.concat([
    generate(
      {
        cmd: "connect",
        protocolId: "MQTT",
        protocolVersion: version,
        clean: true,
        clientId: d.deviceId,
        keepalive: 30,
        username: d.deviceId,
        password: Buffer.from(d.secret),
      },
      { protocolVersion: version },
    ),
    generate(
      {
        cmd: "publish",
        topic: `fleet/v1/devices/${d.deviceId}/telemetry`,
        payload: proto,
        qos: 1,
        messageId: 1,
        dup: false,
        retain: false,
      },
      { protocolVersion: version },
    ),
  ])
  const answer = await sendMqtt(
    { ...options, caseTimeoutMs: 10_000 },
    { transport: "mqtt", version, name: "valid", bytes },
    "127.0.0.1",
  )
  return answer.endsWith("puback:0x00")
}

/**
 * Sends `cases` mutants of valid MQTT 3.1.1 / 5 packets and HTTP bodies (seeded: the same seed sends
 * the same cases) while a second lane sends valid points, one at a time, until the mutants are done.
 */
export const runIngestFuzz = async (options: IngestFuzzOptions): Promise<IngestFuzzReport> => {
  const rng = seededRandom(options.seed)
  const started = Date.now()
  const kinds: Record<string, number> = {}
  const answers: Record<string, number> = {}
  const count = (into: Record<string, number>, key: string) => {
    into[key] = (into[key] ?? 0) + 1
  }
  let resendAnswers = 0
  let next = 0
  let done = 0
  const mutantBaseMs = started - 2 * 3600_000

  const lane = async () => {
    for (;;) {
      const i = next++
      if (i >= options.cases) return
      const c = nextFuzzCase(rng, options.target, mutantBaseMs + i)
      count(kinds, c.name)
      if (c.transport === "mqtt") {
        const answer = await sendMqtt(options, c, mutantAddress(i))
        count(answers, answer)
        if (answer.endsWith("puback:0x80")) resendAnswers++
      } else {
        const r = await post(options.httpUrl, options.target, c.contentType, c.body)
        count(answers, `http:${r.status}:${r.code}`)
        if (r.status >= 500) resendAnswers++
      }
      done++
      if (done % 1000 === 0) options.onProgress?.(done)
    }
  }

  const validTimes: number[] = []
  let validSent = 0
  let mutantsDone = false
  const validLane = async () => {
    const t0 = started - 600_000
    while (!mutantsDone) {
      const timeMs = t0 + validSent
      const n = validSent++
      if (await sendValid(options, n, timeMs)) validTimes.push(timeMs)
    }
  }

  const validRun = validLane()
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, lane))
  mutantsDone = true
  await validRun
  return {
    seed: options.seed,
    cases: options.cases,
    durationMs: Date.now() - started,
    kinds,
    answers,
    resendAnswers,
    valid: { sent: validSent, acknowledged: validTimes.length, timesMs: validTimes },
  }
}
