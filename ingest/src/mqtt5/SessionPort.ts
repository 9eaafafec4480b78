import type { Packet } from "mqtt-packet"
import type { AuthenticatedDevice } from "../DeviceIngress.js"
import type { CommandBridge, SendResult } from "./commandBridge.js"
import type { ConnectTerms } from "./connackProperties.js"
import type { IngestAck } from "./ingestAck.js"
import type { Mqtt5Deps } from "./Mqtt5Deps.js"
import type { ReasonCode } from "./reasonCodes.js"
import type { TopicAliases } from "./topicAliases.js"

/** A Will Message kept for the connection (3.1.3.2); published when it closes abnormally. */
export interface Will {
  readonly topic: string
  readonly payload: Buffer
  readonly contentType: string | undefined
}

/** State of a connection whose CONNECT was accepted. */
export interface Connected {
  readonly device: AuthenticatedDevice
  readonly terms: ConnectTerms
  readonly aliases: TopicAliases
  readonly commands: CommandBridge
  /** Withdraws the device's command link (set once it subscribed to its commands topic). */
  detachLink?: () => void
  /** Dropped on DISCONNECT 0x00 [MQTT-3.14.4-3] and once published [MQTT-3.1.2-10]. */
  will: Will | null
}

/** What the per-packet handlers may do with their connection. */
export interface SessionPort {
  readonly deps: Mqtt5Deps
  readonly maxPacketBytes: number
  /** The peer's IP address ("" when unknown), for throttling failed authentication. */
  readonly remoteAddress: string
  /** Encodes and writes a packet unless the connection is closing. */
  readonly send: (packet: Packet) => SendResult
  /** PUBACK for an inbound QoS 1 PUBLISH; gives back one unit of the client's send quota (4.9). */
  readonly puback: (messageId: number, ack: IngestAck) => void
  /** Accepts the CONNECT: CONNACK 0x00 [MQTT-3.1.4-5], then normal operation. */
  readonly accept: (device: AuthenticatedDevice, terms: ConnectTerms, will: Will | null) => void
  /** Refuses the CONNECT: CONNACK with a reason of 0x80 or more, then close [MQTT-3.2.2-7]. */
  readonly refuse: (reasonCode: ReasonCode, reason: string) => undefined
  /** DISCONNECT with the reason (only after a successful CONNACK [MQTT-3.14.0-1]), then close [MQTT-4.13.1-1]. */
  readonly fail: (reasonCode: ReasonCode, reason: string) => undefined
}
