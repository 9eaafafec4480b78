import { type AvlRecord, type CODEC_8, CODEC_8E } from "./AvlPacket.js"
import { crc16Ibm } from "./crc16Ibm.js"

/**
 * Encodes records as a Teltonika AVL data packet (Codec 8 or 8E), CRC included: what a device
 * sends. For tests, fuzzing, benchmarks and simulated devices; the server only decodes.
 */
export const encodeAvlPacket = (
  codec: typeof CODEC_8 | typeof CODEC_8E,
  records: ReadonlyArray<AvlRecord>,
): Buffer => {
  const extended = codec === CODEC_8E
  const parts: Buffer[] = [Buffer.from([codec, records.length])]
  const n = (value: number) => {
    const b = Buffer.alloc(extended ? 2 : 1)
    if (extended) b.writeUInt16BE(value)
    else b.writeUInt8(value)
    return b
  }
  for (const r of records) {
    const head = Buffer.alloc(24)
    head.writeBigUInt64BE(BigInt(r.timeMs), 0)
    head.writeUInt8(r.priority, 8)
    head.writeInt32BE(Math.round(r.lon * 1e7), 9)
    head.writeInt32BE(Math.round(r.lat * 1e7), 13)
    head.writeInt16BE(r.altitudeM, 17)
    head.writeUInt16BE(r.angleDeg, 19)
    head.writeUInt8(r.satellites, 21)
    head.writeUInt16BE(r.speedKmh, 22)
    parts.push(head, n(r.eventIoId), n(r.io.length))
    for (const size of [1, 2, 4, 8] as const) {
      const group = r.io.filter((e) => e.size === size)
      parts.push(n(group.length))
      for (const e of group) {
        if (e.size === "variable") continue
        const v = Buffer.alloc(size)
        if (size === 1) v.writeUInt8(Number(e.value))
        else if (size === 2) v.writeUInt16BE(Number(e.value))
        else if (size === 4) v.writeUInt32BE(Number(e.value))
        else v.writeBigUInt64BE(e.value)
        parts.push(n(e.id), v)
      }
    }
    if (extended) {
      const variable = r.io.filter((e) => e.size === "variable")
      parts.push(n(variable.length))
      for (const e of variable) {
        if (e.size !== "variable") continue
        const head2 = Buffer.alloc(4)
        head2.writeUInt16BE(e.id, 0)
        head2.writeUInt16BE(e.bytes.byteLength, 2)
        parts.push(head2, Buffer.from(e.bytes))
      }
    }
  }
  parts.push(Buffer.from([records.length]))
  const data = Buffer.concat(parts)
  const frame = Buffer.alloc(data.byteLength + 12)
  frame.writeUInt32BE(data.byteLength, 4)
  data.copy(frame, 8)
  frame.writeUInt32BE(crc16Ibm(data), 8 + data.byteLength)
  return frame
}

/** The handshake a device opens with: 2-byte length + the IMEI in ASCII. */
export const encodeImeiHandshake = (imei: string): Buffer => {
  const ascii = Buffer.from(imei, "ascii")
  const frame = Buffer.alloc(2 + ascii.byteLength)
  frame.writeUInt16BE(ascii.byteLength, 0)
  ascii.copy(frame, 2)
  return frame
}
