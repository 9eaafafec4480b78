import { connect, type Socket } from "node:net"
import {
  CODEC_8E,
  CODEC12_COMMAND,
  CODEC12_RESPONSE,
  decodeCodec12,
  encodeAvlPacket,
  encodeCodec12,
  encodeImeiHandshake,
  gt06Frames,
  readFrame,
} from "@fleetcore/ingest"
import type { fleet } from "@fleetcore/proto"
import { answerTeltonikaCommand } from "./simulatedTeltonikaCommands.js"

type Point = fleet.telemetry.v1.IPoint

/** A simulated off-the-shelf tracker: which protocol it speaks and the IMEI it logs in with. */
export interface TrackerIdentity {
  readonly protocol: "teltonika" | "gt06"
  readonly imei: string
}

export interface TrackerSession {
  /** Queues a point; it is written once the tracker is logged in (and, for Teltonika, the last packet acknowledged). */
  readonly report: (point: Point) => void
  readonly connected: () => boolean
  readonly stop: () => void
}

/** Most points a simulated tracker keeps while it cannot send (a real one stores a few thousand). */
const MAX_QUEUED = 500
/** GT06 terminals send a heartbeat every 3 minutes by default. */
const GT06_HEARTBEAT_MS = 180_000

/**
 * A simulated Teltonika or GT06 device over a real TCP socket, as the real device behaves: it logs
 * in (IMEI handshake answered 0x01 / GT06 login answered 0x01), then reports. Teltonika sends one AVL
 * packet (Codec 8E) at a time and waits for its record count before the next, keeping what piles up
 * meanwhile; GT06 sends a 0x22 location per point (not answered) and a heartbeat every 3 minutes.
 * A closed connection is reopened after `reconnectMs`.
 */
export const startTrackerSession = (options: {
  readonly identity: TrackerIdentity
  readonly host: string
  readonly port: number
  readonly reconnectMs?: number
  readonly onAcked?: () => void
  readonly log: (message: string) => void
}): TrackerSession => {
  const { identity } = options
  const queue: Point[] = []
  let socket: Socket | null = null
  let loggedIn = false
  let awaiting = false
  let received = Buffer.alloc(0)
  let serial = 0
  let stopped = false
  let retry: NodeJS.Timeout | null = null
  let heartbeat: NodeJS.Timeout | null = null
  let ignition = false
  // What a Teltonika device answers its Codec 12 commands from.
  const startedAtMs = Date.now()
  let lastPoint: { lat: number; lon: number; speedKmh: number } | null = null
  let outputs: ReadonlyArray<boolean> = [false, false]
  const nextSerial = () => {
    serial = (serial + 1) & 0xffff
    return serial
  }

  const flush = () => {
    if (socket === null || !loggedIn || awaiting || queue.length === 0) return
    if (identity.protocol === "teltonika") {
      const points = queue.splice(0, 50)
      awaiting = true
      socket.write(encodeAvlPacket(CODEC_8E, points.map(avlRecordOf)))
    } else {
      for (const point of queue.splice(0)) socket.write(gt06Location(point, nextSerial()))
    }
  }

  const onData = (chunk: Buffer) => {
    received = Buffer.concat([received, chunk])
    if (identity.protocol === "teltonika") {
      if (!loggedIn) {
        if (received.byteLength < 1) return
        loggedIn = received[0] === 0x01
        received = received.subarray(1)
        if (!loggedIn) return socket?.destroy()
      }
      for (;;) {
        if (received.byteLength < 4) break
        // An ACK is a record count (never 0); 4 zero bytes open a Codec 12 command frame.
        if (received.readUInt32BE(0) !== 0) {
          received = received.subarray(4)
          if (awaiting) {
            awaiting = false
            options.onAcked?.()
          }
          continue
        }
        if (received.byteLength < 8) break
        const size = received.readUInt32BE(4) + 12
        if (received.byteLength < size) break
        const frame = received.subarray(0, size)
        received = received.subarray(size)
        const command = decodeCodec12(frame)
        if (!command.ok || command.type !== CODEC12_COMMAND) continue
        const effect = answerTeltonikaCommand(command.text, {
          imei: identity.imei,
          startedAtMs,
          nowMs: Date.now(),
          last: lastPoint,
          outputs,
        })
        if (effect.kind === "restart") {
          // The device restarts: the connection drops and is reopened.
          socket?.destroy()
          return
        }
        if (effect.outputs !== undefined) outputs = effect.outputs
        socket?.write(encodeCodec12(effect.text, CODEC12_RESPONSE))
      }
    } else {
      for (;;) {
        const read = readFrame(received, 4096)
        if (read.kind !== "frame") break
        received = received.subarray(read.frame.size)
        if (read.frame.protocol === 0x01) loggedIn = true
        else if (read.frame.protocol === 0x80) {
          // An online command: a real terminal carries it out and answers; the simulator only answers.
          const flag = Buffer.from(read.frame.content).readUInt32BE(1)
          socket?.write(gt06Frames.commandAnswer("OK (simulated terminal)", flag, nextSerial()))
        } else options.onAcked?.()
      }
    }
    flush()
  }

  const open = () => {
    if (stopped) return
    loggedIn = false
    awaiting = false
    received = Buffer.alloc(0)
    const s = connect(options.port, options.host)
    socket = s
    s.on("connect", () =>
      s.write(
        identity.protocol === "teltonika"
          ? encodeImeiHandshake(identity.imei)
          : gt06Frames.login(identity.imei, nextSerial()),
      ),
    )
    s.on("data", onData)
    s.on("error", (error) => options.log(`${identity.protocol} ${identity.imei}: ${error.message}`))
    s.on("close", () => {
      if (socket === s) socket = null
      if (!stopped) retry = setTimeout(open, options.reconnectMs ?? 2_000)
    })
  }

  open()
  if (identity.protocol === "gt06")
    heartbeat = setInterval(() => {
      if (socket !== null && loggedIn)
        socket.write(gt06Frames.status(heartbeatStatus(ignition), nextSerial()))
    }, GT06_HEARTBEAT_MS)

  return {
    report: (point) => {
      ignition = point.ignition === true
      lastPoint = {
        lat: num(point.lat),
        lon: num(point.lon),
        speedKmh: Math.round(num(point.speedMps) * 3.6),
      }
      queue.push(point)
      if (queue.length > MAX_QUEUED) queue.splice(0, queue.length - MAX_QUEUED)
      flush()
    },
    connected: () => socket !== null && loggedIn,
    stop: () => {
      stopped = true
      if (retry !== null) clearTimeout(retry)
      if (heartbeat !== null) clearInterval(heartbeat)
      socket?.destroy()
    },
  }
}

const num = (x: number | null | undefined, fallback = 0) => (typeof x === "number" ? x : fallback)

/** A point as a Teltonika AVL record: GPS element and the IO ids FleetCore maps (docs/devices.md). */
const avlRecordOf = (p: Point) => ({
  timeMs: num(p.timeMs as number),
  priority: 0,
  lon: num(p.lon),
  lat: num(p.lat),
  altitudeM: Math.round(num(p.altitudeM)),
  angleDeg: Math.round(num(p.headingDeg)),
  satellites: num(p.satellites, 10),
  speedKmh: Math.round(num(p.speedMps) * 3.6),
  eventIoId: 0,
  io: [
    { id: 239, size: 1 as const, value: p.ignition ? 1n : 0n },
    { id: 66, size: 2 as const, value: BigInt(Math.round(num(p.batteryV) * 1000)) },
    { id: 16, size: 4 as const, value: BigInt(Math.round(num(p.odometerM))) },
    { id: 89, size: 1 as const, value: BigInt(Math.round(num(p.fuelLevelPct))) },
    { id: 182, size: 2 as const, value: BigInt(Math.round(num(p.hdop, 1) * 10)) },
  ],
})

/** A point as a GT06 0x22 location: whole seconds, km/h, ACC = ignition; the LBS of an Almaty cell. */
const gt06Location = (p: Point, serial: number) =>
  gt06Frames.location(
    {
      timeMs: Math.floor(num(p.timeMs as number) / 1000) * 1000,
      satellites: Math.min(15, num(p.satellites, 10)),
      lat: num(p.lat),
      lon: num(p.lon),
      speedKmh: Math.round(num(p.speedMps) * 3.6),
      course: Math.round(num(p.headingDeg)) % 360,
      fixed: true,
      differential: false,
    },
    { mcc: 401, mnc: 1, lac: 0x2866, cellId: 0x0eee },
    serial,
    p.ignition === true,
  )

const heartbeatStatus = (acc: boolean) => ({
  relayCut: false,
  gpsTracking: true,
  alarmBits: 0,
  charging: true,
  acc,
  armed: false,
  voltageLevel: 5,
  gsmSignal: 4,
  alarmCode: 0,
})
