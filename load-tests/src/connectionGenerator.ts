import { connect, type Socket } from "node:net"
import mqttPacket from "mqtt-packet"

/**
 * The connection benchmark's load generator, in its own process (forked with IPC, so its sockets
 * and memory are not the server's): holds `count` idle MQTT 3.1.1 sessions open as raw sockets
 * (mqtt.js would cost the generator far more memory per connection than the server), reconnects
 * those the server closed when asked, and reports how long each wave took.
 */
export type GeneratorCommand =
  | {
      readonly cmd: "connect"
      readonly host: string
      readonly port: number
      readonly ids: ReadonlyArray<string>
      readonly secret: string
      /** CONNECTs waiting for their CONNACK at once. */
      readonly inFlight: number
    }
  | { readonly cmd: "close" }

export type GeneratorReport =
  | { readonly kind: "wave"; readonly connected: number; readonly failed: number; readonly ms: number }
  | { readonly kind: "progress"; readonly connected: number; readonly ms: number }
  | { readonly kind: "open"; readonly open: number }

const sockets = new Map<string, Socket>()
const send = (report: GeneratorReport) => process.send?.(report)

/** One CONNECT; resolves true on CONNACK 0, false on a refusal, a closed socket or 30 s of silence. */
const open = (host: string, port: number, id: string, secret: string): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port })
    const parser = mqttPacket.parser({ protocolVersion: 4 })
    let settled = false
    const done = (ok: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (ok) sockets.set(id, socket)
      else socket.destroy()
      resolve(ok)
    }
    const timer = setTimeout(() => done(false), 30_000)
    parser.on("packet", (packet) => {
      if (packet.cmd === "connack") done(packet.returnCode === 0)
    })
    socket.on("data", (chunk) => parser.parse(chunk))
    socket.on("error", () => done(false))
    socket.on("close", () => {
      done(false)
      if (sockets.get(id) === socket) sockets.delete(id)
    })
    socket.on("connect", () =>
      socket.write(
        mqttPacket.generate({
          cmd: "connect",
          protocolId: "MQTT",
          protocolVersion: 4,
          clientId: id,
          clean: true,
          keepalive: 600,
          username: id,
          password: Buffer.from(secret),
        }),
      ),
    )
  })

const wave = async (command: Extract<GeneratorCommand, { cmd: "connect" }>) => {
  const started = performance.now()
  const todo = command.ids.filter((id) => !sockets.has(id))
  let next = 0
  let connected = 0
  let failed = 0
  let lastReport = started
  const worker = async () => {
    while (next < todo.length) {
      const id = todo[next++] as string
      // A refused or dropped attempt (the server not up yet, a full backlog) is tried again.
      for (let attempt = 0; ; attempt++) {
        if (await open(command.host, command.port, id, command.secret)) {
          connected++
          break
        }
        if (attempt === 20) {
          failed++
          break
        }
        await new Promise((r) => setTimeout(r, 250))
      }
      const now = performance.now()
      if (now - lastReport > 5_000) {
        lastReport = now
        send({ kind: "progress", connected, ms: now - started })
      }
    }
  }
  await Promise.all(Array.from({ length: command.inFlight }, worker))
  send({ kind: "wave", connected, failed, ms: performance.now() - started })
}

process.on("message", (command: GeneratorCommand) => {
  if (command.cmd === "connect") void wave(command)
  else {
    for (const socket of sockets.values()) socket.destroy()
    sockets.clear()
    process.exit(0)
  }
})
let lastOpen = -1
setInterval(() => {
  if (sockets.size !== lastOpen) {
    lastOpen = sockets.size
    send({ kind: "open", open: sockets.size })
  }
}, 1_000).unref()
