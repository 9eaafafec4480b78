import { describe, expect, it } from "vitest"
import { decodeAlarm } from "./alarmMessage.js"
import { ContentError } from "./ByteReader.js"
import { decodeCommandAnswer, decodeCommandAnswer2 } from "./commandMessage.js"
import { gt06Frames } from "./encodeGt06.js"
import { readFrame } from "./Gt06Frame.js"
import { alarmToPoint, locationToPoint, statusToPoint } from "./gt06Points.js"
import { decodeLocation } from "./locationMessage.js"
import { decodeLogin } from "./loginMessage.js"
import { PROTOCOL } from "./protocolNumbers.js"
import { decodeStatus } from "./statusMessage.js"

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const SEED = Number(process.env.FLEET_FUZZ_SEED ?? 20_261_214)
const CASES = 4000

/** What the connection does with a frame's content: decode it by protocol number, as Gt06Connection does. */
const decode = (protocol: number, content: Uint8Array): string => {
  switch (protocol) {
    case PROTOCOL.login:
      decodeLogin(content)
      return "login"
    case PROTOCOL.location:
    case PROTOCOL.location2:
      locationToPoint(decodeLocation(protocol, content))
      return "location"
    case PROTOCOL.status:
      statusToPoint(decodeStatus(content), { lat: 0, lon: 0 }, 0)
      return "status"
    case PROTOCOL.alarm:
    case PROTOCOL.alarm2:
      alarmToPoint(decodeAlarm(content))
      return "alarm"
    case PROTOCOL.commandAnswer:
      decodeCommandAnswer(content)
      return "answer"
    case PROTOCOL.commandAnswer2:
      decodeCommandAnswer2(content)
      return "answer"
    default:
      return "unhandled"
  }
}

describe("GT06 decoder fuzz (seeded, bounded)", () => {
  it(`reads, decodes or refuses ${CASES} random and mutated frames without a throw (seed ${SEED})`, () => {
    const next = random(SEED)
    const int = (n: number) => Math.floor(next() * n)
    const gps = () => ({
      timeMs: Date.UTC(2020 + int(6), int(12), 1 + int(28), int(24), int(60), int(60)),
      satellites: int(16),
      lat: next() * 180 - 90,
      lon: next() * 360 - 180,
      speedKmh: int(256),
      course: int(361),
      fixed: next() < 0.8,
      differential: false,
    })
    const lbs = { mcc: 401, mnc: 1, lac: int(65536), cellId: int(1 << 24) }
    const status = () => ({
      relayCut: false,
      gpsTracking: true,
      alarmBits: int(8),
      charging: false,
      acc: next() < 0.5,
      armed: false,
      voltageLevel: int(7),
      gsmSignal: int(5),
      alarmCode: int(20),
    })
    const valid = (): Buffer => {
      const serial = int(65536)
      switch (int(5)) {
        case 0:
          return gt06Frames.login("356307042441013", serial)
        case 1:
          return gt06Frames.location(gps(), lbs, serial, next() < 0.5 ? null : next() < 0.5)
        case 2:
          return gt06Frames.status(status(), serial)
        case 3:
          return gt06Frames.alarm(gps(), lbs, status(), serial)
        default:
          return gt06Frames.commandAnswer("RELAY=1 OK", int(1000), serial)
      }
    }
    const outcomes = new Map<string, number>()
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
    for (let i = 0; i < CASES; i++) {
      let frame: Buffer
      const kind = int(4)
      if (kind === 0) frame = Buffer.from([0x78, 0x78, ...Array.from({ length: int(300) }, () => int(256))])
      else {
        frame = valid()
        const mutations = 1 + int(4)
        for (let m = 0; m < mutations; m++) {
          const at = int(frame.byteLength)
          const op = int(3)
          if (op === 0) frame[at] = int(256)
          else if (op === 1) frame = Buffer.concat([frame.subarray(0, at), frame.subarray(at + 1 + int(8))])
          else frame = Buffer.concat([frame.subarray(0, at), Buffer.from([int(256)]), frame.subarray(at)])
        }
      }
      try {
        const read = readFrame(frame, 4096)
        if (read.kind !== "frame") count(read.kind === "malformed" ? `malformed:${read.reason}` : read.kind)
        else {
          try {
            count(decode(read.frame.protocol, read.frame.content))
          } catch (error) {
            if (!(error instanceof ContentError)) throw error
            count("content")
          }
        }
      } catch (error) {
        throw new Error(`case ${i} (seed ${SEED}) threw ${String(error)} on ${frame.toString("hex")}`)
      }
    }
    const total = [...outcomes.values()].reduce((a, b) => a + b, 0)
    expect(total).toBe(CASES)
    // Mutants nearly all fail the CRC or the framing; each outcome is one the connection handles.
    expect((outcomes.get("malformed:crc") ?? 0) + (outcomes.get("malformed:framing") ?? 0)).toBeGreaterThan(
      CASES / 2,
    )
    for (const key of outcomes.keys())
      expect([
        "incomplete",
        "malformed:crc",
        "malformed:framing",
        "malformed:too-large",
        "content",
        "login",
        "location",
        "status",
        "alarm",
        "answer",
        "unhandled",
      ]).toContain(key)
  })

  it("decodes every valid frame it builds back to the same fields", () => {
    const next = random(SEED + 1)
    for (let i = 0; i < 500; i++) {
      const g = {
        timeMs: Date.UTC(2024, 0, 1) + Math.floor(next() * 365 * 86_400) * 1000,
        satellites: Math.floor(next() * 16),
        lat: Math.round((next() * 180 - 90) * 1e5) / 1e5,
        lon: Math.round((next() * 360 - 180) * 1e5) / 1e5,
        speedKmh: Math.floor(next() * 256),
        course: Math.floor(next() * 361),
        fixed: true,
        differential: false,
      }
      const read = readFrame(gt06Frames.location(g, { mcc: 1, mnc: 2, lac: 3, cellId: 4 }, i), 4096)
      if (read.kind !== "frame") throw new Error("not a frame")
      const back = decodeLocation(read.frame.protocol, read.frame.content).gps
      expect({ ...back, lat: 0, lon: 0 }).toEqual({ ...g, lat: 0, lon: 0 })
      expect(back.lat).toBeCloseTo(g.lat, 6)
      expect(back.lon).toBeCloseTo(g.lon, 6)
    }
  })
})
