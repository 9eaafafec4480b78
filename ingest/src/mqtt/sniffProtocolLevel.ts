import type { Duplex } from "node:stream"

/**
 * Reads the start of an MQTT connection up to the CONNECT packet's protocol level byte
 * ([MQTT-3.1.2-2]: 4 = 3.1.1, 5 = 5.0, 3 = 3.1) and resolves with the level and the bytes read
 * (`head`, for the caller to put back), leaving the connection paused. Resolves null if the first
 * packet is not a CONNECT, the connection ends or stalls first, or more than `maxBytes` arrive
 * without the level (a lying protocol-name length).
 *
 * `head` is a copy in memory of its own: the MQTT parser keeps the CONNECT packet
 * for the life of the connection (its password a slice of these bytes), and a slice of Node's
 * shared 8 KiB buffer pool, or of a WebSocket frame's chunk, would keep the whole of it alive:
 * 10,000 idle connections held 650 such blocks (0.85 KiB a connection).
 */
export const sniffProtocolLevel = (
  conn: Duplex,
  timeoutMs: number,
  maxBytes: number,
): Promise<{ readonly level: number; readonly head: Buffer } | null> =>
  new Promise((resolve) => {
    let buffered = Buffer.alloc(0)
    const finish = (level: number | null) => {
      clearTimeout(timer)
      conn.off("data", onData)
      conn.off("end", onEnd)
      conn.off("error", onEnd)
      conn.pause()
      resolve(level === null ? null : { level, head: unpooled(buffered) })
    }
    const onEnd = () => finish(null)
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk])
      if (buffered[0] !== 0x10) return finish(null) // fixed header of CONNECT [MQTT-2.2.1]
      const level = levelIn(buffered)
      if (level !== undefined) return finish(level)
      if (buffered.length > maxBytes) finish(null)
    }
    const timer = setTimeout(() => finish(null), timeoutMs)
    conn.on("data", onData)
    conn.once("end", onEnd)
    conn.once("error", onEnd)
  })

const unpooled = (bytes: Buffer): Buffer => {
  const copy = Buffer.allocUnsafeSlow(bytes.length)
  bytes.copy(copy)
  return copy
}

/** The protocol level byte of a CONNECT at the start of `buffered`, or undefined while incomplete. */
const levelIn = (buffered: Buffer): number | undefined => {
  // Remaining length: 1–4 bytes, 7 bits each [MQTT-1.5.5]
  let offset = 1
  while (offset < buffered.length && offset <= 4 && (buffered[offset] as number) & 0x80) offset++
  if (offset >= buffered.length) return undefined
  offset++
  if (buffered.length < offset + 2) return undefined
  const nameLength = buffered.readUInt16BE(offset)
  const levelAt = offset + 2 + nameLength
  return buffered[levelAt]
}
