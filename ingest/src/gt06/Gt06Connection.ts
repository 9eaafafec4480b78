import type { Socket } from "node:net"
import type { RejectReason } from "@fleetcore/proto"
import type { DeviceLinks } from "../commands/DeviceLinks.js"
import type {
  AuthenticatedDevice,
  DeviceAuthenticator,
  DeviceIdentifier,
  TrackerIngress,
} from "../DeviceIngress.js"
import type { IngestRefusals, RefusalReason } from "../IngestRefusals.js"
import { decodeAlarm } from "./alarmMessage.js"
import { ContentError } from "./ByteReader.js"
import { decodeCommandAnswer, decodeCommandAnswer2, encodeCommandContent } from "./commandMessage.js"
import { encodeAck, encodeFrame, type Gt06Frame, readFrame } from "./Gt06Frame.js"
import { alarmToPoint, lbsAlarmToPoint, locationToPoint, statusToPoint } from "./gt06Points.js"
import { decodeLbsAlarm } from "./lbsAlarmMessage.js"
import { decodeLocation } from "./locationMessage.js"
import { decodeLogin } from "./loginMessage.js"
import { hexByte, PROTOCOL } from "./protocolNumbers.js"
import { decodeStatus } from "./statusMessage.js"
import { encodeTimeAnswer } from "./timeRequestMessage.js"

export interface Gt06Limits {
  /** Largest frame (start bit to stop bit) accepted; a larger one closes the connection. */
  readonly maxFrameBytes: number
  /** Most bytes waiting to be read (devices do not wait for location packets to be answered). */
  readonly maxBufferedBytes: number
  /** A connection silent this long is closed (a GT06 sends a heartbeat every few minutes). */
  readonly idleTimeoutMs: number
}

export interface Gt06Deps {
  readonly auth: DeviceAuthenticator & DeviceIdentifier
  readonly ingress: TrackerIngress
  readonly refusals: IngestRefusals
  readonly links: DeviceLinks
  readonly log: { error(o: object, m: string): void }
  readonly now?: () => number
}

/** Bytes of a refused frame kept for the dead letter. */
const DEAD_LETTER_BYTES = 2048

const LOCATIONS: ReadonlySet<number> = new Set([PROTOCOL.location, PROTOCOL.location2])

/**
 * One GT06 terminal's TCP session: the login (0x01, answered only for a known IMEI), then location
 * (0x12, 0x22; not answered), status (0x13) and alarm (0x16, 0x26, 0x27; 0x19 without GPS) packets (answered with their
 * protocol number and serial once the ingress put what they carry on the bus), time checks (0x8A,
 * answered with the UTC time) and the answers to online commands (0x15, 0x21). While logged in the session is the device's `CommandLink`
 * ("gt06"): a command goes out as an online command (0x80).
 *
 * Frames are handled strictly in order with the socket paused while the ingress works; consecutive
 * location frames already buffered go to the ingress together. Refusals: an unknown, disabled or
 * suspended IMEI gets no answer and the connection closes; a frame with a bad CRC or content that
 * does not decode, or of a protocol number not handled, is dead-lettered and not answered (the
 * stream stays in step); bytes out of step (no start bit, no stop bit, a length too small) or a
 * frame over the size limit are dead-lettered and close the connection. Nothing throws out.
 */
export const handleGt06Connection = (socket: Socket, deps: Gt06Deps, limits: Gt06Limits) => {
  const now = deps.now ?? Date.now
  const address = socket.remoteAddress ?? "unknown"
  let buffered: Buffer = Buffer.alloc(0)
  let device: AuthenticatedDevice | null = null
  let imei = ""
  let busy = false
  let closed = false
  let detach: (() => void) | null = null
  let serverSerial = 0
  /** The last fix seen and the device clock's offset from ours, for heartbeats' points. */
  let lastFix: { lat: number; lon: number } | null = null
  let clockOffsetMs = 0

  socket.setTimeout(limits.idleTimeoutMs, () => socket.destroy())
  socket.on("close", () => {
    closed = true
    detach?.()
  })
  socket.on("error", () => socket.destroy())

  const write = (bytes: Buffer): boolean => {
    if (closed || socket.destroyed) return false
    socket.write(bytes)
    return true
  }

  const refuseFrame = async (
    reason: RefusalReason,
    code: RejectReason,
    message: string,
    bytes: Uint8Array,
  ) => {
    deps.refusals.refuse("gt06", reason, { imei, address, message })
    await deps.ingress.refuseFrame({
      source: "gt06",
      deviceId: device?.id ?? imei,
      orgId: device?.orgId ?? null,
      code,
      message,
      bytes: bytes.subarray(0, DEAD_LETTER_BYTES),
    })
  }

  const login = async (frame: Gt06Frame, bytes: Uint8Array): Promise<boolean> => {
    if (frame.protocol !== PROTOCOL.login) {
      await refuseFrame(
        "FLEET_INGEST_PROTOCOL_ERROR",
        "FLEET_INGEST_PAYLOAD_UNDECODABLE",
        `protocol ${hexByte(frame.protocol)} before the login`,
        bytes,
      )
      closed = true
      socket.destroy()
      return false
    }
    imei = decodeLogin(frame.content).imei
    const answer = await deps.auth.identify("gt06", imei, address)
    if (!answer.ok) {
      deps.refusals.refuse(
        "gt06",
        answer.reason === "suspended"
          ? "FLEET_INGEST_ORGANISATION_SUSPENDED"
          : "FLEET_INGEST_DEVICE_UNAUTHORIZED",
        { imei, address },
      )
      // No answer: the terminal does not go on without one; whatever it sent meanwhile is not read.
      closed = true
      socket.end()
      return false
    }
    // The terminal may have gone while its IMEI was looked up: no link for a closed connection.
    if (closed) return false
    const current = answer.device
    device = current
    write(encodeAck(PROTOCOL.login, frame.serial))
    detach = deps.links.attach(current.id, {
      protocol: "gt06",
      send: (text) => {
        if (!/^[\x20-\x7e]{1,251}$/u.test(text)) return false
        serverSerial = (serverSerial + 1) & 0xffff
        return write(
          encodeFrame(PROTOCOL.onlineCommand, encodeCommandContent(text, serverSerial), serverSerial),
        )
      },
    })
    return true
  }

  const accept = async (current: AuthenticatedDevice, points: ReadonlyArray<Record<string, unknown>>) => {
    if (points.length === 0) return true
    if (!(await deps.auth.stillAllowed(current.id))) {
      socket.destroy()
      return false
    }
    // Refused points are dead-lettered, which is final: the answer covers them too.
    await deps.ingress.acceptPoints(current, points, "gt06")
    return true
  }

  const remember = (point: Record<string, unknown>) => {
    clockOffsetMs = (point.timeMs as number) - now()
    if (point.satellites !== 0) lastFix = { lat: point.lat as number, lon: point.lon as number }
  }

  /** One logged-in frame other than a location; false when the connection ends. */
  const message = async (current: AuthenticatedDevice, frame: Gt06Frame): Promise<boolean> => {
    switch (frame.protocol) {
      case PROTOCOL.login:
        write(encodeAck(PROTOCOL.login, frame.serial))
        return true
      case PROTOCOL.status: {
        const status = decodeStatus(frame.content)
        // Stamped on the device's clock (as its locations are), so it does not overtake them.
        const point = statusToPoint(status, lastFix, Math.round(now() + clockOffsetMs))
        if (!(await accept(current, point === null ? [] : [point]))) return false
        write(encodeAck(PROTOCOL.status, frame.serial))
        return true
      }
      case PROTOCOL.alarm:
      case PROTOCOL.alarm2:
      case PROTOCOL.alarmMultiFence: {
        const point = alarmToPoint(decodeAlarm(frame.content, frame.protocol === PROTOCOL.alarmMultiFence))
        remember(point)
        if (!(await accept(current, [point]))) return false
        write(encodeAck(frame.protocol, frame.serial))
        return true
      }
      case PROTOCOL.lbsAlarm: {
        // No GPS: at the session's last fix, on the device's clock (as a heartbeat); nothing before a fix.
        const point = lbsAlarmToPoint(
          decodeLbsAlarm(frame.content),
          lastFix,
          Math.round(now() + clockOffsetMs),
        )
        if (!(await accept(current, point === null ? [] : [point]))) return false
        write(encodeAck(PROTOCOL.lbsAlarm, frame.serial))
        return true
      }
      case PROTOCOL.timeRequest:
        write(encodeTimeAnswer(frame.serial, now()))
        return true
      case PROTOCOL.commandAnswer:
        deps.links.answered(current.id, decodeCommandAnswer(frame.content).text)
        return true
      case PROTOCOL.commandAnswer2:
        deps.links.answered(current.id, decodeCommandAnswer2(frame.content).text)
        return true
      default:
        throw new ContentError(`protocol number ${hexByte(frame.protocol)} is not handled`)
    }
  }

  /** Handles whatever whole frames are buffered; false when more bytes are needed or the connection ends. */
  const step = async (): Promise<boolean> => {
    const read = readFrame(buffered, limits.maxFrameBytes)
    if (read.kind === "incomplete") return false
    if (read.kind === "malformed") {
      const bytes = read.size > 0 ? buffered.subarray(0, read.size) : buffered
      await refuseFrame(
        read.reason === "too-large" ? "FLEET_INGEST_PACKET_TOO_LARGE" : "FLEET_INGEST_PACKET_MALFORMED",
        read.reason === "too-large" ? "FLEET_INGEST_PAYLOAD_TOO_LARGE" : "FLEET_INGEST_PAYLOAD_UNDECODABLE",
        read.message,
        read.reason === "too-large" ? bytes.subarray(0, 4) : bytes,
      )
      // A bad CRC is a transmission error in a frame the stream is still in step after: no answer.
      if (read.size > 0) {
        buffered = buffered.subarray(read.size)
        return true
      }
      socket.destroy()
      return false
    }
    const bytes = buffered.subarray(0, read.frame.size)
    buffered = buffered.subarray(read.frame.size)
    const current = device
    try {
      if (current === null) return await login(read.frame, bytes)
      if (!LOCATIONS.has(read.frame.protocol)) return await message(current, read.frame)
      // This location and the ones right behind it that are already here: one call to the ingress.
      const points = [locationToPoint(decodeLocation(read.frame.protocol, read.frame.content))]
      for (;;) {
        const next = readFrame(buffered, limits.maxFrameBytes)
        if (next.kind !== "frame" || !LOCATIONS.has(next.frame.protocol)) break
        let point: Record<string, unknown>
        try {
          point = locationToPoint(decodeLocation(next.frame.protocol, next.frame.content))
        } catch {
          break
        }
        points.push(point)
        buffered = buffered.subarray(next.frame.size)
      }
      for (const point of points) remember(point)
      return await accept(current, points)
    } catch (error) {
      if (!(error instanceof ContentError)) throw error
      await refuseFrame(
        "FLEET_INGEST_PACKET_MALFORMED",
        "FLEET_INGEST_PAYLOAD_UNDECODABLE",
        `${hexByte(read.frame.protocol)}: ${error.message}`,
        bytes,
      )
      if (current === null) {
        closed = true
        socket.destroy()
        return false
      }
      return true
    }
  }

  const drain = async () => {
    if (busy) return
    busy = true
    socket.pause()
    try {
      while (!closed && (await step())) {}
    } catch (error) {
      // Only the bus or the database fail here: no answer, so the terminal sends again.
      deps.log.error({ err: error, imei, address }, "gt06 frame not accepted; the device will resend")
      socket.destroy()
    } finally {
      busy = false
      if (!closed && !socket.destroyed) socket.resume()
    }
  }

  socket.on("data", (chunk: Buffer) => {
    if (closed) return
    if (buffered.byteLength + chunk.byteLength > limits.maxBufferedBytes) {
      void refuseFrame(
        "FLEET_INGEST_PACKET_TOO_LARGE",
        "FLEET_INGEST_PAYLOAD_TOO_LARGE",
        `more than ${limits.maxBufferedBytes} bytes waiting to be read`,
        buffered.subarray(0, 4),
      ).catch(() => {})
      socket.destroy()
      return
    }
    buffered = buffered.byteLength === 0 ? chunk : Buffer.concat([buffered, chunk])
    void drain()
  })
}
