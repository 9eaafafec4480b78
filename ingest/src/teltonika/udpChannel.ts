import { type AvlLimits, type AvlPacket, decodeAvlData } from "./AvlPacket.js"
import { MAX_IMEI_LENGTH } from "./imeiHandshake.js"

/**
 * Teltonika's UDP channel (wiki "Codec", "UDP channel protocol"): every datagram names its device,
 * as there is no connection to hold a handshake:
 *
 *   length (2, bytes after this field) · packet id (2) · not-usable byte (1, 0x01)
 *   · AVL packet id (1) · IMEI length (2) · IMEI (ASCII) · AVL data array (codec … record count)
 *
 * The AVL data array is the TCP packet's data field (Codec 8 or 8E) without preamble, length or
 * CRC: UDP's own checksum guards it. The server acknowledges with
 *
 *   length (2, = 5) · packet id (2) · not-usable byte (1, 0x01) · AVL packet id (1) · accepted records (1)
 *
 * and the device resends a datagram whose acknowledgement does not come.
 */
export type UdpDatagram =
  | {
      readonly ok: true
      readonly packetId: number
      readonly avlPacketId: number
      readonly imei: string
      readonly avl: AvlPacket
    }
  /** The header itself does not decode: nothing can be answered. */
  | { readonly ok: false; readonly message: string; readonly imei: string | null }

/** Bytes before the IMEI: length, packet id, not-usable byte, AVL packet id, IMEI length. */
const HEADER = 8

export const decodeUdpDatagram = (datagram: Uint8Array, limits: AvlLimits): UdpDatagram => {
  if (datagram.byteLength < HEADER)
    return { ok: false, message: `datagram of ${datagram.byteLength} bytes`, imei: null }
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength)
  const length = view.getUint16(0)
  if (length + 2 !== datagram.byteLength)
    return {
      ok: false,
      message: `length field ${length} does not match the ${datagram.byteLength}-byte datagram`,
      imei: null,
    }
  const packetId = view.getUint16(2)
  const avlPacketId = view.getUint8(5)
  const imeiLength = view.getUint16(6)
  if (imeiLength === 0 || imeiLength > MAX_IMEI_LENGTH || HEADER + imeiLength > datagram.byteLength)
    return { ok: false, message: `IMEI length ${imeiLength}`, imei: null }
  const digits = datagram.subarray(HEADER, HEADER + imeiLength)
  for (const byte of digits)
    if (byte < 0x30 || byte > 0x39) return { ok: false, message: "the IMEI is not ASCII digits", imei: null }
  const imei = Buffer.from(digits).toString("ascii")
  const avl = decodeAvlData(datagram.subarray(HEADER + imeiLength), limits)
  return { ok: true, packetId, avlPacketId, imei, avl }
}

/** The acknowledgement of a datagram: `accepted` records (0–255) of its AVL packet were stored. */
export const encodeUdpAck = (packetId: number, avlPacketId: number, accepted: number): Buffer => {
  const ack = Buffer.alloc(7)
  ack.writeUInt16BE(5, 0)
  ack.writeUInt16BE(packetId, 2)
  ack.writeUInt8(0x01, 4)
  ack.writeUInt8(avlPacketId, 5)
  ack.writeUInt8(accepted, 6)
  return ack
}

/** A datagram as a device sends it, from a TCP-framed AVL packet (tests, benchmarks, simulators). */
export const encodeUdpDatagram = (
  packetId: number,
  avlPacketId: number,
  imei: string,
  tcpPacket: Uint8Array,
): Buffer => {
  const data = tcpPacket.subarray(8, tcpPacket.byteLength - 4)
  const ascii = Buffer.from(imei, "ascii")
  const out = Buffer.alloc(HEADER + ascii.byteLength + data.byteLength)
  out.writeUInt16BE(out.byteLength - 2, 0)
  out.writeUInt16BE(packetId, 2)
  out.writeUInt8(0x01, 4)
  out.writeUInt8(avlPacketId, 5)
  out.writeUInt16BE(ascii.byteLength, 6)
  ascii.copy(out, HEADER)
  out.set(data, HEADER + ascii.byteLength)
  return out
}
