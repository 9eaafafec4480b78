import type { AddressInfo } from "node:net"
import { createServer, type Server } from "node:net"
import type { Duplex } from "node:stream"
import type { Log, MetricsShape } from "@fleetcore/platform"
import { MqttTopics } from "@fleetcore/proto"
import { Aedes, type AuthenticateError, type Client } from "aedes"
import { createWebSocketStream, WebSocketServer } from "ws"
import type { AuthenticatedDevice, DeviceAuthenticator, DeviceIngress } from "./DeviceIngress.js"
import { sniffProtocolLevel } from "./mqtt/sniffProtocolLevel.js"
import { serveMqtt5 } from "./mqtt5/Mqtt5Session.js"
import { makeMqtt5SessionRegistry } from "./mqtt5/sessionRegistry.js"

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
}

export interface MqttBroker {
  readonly aedes: Aedes
  readonly port: number
  readonly wsPort: number
  readonly close: () => Promise<void>
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

  const aedes = await Aedes.createBroker({
    connectTimeout: 10_000,
    keepaliveLimit: options.maxKeepAliveS ?? 600,
    authenticate: (client, username, password, done) => {
      if (username === undefined || password === undefined) {
        return done(authError("device id and secret are required", 4), false)
      }
      // A device connects as itself: client id = device id = user name.
      if (client.id !== username) return done(authError("client id must equal the device id", 2), false)
      auth.authenticate(username, password.toString("utf8")).then(
        (device) => {
          if (device === null) return done(authError("bad device id or secret", 4), false)
          devices.set(client, device)
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
      if (device === undefined || packet.topic !== MqttTopics.telemetry(device.id)) {
        // MQTT 3.1.1 has no negative PUBACK: the server closes the connection [MQTT-3.3.5-2].
        return callback(
          new Error(
            `device may publish only to ${device ? MqttTopics.telemetry(device.id) : "its own topic"}`,
          ),
        )
      }
      const payload = typeof packet.payload === "string" ? Buffer.from(packet.payload) : packet.payload
      // The callback (and so the PUBACK and the next read from this socket) waits for the bus.
      ingress.accept(device, payload, "mqtt").then(
        () => callback(null),
        (error: unknown) => {
          log.error(
            { err: error, deviceId: device.id },
            "ingest failed; closing the connection so the device resends",
          )
          callback(error instanceof Error ? error : new Error(String(error)))
        },
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
  aedes.on("client", () => metrics.mqttConnections.inc({ version: "3.1.1" }))
  aedes.on("clientDisconnect", () => metrics.mqttConnections.dec({ version: "3.1.1" }))
  aedes.on("clientError", (client, error) =>
    log.debug({ clientId: client.id, err: error.message }, "mqtt client error"),
  )

  const route = async (conn: Duplex) => {
    const level = await sniffProtocolLevel(conn, 10_000)
    if (level === 5) {
      metrics.mqttConnections.inc({ version: "5" })
      conn.once("close", () => metrics.mqttConnections.dec({ version: "5" }))
      serveMqtt5(conn, {
        auth,
        ingress,
        broker: aedes,
        log,
        maxKeepAliveS: options.maxKeepAliveS ?? 600,
        connectTimeoutMs: 10_000,
        sessions,
      })
    } else if (level === 3 || level === 4) {
      aedes.handle(conn)
    } else {
      conn.destroy()
    }
  }

  const tcp: Server = createServer((socket) => {
    socket.setNoDelay(true)
    void route(socket)
  })
  const wss = new WebSocketServer({ host: options.host, port: options.wsPort, handleProtocols: () => "mqtt" })
  wss.on("connection", (ws) => void route(createWebSocketStream(ws)))

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
