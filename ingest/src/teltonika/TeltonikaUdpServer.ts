import { createSocket, type RemoteInfo } from "node:dgram"
import type { DeviceAuthenticator, DeviceIdentifier, TrackerIngress } from "../DeviceIngress.js"
import type { IngestRefusals } from "../IngestRefusals.js"
import type { AvlLimits } from "./AvlPacket.js"
import { recordToPoint } from "./ioElements.js"
import { ioMapFor } from "./ioMaps.js"
import { decodeUdpDatagram, encodeUdpAck } from "./udpChannel.js"

export interface TeltonikaUdpLimits extends AvlLimits {
  /** Largest datagram read; a larger one is dead-lettered unread (a device's are a few hundred bytes). */
  readonly maxDatagramBytes: number
  /** Datagrams at the ingress at once; more are dropped unanswered (their devices resend them). */
  readonly maxInFlight: number
}

export interface TeltonikaUdpListener {
  readonly port: number
  readonly close: () => Promise<void>
}

/** Bytes of a refused datagram kept for the dead letter. */
const DEAD_LETTER_BYTES = 2048

/**
 * Teltonika over UDP (udpChannel.ts): each datagram names its IMEI, is decoded with the same AVL
 * decoder and IO map as TCP and handed to the same ingress; it is acknowledged (packet id, AVL
 * packet id, record count) only once its points are on the bus. An unknown, disabled or suspended
 * IMEI gets no answer (identify records an unknown one); a datagram that does not decode is
 * dead-lettered with its bytes in hex and not answered. Commands (Codec 12) go over TCP only.
 */
export const startTeltonikaUdp = async (deps: {
  readonly host: string
  readonly port: number
  readonly auth: DeviceAuthenticator & DeviceIdentifier
  readonly ingress: TrackerIngress
  readonly refusals: IngestRefusals
  readonly log: { warn(o: object, m: string): void; error(o: object, m: string): void }
  readonly limits: TeltonikaUdpLimits
}): Promise<TeltonikaUdpListener> => {
  const { auth, ingress, refusals, limits } = deps
  const socket = createSocket({ type: deps.host.includes(":") ? "udp6" : "udp4" })
  let inFlight = 0

  const deadLetter = async (
    message: string,
    bytes: Uint8Array,
    device: { id: string; orgId: string } | null,
    imei: string | null,
  ) =>
    ingress.refuseFrame({
      source: "teltonika",
      deviceId: device?.id ?? imei ?? "",
      orgId: device?.orgId ?? null,
      code: "FLEET_INGEST_PAYLOAD_UNDECODABLE",
      message,
      bytes: bytes.subarray(0, DEAD_LETTER_BYTES),
    })

  const handle = async (datagram: Buffer, from: RemoteInfo) => {
    const address = from.address
    const decoded = decodeUdpDatagram(datagram, limits)
    if (!decoded.ok) {
      refusals.refuse("teltonika-udp", "FLEET_INGEST_PACKET_MALFORMED", { address, message: decoded.message })
      await deadLetter(decoded.message, datagram, null, decoded.imei)
      return
    }
    const imei = decoded.imei
    const answer = await auth.identify("teltonika", imei, address)
    if (!answer.ok) {
      refusals.refuse(
        "teltonika-udp",
        answer.reason === "suspended"
          ? "FLEET_INGEST_ORGANISATION_SUSPENDED"
          : "FLEET_INGEST_DEVICE_UNAUTHORIZED",
        { imei, address },
      )
      return
    }
    const device = answer.device
    if (!decoded.avl.ok) {
      refusals.refuse("teltonika-udp", "FLEET_INGEST_PACKET_MALFORMED", { imei, address })
      await ingress.refuseFrame({
        source: "teltonika",
        deviceId: device.id,
        orgId: device.orgId,
        code: decoded.avl.code,
        message: decoded.avl.message,
        bytes: datagram.subarray(0, DEAD_LETTER_BYTES),
      })
      return
    }
    // A cached identity may be stale: a disabled device or a suspended organisation stops here.
    if (!(await auth.stillAllowed(device.id))) {
      refusals.refuse("teltonika-udp", "FLEET_INGEST_DEVICE_UNAUTHORIZED", { imei, address })
      return
    }
    const { map } = ioMapFor(device.model, device.ioMapOverride)
    const records = decoded.avl.records
    // Refused points are dead-lettered, which is final: the count acknowledges them too.
    await ingress.acceptPoints(
      device,
      records.map((r) => recordToPoint(r, map)),
      "teltonika",
    )
    socket.send(encodeUdpAck(decoded.packetId, decoded.avlPacketId, records.length), from.port, address)
  }

  socket.on("message", (datagram, from) => {
    if (datagram.byteLength > limits.maxDatagramBytes) {
      refusals.refuse("teltonika-udp", "FLEET_INGEST_PACKET_TOO_LARGE", { address: from.address })
      void deadLetter(
        `datagram of ${datagram.byteLength} bytes; at most ${limits.maxDatagramBytes} are read`,
        datagram.subarray(0, 8),
        null,
        null,
      ).catch(() => {})
      return
    }
    if (inFlight >= limits.maxInFlight) {
      refusals.refuse("teltonika-udp", "FLEET_INGEST_PROTOCOL_ERROR", {
        address: from.address,
        message: "too many datagrams at the ingress; dropped unanswered",
      })
      return
    }
    inFlight++
    handle(datagram, from)
      .catch((error: unknown) => {
        // Only the bus or the database fail here: no ACK, so the device resends the datagram.
        deps.log.error(
          { err: error, address: from.address },
          "teltonika datagram not accepted; the device will resend",
        )
      })
      .finally(() => {
        inFlight--
      })
  })
  socket.on("error", (error) => deps.log.error({ err: error }, "teltonika UDP socket error"))

  await new Promise<void>((ok, fail) => {
    socket.once("error", fail)
    socket.bind(deps.port, deps.host, () => {
      socket.off("error", fail)
      ok()
    })
  })
  return {
    port: socket.address().port,
    close: () => new Promise<void>((ok) => socket.close(() => ok())),
  }
}
