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
  options: {
    readonly guard: PacketSizeGuard
    readonly onTooLarge: (announcedBytes: number) => void
    readonly head: Buffer
  },
): { readonly authenticated: () => void } => {
  const guarded = conn as Guarded
  guarded[STATE] = {
    guard: options.guard,
    onTooLarge: options.onTooLarge,
    held: false,
    isAuthenticated: false,
    push: conn.push,
    read: conn._read,
  }
  conn.push = guardedPush
  conn._read = guardedRead
  if (options.head.length > 0 && admit(guarded, options.head)) conn.unshift(options.head)
  return { authenticated: () => authenticated(guarded) }
}

/**
 * What a guarded connection keeps, in one object under a symbol: the wrappers below are shared by
 * every connection (closures of their own would cost ~200 B more a connection).
 */
interface GuardState {
  readonly guard: PacketSizeGuard
  readonly onTooLarge: (announcedBytes: number) => void
  held: boolean
  isAuthenticated: boolean
  readonly push: Duplex["push"]
  readonly read: Duplex["_read"]
}
const STATE = Symbol("fleetcore.packetSizeGuard")
type Guarded = Duplex & { [STATE]: GuardState }

/** Whether a checked chunk may be buffered: false when it holds a packet over its limit. */
const admit = (conn: Guarded, chunk: Buffer): boolean => {
  const state = conn[STATE]
  const oversize = state.guard.feed(chunk)
  if (oversize === null) {
    if (!state.isAuthenticated && state.guard.completed() >= 1) state.held = true
    return true
  }
  state.onTooLarge(oversize)
  conn.destroy()
  return false
}

function guardedPush(this: Guarded, chunk: unknown, encoding?: BufferEncoding): boolean {
  const state = this[STATE]
  if (chunk === null || this.destroyed) return state.push.call(this, chunk, encoding)
  if (!admit(this, chunk as Buffer)) return false
  return state.push.call(this, chunk, encoding) && !state.held
}

function guardedRead(this: Guarded, size: number): void {
  const state = this[STATE]
  if (!state.held) state.read.call(this, size)
}

const authenticated = (conn: Guarded): void => {
  const state = conn[STATE]
  state.isAuthenticated = true
  if (!state.held) return
  state.held = false
  if (!conn.destroyed) state.read.call(conn, conn.readableHighWaterMark)
}
