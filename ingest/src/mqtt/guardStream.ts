import { Duplex } from "node:stream"
import type { PacketSizeGuard } from "./packetSizeGuard.js"

export interface GuardedStream {
  /** What the MQTT 3.1.1 broker reads and writes instead of the connection. */
  readonly stream: Duplex
  /** The device proved its identity: read past its CONNECT. */
  readonly authenticated: () => void
}

/**
 * Puts a packet-size guard between a connection (TCP socket or WebSocket stream) and a parser that
 * buffers whole packets (Aedes). Every chunk is checked from the fixed headers before the parser
 * sees it; a packet over its limit destroys the connection (MQTT 3.1.1 has no reason codes), and
 * `onTooLarge` is told its announced size. Until `authenticated()`, reading stops once the CONNECT
 * has arrived, so an unauthenticated client cannot queue packets behind its CONNECT.
 */
export const guardStream = (
  conn: Duplex,
  options: { readonly guard: PacketSizeGuard; readonly onTooLarge: (announcedBytes: number) => void },
): GuardedStream => {
  let heldForAuth = false
  let isAuthenticated = false

  const stream = new Duplex({
    read() {
      if (!heldForAuth) conn.resume()
    },
    write(chunk: Buffer, _encoding, callback) {
      if (conn.destroyed) return callback()
      conn.write(chunk, (error) => callback(error ?? null))
    },
    // Aedes handles the PUBLISHes of one read together, so their PUBACKs queue here behind the write
    // in flight: they go on in one socket write, not one each.
    writev(chunks, callback) {
      if (conn.destroyed) return callback()
      conn.write(Buffer.concat(chunks.map((c) => c.chunk as Buffer)), (error) => callback(error ?? null))
    },
    final(callback) {
      conn.end()
      callback()
    },
    destroy(error, callback) {
      conn.destroy()
      callback(error)
    },
  })

  conn.on("data", (chunk: Buffer) => {
    if (stream.destroyed) return
    const oversize = options.guard.feed(chunk)
    if (oversize !== null) {
      options.onTooLarge(oversize)
      stream.destroy()
      return
    }
    const wantsMore = stream.push(chunk)
    if (!isAuthenticated && options.guard.completed() >= 1) {
      heldForAuth = true
      conn.pause()
    } else if (!wantsMore) conn.pause()
  })
  conn.once("end", () => stream.push(null))
  conn.once("close", () => stream.destroy())
  conn.on("error", (error: Error) => stream.destroy(error))
  // The protocol sniffer leaves the connection paused, with the bytes it read unshifted.
  conn.resume()

  return {
    stream,
    authenticated: () => {
      isAuthenticated = true
      if (!heldForAuth) return
      heldForAuth = false
      conn.resume()
    },
  }
}
