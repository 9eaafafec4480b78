/**
 * MQTT 5 Reason Codes the FleetCore v5 session sends (MQTT 5.0, section 2.4 and the per-packet tables
 * 3.2.2.2 CONNACK, 3.4.2.1 PUBACK, 3.9.3 SUBACK, 3.11.3 UNSUBACK, 3.14.2.1 DISCONNECT).
 * A code of 0x80 or more on a CONNACK or DISCONNECT means the connection is closed [MQTT-4.13.2-1].
 */
export const ReasonCode = {
  /** CONNACK, PUBACK, UNSUBACK, DISCONNECT: success / normal disconnection. */
  Success: 0x00,
  /** SUBACK: granted QoS 0. */
  GrantedQoS0: 0x00,
  /** SUBACK: granted QoS 1 (the highest this server grants, Maximum QoS 1). */
  GrantedQoS1: 0x01,
  /** DISCONNECT from a client: close, and publish the Will Message (3.14.2.1). */
  DisconnectWithWillMessage: 0x04,
  /** UNSUBACK: the filter named no subscription of this session (3.11.3). */
  NoSubscriptionExisted: 0x11,
  /** PUBACK: the ingest path failed (e.g. the bus is closed); the device should resend. */
  UnspecifiedError: 0x80,
  /** The packet does not conform to the specification (4.13.1), e.g. the parser refused it. */
  MalformedPacket: 0x81,
  /** An unexpected or out-of-order packet (4.13.1), e.g. a second CONNECT [MQTT-3.1.0-2]. */
  ProtocolError: 0x82,
  /** CONNACK: protocol name or version this session does not speak [MQTT-3.1.2-1] [MQTT-3.1.2-2]. */
  UnsupportedProtocolVersion: 0x84,
  /** CONNACK: the client id is neither empty nor the device id [MQTT-3.1.3-8]. */
  ClientIdentifierNotValid: 0x85,
  /** CONNACK: missing, unknown or wrong device id / secret. */
  BadUserNameOrPassword: 0x86,
  /** PUBACK / SUBACK: the device may publish and subscribe only to its own topics. */
  NotAuthorized: 0x87,
  /** CONNACK: the device authenticator failed (not a wrong secret). */
  ServerUnavailable: 0x88,
  /** CONNACK: enhanced authentication (an Authentication Method) is not supported [MQTT-4.12.0-1]. */
  BadAuthenticationMethod: 0x8c,
  /** DISCONNECT: the server is stopping (the session registry's `closeAll`). */
  ServerShuttingDown: 0x8b,
  /** DISCONNECT: nothing received within 1.5 x Keep Alive [MQTT-3.1.2-22]. */
  KeepAliveTimeout: 0x8d,
  /** DISCONNECT: a newer connection with the same client id took over [MQTT-3.1.4-3]. */
  SessionTakenOver: 0x8e,
  /** DISCONNECT: a PUBLISH Topic Name with a wildcard character [MQTT-3.3.2-2]. */
  TopicNameInvalid: 0x90,
  /** DISCONNECT: more unacknowledged QoS 1 PUBLISH packets than our Receive Maximum [MQTT-3.3.4-7]. */
  ReceiveMaximumExceeded: 0x93,
  /** DISCONNECT: Topic Alias 0 or above our Topic Alias Maximum (3.3.2.3.4) [MQTT-3.3.2-8] [MQTT-3.2.2-17]. */
  TopicAliasInvalid: 0x94,
  /** DISCONNECT: a packet larger than the Maximum Packet Size we announced [MQTT-3.2.2-15]. */
  PacketTooLarge: 0x95,
  /** CONNACK: too many failed authentications for this device id from this address; retry later. */
  QuotaExceeded: 0x97,
  /** PUBACK: every point of the payload (or the payload itself) was refused. */
  PayloadFormatInvalid: 0x99,
  /** CONNACK / DISCONNECT: a retained Will or PUBLISH while Retain Available is 0 [MQTT-3.2.2-13] [MQTT-3.2.2-14]. */
  RetainNotSupported: 0x9a,
  /** CONNACK / DISCONNECT: QoS 2 (Will or PUBLISH) above our Maximum QoS 1 [MQTT-3.2.2-11] [MQTT-3.2.2-12]. */
  QoSNotSupported: 0x9b,
  /** DISCONNECT: a `$share/` filter while Shared Subscription Available is 0 (3.2.2.3.13). */
  SharedSubscriptionsNotSupported: 0x9e,
  /** DISCONNECT: a wildcard filter while Wildcard Subscription Available is 0 (3.2.2.3.11). */
  WildcardSubscriptionsNotSupported: 0xa2,
} as const

export type ReasonCode = (typeof ReasonCode)[keyof typeof ReasonCode]
