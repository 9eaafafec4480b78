import { connect, type Socket } from "node:net"
import mqttPacket from "mqtt-packet"

/**
 * A minimal MQTT 3.1.1 publisher for load generation: one raw socket, packets built with
 * mqtt-packet, PUBACKs matched by message id. A full client (mqtt.js) costs more CPU per publish
 * than the server does per point, which on a shared 2-core machine would measure the generator.
 */
export interface LeanPublisher {
  /** Sends a QoS 1 PUBLISH; `onAck` runs when its PUBACK arrives. */
  readonly publish: (topic: string, payload: Buffer, onAck: () => void) => void
  readonly inFlight: () => number
  /** False once the connection is gone; PUBLISHes still waiting for their PUBACK never get one. */
  readonly isOpen: () => boolean
  readonly close: () => Promise<void>
}

export const connectLeanPublisher = (options: {
  readonly host: string
  readonly port: number
  readonly clientId: string
  readonly username: string
  readonly password: string
  /** Runs once when an established connection closes (server gone, socket error, or `close`). */
  readonly onClose?: () => void
  /** Gives up (and destroys the socket) when no CONNACK arrived in time. */
  readonly connectTimeoutMs?: number
}): Promise<LeanPublisher> =>
  new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: options.host, port: options.port })
    socket.setNoDelay(true)
    const parser = mqttPacket.parser({ protocolVersion: 4 })
    const pending = new Map<number, () => void>()
    let nextId = 1
    let connected = false
    let open = true
    const timer =
      options.connectTimeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            socket.destroy()
            reject(new Error(`no CONNACK within ${options.connectTimeoutMs} ms`))
          }, options.connectTimeoutMs)
    parser.on("packet", (packet) => {
      if (packet.cmd === "connack") {
        clearTimeout(timer)
        if (packet.returnCode !== 0) {
          socket.destroy()
          return reject(new Error(`CONNACK ${packet.returnCode}`))
        }
        connected = true
        resolve({
          publish: (topic, payload, onAck) => {
            if (!open) return
            const messageId = nextId
            nextId = nextId === 65535 ? 1 : nextId + 1
            pending.set(messageId, onAck)
            socket.write(
              mqttPacket.generate({
                cmd: "publish",
                topic,
                payload,
                qos: 1,
                messageId,
                retain: false,
                dup: false,
              }),
            )
          },
          inFlight: () => pending.size,
          isOpen: () => open,
          close: () =>
            new Promise((done) => {
              if (!open) return done()
              socket.once("close", () => done())
              socket.end(mqttPacket.generate({ cmd: "disconnect" }))
              // A server that neither answers nor closes does not hold the caller up.
              setTimeout(() => socket.destroy(), 1000).unref()
            }),
        })
      } else if (packet.cmd === "puback" && packet.messageId !== undefined) {
        const ack = pending.get(packet.messageId)
        pending.delete(packet.messageId)
        ack?.()
      }
    })
    parser.on("error", () => socket.destroy())
    socket.on("data", (chunk) => parser.parse(chunk))
    socket.on("error", (error) => {
      if (!connected) {
        clearTimeout(timer)
        reject(error)
      }
    })
    socket.once("close", () => {
      clearTimeout(timer)
      open = false
      pending.clear()
      if (connected) options.onClose?.()
      else reject(new Error("connection closed before CONNACK"))
    })
    socket.once("connect", () => {
      socket.write(
        mqttPacket.generate({
          cmd: "connect",
          protocolId: "MQTT",
          protocolVersion: 4,
          clean: true,
          keepalive: 120,
          clientId: options.clientId,
          username: options.username,
          password: Buffer.from(options.password),
        }),
      )
    })
  })
