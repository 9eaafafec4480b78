import type { IPublishPacket } from "mqtt-packet"

/** What became of a packet handed to the connection. */
export type SendResult =
  /** Written; the socket wants more. */
  | "sent"
  /** Written, but the socket buffer is full: wait for 'drain' before writing more. */
  | "buffered"
  /** Not written and never will be: larger than the client accepts [MQTT-3.1.2-25], or unencodable. */
  | "dropped"
  /** The connection is closing. */
  | "closed"

type PublishProperties = NonNullable<IPublishPacket["properties"]>

/** A message as the broker hands it to a subscriber (Aedes' `subscribe` deliver function). */
export interface BrokerMessage {
  readonly topic: string
  readonly payload: Buffer | string
  readonly qos: number
  /** MQTT 5 properties of the publication, when its publisher set any. */
  readonly properties?: PublishProperties
  /** Epoch ms at which the message expires (Aedes' reading of Message Expiry Interval). */
  readonly messageExpiry?: number
}
type Deliver = (message: BrokerMessage, done: () => void) => void

/** The broker-internal message bus the commands come from (an Aedes instance fits). */
export interface CommandBroker {
  subscribe(topic: string, deliver: Deliver, done: () => void): void
  unsubscribe(topic: string, deliver: Deliver, done: () => void): void
}

export interface CommandBridgeOptions {
  readonly broker: CommandBroker
  readonly log: {
    info(o: object, m: string): void
    warn(o: object, m: string): void
    debug(o: object, m: string): void
  }
  readonly deviceId: string
  readonly send: (packet: IPublishPacket) => SendResult
  /** Calls back once the connection's write buffer has drained (or the connection closed). */
  readonly whenDrained: (done: () => void) => void
  /** The client's Receive Maximum [MQTT-3.3.4-9]. */
  readonly receiveMaximum: number
  /** Told of the payload of each QoS 1 delivery the device acknowledged (a command received). */
  readonly onAcknowledged?: (payload: Buffer | string) => void
}

/**
 * Bridges a v5 device's granted subscriptions to broker-internal messages: what is published inside
 * the broker on the device's commands topic is delivered to the device.
 */
export interface CommandBridge {
  /** Adds the subscription, or replaces its options when it exists [MQTT-3.8.4-3]. */
  readonly subscribe: (topic: string, qos: 0 | 1, subscriptionId: number | undefined) => Promise<void>
  /** Resolves true when a subscription was removed [MQTT-3.10.4-1]. */
  readonly unsubscribe: (topic: string) => Promise<boolean>
  /** A PUBACK from the device. */
  readonly acknowledge: (messageId: number, reasonCode: number) => void
  /** Drops every broker subscription; undelivered messages end with the session (clean start). */
  readonly close: () => void
}

interface Route {
  qos: 0 | 1
  subscriptionId: number | undefined
  readonly deliver: Deliver
}
interface Outgoing {
  readonly topic: string
  readonly payload: Buffer | string
  readonly qos: 0 | 1
  readonly properties: PublishProperties
  readonly expiresAt: number | undefined
}

/** QoS 1 messages held while the device's receive quota is used up; beyond this they are refused. */
const MAX_WAITING = 1000
const PACKET_ID_MAX = 0xffff

export const makeCommandBridge = (options: CommandBridgeOptions): CommandBridge => {
  const { broker, log, deviceId } = options
  const routes = new Map<string, Route>()
  /** Packet ids of QoS 1 deliveries not yet acknowledged: the send quota in use (4.9). */
  const inflight = new Map<number, Buffer | string>()
  const waiting: Outgoing[] = []
  let nextId = 1
  let closed = false

  // A new QoS 1 message gets a non-zero Packet Identifier not in use [MQTT-2.2.1-4]; inflight never
  // holds more than receiveMaximum <= 65535 ids, so a free one exists.
  const allocateId = (): number => {
    for (;;) {
      const id = nextId
      nextId = nextId === PACKET_ID_MAX ? 1 : nextId + 1
      if (!inflight.has(id)) return id
    }
  }

  const transmit = (message: Outgoing, done: () => void): void => {
    const properties = { ...message.properties }
    if (message.expiresAt !== undefined) {
      // The remaining lifetime goes with it [MQTT-3.3.2-6]; an expired message is not sent [MQTT-3.3.2-5].
      const remainingS = Math.ceil((message.expiresAt - Date.now()) / 1000)
      if (remainingS <= 0) {
        setImmediate(done)
        return
      }
      properties.messageExpiryInterval = remainingS
    }
    const packet: IPublishPacket = {
      cmd: "publish",
      topic: message.topic,
      payload: message.payload,
      qos: message.qos,
      // A first delivery has DUP 0 [MQTT-4.3.2-2]; Retain As Published is moot: Retain Available is 0.
      dup: false,
      retain: false,
    }
    if (message.qos === 1) {
      packet.messageId = allocateId()
      inflight.set(packet.messageId, message.payload)
    }
    if (Object.keys(properties).length > 0) packet.properties = properties
    const result = options.send(packet)
    if (result === "dropped") {
      // Too large for the device: discarded, and treated as if delivered [MQTT-3.1.2-25].
      log.warn(
        { deviceId, topic: message.topic },
        "command larger than the device's maximum packet size dropped",
      )
      if (packet.messageId !== undefined) release(packet.messageId)
    }
    if (result === "buffered") options.whenDrained(done)
    else setImmediate(done)
  }

  const release = (messageId: number, acknowledged = false): boolean => {
    const payload = inflight.get(messageId)
    if (payload === undefined || !inflight.delete(messageId)) return false
    if (acknowledged) options.onAcknowledged?.(payload)
    // Quota regained (4.9): send what waited, oldest first (4.6).
    while (!closed && waiting.length > 0 && inflight.size < options.receiveMaximum) {
      const next = waiting.shift()
      if (next !== undefined) transmit(next, () => {})
    }
    return true
  }

  const deliverTo =
    (filter: string): Deliver =>
    (message, done) => {
      const route = routes.get(filter)
      if (closed || route === undefined) {
        setImmediate(done)
        return
      }
      // Application properties go unaltered [MQTT-3.3.2-4] [MQTT-3.3.2-15] to [MQTT-3.3.2-20]; no
      // Topic Alias is sent [MQTT-3.1.2-27], and the subscription's identifier travels with the
      // messages it matched [MQTT-3.3.4-3].
      const { topicAlias: _alias, subscriptionIdentifier: _id, ...properties } = message.properties ?? {}
      const outgoing: Outgoing = {
        topic: message.topic,
        payload: message.payload,
        // The lower of the published and the granted QoS [MQTT-3.8.4-8].
        qos: message.qos >= 1 && route.qos === 1 ? 1 : 0,
        properties:
          route.subscriptionId === undefined
            ? properties
            : { ...properties, subscriptionIdentifier: route.subscriptionId },
        expiresAt: message.messageExpiry,
      }
      // Never more unacknowledged QoS 1 deliveries than the device's Receive Maximum [MQTT-3.3.4-9].
      if (outgoing.qos === 0 || (inflight.size < options.receiveMaximum && waiting.length === 0)) {
        return transmit(outgoing, done)
      }
      if (waiting.length < MAX_WAITING) waiting.push(outgoing)
      else log.warn({ deviceId, topic: message.topic }, "command refused: the device acknowledges none")
      setImmediate(done)
    }

  return {
    subscribe: (topic, qos, subscriptionId) => {
      const existing = routes.get(topic)
      if (existing !== undefined) {
        existing.qos = qos
        existing.subscriptionId = subscriptionId
        return Promise.resolve()
      }
      const route: Route = { qos, subscriptionId, deliver: deliverTo(topic) }
      routes.set(topic, route)
      return new Promise((resolve) => broker.subscribe(topic, route.deliver, () => resolve()))
    },
    unsubscribe: (topic) => {
      const route = routes.get(topic)
      if (route === undefined) return Promise.resolve(false)
      // No new messages from here on [MQTT-3.10.4-2]; those in flight still complete [MQTT-3.10.4-3].
      routes.delete(topic)
      return new Promise((resolve) => broker.unsubscribe(topic, route.deliver, () => resolve(true)))
    },
    acknowledge: (messageId, reasonCode) => {
      if (!release(messageId, reasonCode < 0x80)) {
        log.debug({ deviceId, messageId }, "PUBACK for no command in flight ignored")
      } else if (reasonCode >= 0x80) {
        // A refused delivery is acknowledged all the same and never resent [MQTT-4.4.0-2].
        log.info({ deviceId, messageId, reasonCode }, "device refused a command")
      }
    },
    close: () => {
      if (closed) return
      closed = true
      for (const [topic, route] of routes) broker.unsubscribe(topic, route.deliver, () => {})
      routes.clear()
      if (waiting.length + inflight.size > 0) {
        log.info(
          { deviceId, waiting: waiting.length, unacknowledged: inflight.size },
          "connection closed with commands undelivered or unacknowledged",
        )
      }
      waiting.length = 0
      inflight.clear()
    },
  }
}
