import type { IPublishPacket, QoS } from "mqtt-packet"
import type { AedesClient, BegunPacket, MqttPacketParser as Parser, TakePublish } from "./aedesInternals.js"
import { MAX_PACKET_BYTES } from "./packetLimits.js"

const PUBLISH = 3
/** A fixed header: one byte, then at most four of Remaining Length. */
const MAX_HEADER_BYTES = 5

/**
 * Where the packet starting at `at` ends, or -1 when `buf` ends before its fixed header does, or
 * -2 when its Remaining Length is longer than four bytes (mqtt-packet reports that error).
 */
const packetEnd = (buf: Buffer, at: number): number => {
  let length = 0
  let multiplier = 1
  for (let i = at + 1; i < at + MAX_HEADER_BYTES; i++) {
    if (i >= buf.length) return -1
    const byte = buf[i] as number
    length += (byte & 0x7f) * multiplier
    if ((byte & 0x80) === 0) return i + 1 + length
    multiplier *= 0x80
  }
  return -2
}

/**
 * The PUBLISH (QoS 0 or 1, as MQTT 3.1.1 frames it) in `buf` from `at` to `end`, read as
 * mqtt-packet reads it; null for any other packet, and for one whose topic or message id does not
 * fit its length (mqtt-packet decides what those are).
 */
const publishAt = (buf: Buffer, at: number, end: number): IPublishPacket | null => {
  const first = buf[at] as number
  const qos = ((first >> 1) & 3) as QoS
  if (first >> 4 !== PUBLISH || qos > 1) return null
  // After the fixed header (whose Remaining Length `packetEnd` has checked is at most four bytes).
  let start = at + 1
  while (((buf[start] as number) & 0x80) !== 0) start++
  start++
  const idBytes = qos === 0 ? 0 : 2
  if (end - start < 2 + idBytes) return null
  const topicEnd = start + 2 + buf.readUInt16BE(start)
  if (topicEnd + idBytes > end) return null
  const packet: IPublishPacket = {
    cmd: "publish",
    retain: (first & 1) !== 0,
    qos,
    dup: (first & 8) !== 0,
    length: end - start,
    topic: buf.toString("utf8", start + 2, topicEnd),
    payload: buf.subarray(topicEnd + idBytes, end),
  }
  if (qos === 1) packet.messageId = buf.readUInt16BE(topicEnd)
  return packet
}

const libraryParse = (parser: Parser, buf: Buffer): number =>
  (Object.getPrototypeOf(parser) as Parser).parse.call(parser, buf)

/** The fast path applies to an MQTT 3.1.1 (or 3.1) session whose parser holds nothing. */
const fastApplies = (parser: Parser): boolean => {
  const version = parser.settings?.protocolVersion
  return (
    (version === 4 || version === 3) &&
    parser.error === null &&
    parser._list.length === 0 &&
    parser._stateCounter === 0
  )
}

/**
 * Emits the whole packet in `buf` from `at` to `end`: a PUBLISH read here, anything else by
 * mqtt-packet (given just that packet, so it holds nothing after). False when the rest of the
 * read is mqtt-packet's to read: it found the packet malformed, or it changed the session (a
 * second CONNECT).
 */
const emitPacket = (parser: Parser, buf: Buffer, at: number, end: number): boolean => {
  const packet = publishAt(buf, at, end)
  if (packet !== null) {
    if (parser.fleetTake?.(parser.client, packet) !== true) parser.emit("packet", packet)
    return true
  }
  libraryParse(parser, buf.subarray(at, end))
  return fastApplies(parser)
}

/** Keeps the start of a packet the read ended inside: copied, not to hold the whole read chunk. */
const begin = (parser: Parser, buf: Buffer, at: number, end: number): number => {
  const filled = buf.length - at
  const bytes = Buffer.allocUnsafe(end === -1 ? filled : end - at)
  buf.copy(bytes, 0, at)
  parser.fleetPartial = { bytes, filled, end: end === -1 ? -1 : end - at }
  return filled
}

/** Completes the packet begun in an earlier read; returns where the rest of `buf` starts, or -1. */
const complete = (parser: Parser, partial: BegunPacket, buf: Buffer): number => {
  if (partial.end === -1) {
    // Its fixed header is still incomplete: it is at most five bytes.
    const head = Buffer.concat([partial.bytes, buf.subarray(0, MAX_HEADER_BYTES)])
    const end = packetEnd(head, 0)
    if (end === -2 || end > MAX_PACKET_BYTES) {
      parser.fleetPartial = undefined
      libraryParse(parser, Buffer.concat([partial.bytes, buf]))
      return -1
    }
    if (end === -1) {
      parser.fleetPartial = { bytes: head, filled: head.length, end: -1 }
      return -1
    }
    const bytes = Buffer.allocUnsafe(end)
    partial.bytes.copy(bytes)
    partial.bytes = bytes
    partial.end = end
  }
  const taken = Math.min(partial.end - partial.filled, buf.length)
  buf.copy(partial.bytes, partial.filled, 0, taken)
  partial.filled += taken
  if (partial.filled < partial.end) return -1
  parser.fleetPartial = undefined
  if (!emitPacket(parser, partial.bytes, 0, partial.end)) {
    if (parser.error === null) libraryParse(parser, buf.subarray(taken))
    return -1
  }
  return taken
}

function parseFast(this: Parser, buf: Buffer): number {
  const partial = this.fleetPartial
  let at = 0
  if (partial !== undefined) {
    at = complete(this, partial, buf)
    if (at === -1) return this.fleetPartial?.filled ?? 0
  } else if (!fastApplies(this)) return libraryParse(this, buf)
  while (at < buf.length) {
    const end = packetEnd(buf, at)
    // The packet-size guard refuses a longer packet before it is read; should one come, mqtt-packet
    // buffers it as it would, rather than a buffer of the size it announces being made here.
    if (end === -2 || end - at > MAX_PACKET_BYTES) return libraryParse(this, buf.subarray(at))
    if (end === -1 || end > buf.length) return begin(this, buf, at, end)
    const from = at
    at = end
    if (!emitPacket(this, buf, from, end)) {
      // mqtt-packet reads on after a packet that changed the session; after an error, nothing.
      if (this.error === null) libraryParse(this, buf.subarray(at))
      return 0
    }
  }
  return 0
}

/**
 * Reads an Aedes MQTT 3.1.1 connection's QoS 0 and 1 PUBLISH packets without mqtt-packet's
 * parser, which for each copies the bytes into its buffer list, walks four states by name, and
 * calls `debug` a dozen times with rest arguments (allocated even when debugging is off): together
 * about a tenth of the main thread's time and a quarter of the bytes allocated per message at
 * saturation (session 29's profiles). The packets emitted are the ones mqtt-packet would emit
 * (same fields, the payload a slice of the read, as mqtt-packet's is), on the same parser, so Aedes
 * sees no difference. Every other packet, the CONNECT, QoS 2 and anything malformed still go
 * through mqtt-packet, one whole packet at a time, so its buffer never holds a partial packet while
 * the fast path is on (a packet split across reads is put together here; the packet-size guard
 * has already refused one over the limit). `fastPublishes.test.ts` compares both on the same byte
 * streams, split anywhere. `take`, if given, may handle a PUBLISH itself instead (`answerForAedes`).
 * Call right after `aedes.handle(conn)`, before any byte is read.
 */
export const readPublishesFast = (client: unknown, take?: TakePublish): void => {
  const parser = (client as AedesClient)._parser
  if (parser === undefined) return
  parser.parse = parseFast
  if (take !== undefined) parser.fleetTake = take
}
