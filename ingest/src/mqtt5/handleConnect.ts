import type { IConnectPacket } from "mqtt-packet"
import type { AuthAnswer } from "../DeviceIngress.js"
import { negotiateConnect } from "./connackProperties.js"
import { ReasonCode } from "./reasonCodes.js"
import type { SessionPort } from "./SessionPort.js"

/**
 * CONNECT (3.1.4): validate, authenticate the device (user name = device id, password = device
 * secret), then CONNACK. Every refusal is a CONNACK of 0x80 or more followed by a close
 * [MQTT-3.2.2-7], and nothing the client pipelined after the CONNECT is processed [MQTT-3.1.4-6].
 */
export const handleConnect = async (session: SessionPort, packet: IConnectPacket): Promise<void> => {
  const { deps } = session
  // [MQTT-3.1.2-1] [MQTT-3.1.2-2]: this endpoint speaks MQTT 5 only; the listener routes 3.1.1 to Aedes.
  if (packet.protocolId !== "MQTT" || packet.protocolVersion !== 5) {
    return session.refuse(ReasonCode.UnsupportedProtocolVersion, "this endpoint speaks MQTT 5")
  }
  // Enhanced authentication is not offered [MQTT-4.12.0-1].
  if (packet.properties?.authenticationMethod !== undefined) {
    return session.refuse(ReasonCode.BadAuthenticationMethod, "authentication methods are not supported")
  }
  const will = packet.will
  if (will !== undefined) {
    if ((will.qos ?? 0) > 1) return session.refuse(ReasonCode.QoSNotSupported, "will QoS 2 is not supported") // [MQTT-3.2.2-12]
    if (will.retain === true)
      return session.refuse(ReasonCode.RetainNotSupported, "retained wills are not supported") // [MQTT-3.2.2-13]
  }

  const deviceId = packet.username
  const secret = packet.password
  if (deviceId === undefined || deviceId.length === 0 || secret === undefined) {
    return session.refuse(
      ReasonCode.BadUserNameOrPassword,
      "device id (user name) and secret (password) are required",
    )
  }
  // A device connects as itself: client id = device id, or empty, in which case the device id is
  // assigned and returned in CONNACK [MQTT-3.1.3-6] [MQTT-3.1.3-7] [MQTT-3.2.2-16].
  if (packet.clientId.length > 0 && packet.clientId !== deviceId) {
    return session.refuse(ReasonCode.ClientIdentifierNotValid, "client id must be empty or the device id") // [MQTT-3.1.3-8]
  }
  const negotiation = negotiateConnect(packet, {
    maxKeepAliveS: deps.maxKeepAliveS,
    maxPacketBytes: session.maxPacketBytes,
    assignedClientId: packet.clientId.length === 0 ? deviceId : undefined,
  })
  if (!negotiation.ok) return session.refuse(negotiation.reasonCode, negotiation.reason)

  let answer: AuthAnswer
  try {
    answer = await deps.auth.authenticate(deviceId, secret.toString("utf8"), session.remoteAddress)
  } catch (error) {
    deps.log.warn({ err: error, deviceId }, "mqtt5 device authentication failed")
    return session.refuse(ReasonCode.ServerUnavailable, "authentication unavailable, retry later")
  }
  if (!answer.ok) {
    if (answer.reason === "throttled") {
      const seconds = Math.ceil(answer.retryAfterMs / 1000)
      return session.refuse(
        ReasonCode.QuotaExceeded,
        `too many failed authentications; retry in ${seconds} s`,
      )
    }
    if (answer.reason === "suspended")
      return session.refuse(ReasonCode.NotAuthorized, "the device's organisation is suspended")
    // Authentication checks failed: refuse and close [MQTT-3.1.4-2].
    return session.refuse(ReasonCode.BadUserNameOrPassword, "bad device id or secret")
  }
  const device = answer.device

  session.accept(
    device,
    negotiation.terms,
    will === undefined
      ? null
      : {
          topic: will.topic,
          payload: typeof will.payload === "string" ? Buffer.from(will.payload, "utf8") : will.payload,
          contentType: will.properties?.contentType,
        },
  )
}
