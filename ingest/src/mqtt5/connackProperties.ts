import type { IConnackPacket, IConnectPacket } from "mqtt-packet"
import { MAX_PACKET_BYTES } from "../mqtt/packetLimits.js"
import { ReasonCode } from "./reasonCodes.js"

/** Unacknowledged QoS 1 PUBLISH packets a client may have in flight towards us (3.2.2.3.3). */
export const SERVER_RECEIVE_MAXIMUM = 100
/** Inbound topic aliases per connection (3.2.2.3.8); trackers alias their one telemetry topic. */
export const SERVER_TOPIC_ALIAS_MAXIMUM = 16
/** Default Maximum Packet Size (3.2.2.3.6): the limit every MQTT connection has (`mqtt/packetLimits.ts`). */
export const DEFAULT_MAX_PACKET_BYTES = MAX_PACKET_BYTES
/** Receive Maximum and Keep Alive are Two Byte Integers (1.5.2). */
const TWO_BYTE_MAX = 0xffff

export type ConnackProperties = NonNullable<IConnackPacket["properties"]>

/** What one accepted CONNECT settles for the rest of the connection. */
export interface ConnectTerms {
  /** Seconds of Keep Alive monitoring; 0 = none. Ours when we sent Server Keep Alive [MQTT-3.2.2-21] [MQTT-3.2.2-22]. */
  readonly keepAliveS: number
  /** The client's Receive Maximum: bound on our unacknowledged QoS 1 deliveries [MQTT-3.3.4-9]. */
  readonly clientReceiveMaximum: number
  /** The client's Maximum Packet Size: we send nothing larger [MQTT-3.1.2-24]. */
  readonly clientMaximumPacketSize: number | undefined
  /** False when the client set Request Problem Information to 0 [MQTT-3.1.2-29]. */
  readonly problemInformation: boolean
  readonly connack: ConnackProperties
}

export interface ServerLimits {
  readonly maxKeepAliveS: number
  readonly maxPacketBytes: number
  /** Set when the client sent an empty client id and we assign it one [MQTT-3.2.2-16]. */
  readonly assignedClientId: string | undefined
}

export type Negotiation =
  | { readonly ok: true; readonly terms: ConnectTerms }
  | { readonly ok: false; readonly reasonCode: ReasonCode; readonly reason: string }

/** Reads the CONNECT properties (3.1.2.11) and states this server's limits in CONNACK (3.2.2.3). */
export const negotiateConnect = (connect: IConnectPacket, limits: ServerLimits): Negotiation => {
  const props = connect.properties ?? {}
  // 3.1.2.11.3 / 3.1.2.11.4: a Receive Maximum or Maximum Packet Size of 0 is a Protocol Error.
  if (props.receiveMaximum === 0) {
    return { ok: false, reasonCode: ReasonCode.ProtocolError, reason: "receive maximum 0" }
  }
  if (props.maximumPacketSize === 0) {
    return { ok: false, reasonCode: ReasonCode.ProtocolError, reason: "maximum packet size 0" }
  }

  const connack: ConnackProperties = {
    receiveMaximum: SERVER_RECEIVE_MAXIMUM,
    // QoS 2 is not offered, so Maximum QoS is stated [MQTT-3.2.2-9].
    maximumQoS: 1,
    retainAvailable: false,
    maximumPacketSize: limits.maxPacketBytes,
    topicAliasMaximum: SERVER_TOPIC_ALIAS_MAXIMUM,
    wildcardSubscriptionAvailable: false,
    sharedSubscriptionAvailable: false,
  }
  if (limits.assignedClientId !== undefined) connack.assignedClientIdentifier = limits.assignedClientId

  // Sessions end with the connection (clean start only): a requested expiry is answered with 0,
  // which the client then uses (3.2.2.3.2).
  if ((props.sessionExpiryInterval ?? 0) > 0) connack.sessionExpiryInterval = 0

  // Keep Alive 0 ("never") and values above our limit are lowered with Server Keep Alive, so a dead
  // connection is always noticed (3.1.2.10, 3.2.2.3.14).
  const requested = connect.keepalive ?? 0
  const limit = Math.min(Math.max(0, Math.floor(limits.maxKeepAliveS)), TWO_BYTE_MAX)
  let keepAliveS = requested
  if (limit > 0 && (requested === 0 || requested > limit)) {
    keepAliveS = limit
    connack.serverKeepAlive = limit
  }

  return {
    ok: true,
    terms: {
      keepAliveS,
      clientReceiveMaximum: props.receiveMaximum ?? TWO_BYTE_MAX,
      clientMaximumPacketSize: props.maximumPacketSize,
      problemInformation: props.requestProblemInformation !== false,
      connack,
    },
  }
}
