import { generate, parser as mqttParser, type Packet } from "mqtt-packet"
import { describe, expect, it } from "vitest"
import { readPublishesFast } from "./fastPublishes.js"

const CONNECT = generate({
  cmd: "connect",
  protocolId: "MQTT",
  protocolVersion: 4,
  clean: true,
  clientId: "dev-fast",
  keepalive: 60,
  username: "dev-fast",
  password: Buffer.from("a-secret-of-the-device"),
})

/** Calls of mqtt-packet's own `parse` by the fast path's sessions. */
let libraryCalls = 0

/** A parser as Aedes makes one, with what it emitted: packets (comparable fields) and errors. */
const session = (fast: boolean) => {
  const parser = mqttParser()
  if (fast) {
    const library = Object.getPrototypeOf(parser) as { parse: (buf: Buffer) => number }
    Object.setPrototypeOf(
      parser,
      Object.assign(Object.create(library), {
        parse(this: unknown, buf: Buffer) {
          libraryCalls++
          return library.parse.call(this, buf)
        },
      }),
    )
    readPublishesFast({ _parser: parser })
  }
  const seen: unknown[] = []
  parser.on("packet", (p: Packet) =>
    seen.push({
      ...p,
      ...("payload" in p && p.payload != null ? { payload: Buffer.from(p.payload).toString("hex") } : {}),
    }),
  )
  parser.on("error", (error: Error) => seen.push({ error: error.message }))
  return { parser, seen, feed: (chunk: Buffer) => parser.parse(chunk) }
}

/** mulberry32: the same packets and splits on every run. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const TOPICS = [
  "fleet/v1/devices/dev-fast/telemetry",
  "fleet/v1/devices/dev-fast/commands/response",
  "fleet/v1/devices/ödo-€-🚚/telemetry",
  "",
  "a",
]
// Around the one-, two- and three-byte Remaining Length bounds, and past the fast path's limit.
const PAYLOAD_BYTES = [0, 1, 60, 88, 89, 90, 120, 126, 127, 128, 300, 16_340, 16_400, 20_000]

const wellFormed = (rnd: () => number): Buffer => {
  const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(rnd() * xs.length)] as T
  const kind = rnd()
  if (kind < 0.75) {
    const qos = pick([0, 1, 1, 1, 2] as const)
    return generate({
      cmd: "publish",
      topic: pick(TOPICS),
      payload: Buffer.from(Array.from({ length: pick(PAYLOAD_BYTES) }, () => Math.floor(rnd() * 256))),
      qos,
      retain: rnd() < 0.2,
      dup: qos > 0 && rnd() < 0.2,
      ...(qos > 0 ? { messageId: Math.floor(rnd() * 65_536) } : {}),
    })
  }
  if (kind < 0.82) return generate({ cmd: "pingreq" })
  if (kind < 0.88) return generate({ cmd: "puback", messageId: Math.floor(rnd() * 65_536) })
  if (kind < 0.94)
    return generate({
      cmd: "subscribe",
      messageId: 7,
      subscriptions: [{ topic: "fleet/v1/devices/dev-fast/commands", qos: 1 }],
    })
  return generate({
    cmd: "unsubscribe",
    messageId: 8,
    unsubscriptions: ["fleet/v1/devices/dev-fast/commands"],
  })
}

/**
 * Each ends the stream. mqtt-packet refuses most; two it reads anyway (its message id or topic read
 * past the packet's end): the fast path leaves them to it, so they come out the same.
 */
const MALFORMED: ReadonlyArray<[string, Buffer, "refused" | "read"]> = [
  ["QoS 3", Buffer.from([0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01]), "refused"],
  ["topic longer than the packet", Buffer.from([0x32, 0x06, 0x00, 0x09, 0x61, 0x62, 0x00, 0x01]), "refused"],
  ["QoS 1 without room for its id", Buffer.from([0x32, 0x03, 0x00, 0x01, 0x61]), "read"],
  ["empty QoS 0 publish", Buffer.from([0x30, 0x00]), "refused"],
  ["Remaining Length of five bytes", Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00]), "refused"],
  ["reserved flags on a PUBACK", Buffer.from([0x42, 0x02, 0x00, 0x01]), "refused"],
]

/** Splits `bytes` into reads of 1 to 400 bytes, sometimes one read for all. */
const reads = (bytes: Buffer, rnd: () => number): Buffer[] => {
  if (rnd() < 0.1) return [bytes]
  const out: Buffer[] = []
  for (let at = 0; at < bytes.length; ) {
    const n = 1 + Math.floor((rnd() < 0.3 ? 8 : 400) * rnd())
    out.push(bytes.subarray(at, at + n))
    at += n
  }
  return out
}

const both = (chunks: ReadonlyArray<Buffer>) => {
  const plain = session(false)
  const fast = session(true)
  for (const chunk of [CONNECT, ...chunks]) {
    plain.feed(chunk)
    fast.feed(chunk)
  }
  // Aedes closes a connection at its parser's first error: what either reads after it is not compared.
  const upToError = (seen: unknown[]) =>
    seen.slice(0, seen.findIndex((p) => "error" in (p as object)) + 1 || undefined)
  return { plain: upToError(plain.seen), fast: upToError(fast.seen) }
}

describe("reading PUBLISH packets without mqtt-packet's parser", () => {
  it("emits what mqtt-packet emits for 400 random streams, split anywhere", () => {
    const rnd = random(2029)
    libraryCalls = 0
    let publishes = 0
    let leftToLibrary = 0
    for (let stream = 0; stream < 400; stream++) {
      const packets = Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => wellFormed(rnd))
      const { plain, fast } = both(reads(Buffer.concat(packets), rnd))
      expect(fast).toEqual(plain)
      expect(plain).toHaveLength(packets.length + 1) // and the CONNECT
      const read = plain as Packet[]
      publishes += read.filter((p) => p.cmd === "publish").length
      leftToLibrary += read.filter((p) => p.cmd !== "publish" || p.qos === 2).length
    }
    expect(publishes).toBeGreaterThan(4000)
    // mqtt-packet read each CONNECT, QoS 2 PUBLISH and other packet once, whole; nothing else.
    expect(libraryCalls).toBe(leftToLibrary)
  })

  it.each(MALFORMED)(
    "takes a malformed packet (%s) as mqtt-packet does, after the good ones",
    (_, bad, outcome) => {
      const rnd = random(bad.length)
      for (let stream = 0; stream < 50; stream++) {
        const good = Array.from({ length: Math.floor(rnd() * 5) }, () => wellFormed(rnd))
        const { plain, fast } = both(reads(Buffer.concat([...good, bad]), rnd))
        expect(fast).toEqual(plain)
        if (outcome === "refused") expect(plain.at(-1)).toHaveProperty("error")
        else expect(plain.at(-1)).toMatchObject({ cmd: "publish" })
      }
    },
  )

  it("leaves the CONNECT, and a session of MQTT 5, to mqtt-packet", () => {
    const v5 = mqttParser()
    readPublishesFast({ _parser: v5 })
    const seen: Packet[] = []
    v5.on("packet", (p: Packet) => seen.push(p))
    const connect5 = generate({
      cmd: "connect",
      protocolId: "MQTT",
      protocolVersion: 5,
      clientId: "v5",
      clean: true,
      keepalive: 60,
    })
    const publish5 = generate(
      {
        cmd: "publish",
        topic: "t",
        payload: Buffer.from("x"),
        qos: 1,
        messageId: 3,
        retain: false,
        dup: false,
        properties: { contentType: "a" },
      },
      { protocolVersion: 5 },
    )
    v5.parse(Buffer.concat([connect5, publish5]))
    expect(seen.map((p) => p.cmd)).toEqual(["connect", "publish"])
    expect(seen[1]).toMatchObject({ topic: "t", messageId: 3, properties: { contentType: "a" } })
  })
})
