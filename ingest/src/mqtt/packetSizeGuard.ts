/**
 * Follows the fixed headers of an incoming MQTT byte stream (2.1.1: one type byte, then the
 * Remaining Length as a Variable Byte Integer, 1.5.5) to learn each packet's total size as soon as
 * its header arrives, before a parser would buffer the whole packet in memory. The same guard serves
 * MQTT 3.1.1 (Aedes, TCP and WebSocket) and MQTT 5: the fixed header is the same in both.
 *
 * A broken length (more than 4 length bytes) is left for the parser to report as malformed.
 */
export interface PacketSizeGuard {
  /**
   * Feeds the next chunk, in order. Answers the announced total size of the first packet larger
   * than its limit, or null.
   */
  readonly feed: (chunk: Uint8Array) => number | null
  /** Packets seen whole so far (header and body). */
  readonly completed: () => number
}

/** `limit(i)` is the largest total size, in bytes, allowed for the i-th packet (0 = the CONNECT). */
export const makePacketSizeGuard = (limit: (packetIndex: number) => number): PacketSizeGuard => {
  /** Bytes of the current packet's body still to skip. */
  let bodyLeft = 0
  let inHeader = false
  let lengthBytes = 0
  let length = 0
  let multiplier = 1
  let index = 0
  let completed = 0

  const feed = (chunk: Uint8Array): number | null => {
    let at = 0
    while (at < chunk.length) {
      if (bodyLeft > 0) {
        const skip = Math.min(bodyLeft, chunk.length - at)
        bodyLeft -= skip
        at += skip
        if (bodyLeft === 0) completed++
        continue
      }
      const byte = chunk[at] as number
      at++
      if (!inHeader) {
        // The packet type byte: a Remaining Length follows.
        inHeader = true
        lengthBytes = 0
        length = 0
        multiplier = 1
        continue
      }
      length += (byte & 0x7f) * multiplier
      multiplier *= 128
      lengthBytes++
      if (byte & 0x80) {
        if (lengthBytes >= 4) return null // more than 4 length bytes: malformed, the parser says so
        continue
      }
      inHeader = false
      const total = 1 + lengthBytes + length
      if (total > limit(index)) return total
      index++
      bodyLeft = length
      if (length === 0) completed++
    }
    return null
  }
  return { feed, completed: () => completed }
}
