import type { Duplex } from "node:stream"
import { parser as makeParser, type Packet } from "mqtt-packet"
import { commandIdOf } from "../commands/mqttCommands.js"
import type { AuthenticatedDevice } from "../DeviceIngress.js"
import { packetLimit } from "../mqtt/packetLimits.js"
import { makePacketSizeGuard, type PacketSizeGuard } from "../mqtt/packetSizeGuard.js"
import { makeCommandBridge, type SendResult } from "./commandBridge.js"
import {
  type ConnectTerms,
  DEFAULT_MAX_PACKET_BYTES,
  SERVER_RECEIVE_MAXIMUM,
  SERVER_TOPIC_ALIAS_MAXIMUM,
} from "./connackProperties.js"
import { handleConnect } from "./handleConnect.js"
import { handlePublish } from "./handlePublish.js"
import { handleSubscribe, handleUnsubscribe } from "./handleSubscribe.js"
import { type IngestAck, pubackPacket } from "./ingestAck.js"
import { makeKeepAliveTimer } from "./keepAliveTimer.js"
import type { Mqtt5Deps } from "./Mqtt5Deps.js"
import { makePacketWriter, type PacketWriter } from "./PacketWriter.js"
import { publishWill } from "./publishWill.js"
import { ReasonCode } from "./reasonCodes.js"
import type { Connected, SessionPort, Will } from "./SessionPort.js"
import { makeTopicAliases } from "./topicAliases.js"

export type { Mqtt5Deps, Mqtt5Log } from "./Mqtt5Deps.js"

/** How long a closing connection waits for the peer to close before it is destroyed. */
const CLOSE_GRACE_MS = 2_000

type Phase = "awaiting-connect" | "authenticating" | "connected" | "closing" | "closed"

/**
 * Serves one MQTT 5 client connection on `conn`, from its CONNECT on, as a clean-start session
 * (Session Expiry 0). Never throws; failures are logged and end the connection.
 */
export function serveMqtt5(conn: Duplex, deps: Mqtt5Deps, remoteAddress = ""): void {
  try {
    new Mqtt5Session(conn, deps, remoteAddress).start()
  } catch (error) {
    deps.log.warn({ err: error }, "mqtt5 session failed to start")
    conn.destroy()
  }
}

/** The connection state machine: awaiting-connect -> authenticating -> connected -> closing -> closed. */
class Mqtt5Session implements SessionPort {
  readonly maxPacketBytes: number
  private phase: Phase = "awaiting-connect"
  private connected: Connected | null = null
  private readonly parser = makeParser({ protocolVersion: 5 })
  private readonly guard: PacketSizeGuard
  /** Parsed packets not yet handled: one at a time, in arrival order. */
  private readonly queue: Packet[] = []
  private busy = false
  /** Inbound QoS 1 PUBLISH packets not yet acknowledged, against our Receive Maximum. */
  private unacknowledged = 0
  private readonly writer: PacketWriter
  private readonly keepAlive = makeKeepAliveTimer(() =>
    this.fail(ReasonCode.KeepAliveTimeout, "nothing received within 1.5 x keep alive"),
  )
  private connectTimer: NodeJS.Timeout | undefined
  private closeTimer: NodeJS.Timeout | undefined
  private releaseClaim: (() => void) | undefined

  constructor(
    private readonly conn: Duplex,
    readonly deps: Mqtt5Deps,
    readonly remoteAddress: string,
  ) {
    this.maxPacketBytes = deps.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES
    // The CONNECT is read with a small limit; later packets with the Maximum Packet Size we announce.
    this.guard = makePacketSizeGuard(packetLimit(this.maxPacketBytes))
    this.writer = makePacketWriter(conn, deps.log)
  }

  start(): void {
    this.parser.on("packet", this.onPacket)
    this.parser.on("error", (error: Error) => this.fail(ReasonCode.MalformedPacket, error.message))
    this.conn.on("data", this.onData)
    this.conn.on("end", () => this.end())
    this.conn.on("error", (error: Error) =>
      this.deps.log.debug({ err: error.message }, "mqtt5 connection error"),
    )
    this.conn.on("close", this.onClose)
    // A client that does not send CONNECT in time is dropped (3.1.4: "a reasonable amount of time").
    this.connectTimer = setTimeout(() => this.end(), this.deps.connectTimeoutMs)
    // The protocol sniffer leaves the stream paused, with the bytes it read unshifted.
    this.conn.resume()
  }

  private get open(): boolean {
    return this.phase !== "closing" && this.phase !== "closed"
  }

  private readonly onData = (chunk: Buffer): void => {
    if (!this.open) return // after a refusal nothing is processed [MQTT-3.1.4-6]
    const oversize = this.guard.feed(chunk)
    if (oversize !== null) {
      if (this.phase === "awaiting-connect") {
        // CONNACK 0x95 is allowed as a refusal (3.2.2.2); nothing of the CONNECT was buffered.
        this.refuse(ReasonCode.PacketTooLarge, `CONNECT of ${oversize} bytes is over the limit`)
      } else {
        this.fail(ReasonCode.PacketTooLarge, `packet of ${oversize} bytes exceeds ${this.maxPacketBytes}`)
      }
      return
    }
    try {
      this.parser.parse(chunk)
    } catch (error) {
      this.fail(ReasonCode.MalformedPacket, error instanceof Error ? error.message : "unparsable packet")
      return
    }
    this.pump()
  }

  private readonly onPacket = (packet: Packet): void => {
    if (!this.open) return
    // Any control packet from the client counts for keep alive [MQTT-3.1.2-22].
    if (!this.busy) this.keepAlive.touch()
    if (packet.cmd === "publish" && packet.qos > 0 && ++this.unacknowledged > SERVER_RECEIVE_MAXIMUM) {
      // [MQTT-3.3.4-7]: the client exceeded the Receive Maximum we announced.
      this.fail(
        ReasonCode.ReceiveMaximumExceeded,
        `more than ${SERVER_RECEIVE_MAXIMUM} unacknowledged publishes`,
      )
      return
    }
    this.queue.push(packet)
  }

  /**
   * Handles queued packets in order. A handler that returns a promise (authentication, ingest,
   * broker subscription) pauses reading until it settles: one publish at a time per connection,
   * acks in arrival order (4.6), and a full bus holds the device's socket.
   */
  private pump(): void {
    while (!this.busy && this.open) {
      const packet = this.queue.shift()
      if (packet === undefined) return
      let pending: Promise<void> | undefined
      try {
        pending = this.dispatch(packet)
      } catch (error) {
        this.deps.log.warn({ err: error, cmd: packet.cmd }, "mqtt5 packet handler failed")
        this.fail(ReasonCode.UnspecifiedError, "internal error")
        return
      }
      if (pending === undefined) continue
      this.busy = true
      this.conn.pause()
      // Not reading, so not measuring the client's silence either.
      this.keepAlive.suspend()
      pending
        .catch((error: unknown) => {
          this.deps.log.warn({ err: error, cmd: packet.cmd }, "mqtt5 packet handler failed")
          this.fail(ReasonCode.UnspecifiedError, "internal error")
        })
        .finally(() => {
          this.busy = false
          if (!this.open) return
          this.keepAlive.touch()
          this.conn.resume()
          this.pump()
        })
      return
    }
  }

  private dispatch(packet: Packet): Promise<void> | undefined {
    const connected = this.connected
    if (connected === null) {
      if (packet.cmd !== "connect") {
        // The first packet must be CONNECT [MQTT-3.1.0-1]; no DISCONNECT before a CONNACK [MQTT-3.14.0-1].
        this.end()
        return undefined
      }
      this.phase = "authenticating"
      return handleConnect(this, packet)
    }
    switch (packet.cmd) {
      case "publish":
        return handlePublish(this, connected, packet)
      case "puback":
        connected.commands.acknowledge(packet.messageId ?? 0, packet.reasonCode ?? 0)
        return undefined
      case "subscribe":
        return handleSubscribe(this, connected, packet)
      case "unsubscribe":
        return handleUnsubscribe(this, connected, packet)
      case "pingreq":
        this.send({ cmd: "pingresp" }) // [MQTT-3.12.4-1]
        return undefined
      case "disconnect":
        // DISCONNECT 0x00 discards the Will [MQTT-3.14.4-3]; 0x04 asks for it to be published.
        if (packet.reasonCode !== ReasonCode.DisconnectWithWillMessage) connected.will = null
        this.end()
        return undefined
      case "connect":
        return this.fail(ReasonCode.ProtocolError, "second CONNECT") // [MQTT-3.1.0-2]
      case "auth":
        return this.fail(ReasonCode.ProtocolError, "AUTH without an authentication method") // [MQTT-4.12.0-7]
      default:
        // Server-to-client packets, and QoS 2 flows this server never starts.
        return this.fail(ReasonCode.ProtocolError, `unexpected ${packet.cmd}`)
    }
  }

  readonly accept = (device: AuthenticatedDevice, terms: ConnectTerms, will: Will | null): void => {
    if (!this.open) return // the client left while it was being authenticated
    clearTimeout(this.connectTimer)
    const commands = makeCommandBridge({
      broker: this.deps.broker,
      log: this.deps.log,
      deviceId: device.id,
      send: (packet) => this.send(packet),
      whenDrained: (done) => this.writer.whenDrained(done),
      receiveMaximum: terms.clientReceiveMaximum,
      onAcknowledged: (payload) => {
        const id = commandIdOf(payload)
        if (id !== null) this.deps.links?.acknowledged(device.id, id)
      },
    })
    this.connected = { device, terms, aliases: makeTopicAliases(SERVER_TOPIC_ALIAS_MAXIMUM), commands, will }
    this.phase = "connected"
    if (terms.clientMaximumPacketSize !== undefined)
      this.writer.limitPacketSize(terms.clientMaximumPacketSize)
    // An existing connection with this client id is taken over [MQTT-3.1.4-3].
    this.releaseClaim = this.deps.sessions?.claim(device.id, (why) =>
      why === "taken-over"
        ? this.fail(ReasonCode.SessionTakenOver, "a new connection took over this client id")
        : this.fail(ReasonCode.ServerShuttingDown, "server shutting down"),
    )
    // Clean start, no stored session: Session Present 0 [MQTT-3.2.2-2] [MQTT-3.2.2-3].
    this.send({
      cmd: "connack",
      reasonCode: ReasonCode.Success,
      sessionPresent: false,
      properties: terms.connack,
    })
    this.keepAlive.start(terms.keepAliveS)
    this.deps.log.info({ deviceId: device.id, keepAliveS: terms.keepAliveS }, "mqtt5 device connected")
    try {
      this.deps.onConnected?.(device.id)
    } catch (error) {
      this.deps.log.warn({ err: error, deviceId: device.id }, "mqtt5 onConnected hook failed")
    }
  }

  readonly refuse = (reasonCode: ReasonCode, reason: string): undefined => {
    if (!this.open) return undefined
    this.deps.log.info({ reasonCode, reason }, "mqtt5 connect refused")
    this.deps.onRefusal?.(reasonCode)
    // Session Present 0 with a non-zero reason [MQTT-3.2.2-6]; then close [MQTT-3.2.2-7].
    this.end({ cmd: "connack", reasonCode, sessionPresent: false, properties: { reasonString: reason } })
    return undefined
  }

  readonly fail = (reasonCode: ReasonCode, reason: string): undefined => {
    if (!this.open) return undefined
    this.deps.log.info(
      { deviceId: this.connected?.device.id, reasonCode, reason },
      "mqtt5 connection closed by server",
    )
    if (reasonCode !== ReasonCode.ServerShuttingDown && reasonCode !== ReasonCode.SessionTakenOver)
      this.deps.onRefusal?.(reasonCode)
    // A Reason String is allowed on DISCONNECT whatever Request Problem Information says [MQTT-3.1.2-29].
    this.end(
      this.connected === null
        ? undefined
        : { cmd: "disconnect", reasonCode, properties: { reasonString: reason } },
    )
    return undefined
  }

  readonly puback = (messageId: number, ack: IngestAck): void => {
    this.unacknowledged = Math.max(0, this.unacknowledged - 1)
    this.send(pubackPacket(messageId, ack, this.connected?.terms.problemInformation === true))
  }

  readonly send = (packet: Packet): SendResult => (this.open ? this.writer.write(packet) : "closed")

  /** Sends a last packet, if any, and closes: nothing is sent after a DISCONNECT [MQTT-3.14.4-1] [MQTT-3.14.4-2]. */
  private end(last?: Packet): void {
    if (!this.open) return
    this.phase = "closing"
    this.queue.length = 0
    clearTimeout(this.connectTimer)
    this.keepAlive.suspend()
    if (last !== undefined) this.writer.write(last)
    this.conn.end()
    // Keep reading (and discarding) so the peer's close arrives, but do not wait for it forever.
    this.conn.resume()
    this.closeTimer = setTimeout(() => this.conn.destroy(), CLOSE_GRACE_MS)
    this.closeTimer.unref()
  }

  private readonly onClose = (): void => {
    if (this.phase === "closed") return
    this.phase = "closed"
    clearTimeout(this.connectTimer)
    clearTimeout(this.closeTimer)
    this.keepAlive.suspend()
    this.writer.close()
    this.releaseClaim?.()
    const connected = this.connected
    if (connected === null) return
    connected.commands.close()
    connected.detachLink?.()
    publishWill(this.deps, connected)
    this.deps.log.info({ deviceId: connected.device.id }, "mqtt5 device disconnected")
  }
}
