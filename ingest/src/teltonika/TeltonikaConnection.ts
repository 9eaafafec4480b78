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
import { type AvlLimits, decodeAvlPacket } from "./AvlPacket.js"
import { CODEC_12, CODEC12_RESPONSE, decodeCodec12, encodeCodec12 } from "./codec12.js"
import { HANDSHAKE_ACCEPT, HANDSHAKE_REJECT, readHandshake } from "./imeiHandshake.js"
import { recordToPoint } from "./ioElements.js"
import { GENERIC_IO_MAP, type IoMap, ioMapFor } from "./ioMaps.js"

export interface TeltonikaLimits extends AvlLimits {
  /** Largest AVL packet (preamble to CRC) accepted; a larger one closes the connection. */
  readonly maxPacketBytes: number
  /** A connection silent this long is closed. */
  readonly idleTimeoutMs: number
}

export interface TeltonikaDeps {
  readonly auth: DeviceAuthenticator & DeviceIdentifier
  readonly ingress: TrackerIngress
  readonly refusals: IngestRefusals
  readonly log: { error(o: object, m: string): void; warn(o: object, m: string): void }
  /** Where the session offers its device for commands (Codec 12) and passes on the answers. */
  readonly links?: DeviceLinks
}

/** Packet header: 4-byte preamble + 4-byte data field length. */
const HEADER = 8
/** Bytes of a refused frame kept for the dead letter. */
const DEAD_LETTER_BYTES = 2048

/**
 * One device's TCP session (wiki "Codec", "Communication with server"): the IMEI handshake, then AVL
 * packets, each acknowledged with its record count (4 bytes, big-endian) only once the ingress put
 * its points on the bus. Bytes are handled strictly in order: the socket is paused while a packet
 * is at the ingress, so a device never has more than one packet in flight.
 *
 * Refusals: an unknown, disabled or suspended IMEI gets 0x00 and the connection closes; a packet
 * with a bad CRC gets no ACK (the device resends it) and is dead-lettered; any other malformed,
 * oversized or over-long packet is dead-lettered and the connection closes. Nothing throws out.
 *
 * Commands (wiki "Codec 12"): once the IMEI is accepted the session attaches a command link that
 * writes Codec 12 commands (type 0x05); the device's responses (type 0x06) arrive between AVL
 * packets on the same stream, are not acknowledged, and go to `links.answered`.
 */
export const handleTeltonikaConnection = (socket: Socket, deps: TeltonikaDeps, limits: TeltonikaLimits) => {
  const address = socket.remoteAddress ?? "unknown"
  let buffered: Buffer = Buffer.alloc(0)
  let device: AuthenticatedDevice | null = null
  let imei = ""
  /** The device's IO map (its model's, with its organisation's override), chosen at the handshake. */
  let ioMap: IoMap = GENERIC_IO_MAP
  let busy = false
  let closed = false

  socket.setTimeout(limits.idleTimeoutMs, () => socket.destroy())
  let detach: (() => void) | null = null
  socket.on("close", () => {
    closed = true
    detach?.()
  })
  socket.on("error", () => socket.destroy())

  const refuseFrame = async (
    reason: RefusalReason,
    code: RejectReason,
    message: string,
    bytes: Uint8Array,
  ): Promise<void> => {
    deps.refusals.refuse("teltonika", reason, { imei, address, message })
    await deps.ingress.refuseFrame({
      source: "teltonika",
      deviceId: device?.id ?? imei,
      orgId: device?.orgId ?? null,
      code,
      message,
      bytes: bytes.subarray(0, DEAD_LETTER_BYTES),
    })
  }

  const handshake = async (): Promise<boolean> => {
    const h = readHandshake(buffered)
    if (h.kind === "incomplete") return false
    if (h.kind === "malformed") {
      await refuseFrame(
        "FLEET_INGEST_PACKET_MALFORMED",
        "FLEET_INGEST_PAYLOAD_UNDECODABLE",
        h.message,
        buffered,
      )
      closed = true
      socket.end(HANDSHAKE_REJECT)
      return false
    }
    imei = h.imei
    buffered = buffered.subarray(h.size)
    const answer = await deps.auth.identify("teltonika", h.imei, address)
    if (!answer.ok) {
      deps.refusals.refuse(
        "teltonika",
        answer.reason === "suspended"
          ? "FLEET_INGEST_ORGANISATION_SUSPENDED"
          : "FLEET_INGEST_DEVICE_UNAUTHORIZED",
        { imei, address },
      )
      // Whatever the device sends before it sees the answer is not read.
      closed = true
      socket.end(HANDSHAKE_REJECT)
      return false
    }
    device = answer.device
    const chosen = ioMapFor(device.model, device.ioMapOverride)
    ioMap = chosen.map
    if (chosen.problem !== null)
      deps.log.warn({ imei, problem: chosen.problem }, "teltonika IO map override not applied")
    socket.write(HANDSHAKE_ACCEPT)
    if (deps.links !== undefined) {
      detach = deps.links.attach(device.id, {
        protocol: "teltonika",
        send: (text) => {
          if (closed || socket.destroyed) return false
          socket.write(encodeCodec12(text))
          return true
        },
      })
    }
    return true
  }

  /** One AVL packet if a whole one is buffered; false when more bytes are needed or the connection ends. */
  const packet = async (current: AuthenticatedDevice): Promise<boolean> => {
    if (buffered.byteLength < HEADER) return false
    if (buffered.readUInt32BE(0) !== 0) {
      await refuseFrame(
        "FLEET_INGEST_PACKET_MALFORMED",
        "FLEET_INGEST_PAYLOAD_UNDECODABLE",
        "preamble is not 4 zero bytes",
        buffered,
      )
      socket.destroy()
      return false
    }
    const size = buffered.readUInt32BE(4) + 12
    if (size > limits.maxPacketBytes) {
      await refuseFrame(
        "FLEET_INGEST_PACKET_TOO_LARGE",
        "FLEET_INGEST_PAYLOAD_TOO_LARGE",
        `packet of ${size} bytes; at most ${limits.maxPacketBytes} are accepted`,
        buffered.subarray(0, HEADER),
      )
      socket.destroy()
      return false
    }
    if (buffered.byteLength < size) return false
    const bytes = buffered.subarray(0, size)
    buffered = buffered.subarray(size)
    if (bytes[8] === CODEC_12) return response(current, bytes)
    const decoded = decodeAvlPacket(bytes, limits)
    if (!decoded.ok) {
      await refuseFrame("FLEET_INGEST_PACKET_MALFORMED", decoded.code, decoded.message, bytes)
      // A bad CRC is a transmission error: no ACK, and the device sends the packet again.
      if (decoded.message.startsWith("CRC mismatch")) return true
      socket.destroy()
      return false
    }
    if (!(await deps.auth.stillAllowed(current.id))) {
      socket.destroy()
      return false
    }
    // Refused points are dead-lettered, which is final: the count acknowledges them too.
    await deps.ingress.acceptPoints(
      current,
      decoded.records.map((r) => recordToPoint(r, ioMap)),
      "teltonika",
    )
    const ack = Buffer.alloc(4)
    ack.writeUInt32BE(decoded.records.length)
    if (!closed) socket.write(ack)
    return true
  }

  /** A Codec 12 frame from the device: its response to a command (never acknowledged). */
  const response = async (current: AuthenticatedDevice, bytes: Buffer): Promise<boolean> => {
    const message = decodeCodec12(bytes)
    if (!message.ok || message.type !== CODEC12_RESPONSE) {
      await refuseFrame(
        "FLEET_INGEST_PACKET_MALFORMED",
        "FLEET_INGEST_PAYLOAD_UNDECODABLE",
        message.ok ? `Codec 12 message of type ${message.type} from a device` : message.message,
        bytes,
      )
      // A garbled response is dropped; the command it answered times out. The AVL stream goes on.
      return true
    }
    deps.links?.answered(current.id, message.text)
    return true
  }

  const drain = async () => {
    if (busy) return
    busy = true
    socket.pause()
    try {
      for (;;) {
        if (closed) return
        if (device === null) {
          if (!(await handshake())) return
        } else if (!(await packet(device))) return
      }
    } catch (error) {
      // Only the bus or the database fail here: no ACK, so the device resends on its next connection.
      deps.log.error({ err: error, imei, address }, "teltonika packet not accepted; the device will resend")
      socket.destroy()
    } finally {
      busy = false
      if (!closed) socket.resume()
    }
  }

  socket.on("data", (chunk: Buffer) => {
    if (closed) return
    if (buffered.byteLength + chunk.byteLength > limits.maxPacketBytes + HEADER) {
      // More than one largest packet is waiting: the device does not wait for its ACKs.
      void refuseFrame(
        "FLEET_INGEST_PACKET_TOO_LARGE",
        "FLEET_INGEST_PAYLOAD_TOO_LARGE",
        "more than one packet's worth of bytes unacknowledged",
        buffered.subarray(0, HEADER),
      ).catch(() => {})
      socket.destroy()
      return
    }
    buffered = buffered.byteLength === 0 ? chunk : Buffer.concat([buffered, chunk])
    void drain()
  })
}
