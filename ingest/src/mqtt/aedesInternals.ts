import type { Duplex } from "node:stream"
import type { IPublishPacket } from "mqtt-packet"

/**
 * The private parts of Aedes 1.x's client and of its mqtt-packet 9.x parser that FleetCore reads
 * or sets (`leanClient.ts`, `fastPublishes.ts`, `answerForAedes.ts`), all in one place. Their
 * tests run against the real libraries (Aedes over a socket, mqtt-packet's own parser), so an upgrade
 * that renames any of them fails there.
 */

/** Handles a PUBLISH in place of the parser's listeners (true), or leaves it to them (false). */
export type TakePublish = (client: unknown, packet: IPublishPacket) => boolean

/** A packet begun: its bytes so far, in a buffer of its whole length once its header is known. */
export interface BegunPacket {
  bytes: Buffer
  filled: number
  /** The packet's length, or -1 while its fixed header is incomplete (`bytes` is then just what came). */
  end: number
}

/** mqtt-packet's parser of one connection. */
export interface MqttPacketParser {
  parse: (buf: Buffer) => number
  emit: (event: "packet", packet: IPublishPacket) => boolean
  readonly error: Error | null
  /** The CONNECT once parsed (Aedes's parser starts with `{}`). */
  settings?: { readonly protocolVersion?: number; readonly bridgeMode?: boolean }
  /** Bytes of a packet not yet whole (a `bl()` stream as mqtt-packet makes it). */
  _list: { readonly length: number }
  /** Which of its four states (header, length, payload, packet) it is in. */
  readonly _stateCounter: number
  /** Aedes's client, which Aedes sets on its parser. */
  readonly client?: unknown
  /** FleetCore's: the packet the last read ended inside (`fastPublishes.ts`). */
  fleetPartial?: BegunPacket | undefined
  /** FleetCore's: what may take a PUBLISH read there in place of the listeners. */
  fleetTake?: TakePublish
}

/** Aedes's client, as its own packet handlers use it. */
export interface AedesClient {
  readonly _parser?: MqttPacketParser
  readonly connackSent: boolean
  readonly connected: boolean
  readonly errored?: boolean
  readonly conn: Duplex
  readonly _keepaliveInterval: number
  readonly _keepaliveTimer: { refresh(): unknown } | null
  /** Packets of the current read not yet handled; the next read waits for none to be left. */
  _parsingBatch: number
  readonly _nextBatch: (error?: Error | null) => void
  readonly waitForDrain: (done: (error?: Error | null) => void) => void
}
