import { MqttTopics } from "@fleetcore/proto"
import type { ISubscribePacket, IUnsubscribePacket } from "mqtt-packet"
import { mqttCommandLink } from "../commands/mqttCommands.js"
import { ReasonCode } from "./reasonCodes.js"
import type { Connected, SessionPort } from "./SessionPort.js"

/** Why a topic filter ends the connection, or null when it is well-formed and of a supported kind. */
const filterViolation = (filter: string): { reasonCode: ReasonCode; reason: string } | null => {
  // [MQTT-4.7.3-1] [MQTT-4.7.3-2]: at least one character, no U+0000.
  if (filter.length === 0 || filter.includes("\u0000")) {
    return { reasonCode: ReasonCode.MalformedPacket, reason: "empty topic filter or null character" }
  }
  // Shared Subscription Available 0: a `$share/` filter is a Protocol Error, DISCONNECT 0x9E (3.2.2.3.13).
  if (filter.startsWith("$share/")) {
    return {
      reasonCode: ReasonCode.SharedSubscriptionsNotSupported,
      reason: "shared subscriptions are not supported",
    }
  }
  // Wildcard Subscription Available 0: a wildcard filter is a Protocol Error, DISCONNECT 0xA2 (3.2.2.3.11).
  if (filter.includes("+") || filter.includes("#")) {
    return {
      reasonCode: ReasonCode.WildcardSubscriptionsNotSupported,
      reason: "wildcard subscriptions are not supported",
    }
  }
  return null
}

/**
 * SUBSCRIBE (3.8.4): a device may subscribe to its own commands topic only, at QoS 0 or 1 (QoS 2
 * requests are accepted and granted 1 [MQTT-3.2.2-10]); any other filter gets 0x87 Not authorized.
 * The SUBACK leaves once the broker subscription is in place, so nothing published after it is missed.
 */
export const handleSubscribe = async (
  session: SessionPort,
  connected: Connected,
  packet: ISubscribePacket,
): Promise<void> => {
  const messageId = packet.messageId
  if (!messageId) return session.fail(ReasonCode.ProtocolError, "packet identifier 0") // [MQTT-2.2.1-3]
  // One Subscription Identifier, 1..268435455 (3.8.2.1.2); the parser yields an array for repeats.
  const rawId: unknown = packet.properties?.subscriptionIdentifier
  let subscriptionId: number | undefined
  if (rawId !== undefined) {
    if (typeof rawId !== "number" || rawId === 0) {
      return session.fail(ReasonCode.ProtocolError, "invalid subscription identifier")
    }
    subscriptionId = rawId
  }
  for (const { topic } of packet.subscriptions) {
    const violation = filterViolation(topic)
    if (violation !== null) return session.fail(violation.reasonCode, violation.reason)
  }

  const own = MqttTopics.commands(connected.device.id)
  const codes: number[] = []
  // As if each filter came in its own SUBSCRIBE, answered in one SUBACK in the same order
  // [MQTT-3.8.4-5] [MQTT-3.9.3-1].
  for (const subscription of packet.subscriptions) {
    if (subscription.topic !== own) {
      session.deps.log.debug(
        { deviceId: connected.device.id, filter: subscription.topic },
        "mqtt5 subscribe refused",
      )
      codes.push(ReasonCode.NotAuthorized)
      continue
    }
    const qos = subscription.qos >= 1 ? 1 : 0
    await connected.commands.subscribe(own, qos, subscriptionId)
    const { links, commandPublisher } = session.deps
    if (links !== undefined && commandPublisher !== undefined && connected.detachLink === undefined) {
      let linked = true
      const detach = links.attach(
        connected.device.id,
        mqttCommandLink(commandPublisher, own, () => linked),
      )
      connected.detachLink = () => {
        linked = false
        detach()
      }
    }
    codes.push(qos === 1 ? ReasonCode.GrantedQoS1 : ReasonCode.GrantedQoS0)
  }
  // Same Packet Identifier [MQTT-3.8.4-2], one Reason Code per filter [MQTT-3.8.4-6].
  session.send({ cmd: "suback", messageId, granted: codes })
}

/** UNSUBSCRIBE (3.10.4): always answered with an UNSUBACK, a code per filter [MQTT-3.10.4-4] [MQTT-3.10.4-5]. */
export const handleUnsubscribe = async (
  session: SessionPort,
  connected: Connected,
  packet: IUnsubscribePacket,
): Promise<void> => {
  const messageId = packet.messageId
  if (!messageId) return session.fail(ReasonCode.ProtocolError, "packet identifier 0") // [MQTT-2.2.1-3]
  const codes: number[] = []
  for (const filter of packet.unsubscriptions) {
    // Filters are compared character by character with the session's [MQTT-3.10.4-1].
    const removed = await connected.commands.unsubscribe(filter)
    codes.push(removed ? ReasonCode.Success : ReasonCode.NoSubscriptionExisted)
  }
  session.send({ cmd: "unsuback", messageId, granted: codes })
}
