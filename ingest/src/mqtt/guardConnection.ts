import type { Duplex } from "node:stream"
import type { PacketSizeGuard } from "./packetSizeGuard.js"

/**
 * Puts a packet-size guard in front of a parser that buffers whole packets (Aedes), on the
 * connection itself (TCP socket or WebSocket stream): every chunk the connection pushes is checked
 * from the fixed headers before it is buffered for the parser; a packet over its limit destroys the
 * connection (MQTT 3.1.1 has no reason codes), and `onTooLarge` is told its announced size. Until
 * `authenticated()`, reading stops once the CONNECT has arrived, so an unauthenticated client
 * cannot queue packets behind its CONNECT.
 *
 * `head` is what was read before (the protocol sniffer's bytes): it is checked, then put back.
 *
 * The guard wraps the connection's own `push` (what its source calls with each chunk; `false` tells
 * the source to stop reading) and `_read` (what asks the source to go on), rather than standing
 * between it and Aedes as a second stream: a stream's states, buffers and bound callbacks cost
 * about 1 KiB a connection, and every chunk and PUBACK passed through both. Writes go straight to
 * the connection, where Aedes's packet writer corks them per tick (one socket write per batch).
 */
export const guardConnection = (
  conn: Duplex,
  {
    guard,
    onTooLarge,
    head,
  }: {
    readonly guard: PacketSizeGuard
    readonly onTooLarge: (announcedBytes: number) => void
    readonly head: Buffer
  },
): { readonly authenticated: () => void } => {
  // Destructured: the closures below keep `guard` and `onTooLarge` for the connection's life, and
  // would keep the whole options object, `head` included, if they read them from it.
  let held = false
  let isAuthenticated = false
  const push = conn.push
  const read = conn._read
  /** Whether a checked chunk may be buffered: false when it holds a packet over its limit. */
  const admit = (chunk: Buffer): boolean => {
    const oversize = guard.feed(chunk)
    if (oversize === null) {
      if (!isAuthenticated && guard.completed() >= 1) held = true
      return true
    }
    onTooLarge(oversize)
    conn.destroy()
    return false
  }

  conn.push = function guardedPush(this: Duplex, chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null || this.destroyed) return push.call(this, chunk, encoding)
    if (!admit(chunk as Buffer)) return false
    return push.call(this, chunk, encoding) && !held
  }
  conn._read = function guardedRead(this: Duplex, size: number): void {
    if (!held) read.call(this, size)
  }
  if (head.length > 0 && admit(head)) conn.unshift(head)

  return {
    authenticated: () => {
      isAuthenticated = true
      if (!held) return
      held = false
      if (!conn.destroyed) read.call(conn, conn.readableHighWaterMark)
    },
  }
}
