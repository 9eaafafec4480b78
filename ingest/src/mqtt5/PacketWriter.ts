import type { Duplex } from "node:stream"
import { generate, type Packet } from "mqtt-packet"
import type { SendResult } from "./commandBridge.js"
import type { Mqtt5Log } from "./Mqtt5Deps.js"

/** Encodes MQTT 5 packets onto a connection, honouring the client's limits and the socket's buffer. */
export interface PacketWriter {
  readonly write: (packet: Packet) => SendResult
  /** The client's Maximum Packet Size from CONNECT: nothing larger is sent [MQTT-3.1.2-24]. */
  readonly limitPacketSize: (maxBytes: number) => void
  /** Calls back on the connection's next 'drain' (or when it closes). */
  readonly whenDrained: (done: () => void) => void
  /** Releases every drain waiter: the connection is gone. */
  readonly close: () => void
}

export const makePacketWriter = (conn: Duplex, log: Mqtt5Log): PacketWriter => {
  let options: object = { protocolVersion: 5 }
  let maxBytes: number | undefined
  let closed = false
  const waiters: Array<() => void> = []
  const flush = () => {
    for (const done of waiters.splice(0)) done()
  }
  conn.on("drain", flush)

  return {
    write: (packet) => {
      if (closed || conn.destroyed || !conn.writable) return "closed"
      let bytes: Buffer
      try {
        bytes = generate(packet, options)
      } catch (error) {
        log.warn({ err: error, cmd: packet.cmd }, "mqtt5 packet could not be encoded")
        return "dropped"
      }
      // Too large for the client: discarded, never sent [MQTT-3.1.2-25].
      if (maxBytes !== undefined && bytes.length > maxBytes) return "dropped"
      return conn.write(bytes) ? "sent" : "buffered"
    },
    limitPacketSize: (limit) => {
      maxBytes = limit
      // mqtt-packet then drops an ack's Reason String / User Property rather than exceed the limit
      // (3.4.2.2.2 and the like for SUBACK, UNSUBACK, DISCONNECT).
      options = { protocolVersion: 5, properties: { maximumPacketSize: limit } }
    },
    whenDrained: (done) => {
      if (closed) setImmediate(done)
      else waiters.push(done)
    },
    close: () => {
      closed = true
      conn.off("drain", flush)
      flush()
    },
  }
}
