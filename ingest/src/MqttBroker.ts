import type { AddressInfo } from "node:net"
import { createServer, type Server } from "node:net"
import type { Duplex } from "node:stream"
import type { Log, MetricsShape } from "@fleetcore/platform"
import { MqttTopics } from "@fleetcore/proto"
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from "aedes"
import { createWebSocketStream, WebSocketServer } from "ws"
import type { DeviceLinks } from "./commands/DeviceLinks.js"
import { commandIdOf, mqttCommandLink, parseCommandResponse } from "./commands/mqttCommands.js"
import type { AuthenticatedDevice, DeviceAuthenticator, DeviceIngress } from "./DeviceIngress.js"
import { makeIngestRefusals, type RefusalReason, type RefusalTransport } from "./IngestRefusals.js"
import type { TakePublish } from "./mqtt/aedesInternals.js"
import { answerForAedes } from "./mqtt/answerForAedes.js"
import { readPublishesFast } from "./mqtt/fastPublishes.js"
import { guardConnection } from "./mqtt/guardConnection.js"
import { forgetConnect, slimNewClient } from "./mqtt/leanClient.js"
import { MAX_CONNECT_BYTES, MAX_PACKET_BYTES, packetLimit } from "./mqtt/packetLimits.js"
import { makePacketSizeGuard } from "./mqtt/packetSizeGuard.js"
import { sniffProtocolLevel } from "./mqtt/sniffProtocolLevel.js"
import { serveMqtt5 } from "./mqtt5/Mqtt5Session.js"
import { ReasonCode } from "./mqtt5/reasonCodes.js"
import { makeMqtt5SessionRegistry } from "./mqtt5/sessionRegistry.js"

/** What Aedes' `ack` event carries (typed as always present; it is not). */
type AckedPacket = { readonly cmd: string; readonly topic?: string; readonly payload?: Buffer | string }

/** A live session's device was disabled, or its organisation suspended, after it connected. */
class DeviceNoLongerAllowed extends Error {
  constructor(deviceId: string) {
    super(`device ${deviceId} is disabled or its organisation suspended; closing its connection`)
  }
}

export interface MqttBrokerOptions {
  readonly host: string
  /** TCP port; 0 picks a free one. */
  readonly port: number
  /** MQTT over WebSocket port; 0 picks a free one. */
  readonly wsPort: number
  readonly auth: DeviceAuthenticator
  readonly ingress: DeviceIngress
  readonly log: Log
  readonly metrics: MetricsShape
  readonly maxKeepAliveS?: number
  /** Where a device subscribed to its `commands` topic is offered for commands, and its answers go. */
  readonly links?: DeviceLinks
}

export interface MqttBroker {
  readonly aedes: Aedes
  readonly port: number
  readonly wsPort: number
  readonly close: () => Promise<void>
}

/** How an MQTT 5 refusal is counted. */
const refusalReason = (code: ReasonCode): RefusalReason => {
  switch (code) {
    case ReasonCode.PacketTooLarge:
      return "FLEET_INGEST_PACKET_TOO_LARGE"
    case ReasonCode.MalformedPacket:
      return "FLEET_INGEST_PACKET_MALFORMED"
    case ReasonCode.BadUserNameOrPassword:
      return "FLEET_INGEST_DEVICE_UNAUTHORIZED"
    case ReasonCode.QuotaExceeded:
      return "FLEET_INGEST_AUTH_THROTTLED"
    case ReasonCode.NotAuthorized:
      return "FLEET_INGEST_ORGANISATION_SUSPENDED"
    default:
      return "FLEET_INGEST_PROTOCOL_ERROR"
  }
}

/** Errors of the connection itself (reset, broken pipe), not of what the client sent. */
const isSocketError = (error: Error): boolean => typeof (error as { code?: unknown }).code === "string"

/** One device connection, for counting its refusal once. */
interface Peer {
  readonly transport: RefusalTransport
  readonly address: string
  readonly refuse: (reason: RefusalReason, detail: object) => void
}

const authError = (message: string, returnCode: 2 | 4 | 5): AuthenticateError =>
  Object.assign(new Error(message), { returnCode }) as AuthenticateError

/**
 * The device-facing MQTT endpoint. MQTT 3.1.1 (and 3.1) sessions are handled by Aedes; MQTT 5
 * sessions, which Aedes 1.x refuses, by FleetCore's own v5 session (`mqtt5/`). Both use the same
 * device authentication, topic rules and ingest path.
 */
export const startMqttBroker = async (options: MqttBrokerOptions): Promise<MqttBroker> => {
  const { auth, ingress, log, metrics } = options
  const devices = new WeakMap<Client, AuthenticatedDevice>()
  const sessions = makeMqtt5SessionRegistry()
  const refusals = makeIngestRefusals({ metrics, log })
  /** What lets a guarded 3.1.1 connection read past its CONNECT, by the stream Aedes was given. */
  const releaseAfterAuth = new WeakMap<object, () => void>()
  /** Which listener a 3.1.1 connection came in on, and from which address. */
  const peers = new WeakMap<object, Peer>()
  const makePeer = (transport: RefusalTransport, address: string): Peer => {
    let refused = false
    return {
      transport,
      address,
      // A connection is refused once, however many of its errors follow (counted and logged once).
      refuse: (reason, detail) => {
        if (refused) return
        refused = true
        refusals.refuse(transport, reason, { ...detail, address })
      },
    }
  }

  /**
   * A device's telemetry PUBLISH, into the bus. A device disabled, or of an organisation suspended,
   * since it connected is refused: the connection closes with nothing stored, and its reconnection
   * is refused at CONNECT. Rejects (and the connection closes, so the device resends) when the
   * bus fails.
   */
  const ingestTelemetry = (device: AuthenticatedDevice, payload: Buffer | string): Promise<void> => {
    const bytes = typeof payload === "string" ? Buffer.from(payload) : payload
    const allowed = auth.stillAllowed(device.id)
    const taken =
      allowed === true
        ? ingress.accept(device, bytes, "mqtt")
        : Promise.resolve(allowed).then((ok) => {
            if (!ok) throw new DeviceNoLongerAllowed(device.id)
            return ingress.accept(device, bytes, "mqtt")
          })
    return taken.then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof DeviceNoLongerAllowed) log.warn({ deviceId: device.id }, error.message)
        else
          log.error(
            { err: error, deviceId: device.id },
            "ingest failed; closing the connection so the device resends",
          )
        throw error instanceof Error ? error : new Error(String(error))
      },
    )
  }
  /** A connected device's telemetry PUBLISH (QoS 0 or 1), handled in Aedes's place. */
  const takeTelemetry: TakePublish = (client, packet) => {
    const device = devices.get(client as Client)
    if (device === undefined || !MqttTopics.isDevices(packet.topic, device.id, "telemetry")) return false
    return answerForAedes(client, packet, () => ingestTelemetry(device, packet.payload))
  }

  const aedes = await Aedes.createBroker({
    connectTimeout: 10_000,
    keepaliveLimit: options.maxKeepAliveS ?? 600,
    authenticate: (client, username, password, done) => {
      if (username === undefined || password === undefined) {
        return done(authError("device id and secret are required", 4), false)
      }
      // A device connects as itself: client id = device id = user name.
      if (client.id !== username) return done(authError("client id must equal the device id", 2), false)
      const peer = peers.get(client.conn) ?? makePeer("mqtt", "")
      auth.authenticate(username, password.toString("utf8"), peer.address).then(
        (answer) => {
          if (!answer.ok) {
            const throttled = answer.reason === "throttled"
            const suspended = answer.reason === "suspended"
            peer.refuse(
              throttled
                ? "FLEET_INGEST_AUTH_THROTTLED"
                : suspended
                  ? "FLEET_INGEST_ORGANISATION_SUSPENDED"
                  : "FLEET_INGEST_DEVICE_UNAUTHORIZED",
              { deviceId: username },
            )
            // 3.1.1 has no "retry later" or "suspended" code: all are 5 Not authorized.
            return done(
              authError(
                throttled
                  ? "too many failed attempts"
                  : suspended
                    ? "the organisation is suspended"
                    : "bad device id or secret",
                5,
              ),
              false,
            )
          }
          const device = answer.device
          devices.set(client, device)
          releaseAfterAuth.get(client.conn)?.()
          releaseAfterAuth.delete(client.conn)
          done(null, true)
        },
        (error: unknown) => {
          log.error({ err: error, deviceId: username }, "device authentication failed")
          done(authError("authentication unavailable", 5), false)
        },
      )
    },
    authorizePublish: (client, packet, callback) => {
      const device = client === null ? undefined : devices.get(client)
      if (device !== undefined && MqttTopics.isDevices(packet.topic, device.id, "commands/response")) {
        // The device's answer to a command (docs/devices.md): settles it by id; nothing is ingested.
        const answer = parseCommandResponse(packet.payload)
        if (answer === null) log.warn({ deviceId: device.id }, "command response is not {id, ok, text}")
        else options.links?.answered(device.id, answer.text, { commandId: answer.id, ok: answer.ok })
        return callback(null)
      }
      if (device === undefined || !MqttTopics.isDevices(packet.topic, device.id, "telemetry")) {
        // MQTT 3.1.1 has no negative PUBACK: the server closes the connection [MQTT-3.3.5-2].
        return callback(
          new Error(
            `device may publish only to ${device ? MqttTopics.telemetry(device.id) : "its own topic"}`,
          ),
        )
      }
      // The callback (and so the PUBACK and the next read from this socket) waits for the bus.
      ingestTelemetry(device, packet.payload).then(
        () => callback(null),
        (error: Error) => callback(error),
      )
    },
    authorizeSubscribe: (client, subscription, callback) => {
      const device = devices.get(client)
      if (device !== undefined && subscription.topic === MqttTopics.commands(device.id)) {
        return callback(null, { ...subscription, qos: Math.min(subscription.qos, 1) as 0 | 1 })
      }
      callback(null, null) // SUBACK 0x80: refused [MQTT-3.9.3]
    },
  })
  // Aedes carries one kind of message: a command to a device (`commands/mqttCommands.ts`), since a
  // device may subscribe only to its own commands topic (authorizeSubscribe above). What devices
  // publish is taken in by authorizePublish and has no MQTT subscriber, nor has Aedes's $SYS chatter:
  // both skip its fan-out (retained store, offline queues, topic matching, the 'publish' event),
  // which cost about a fifth of the main thread per telemetry message.
  // (Aedes's own handlers call publish(packet, client, done); the typed form is publish(packet, done).)
  type Done = (error?: Error) => void
  const fanOut = aedes.publish.bind(aedes) as (packet: PublishPacket, client: unknown, done?: Done) => void
  aedes.publish = ((packet: PublishPacket, client?: Client | Done | null, done?: Done) => {
    if (MqttTopics.pattern.exec(packet.topic)?.[2] === "commands") return fanOut(packet, client, done)
    const callback = typeof client === "function" ? client : done
    callback?.()
  }) as typeof aedes.publish
  aedes.on("client", (client) => {
    forgetConnect(client)
    metrics.mqttConnections.inc({ version: "3.1.1" })
  })
  /** Command links of 3.1.1 devices subscribed to their commands topic, withdrawn on disconnect. */
  const detachLinks = new WeakMap<Client, () => void>()
  aedes.on("clientDisconnect", (client) => {
    metrics.mqttConnections.dec({ version: "3.1.1" })
    detachLinks.get(client)?.()
    detachLinks.delete(client)
  })
  aedes.on("subscribe", (subscriptions, client) => {
    const device = devices.get(client)
    const links = options.links
    if (device === undefined || links === undefined || detachLinks.has(client)) return
    const topic = MqttTopics.commands(device.id)
    if (!subscriptions.some((s) => s.topic === topic)) return
    detachLinks.set(
      client,
      links.attach(
        device.id,
        mqttCommandLink(aedes, topic, () => !client.closed),
      ),
    )
  })
  aedes.on("ack", (packet: AckedPacket | undefined, client) => {
    // Aedes emits the delivery it stored; undefined when its persistence no longer holds it.
    const device = client === null ? undefined : devices.get(client)
    if (
      device === undefined ||
      packet === undefined ||
      packet.cmd !== "publish" ||
      packet.topic !== MqttTopics.commands(device.id)
    )
      return
    const id = packet.payload === undefined ? null : commandIdOf(packet.payload)
    if (id !== null) options.links?.acknowledged(device.id, id)
  })
  const onClientError = (client: Client, error: Error) => {
    log.debug({ clientId: client.id, err: error.message }, "mqtt client error")
    // Refused authentication is counted where it is decided; socket resets are not the client's packets.
    if ("returnCode" in error || isSocketError(error)) return
    peers.get(client.conn)?.refuse("FLEET_INGEST_PROTOCOL_ERROR", {
      clientId: client.id,
      err: error.message,
    })
  }
  aedes.on("clientError", onClientError)
  aedes.on("connectionError", onClientError)

  /** One limit function for every 3.1.1 connection (a closure each would cost ~90 B a connection). */
  const limitOf3 = packetLimit(MAX_PACKET_BYTES)
  const route = async (conn: Duplex, peer: Peer) => {
    const sniffed = await sniffProtocolLevel(conn, 10_000, MAX_CONNECT_BYTES)
    if (sniffed?.level === 5) {
      conn.unshift(sniffed.head)
      metrics.mqttConnections.inc({ version: "5" })
      conn.once("close", () => metrics.mqttConnections.dec({ version: "5" }))
      serveMqtt5(
        conn,
        {
          auth,
          ingress,
          broker: aedes,
          log,
          maxKeepAliveS: options.maxKeepAliveS ?? 600,
          connectTimeoutMs: 10_000,
          sessions,
          maxPacketBytes: MAX_PACKET_BYTES,
          ...(options.links === undefined ? {} : { links: options.links, commandPublisher: aedes }),
          onRefusal: (code) => peer.refuse(refusalReason(code), { reasonCode: code }),
        },
        peer.address,
      )
    } else if (sniffed?.level === 3 || sniffed?.level === 4) {
      // Aedes buffers whole packets: sizes are checked from the fixed headers before it reads them.
      const guarded = guardConnection(conn, {
        guard: makePacketSizeGuard(limitOf3),
        onTooLarge: (announcedBytes) => peer.refuse("FLEET_INGEST_PACKET_TOO_LARGE", { announcedBytes }),
        head: sniffed.head,
      })
      if (conn.destroyed) return
      releaseAfterAuth.set(conn, guarded.authenticated)
      peers.set(conn, peer)
      const client = aedes.handle(conn)
      slimNewClient(client)
      readPublishesFast(client, takeTelemetry)
    } else {
      peer.refuse("FLEET_INGEST_PROTOCOL_ERROR", { why: "no MQTT CONNECT" })
      conn.destroy()
    }
  }

  const tcp: Server = createServer((socket) => {
    socket.setNoDelay(true)
    void route(socket, makePeer("mqtt", socket.remoteAddress ?? ""))
  })
  // maxPayload: ws reads a frame's length first and closes with 1009 before buffering a larger one.
  const wss = new WebSocketServer({
    host: options.host,
    port: options.wsPort,
    handleProtocols: () => "mqtt",
    maxPayload: MAX_PACKET_BYTES,
  })
  wss.on("connection", (ws, request) => {
    const peer = makePeer("mqtt-ws", request.socket.remoteAddress ?? "")
    ws.on("error", (error: Error & { code?: string }) => {
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH")
        peer.refuse("FLEET_INGEST_PACKET_TOO_LARGE", { err: error.message })
    })
    void route(createWebSocketStream(ws), peer)
  })

  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject)
    tcp.listen(options.port, options.host, () => resolve())
  })
  await new Promise<void>((resolve) => (wss.address() ? resolve() : wss.once("listening", () => resolve())))

  return {
    aedes,
    port: (tcp.address() as AddressInfo).port,
    wsPort: (wss.address() as AddressInfo).port,
    close: async () => {
      sessions.closeAll()
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => {
        tcp.close(() => resolve())
        aedes.close()
      })
    },
  }
}
