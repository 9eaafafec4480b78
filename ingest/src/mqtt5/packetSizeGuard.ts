/**
 * Follows the fixed headers of an incoming MQTT byte stream (2.1.1: one type byte, then the
 * Remaining Length as a Variable Byte Integer, 1.5.5) to learn each packet's total size as soon as
 * its header arrives, before a parser would buffer the whole packet in memory.
 *
 * Returns a function fed every chunk in order; it answers the announced size of the first packet
 * larger than `maxBytes` (the Maximum Packet Size we announced [MQTT-3.2.2-15]), or null. A broken
 * length is left for the parser to report as malformed.
 */
export const makePacketSizeGuard = (maxBytes: number): ((chunk: Uint8Array) => number | null) => {
  /** Bytes of the current packet's body still to skip. */
  let bodyLeft = 0
  let inHeader = false
  let lengthBytes = 0
  let length = 0
  let multiplier = 1

  return (chunk) => {
    let at = 0
    while (at < chunk.length) {
      if (bodyLeft > 0) {
        const skip = Math.min(bodyLeft, chunk.length - at)
        bodyLeft -= skip
        at += skip
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
      if (total > maxBytes) return total
      bodyLeft = length
    }
    return null
  }
}
