import { once } from "node:events"
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net"
import { Aedes } from "aedes"
import { generate, type IPublishPacket, parser as mqttParser, type Packet } from "mqtt-packet"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { answerForAedes } from "./answerForAedes.js"
import { readPublishesFast } from "./fastPublishes.js"

let aedes: Aedes
let server: Server
let port: number
const sockets: Socket[] = []
/** What each taken PUBLISH waits for, in arrival order; a test settles them. */
let taken: Array<{ packet: IPublishPacket; settle: (error?: Error) => void }>
/** Publishes that reached Aedes's own handling (its `authorizePublish`). */
let byAedes: string[]

beforeEach(async () => {
  taken = []
  byAedes = []
  aedes = await Aedes.createBroker({
    authorizePublish: (_client, packet, callback) => {
      byAedes.push(packet.topic)
      callback(null)
    },
  })
  server = createServer((socket) => {
    const client = aedes.handle(socket)
    readPublishesFast(client, (c, packet) =>
      packet.topic === "throws"
        ? answerForAedes(c, packet, () => {
            throw new Error("a defect")
          })
        : packet.topic !== "taken"
          ? false
          : answerForAedes(
              c,
              packet,
              () =>
                new Promise<void>((resolve, reject) =>
                  taken.push({ packet, settle: (error) => (error ? reject(error) : resolve()) }),
                ),
            ),
    )
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  port = (server.address() as AddressInfo).port
})
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await new Promise<void>((resolve) => aedes.close(() => resolve()))
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const until = async (done: () => boolean, ms = 2_000) => {
  for (const end = Date.now() + ms; !done() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 5))
}

/** A connected MQTT 3.1.1 session over a raw socket, collecting what the broker sends. */
const session = async (keepalive = 60) => {
  const socket = connect(port, "127.0.0.1")
  sockets.push(socket)
  await once(socket, "connect")
  const received: Packet[] = []
  let closed = false
  socket.on("close", () => {
    closed = true
  })
  const parser = mqttParser({ protocolVersion: 4 })
  parser.on("packet", (p: Packet) => received.push(p))
  socket.on("data", (chunk) => parser.parse(chunk))
  socket.write(
    generate({
      cmd: "connect",
      protocolId: "MQTT",
      protocolVersion: 4,
      clean: true,
      clientId: "dev",
      keepalive,
    }),
  )
  await until(() => received.some((p) => p.cmd === "connack"))
  const publish = (topic: string, messageId: number, qos: 0 | 1 = 1) =>
    socket.write(
      generate({
        cmd: "publish",
        topic,
        payload: Buffer.from(`p${messageId}`),
        qos,
        messageId,
        retain: false,
        dup: false,
      }),
    )
  const acks = () => received.filter((p) => p.cmd === "puback").map((p) => p.messageId)
  return { socket, publish, acks, isClosed: () => closed }
}

describe("a PUBLISH answered in Aedes's place", () => {
  it("is acknowledged once its handling has settled, with its own message id, and never reaches Aedes", async () => {
    const { publish, acks } = await session()
    publish("taken", 41)
    publish("taken", 42)
    await until(() => taken.length === 2)
    expect(taken.map((t) => Buffer.from(t.packet.payload).toString())).toEqual(["p41", "p42"])
    await new Promise((r) => setTimeout(r, 50))
    expect(acks()).toEqual([]) // nothing is acknowledged before it is taken in
    taken[1]?.settle()
    taken[0]?.settle()
    await until(() => acks().length === 2)
    expect(acks().sort()).toEqual([41, 42])
    publish("elsewhere", 43) // not taken: Aedes handles it as before
    await until(() => acks().length === 3)
    expect(byAedes).toEqual(["elsewhere"])
  })

  it("closes the connection, with no PUBACK, when its handling fails", async () => {
    const { publish, acks, isClosed } = await session()
    publish("taken", 7)
    await until(() => taken.length === 1)
    taken[0]?.settle(new Error("the bus is down"))
    await until(isClosed)
    expect(isClosed()).toBe(true)
    expect(acks()).toEqual([])
  })

  it("closes the connection, and nothing else, when its handling throws", async () => {
    const first = await session()
    first.publish("throws", 9)
    await until(first.isClosed)
    expect(first.isClosed()).toBe(true)
    expect(first.acks()).toEqual([])
    const second = await session() // the broker still serves
    second.publish("taken", 10)
    await until(() => taken.length === 1)
    taken[0]?.settle()
    await until(() => second.acks().length === 1)
    expect(second.acks()).toEqual([10])
  })

  it("counts for keep-alive: a device that only publishes stays connected past 1.5 x its keep-alive", async () => {
    const { publish, acks, isClosed } = await session(1)
    for (let id = 1; id <= 6; id++) {
      publish("taken", id, id % 2 === 0 ? 0 : 1)
      await until(() => taken.length === id)
      taken[id - 1]?.settle()
      await new Promise((r) => setTimeout(r, 400))
    }
    expect(isClosed()).toBe(false) // 2.4 s, and Aedes closes a silent one after 1.5 s
    expect(acks()).toEqual([1, 3, 5]) // QoS 0 has no PUBACK
    await until(isClosed, 3_000)
    expect(isClosed()).toBe(true) // and then silent: closed
  })
})
