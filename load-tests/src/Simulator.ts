import { fleet } from "@fleetcore/proto"
import mqtt from "mqtt"
import { ALMATY_ROUTES, type Route } from "./routes/almaty.js"
import { seededRandom } from "./seededRandom.js"
import { answerCommand } from "./simulatedCommands.js"
import { startTrackerSession, type TrackerIdentity, type TrackerSession } from "./TrackerSession.js"
import { initialState, position, step, type VehicleState } from "./VehicleModel.js"

export interface SimulatorOptions {
  readonly mqttUrl: string
  /**
   * `resume`: where a vehicle stood when the simulation last ran (stored odometer and fuel level),
   * so a restarted simulation continues instead of rolling odometers back.
   */
  readonly devices: ReadonlyArray<SimulatedDevice>
  /**
   * Where the tracker protocols listen (FleetCore's FLEET_TELTONIKA_PORT / FLEET_GT06_PORT); a
   * device of a protocol whose port is not given is not driven.
   */
  readonly trackers?: {
    readonly host: string
    readonly teltonikaPort: number | null
    readonly gt06Port: number | null
  }
  /** How often each vehicle reports. */
  readonly intervalMs: number
  readonly encoding?: "protobuf" | "json" | "mixed"
  readonly protocolVersion?: 4 | 5
  readonly qos?: 0 | 1
  /** Points buffered per publish (a tracker that batches). */
  readonly pointsPerMessage?: number
  readonly log?: (message: string) => void
}

/**
 * A simulated vehicle's device: our MQTT client with its secret, or an off-the-shelf tracker
 * (Teltonika, GT06) over TCP with its IMEI. `resume`: where the vehicle stood when the simulation
 * last ran (stored odometer and fuel level), so a restarted simulation continues instead of rolling
 * odometers back.
 */
export type SimulatedDevice = {
  readonly deviceId: string
  readonly resume?: { readonly odometerM: number; readonly fuelLevelPct: number | null }
} & ({ readonly secret: string } | { readonly tracker: TrackerIdentity })

export interface SimulatorStats {
  readonly published: number
  readonly acked: number
  readonly errors: number
  /** Commands the MQTT devices answered. */
  readonly commandsAnswered: number
}

export interface RunningSimulator {
  readonly stop: () => Promise<void>
  readonly stats: () => SimulatorStats
}

type Point = fleet.telemetry.v1.IPoint
const GPS_NOISE_DEG = 0.00002 // about 2 m

/** The point a simulated vehicle reports in state `s`: every field a full OBD tracker sends. */
export const simulatedPoint = (s: VehicleState, route: Route, timeMs: number, rng: () => number): Point => {
  const p = position(s, route)
  const engineOn = s.phase !== "parked"
  return {
    timeMs,
    lat: p.lat + (rng() - 0.5) * GPS_NOISE_DEG,
    lon: p.lon + (rng() - 0.5) * GPS_NOISE_DEG,
    speedMps: Math.round(s.speedMps * 100) / 100,
    headingDeg: Math.round(p.headingDeg),
    altitudeM: Math.round(700 + (43.3 - p.lat) * 4000),
    satellites: 8 + Math.floor(rng() * 7),
    hdop: Math.round((0.7 + rng() * 0.8) * 10) / 10,
    odometerM: Math.round(s.odometerM),
    fuelLevelPct: Math.round((s.fuelL / 60) * 1000) / 10,
    fuelUsedL: Math.round(s.fuelUsedL * 100) / 100,
    ignition: engineOn,
    engineSeconds: Math.round(s.engineSeconds),
    batteryV: Math.round((engineOn ? 13.8 + rng() * 0.5 : 12.3 + rng() * 0.2) * 100) / 100,
  }
}

const encode = (points: Point[], json: boolean): Buffer =>
  json
    ? Buffer.from(JSON.stringify(points.length === 1 ? points[0] : { points }))
    : Buffer.from(fleet.telemetry.v1.Batch.encode({ points }).finish())

/**
 * Simulated vehicles driving Almaty's streets, each a real MQTT client publishing its own
 * telemetry to `fleet/v1/devices/{id}/telemetry` with its own credentials, or a Teltonika / GT06
 * tracker over its own TCP protocol (TrackerSession).
 */
export const startSimulator = async (options: SimulatorOptions): Promise<RunningSimulator> => {
  const counters = { published: 0, acked: 0, errors: 0, commandsAnswered: 0 }
  const timers: NodeJS.Timeout[] = []
  const clients: mqtt.MqttClient[] = []
  const trackers: TrackerSession[] = []
  const perMessage = Math.max(1, options.pointsPerMessage ?? 1)
  const log = options.log ?? (() => undefined)

  options.devices.forEach((device, i) => {
    const rng = seededRandom(i + 1).next
    const route = ALMATY_ROUTES[i % ALMATY_ROUTES.length] as Route
    const fresh = initialState(route, rng)
    const resume = device.resume
    let state =
      resume === undefined
        ? fresh
        : {
            ...fresh,
            odometerM: Math.max(fresh.odometerM, resume.odometerM),
            fuelL: resume.fuelLevelPct === null ? fresh.fuelL : (resume.fuelLevelPct / 100) * 60,
          }
    let buffer: Point[] = []
    let last = Date.now()
    const spread = (tick: () => void) => {
      // Spread the vehicles over the interval so they don't all report at once.
      const start = setTimeout(
        () => timers.push(setInterval(tick, options.intervalMs)),
        (options.intervalMs * i) / options.devices.length,
      )
      timers.push(start)
    }
    if ("tracker" in device) {
      const port =
        device.tracker.protocol === "teltonika" ? options.trackers?.teltonikaPort : options.trackers?.gt06Port
      if (port == null || options.trackers === undefined) {
        log(`${device.deviceId}: no ${device.tracker.protocol} port to drive it through`)
        return
      }
      const session = startTrackerSession({
        identity: device.tracker,
        host: options.trackers.host,
        port,
        onAcked: () => counters.acked++,
        log,
      })
      trackers.push(session)
      spread(() => {
        const now = Date.now()
        state = step(state, route, (now - last) / 1000, rng)
        last = now
        counters.published++
        session.report(simulatedPoint(state, route, now, rng))
      })
      return
    }
    const json = options.encoding === "json" || (options.encoding === "mixed" && i % 2 === 1)
    const client = mqtt.connect(options.mqttUrl, {
      clientId: device.deviceId,
      username: device.deviceId,
      password: device.secret,
      protocolVersion: options.protocolVersion ?? 4,
      reconnectPeriod: 2_000,
      connectTimeout: 10_000,
      keepalive: 60,
    })
    client.on("error", (error) => {
      counters.errors++
      log(`${device.deviceId}: ${error.message}`)
    })
    clients.push(client)
    // A cut engine relay (engineStop) parks the vehicle until engineResume.
    let relayCut = false
    let timer: NodeJS.Timeout | null = null
    const tick = () => {
      const now = Date.now()
      state = step(state, route, (now - last) / 1000, rng)
      if (relayCut) state = { ...state, phase: "parked", phaseLeftS: Number.POSITIVE_INFINITY, speedMps: 0 }
      last = now
      const point = simulatedPoint(state, route, now, rng)
      buffer.push(relayCut ? { ...point, attrs: { relayCut: 1 } } : point)
      if (buffer.length < perMessage || !client.connected) return
      const payload = encode(buffer, json)
      buffer = []
      counters.published++
      client.publish(
        `fleet/v1/devices/${device.deviceId}/telemetry`,
        payload,
        { qos: options.qos ?? 1 },
        (error) => {
          if (error) counters.errors++
          else counters.acked++
        },
      )
    }
    // Commands (docs/devices.md): subscribed on every connection, answered on commands/response.
    const commands = `fleet/v1/devices/${device.deviceId}/commands`
    client.subscribe(commands, { qos: 1 })
    client.on("message", (topic, payload) => {
      if (topic !== commands) return
      let reboot = false
      const answer = answerCommand(payload, {
        position: () => position(state, route),
        setIntervalMs: (ms) => {
          if (timer !== null) clearInterval(timer)
          timer = setInterval(tick, ms)
          timers.push(timer)
        },
        reboot: () => {
          reboot = true
        },
        setRelayCut: (cut) => {
          relayCut = cut
          if (!cut) state = { ...state, phaseLeftS: 5 }
        },
      })
      if (answer === null) return
      client.publish(`${commands}/response`, JSON.stringify(answer), { qos: 1 }, (error) => {
        if (error) counters.errors++
        else counters.commandsAnswered++
        // A reboot drops the connection once the answer is out; the client reconnects.
        if (reboot) client.stream.destroy()
      })
    })
    const start = setTimeout(
      () => {
        // A setInterval command that came first already set the device's pace.
        if (timer !== null) return
        timer = setInterval(tick, options.intervalMs)
        timers.push(timer)
      },
      (options.intervalMs * i) / options.devices.length,
    )
    timers.push(start)
  })

  return {
    stats: () => ({ ...counters }),
    stop: async () => {
      for (const t of timers) clearInterval(t)
      for (const t of trackers) t.stop()
      await Promise.all(clients.map((c) => c.endAsync(true)))
    },
  }
}
