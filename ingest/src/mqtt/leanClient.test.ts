import { once } from "node:events"
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net"
import { Aedes, type Client } from "aedes"
import { BufferList } from "bl"
import { generate, parser as mqttParser, type Packet } from "mqtt-packet"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { readPublishesFast } from "./fastPublishes.js"
import { forgetConnect, slimNewClient } from "./leanClient.js"

let aedes: Aedes
let server: Server
let port: number
const clients = new Map<string, Client>()
const sockets: Socket[] = []

beforeEach(async () => {
  aedes = await Aedes.createBroker()
  aedes.on("client", (client) => {
    forgetConnect(client)
    clients.set(client.id, client)
  })
  server = createServer((socket) => {
    const client = aedes.handle(socket)
    slimNewClient(client)
    readPublishesFast(client)
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  port = (server.address() as AddressInfo).port
})
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  clients.clear()
  await new Promise<void>((resolve) => aedes.close(() => resolve()))
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

/** A raw MQTT 3.1.1 session: writes bytes as given (split anywhere) and collects parsed packets. */
const rawSession = async () => {
  const socket = connect(port, "127.0.0.1")
  sockets.push(socket)
  await once(socket, "connect")
  const received: Packet[] = []
  const parser = mqttParser({ protocolVersion: 4 })
  parser.on("packet", (p: Packet) => received.push(p))
  socket.on("data", (chunk) => parser.parse(chunk))
  const waitFor = async (cmd: string, count = 1): Promise<Packet[]> => {
    for (let i = 0; i < 200 && received.filter((p) => p.cmd === cmd).length < count; i++)
      await new Promise((r) => setTimeout(r, 10))
    return received.filter((p) => p.cmd === cmd)
  }
  return { socket, waitFor }
}

const CONNECT = generate({
  cmd: "connect",
  protocolId: "MQTT",
  protocolVersion: 4,
  clean: true,
  clientId: "dev-lean",
  keepalive: 60,
  username: "dev-lean",
  password: Buffer.from("a-secret-of-the-device"),
})

describe("an Aedes client trimmed for idle connections", () => {
  it("buffers partial packets in a plain BufferList and keeps only the protocol version of its CONNECT", async () => {
    const { socket, waitFor } = await rawSession()
    socket.write(CONNECT)
    expect((await waitFor("connack"))[0]).toMatchObject({ returnCode: 0 })
    const parser = (clients.get("dev-lean") as unknown as { _parser: { _list: unknown; settings: unknown } })
      ._parser
    // Not the Duplex `bl()` mqtt-packet makes, and no password bytes kept for the connection's life.
    expect(parser._list).toBeInstanceOf(BufferList)
    expect(parser._list).not.toHaveProperty("_readableState")
    expect(parser.settings).toEqual({ protocolVersion: 4 })
  })

  it("still parses packets split across reads and several in one read, with the trimmed parser and the fast PUBLISH path", async () => {
    const { socket, waitFor } = await rawSession()
    socket.write(CONNECT)
    await waitFor("connack")
    const subscribe = generate({
      cmd: "subscribe",
      messageId: 1,
      subscriptions: [{ topic: "lean/#", qos: 1 }],
    })
    socket.write(subscribe)
    expect((await waitFor("suback"))[0]).toMatchObject({ messageId: 1, granted: [1] })
    const publishes = [2, 3, 4].map((messageId) =>
      generate({
        cmd: "publish",
        topic: "lean/t",
        payload: Buffer.alloc(300, messageId),
        qos: 1,
        messageId,
        retain: false,
        dup: false,
      }),
    )
    // The first split mid-header and mid-payload; the other two in one write.
    const first = publishes[0] as Buffer
    socket.write(first.subarray(0, 1))
    await new Promise((r) => setTimeout(r, 20))
    socket.write(first.subarray(1, 100))
    await new Promise((r) => setTimeout(r, 20))
    socket.write(Buffer.concat([first.subarray(100), publishes[1] as Buffer, publishes[2] as Buffer]))
    const acks = await waitFor("puback", 3)
    expect(acks.map((p) => p.messageId)).toEqual([2, 3, 4])
    const delivered = await waitFor("publish", 3)
    expect(delivered.map((p) => (p.cmd === "publish" ? Buffer.from(p.payload) : null))).toEqual(
      [2, 3, 4].map((id) => Buffer.alloc(300, id)),
    )
  })
})
