import { describe, expect, it } from "vitest"
import { type AvlRecord, CODEC_8, CODEC_8E, decodeAvlPacket } from "./AvlPacket.js"
import { encodeAvlPacket, encodeImeiHandshake } from "./encodeAvlPacket.js"
import { readHandshake } from "./imeiHandshake.js"
import { recordToPoint } from "./ioElements.js"
import { decodeUdpDatagram, encodeUdpDatagram } from "./udpChannel.js"

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const SEED = Number(process.env.FLEET_FUZZ_SEED ?? 20_261_202)
const CASES = 4000

describe("Teltonika decoder fuzz (seeded, bounded)", () => {
  it(`decodes or refuses ${CASES} random and mutated frames without a throw (seed ${SEED})`, () => {
    const next = random(SEED)
    const int = (n: number) => Math.floor(next() * n)
    const valid = (): Buffer => {
      const records: AvlRecord[] = Array.from({ length: 1 + int(5) }, (_, i) => ({
        timeMs: 1_700_000_000_000 + i * 1000,
        priority: int(3),
        lon: next() * 360 - 180,
        lat: next() * 180 - 90,
        altitudeM: int(2000) - 100,
        angleDeg: int(360),
        satellites: int(20),
        speedKmh: int(200),
        eventIoId: int(256),
        io: [
          { id: 239, size: 1 as const, value: BigInt(int(2)) },
          { id: 66, size: 2 as const, value: BigInt(int(30_000)) },
          { id: 16, size: 4 as const, value: BigInt(int(1e9)) },
          { id: 78, size: 8 as const, value: BigInt(int(1e9)) },
        ],
      }))
      return encodeAvlPacket(next() < 0.5 ? CODEC_8 : CODEC_8E, records)
    }
    const outcomes = new Map<string, number>()
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
    for (let i = 0; i < CASES; i++) {
      let frame: Buffer
      const kind = int(4)
      if (kind === 0) frame = Buffer.from(Array.from({ length: int(300) }, () => int(256)))
      else {
        frame = valid()
        // Flip, insert, cut or overwrite bytes; kind 3 keeps the framing and fixes nothing else.
        const mutations = 1 + int(4)
        for (let m = 0; m < mutations; m++) {
          const at = int(frame.byteLength)
          const op = int(3)
          if (op === 0) frame[at] = int(256)
          else if (op === 1) frame = Buffer.concat([frame.subarray(0, at), frame.subarray(at + 1 + int(8))])
          else frame = Buffer.concat([frame.subarray(0, at), Buffer.from([int(256)]), frame.subarray(at)])
        }
      }
      let decoded: ReturnType<typeof decodeAvlPacket>
      try {
        decoded = decodeAvlPacket(frame, { maxRecords: 255 })
        if (decoded.ok) for (const r of decoded.records) recordToPoint(r)
        readHandshake(frame)
      } catch (error) {
        throw new Error(`case ${i} (seed ${SEED}) threw ${String(error)} on ${frame.toString("hex")}`)
      }
      count(decoded.ok ? "decoded" : decoded.code)
    }
    const total = [...outcomes.values()].reduce((a, b) => a + b, 0)
    expect(total).toBe(CASES)
    // Random bytes and mutants are nearly all refused, each with a reason code.
    expect(outcomes.get("FLEET_INGEST_PAYLOAD_UNDECODABLE") ?? 0).toBeGreaterThan(CASES / 2)
    for (const key of outcomes.keys())
      expect([
        "decoded",
        "FLEET_INGEST_PAYLOAD_UNDECODABLE",
        "FLEET_INGEST_PAYLOAD_INVALID",
        "FLEET_INGEST_TOO_MANY_POINTS",
      ]).toContain(key)
  })

  it(`decodes or refuses ${CASES} mutated UDP datagrams without a throw (seed ${SEED})`, () => {
    const next = random(SEED + 1)
    const int = (n: number) => Math.floor(next() * n)
    const outcomes = new Map<string, number>()
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
    for (let i = 0; i < CASES; i++) {
      const records: AvlRecord[] = Array.from({ length: 1 + int(3) }, (_, k) => ({
        timeMs: 1_700_000_000_000 + k * 1000,
        priority: 0,
        lon: 76.9,
        lat: 43.2,
        altitudeM: 800,
        angleDeg: int(360),
        satellites: int(20),
        speedKmh: int(200),
        eventIoId: 0,
        io: [{ id: 239, size: 1 as const, value: BigInt(int(2)) }],
      }))
      let datagram = encodeUdpDatagram(
        int(65_536),
        int(256),
        "356307042441013",
        encodeAvlPacket(CODEC_8E, records),
      )
      for (let m = 1 + int(3); m > 0; m--) {
        const at = int(datagram.byteLength)
        if (int(2) === 0) datagram[at] = int(256)
        else datagram = Buffer.concat([datagram.subarray(0, at), datagram.subarray(at + 1 + int(4))])
      }
      let outcome: string
      try {
        const d = decodeUdpDatagram(datagram, { maxRecords: 255 })
        outcome = !d.ok ? "header refused" : d.avl.ok ? "decoded" : d.avl.code
        if (d.ok && d.avl.ok) for (const r of d.avl.records) recordToPoint(r)
      } catch (error) {
        throw new Error(`case ${i} (seed ${SEED}) threw ${String(error)} on ${datagram.toString("hex")}`)
      }
      count(outcome)
    }
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(CASES)
    expect(outcomes.get("header refused") ?? 0).toBeGreaterThan(CASES / 4)
    for (const key of outcomes.keys())
      expect([
        "decoded",
        "header refused",
        "FLEET_INGEST_PAYLOAD_UNDECODABLE",
        "FLEET_INGEST_PAYLOAD_INVALID",
        "FLEET_INGEST_TOO_MANY_POINTS",
      ]).toContain(key)
  })

  it("reads every handshake prefix of a valid one as incomplete, never as an IMEI", () => {
    const whole = encodeImeiHandshake("356307042441013")
    for (let n = 0; n < whole.byteLength; n++)
      expect(readHandshake(whole.subarray(0, n)).kind).toBe("incomplete")
  })
})
