import type { RejectReason } from "@fleetcore/proto"
import { crc16Ibm } from "./crc16Ibm.js"

/** Codec ids this server decodes (wiki "Codec": Codec 8 = 0x08, Codec 8 Extended = 0x8E). */
export const CODEC_8 = 0x08
export const CODEC_8E = 0x8e

/** One IO element as sent: fixed-size values as unsigned integers, variable-size (8E "NX") as bytes. */
export type IoElement =
  | { readonly id: number; readonly size: 1 | 2 | 4 | 8; readonly value: bigint }
  | { readonly id: number; readonly size: "variable"; readonly bytes: Uint8Array }

/** One AVL record (wiki "Codec", "AVL Data"), units as on the wire. */
export interface AvlRecord {
  /** Milliseconds since 1970 UTC (8 bytes). */
  readonly timeMs: number
  /** 0 low, 1 high, 2 panic. */
  readonly priority: number
  /** Degrees (the wire's ×10⁷ signed integers divided out). */
  readonly lon: number
  readonly lat: number
  /** Metres above sea level (signed 2 bytes). */
  readonly altitudeM: number
  /** Heading, degrees from north. */
  readonly angleDeg: number
  /** Satellites in use; 0 means the GPS element is not a fix. */
  readonly satellites: number
  /** km/h; 0 also when the GPS data is invalid. */
  readonly speedKmh: number
  /** The IO element that caused the record, 0 for a periodic one. */
  readonly eventIoId: number
  readonly io: ReadonlyArray<IoElement>
}

export type AvlPacket =
  | { readonly ok: true; readonly codec: number; readonly records: ReadonlyArray<AvlRecord> }
  | { readonly ok: false; readonly code: RejectReason; readonly message: string }

export interface AvlLimits {
  /** Most records one packet may carry (a Teltonika device sends up to a few dozen). */
  readonly maxRecords: number
}

/** Raised inside the decoder when a field runs past the end; never leaves `decodeAvlPacket`. */
class Truncated extends Error {}

/** A bounds-checked big-endian reader over one packet. */
class Cursor {
  offset = 0
  constructor(private readonly view: DataView) {}
  private take(n: number): number {
    const at = this.offset
    if (at + n > this.view.byteLength) throw new Truncated()
    this.offset += n
    return at
  }
  u8 = () => this.view.getUint8(this.take(1))
  u16 = () => this.view.getUint16(this.take(2))
  i16 = () => this.view.getInt16(this.take(2))
  u32 = () => this.view.getUint32(this.take(4))
  i32 = () => this.view.getInt32(this.take(4))
  u64 = () => this.view.getBigUint64(this.take(8))
  bytes = (n: number) => {
    const at = this.take(n)
    return new Uint8Array(this.view.buffer, this.view.byteOffset + at, n)
  }
}

const refuse = (code: RejectReason, message: string): AvlPacket => ({ ok: false, code, message })

/**
 * IO elements (wiki "Codec"): Codec 8 counts and ids are 1 byte, Codec 8E 2 bytes and adds the
 * variable-length NX group (id, 2-byte length, value). Groups come by value size: 1, 2, 4, 8 bytes.
 */
const readIo = (c: Cursor, extended: boolean): { eventIoId: number; io: IoElement[] } => {
  const n = extended ? c.u16 : c.u8
  const eventIoId = n()
  const total = n()
  const io: IoElement[] = []
  for (const size of [1, 2, 4, 8] as const) {
    const count = n()
    for (let i = 0; i < count; i++) {
      const id = n()
      const value =
        size === 1 ? BigInt(c.u8()) : size === 2 ? BigInt(c.u16()) : size === 4 ? BigInt(c.u32()) : c.u64()
      io.push({ id, size, value })
    }
  }
  if (extended) {
    const count = c.u16()
    for (let i = 0; i < count; i++) {
      const id = c.u16()
      const length = c.u16()
      io.push({ id, size: "variable", bytes: c.bytes(length) })
    }
  }
  if (io.length !== total) throw new RangeError(`IO total ${total} but ${io.length} elements sent`)
  return { eventIoId, io }
}

const readRecord = (c: Cursor, extended: boolean): AvlRecord => {
  const timeMs = Number(c.u64())
  const priority = c.u8()
  const lon = c.i32() / 1e7
  const lat = c.i32() / 1e7
  const altitudeM = c.i16()
  const angleDeg = c.u16()
  const satellites = c.u8()
  const speedKmh = c.u16()
  const { eventIoId, io } = readIo(c, extended)
  return { timeMs, priority, lon, lat, altitudeM, angleDeg, satellites, speedKmh, eventIoId, io }
}

/**
 * Decodes one whole AVL data packet as it comes over TCP (wiki "Codec", "AVL Data Packet"):
 * preamble (4 zero bytes), data field length (4), codec id (1), record count (1), records, record
 * count again (1), CRC-16/IBM (4, of which the low 2 carry it) over codec id … second count.
 * Never throws: a packet is decoded whole or refused with a reason.
 */
export const decodeAvlPacket = (packet: Uint8Array, limits: AvlLimits): AvlPacket => {
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength)
  if (packet.byteLength < 12)
    return refuse("FLEET_INGEST_PAYLOAD_UNDECODABLE", "packet shorter than 12 bytes")
  if (view.getUint32(0) !== 0)
    return refuse("FLEET_INGEST_PAYLOAD_UNDECODABLE", "preamble is not 4 zero bytes")
  const length = view.getUint32(4)
  if (length + 12 !== packet.byteLength)
    return refuse(
      "FLEET_INGEST_PAYLOAD_UNDECODABLE",
      `data field length ${length} does not match the ${packet.byteLength}-byte packet`,
    )
  if (length < 3) return refuse("FLEET_INGEST_PAYLOAD_UNDECODABLE", `data field of ${length} bytes`)
  const data = packet.subarray(8, 8 + length)
  const sent = view.getUint32(8 + length)
  const computed = crc16Ibm(data)
  if (sent !== computed)
    return refuse(
      "FLEET_INGEST_PAYLOAD_UNDECODABLE",
      `CRC mismatch: packet says ${sent.toString(16)}, data gives ${computed.toString(16)}`,
    )
  return decodeAvlData(data, limits)
}

/**
 * Decodes the AVL data array (wiki "Codec": codec id, record count, records, record count again) as
 * both channels carry it: inside a TCP packet's frame and CRC, or after a UDP datagram's header.
 * Never throws: the data is decoded whole or refused with a reason.
 */
export const decodeAvlData = (data: Uint8Array, limits: AvlLimits): AvlPacket => {
  if (data.byteLength < 3)
    return refuse("FLEET_INGEST_PAYLOAD_UNDECODABLE", `data field of ${data.byteLength} bytes`)
  const codec = data[0]
  if (codec !== CODEC_8 && codec !== CODEC_8E)
    return refuse(
      "FLEET_INGEST_PAYLOAD_UNDECODABLE",
      `codec 0x${(codec ?? 0).toString(16)} is not decoded here`,
    )
  const count = data[1] ?? 0
  if (count === 0) return refuse("FLEET_INGEST_PAYLOAD_INVALID", "the packet carries no records")
  if (count > limits.maxRecords)
    return refuse(
      "FLEET_INGEST_TOO_MANY_POINTS",
      `${count} records in one packet; at most ${limits.maxRecords} are accepted`,
    )
  if (data[data.byteLength - 1] !== count)
    return refuse("FLEET_INGEST_PAYLOAD_UNDECODABLE", "the two record counts differ")
  const c = new Cursor(new DataView(data.buffer, data.byteOffset + 2, data.byteLength - 3))
  const records: AvlRecord[] = []
  try {
    for (let i = 0; i < count; i++) records.push(readRecord(c, codec === CODEC_8E))
  } catch (error) {
    if (error instanceof Truncated)
      return refuse(
        "FLEET_INGEST_PAYLOAD_UNDECODABLE",
        `record ${records.length + 1} runs past the data field`,
      )
    if (error instanceof RangeError)
      return refuse("FLEET_INGEST_PAYLOAD_UNDECODABLE", `record ${records.length + 1}: ${error.message}`)
    throw error
  }
  if (c.offset !== data.byteLength - 3)
    return refuse("FLEET_INGEST_PAYLOAD_UNDECODABLE", "bytes left over after the records")
  return { ok: true, codec, records }
}
