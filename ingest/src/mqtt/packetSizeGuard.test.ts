import { generate } from "mqtt-packet"
import { describe, expect, it } from "vitest"
import { MAX_CONNECT_BYTES, packetLimit } from "./packetLimits.js"
import { makePacketSizeGuard } from "./packetSizeGuard.js"

const publish = (payloadBytes: number) =>
  generate(
    { cmd: "publish", topic: "t", payload: Buffer.alloc(payloadBytes), qos: 0, dup: false, retain: false },
    { protocolVersion: 5 },
  )
const ping = generate({ cmd: "pingreq" })

describe("makePacketSizeGuard", () => {
  it("lets packets up to the limit through, across any chunking", () => {
    const stream = Buffer.concat([publish(100), ping, publish(200_000), ping])
    for (const size of [1, 2, 7, 1024, stream.length]) {
      const guard = makePacketSizeGuard(() => publish(200_000).length)
      // One assertion per chunk size: 200k expect() calls would time the test out, not the guard.
      let refusedAt: number | null = null
      for (let at = 0; at < stream.length && refusedAt === null; at += size) {
        if (guard.feed(stream.subarray(at, at + size)) !== null) refusedAt = at
      }
      expect(refusedAt, `chunk size ${size}`).toBeNull()
    }
  })

  it("reports the announced size of the first packet above the limit from its header alone", () => {
    const big = publish(300_000)
    const guard = makePacketSizeGuard(() => 1_000)
    expect(guard.feed(ping)).toBeNull()
    expect(guard.feed(big.subarray(0, 2))).toBeNull() // type byte and part of a 3-byte length
    expect(guard.feed(big.subarray(2, 4))).toBe(big.length)
  })

  it("holds the first packet (the CONNECT) to its own, smaller limit", () => {
    const guard = makePacketSizeGuard(packetLimit(1_000_000))
    const connect = generate({
      cmd: "connect",
      protocolId: "MQTT",
      protocolVersion: 4,
      clean: true,
      clientId: "d",
      keepalive: 60,
      username: "d",
      password: Buffer.alloc(MAX_CONNECT_BYTES),
    })
    expect(guard.feed(connect.subarray(0, 5))).toBe(connect.length)
    const fine = makePacketSizeGuard(packetLimit(1_000_000))
    expect(fine.feed(Buffer.concat([ping, publish(100_000)]))).toBeNull()
  })

  it("counts the packets it has seen whole, so a caller can stop reading after the CONNECT", () => {
    const guard = makePacketSizeGuard(() => 1_000)
    const first = publish(10)
    guard.feed(first.subarray(0, 4))
    expect(guard.completed()).toBe(0)
    guard.feed(Buffer.concat([first.subarray(4), ping, ping.subarray(0, 1)]))
    expect(guard.completed()).toBe(2)
  })
})
