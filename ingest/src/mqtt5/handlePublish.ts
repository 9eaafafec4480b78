import { MqttTopics } from "@fleetcore/proto"
import type { IPublishPacket } from "mqtt-packet"
import { parseCommandResponse } from "../commands/mqttCommands.js"
import { ackForOutcome, type IngestAck } from "./ingestAck.js"
import { ReasonCode } from "./reasonCodes.js"
import type { Connected, SessionPort } from "./SessionPort.js"

const ingestFailed: IngestAck = {
  reasonCode: ReasonCode.UnspecifiedError,
  reasonString: "ingest unavailable, resend later",
  code: null,
}

/**
 * PUBLISH from a device (3.3.4). Only its own telemetry topic is accepted; the payload goes to the
 * ingest path, and the PUBACK (QoS 1) waits for the outcome. The returned promise holds the
 * connection's reading until then: that is the backpressure from the bus to the device.
 */
export const handlePublish = (
  session: SessionPort,
  connected: Connected,
  packet: IPublishPacket,
): Promise<void> | undefined => {
  const { deps } = session
  const deviceId = connected.device.id
  // Maximum QoS is 1 [MQTT-3.2.2-11]: a QoS 2 PUBLISH is answered with DISCONNECT 0x9B (3.2.2.3.4).
  if (packet.qos === 2) return session.fail(ReasonCode.QoSNotSupported, "QoS 2 is not supported")
  // Retain Available is 0 [MQTT-3.2.2-14]: a retained PUBLISH gets DISCONNECT 0x9A (3.2.2.3.5).
  if (packet.retain) return session.fail(ReasonCode.RetainNotSupported, "retained messages are not supported")
  const messageId = packet.qos === 1 ? packet.messageId : undefined
  if (packet.qos === 1 && !messageId) return session.fail(ReasonCode.ProtocolError, "packet identifier 0") // [MQTT-2.2.1-3]
  const props = packet.properties
  if (props?.subscriptionIdentifier !== undefined) {
    return session.fail(ReasonCode.ProtocolError, "subscription identifier in a client PUBLISH") // [MQTT-3.3.4-6]
  }
  const resolved = connected.aliases.resolve(packet.topic, props?.topicAlias)
  if (!resolved.ok) return session.fail(resolved.reasonCode, resolved.reason)
  const topic = resolved.topic
  if (topic.includes("+") || topic.includes("#")) {
    return session.fail(ReasonCode.TopicNameInvalid, "wildcard in a topic name") // [MQTT-3.3.2-2]
  }

  if (MqttTopics.isDevices(topic, deviceId, "commands/response")) {
    // The device's answer to a command (docs/devices.md): settles it by id; nothing is ingested.
    const answer = parseCommandResponse(packet.payload)
    if (answer === null) deps.log.warn({ deviceId }, "command response is not {id, ok, text}")
    else deps.links?.answered(deviceId, answer.text, { commandId: answer.id, ok: answer.ok })
    if (messageId !== undefined)
      session.puback(messageId, {
        reasonCode: answer === null ? ReasonCode.PayloadFormatInvalid : ReasonCode.Success,
        reasonString: answer === null ? "a command response is {id, ok, text}" : null,
        code: null,
      })
    return undefined
  }
  if (!MqttTopics.isDevices(topic, deviceId, "telemetry")) {
    // A device publishes only to its own topic (tenancy); nothing reaches the ingest path.
    deps.log.debug({ deviceId, topic }, "mqtt5 publish to a foreign topic refused")
    if (messageId !== undefined) {
      session.puback(messageId, {
        reasonCode: ReasonCode.NotAuthorized,
        reasonString: `a device may publish only to ${MqttTopics.telemetry(deviceId)}`,
        code: null,
      })
    }
    return undefined
  }

  const payload = typeof packet.payload === "string" ? Buffer.from(packet.payload, "utf8") : packet.payload
  return Promise.resolve(deps.auth.stillAllowed(deviceId)).then(
    (ok) =>
      ok
        ? accept(session, connected, payload, messageId, props?.contentType)
        : // Disabled, or its organisation suspended, since it connected: DISCONNECT 0x87, nothing stored.
          session.fail(ReasonCode.NotAuthorized, "the device is disabled or its organisation suspended"),
    () => session.fail(ReasonCode.ServerUnavailable, "cannot check the device now; reconnect later"),
  )
}

const accept = (
  session: SessionPort,
  connected: Connected,
  payload: Buffer,
  messageId: number | undefined,
  contentType: string | undefined,
): Promise<void> => {
  const { deps } = session
  const deviceId = connected.device.id
  return Promise.resolve()
    .then(() => deps.ingress.accept(connected.device, payload, "mqtt", contentType))
    .then(ackForOutcome, (error: unknown) => {
      // Never a silent success: the device learns the message was not taken and can resend it.
      deps.log.warn({ err: error, deviceId }, "mqtt5 ingest failed")
      return ingestFailed
    })
    .then((ack) => {
      if (messageId !== undefined) session.puback(messageId, ack)
      else if (ack.reasonCode !== ReasonCode.Success) {
        deps.log.debug(
          { deviceId, reasonCode: ack.reasonCode, reason: ack.reasonString },
          "mqtt5 QoS 0 publish refused",
        )
      }
    })
}
