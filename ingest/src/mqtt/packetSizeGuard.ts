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
  feed(chunk: Uint8Array): number | null
  /** Packets seen whole so far (header and body). */
  completed(): number
}

/**
 * The guard's state as fields of one object, its steps as methods: a guard lives as long as its
 * connection, and closures over the same state cost about 160 B more each (100,000 connections).
 */
class FixedHeaderGuard implements PacketSizeGuard {
  /** Bytes of the current packet's body still to skip. */
  private bodyLeft = 0
  private inHeader = false
  private lengthBytes = 0
  private length = 0
  private multiplier = 1
  private index = 0
  private done = 0

  constructor(private readonly limit: (packetIndex: number) => number) {}

  feed(chunk: Uint8Array): number | null {
    let at = 0
    while (at < chunk.length) {
      if (this.bodyLeft > 0) {
        const skip = Math.min(this.bodyLeft, chunk.length - at)
        this.bodyLeft -= skip
        at += skip
        if (this.bodyLeft === 0) this.done++
        continue
      }
      const byte = chunk[at] as number
      at++
      if (!this.inHeader) {
        // The packet type byte: a Remaining Length follows.
        this.inHeader = true
        this.lengthBytes = 0
        this.length = 0
        this.multiplier = 1
        continue
      }
      this.length += (byte & 0x7f) * this.multiplier
      this.multiplier *= 128
      this.lengthBytes++
      if (byte & 0x80) {
        if (this.lengthBytes >= 4) return null // more than 4 length bytes: malformed, the parser says so
        continue
      }
      this.inHeader = false
      const total = 1 + this.lengthBytes + this.length
      if (total > this.limit(this.index)) return total
      this.index++
      this.bodyLeft = this.length
      if (this.length === 0) this.done++
    }
    return null
  }

  completed(): number {
    return this.done
  }
}

/** `limit(i)` is the largest total size, in bytes, allowed for the i-th packet (0 = the CONNECT). */
export const makePacketSizeGuard = (limit: (packetIndex: number) => number): PacketSizeGuard =>
  new FixedHeaderGuard(limit)
