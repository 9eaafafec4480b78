import type { Duplex } from "node:stream"
import type { IPublishPacket } from "mqtt-packet"
import type { AedesClient } from "./aedesInternals.js"

const uncork = (conn: Duplex) => conn.uncork()

/**
 * A PUBACK. The acknowledgements of one connection settled in the same tick leave in one socket
 * write, as with Aedes's writer (mqtt-packet corks the stream until the next tick).
 */
const writePuback = (conn: Duplex, messageId: number): boolean => {
  if (conn.writableCorked === 0) {
    conn.cork()
    process.nextTick(uncork, conn)
  }
  const ack = Buffer.allocUnsafe(4)
  ack[0] = 0x40
  ack[1] = 0x02
  ack.writeUInt16BE(messageId, 2)
  return conn.write(ack)
}

/**
 * Handles a QoS 0 or 1 PUBLISH of an Aedes connection in Aedes's place, as its handlers would for
 * a publish that `authorizePublish` takes in and that has no subscriber: counted in the read's
 * batch (so the next read waits for it), keep-alive refreshed, `handle` run, then the PUBACK
 * written and the batch moved on; a failure of `handle` is the connection's error (Aedes closes
 * it, with no PUBACK). What it skips per message: Aedes's handler chain (its series runner, a
 * PUBACK object, mqtt-packet's writer with its `debug` calls and a tick per packet, a
 * `setImmediate`, and the broker's `publish`): about a tenth of the main thread at saturation.
 * Returns false, leaving the packet to Aedes, before the CONNACK has been sent.
 */
export const answerForAedes = (
  client: unknown,
  packet: IPublishPacket,
  handle: () => Promise<void>,
): boolean => {
  const c = client as AedesClient
  if (!c.connackSent || !c.connected) return false
  c._parsingBatch++
  if (c._keepaliveInterval > 0) c._keepaliveTimer?.refresh()
  // `handle` runs inside Aedes's read of the socket: a throw there must not escape into it.
  let handled: Promise<void>
  try {
    handled = handle()
  } catch (error) {
    handled = Promise.reject(error)
  }
  handled.then(
    () => {
      // Aedes's writer: a connection closed meanwhile is an error of the connection, with no PUBACK.
      if (!c.connected) return c._nextBatch(new Error("connection closed"))
      if (packet.qos === 1 && !writePuback(c.conn, packet.messageId ?? 0) && !c.errored)
        return c.waitForDrain(c._nextBatch)
      c._nextBatch()
    },
    (error: unknown) => c._nextBatch(error instanceof Error ? error : new Error(String(error))),
  )
  return true
}
