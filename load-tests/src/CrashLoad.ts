import { fleet } from "@fleetcore/proto"
import { connectLeanPublisher, type LeanPublisher } from "./LeanPublisher.js"
import type { DeviceLedger, LedgerPoint, PointLedger } from "./PointLedger.js"
import type { SeededRandom } from "./seededRandom.js"

export interface CrashDevice {
  readonly deviceId: string
  readonly secret: string
  readonly transport: "mqtt" | "http"
}

export interface CrashLoadOptions {
  /** In the ledger's order: device i records its points in `ledger.devices[i]`. */
  readonly devices: ReadonlyArray<CrashDevice>
  readonly ledger: PointLedger
  /** Points per second over all devices. */
  readonly rate: number
  readonly host: string
  readonly httpPort: number
  readonly mqttPort: number
  readonly random: SeededRandom
}

export interface CrashLoadStats {
  /** Points due by the rate that were not sent: the device was disconnected or at its in-flight limit. */
  notOffered: number
  mqttConnects: number
  mqttConnectFailures: number
  mqttDisconnects: number
  httpRequests: number
  /** HTTP answers other than 200, and requests that failed (connection refused or reset, timeout). */
  httpRefused: number
  httpFailed: number
  /** Points in 200 answers that listed rejections: not counted as acknowledged. */
  httpRejectedPoints: number
  /** Publish → PUBACK, and HTTP request → 200 (ms). */
  readonly pubackLatencyMs: number[]
  readonly httpLatencyMs: number[]
}

export interface CrashLoad {
  readonly stats: CrashLoadStats
  /** Stops offering points, waits up to `graceMs` for answers in flight, then disconnects. */
  readonly stop: (graceMs: number) => Promise<void>
}

const TICK_MS = 20
/** PUBLISHes awaiting PUBACK per MQTT device before further points are not offered. */
const MQTT_MAX_IN_FLIGHT = 200
/** Points an HTTP device carries in one request at most (it sends one request at a time). */
const HTTP_MAX_BATCH = 200
/** Reconnect backoff: short, so the load resumes within half a second of the server serving again. */
const BACKOFF_MS = { initial: 50, max: 500 }
const METRES_PER_DEGREE_LAT = 111_195

interface MqttState {
  readonly kind: "mqtt"
  readonly device: CrashDevice
  readonly ledger: DeviceLedger
  readonly lon: number
  publisher: LeanPublisher | null
  connecting: boolean
  retryAt: number
  backoffMs: number
}

interface HttpState {
  readonly kind: "http"
  readonly device: CrashDevice
  readonly ledger: DeviceLedger
  readonly lon: number
  readonly authorization: string
  owed: number
  inFlight: boolean
  /** After a failure the next request carries one point, so a server that is down burns few points. */
  probing: boolean
  retryAt: number
  backoffMs: number
}

/** A point as the device sends it: driving north 1 odometer step per point, odometer included. */
const pointOf = (state: MqttState | HttpState, p: LedgerPoint): fleet.telemetry.v1.IPoint => ({
  timeMs: p.timeMs,
  lat: 43.1 + (p.seq * state.ledger.odometer.stepM) / METRES_PER_DEGREE_LAT,
  lon: state.lon,
  speedMps: 15,
  ignition: true,
  odometerM: p.odometerM,
})

/**
 * A steady load for the crash benchmark: `rate` points/s dealt round-robin over the devices, each
 * point on its own QoS 1 PUBLISH (MQTT devices) or in a request of its HTTP device. A point counts
 * as acknowledged in the ledger only when its PUBACK or its request's 200 arrives. When the server
 * goes away, devices reconnect with backoff and go on with new points; nothing is resent, so a point
 * whose answer never came may or may not be stored.
 */
export const startCrashLoad = (options: CrashLoadOptions): CrashLoad => {
  const stats: CrashLoadStats = {
    notOffered: 0,
    mqttConnects: 0,
    mqttConnectFailures: 0,
    mqttDisconnects: 0,
    httpRequests: 0,
    httpRefused: 0,
    httpFailed: 0,
    httpRejectedPoints: 0,
    pubackLatencyMs: [],
    httpLatencyMs: [],
  }
  const httpUrl = `http://${options.host}:${options.httpPort}/ingest/v1/telemetry`
  let stopped = false
  const backoff = (s: MqttState | HttpState) => {
    s.retryAt = Date.now() + s.backoffMs * (0.5 + options.random.next())
    s.backoffMs = Math.min(BACKOFF_MS.max, s.backoffMs * 2)
  }
  const states: Array<MqttState | HttpState> = options.devices.map((device, i) => {
    const ledger = options.ledger.devices[i]
    if (ledger?.deviceId !== device.deviceId) throw new Error(`ledger and devices differ at ${i}`)
    const common = { device, ledger, lon: 76.8 + i * 0.002, retryAt: 0, backoffMs: BACKOFF_MS.initial }
    return device.transport === "mqtt"
      ? { kind: "mqtt", ...common, publisher: null, connecting: false }
      : {
          kind: "http",
          ...common,
          authorization: `Basic ${Buffer.from(`${device.deviceId}:${device.secret}`).toString("base64")}`,
          owed: 0,
          inFlight: false,
          probing: false,
        }
  })

  const connect = (s: MqttState) => {
    if (stopped || s.connecting || Date.now() < s.retryAt) return
    s.connecting = true
    connectLeanPublisher({
      host: options.host,
      port: options.mqttPort,
      clientId: s.device.deviceId,
      username: s.device.deviceId,
      password: s.device.secret,
      connectTimeoutMs: 5000,
      onClose: () => {
        s.publisher = null
        stats.mqttDisconnects++
        backoff(s)
      },
    }).then(
      (publisher) => {
        s.connecting = false
        stats.mqttConnects++
        s.backoffMs = BACKOFF_MS.initial
        if (stopped) void publisher.close()
        else s.publisher = publisher
      },
      () => {
        s.connecting = false
        stats.mqttConnectFailures++
        backoff(s)
      },
    )
  }

  const publish = (s: MqttState) => {
    const publisher = s.publisher
    if (publisher === null || !publisher.isOpen() || publisher.inFlight() >= MQTT_MAX_IN_FLIGHT) {
      stats.notOffered++
      if (publisher === null) connect(s)
      return
    }
    const point = s.ledger.next(Date.now())
    const payload = Buffer.from(fleet.telemetry.v1.Batch.encode({ points: [pointOf(s, point)] }).finish())
    const sentAt = performance.now()
    publisher.publish(`fleet/v1/devices/${s.device.deviceId}/telemetry`, payload, () => {
      stats.pubackLatencyMs.push(performance.now() - sentAt)
      s.ledger.acknowledge(point.seq)
    })
  }

  const post = (s: HttpState) => {
    if (s.inFlight || s.owed === 0 || Date.now() < s.retryAt) return
    // Every point sent advances the odometer, answered or not; probing keeps the odometer gap a
    // downtime leaves far below the mileage rule's jump allowance (1 km + plausible travel).
    const count = s.probing ? 1 : s.owed
    const points = Array.from({ length: count }, () => s.ledger.next(Date.now()))
    s.owed -= count
    s.inFlight = true
    stats.httpRequests++
    const sentAt = performance.now()
    fetch(httpUrl, {
      method: "POST",
      headers: { authorization: s.authorization, "content-type": "application/json" },
      body: JSON.stringify({ points: points.map((p) => pointOf(s, p)) }),
      signal: AbortSignal.timeout(10_000),
    })
      .then(async (res) => {
        const body = await res.text()
        if (res.status !== 200) {
          stats.httpRefused++
          s.probing = true
          backoff(s)
          return
        }
        s.probing = false
        const { rejected } = JSON.parse(body) as { rejected: number }
        if (rejected > 0) {
          stats.httpRejectedPoints += points.length
          return
        }
        stats.httpLatencyMs.push(performance.now() - sentAt)
        s.backoffMs = BACKOFF_MS.initial
        for (const p of points) s.ledger.acknowledge(p.seq)
      })
      .catch(() => {
        stats.httpFailed++
        s.probing = true
        backoff(s)
      })
      .finally(() => {
        s.inFlight = false
      })
  }

  const started = performance.now()
  let dealt = 0
  let next = 0
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * options.rate) - dealt
    dealt += Math.max(0, due)
    for (let n = 0; n < due; n++) {
      const s = states[next] as MqttState | HttpState
      next = (next + 1) % states.length
      if (s.kind === "mqtt") publish(s)
      else if (s.owed < HTTP_MAX_BATCH) s.owed++
      else stats.notOffered++
    }
    for (const s of states) if (s.kind === "http") post(s)
  }, TICK_MS)

  const stop = async (graceMs: number) => {
    clearInterval(timer)
    stopped = true
    const deadline = Date.now() + graceMs
    const busy = () =>
      states.some((s) =>
        s.kind === "http" ? s.inFlight : (s.publisher?.inFlight() ?? 0) > 0 || s.connecting,
      )
    while (busy() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    await Promise.all(
      states.map((s) => (s.kind === "mqtt" && s.publisher !== null ? s.publisher.close() : undefined)),
    )
  }
  return { stats, stop }
}
