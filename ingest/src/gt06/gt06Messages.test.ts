import { DEVICE_ALARMS } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { decodeAlarm } from "./alarmMessage.js"
import { ContentError } from "./ByteReader.js"
import { decodeCommandAnswer, decodeCommandAnswer2, encodeCommandContent } from "./commandMessage.js"
import { gt06Frames } from "./encodeGt06.js"
import { encodeFrame, readFrame } from "./Gt06Frame.js"
import { alarmToPoint, locationToPoint, statusToPoint } from "./gt06Points.js"
import { decodeLocation } from "./locationMessage.js"
import { decodeLogin } from "./loginMessage.js"
import { decodeStatus } from "./statusMessage.js"
import { encodeTimeAnswer } from "./timeRequestMessage.js"

const frameOf = (s: string) => {
  const read = readFrame(Buffer.from(s.replace(/\s+/gu, ""), "hex"), 4096)
  if (read.kind !== "frame") throw new Error(`not a frame: ${JSON.stringify(read)}`)
  return read.frame
}

describe("login (0x01)", () => {
  it("reads the IMEI from the BCD terminal ID (Traccar's field example, serial 9)", () => {
    const frame = frameOf("78780D01086471700328358100093F040D0A")
    expect(frame).toMatchObject({ protocol: 0x01, serial: 9 })
    expect(decodeLogin(frame.content)).toEqual({ imei: "864717003283581" })
  })

  it("reads the document's example terminal ID 0123456789012345 and refuses non-BCD digits", () => {
    expect(decodeLogin(Buffer.from("0123456789012345", "hex"))).toEqual({ imei: "123456789012345" })
    expect(() => decodeLogin(Buffer.from("0A23456789012345", "hex"))).toThrow(ContentError)
    expect(() => decodeLogin(Buffer.from("01234567", "hex"))).toThrow(ContentError)
  })

  it("round-trips through the encoder", () => {
    const frame = frameOf(gt06Frames.login("356307042441013", 7).toString("hex"))
    expect([frame.serial, decodeLogin(frame.content).imei]).toEqual([7, "356307042441013"])
  })
})

describe("location (0x12, 0x22)", () => {
  it("decodes every field of the protocol document's 0x12 example", () => {
    const frame = frameOf(
      "78 78 1F 12 0B 08 1D 11 2E 10 CF 02 7A C7 EB 0C 46 58 49 00 14 8F 01 CC 00 28 7D 00 1F B8 00 03 80 81 0D 0A",
    )
    const message = decodeLocation(frame.protocol, frame.content)
    expect(message).toEqual({
      gps: {
        timeMs: Date.UTC(2011, 7, 29, 17, 46, 16),
        satellites: 15,
        lat: 23.1116683,
        lon: 114.409285,
        speedKmh: 0,
        course: 143,
        fixed: true,
        differential: false,
      },
      lbs: { mcc: 460, mnc: 0, lac: 0x287d, cellId: 0x1fb8 },
      acc: null,
      reuploaded: null,
    })
    expect(locationToPoint(message)).toEqual({
      timeMs: Date.UTC(2011, 7, 29, 17, 46, 16),
      lat: 23.1116683,
      lon: 114.409285,
      speedMps: 0,
      satellites: 15,
      headingDeg: 143,
      attrs: { mcc: 460, mnc: 0, lac: 0x287d, cellId: 0x1fb8 },
    })
  })

  it("decodes a 0x22 frame with ACC and the re-upload flag (Traccar's field example)", () => {
    const frame = frameOf("787822220F0C1D023305C9027AC8180C46586000140001CC00287D001F71000001000820860D0A")
    const message = decodeLocation(frame.protocol, frame.content)
    expect(message.gps).toMatchObject({
      timeMs: Date.UTC(2015, 11, 29, 2, 51, 5),
      satellites: 9,
      lat: 23.1116933,
      speedKmh: 0,
      course: 0,
      fixed: true,
    })
    expect(message.gps.lon).toBeCloseTo(0x0c465860 / 1_800_000, 7)
    expect([message.acc, message.reuploaded]).toEqual([false, true])
    expect(locationToPoint(message)).toMatchObject({ ignition: false, attrs: { reuploaded: 1 } })
  })

  it("applies the hemisphere bits (south, west) and km/h → m/s, and sends no fix as 0 satellites", () => {
    const gps = {
      timeMs: Date.UTC(2025, 0, 2, 3, 4, 5),
      satellites: 6,
      lat: -33.8688,
      lon: -70.6693,
      speedKmh: 72,
      course: 270,
      fixed: false,
      differential: false,
    }
    const frame = frameOf(
      gt06Frames.location(gps, { mcc: 401, mnc: 1, lac: 2, cellId: 3 }, 1, true).toString("hex"),
    )
    expect(frame.protocol).toBe(0x22)
    const point = locationToPoint(decodeLocation(frame.protocol, frame.content))
    expect(point).toMatchObject({ speedMps: 20, satellites: 0, headingDeg: 270, ignition: true })
    expect(point.lat).toBeCloseTo(-33.8688, 6)
    expect(point.lon).toBeCloseTo(-70.6693, 6)
    expect(point.attrs).toMatchObject({ satellitesSeen: 6, mcc: 401 })
  })

  it("refuses an impossible date and a truncated content", () => {
    expect(() => decodeLocation(0x12, Buffer.from("0B0D1D112E10CF027AC7EB0C46584900148F", "hex"))).toThrow(
      /is not a time/u,
    )
    expect(() => decodeLocation(0x12, Buffer.from("0B081D112E10CF027A", "hex"))).toThrow(ContentError)
  })
})

describe("status / heartbeat (0x13)", () => {
  it("decodes a heartbeat from the field: GPS tracking on, voltage 5, GSM 3, alarm 0x02", () => {
    const frame = frameOf("78780a13400503020100741c3b0d0a")
    expect(frame.serial).toBe(0x74)
    expect(decodeStatus(frame.content)).toEqual({
      relayCut: false,
      gpsTracking: true,
      alarmBits: 0,
      charging: false,
      acc: false,
      armed: false,
      voltageLevel: 5,
      gsmSignal: 3,
      alarmCode: 2,
    })
  })

  it("becomes a no-fix point at the last fix with ignition and the status attrs; none without a fix", () => {
    const status = decodeStatus(Buffer.from([0b1100_0111, 6, 4, 0, 2]))
    expect(statusToPoint(status, { lat: 43.2, lon: 76.9 }, 1_750_000_000_000)).toEqual({
      timeMs: 1_750_000_000_000,
      lat: 43.2,
      lon: 76.9,
      satellites: 0,
      ignition: true,
      attrs: { charging: 1, armed: 1, relayCut: 1, gpsTracking: 1, voltageLevel: 6, gsmSignal: 4 },
    })
    expect(statusToPoint(status, null, 1_750_000_000_000)).toBeNull()
  })
})

describe("alarm (0x16, 0x26)", () => {
  it("decodes Traccar's 0x26 field example: vibration (0x03), LBS, status", () => {
    const frame = frameOf(
      "7878252612030C063816C3026C10540C38C9700144030901CC002866000EEE0C06040302000DA2DB0D0A",
    )
    const message = decodeAlarm(frame.content)
    expect(message.gps).toMatchObject({
      timeMs: Date.UTC(2018, 2, 12, 6, 56, 22),
      satellites: 3,
      speedKmh: 1,
      course: 3,
      fixed: false,
    })
    expect(message.lbs).toEqual({ mcc: 460, mnc: 0, lac: 0x2866, cellId: 0x000eee })
    expect(message.status).toMatchObject({
      acc: false,
      alarmBits: 1,
      charging: true,
      voltageLevel: 6,
      gsmSignal: 4,
      alarmCode: 3,
    })
    expect(message.alarm).toBe("vibration")
    const point = alarmToPoint(message)
    expect(point).toMatchObject({ ignition: false, satellites: 0 })
    expect(point.attrs).toMatchObject({ gt06Alarm: 3, alarm: DEVICE_ALARMS.indexOf("vibration") + 1 })
  })

  it("maps the alarm codes and, for code 0, the terminal information's alarm bits", () => {
    const gps = {
      timeMs: Date.UTC(2025, 5, 1),
      satellites: 9,
      lat: 43.25,
      lon: 76.95,
      speedKmh: 50,
      course: 90,
      fixed: true,
      differential: false,
    }
    const lbs = { mcc: 401, mnc: 2, lac: 1, cellId: 1 }
    const status = {
      relayCut: false,
      gpsTracking: true,
      alarmBits: 0,
      charging: false,
      acc: true,
      armed: false,
      voltageLevel: 4,
      gsmSignal: 3,
      alarmCode: 0,
    }
    const alarmOf = (over: Partial<typeof status>) =>
      decodeAlarm(frameOf(gt06Frames.alarm(gps, lbs, { ...status, ...over }, 1).toString("hex")).content)
        .alarm
    expect(
      [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0e, 0x13, 0x77].map((alarmCode) => alarmOf({ alarmCode })),
    ).toEqual([
      "sos",
      "power_cut",
      "vibration",
      "geofence_enter",
      "geofence_exit",
      "overspeed",
      "low_battery",
      "tamper",
      null,
    ])
    expect([0b100, 0b011, 0b010, 0b001, 0].map((alarmBits) => alarmOf({ alarmBits }))).toEqual([
      "sos",
      "low_battery",
      "power_cut",
      "vibration",
      null,
    ])
  })
})

describe("time check (0x8A)", () => {
  it("answers with the UTC date-time and the request's serial", () => {
    const answer = encodeTimeAnswer(0x1234, Date.UTC(2026, 11, 2, 9, 45, 7))
    const read = readFrame(answer, 4096)
    expect(read).toMatchObject({ kind: "frame", frame: { protocol: 0x8a, serial: 0x1234 } })
    if (read.kind === "frame") expect([...read.frame.content]).toEqual([26, 12, 2, 9, 45, 7])
  })
})

describe("online commands (0x80) and answers (0x15, 0x21)", () => {
  it("writes RELAY,1# with its length, server flag and English language", () => {
    const frame = encodeFrame(0x80, encodeCommandContent("RELAY,1#", 5), 5)
    expect(frame.toString("hex")).toBe(
      `7878${"14"}80${"0c"}00000005${Buffer.from("RELAY,1#").toString("hex")}0002${"0005"}${frame.subarray(-4, -2).toString("hex")}0d0a`,
    )
    expect(readFrame(frame, 4096)).toMatchObject({ kind: "frame", frame: { protocol: 0x80, serial: 5 } })
  })

  it("reads a 0x15 answer and a 0x21 one in ASCII and UTF-16", () => {
    const frame = frameOf(gt06Frames.commandAnswer("Cut off the fuel supply: Success!", 5, 9).toString("hex"))
    expect(decodeCommandAnswer(frame.content)).toEqual({
      serverFlag: 5,
      text: "Cut off the fuel supply: Success!",
    })
    // Traccar's field example of 0x21 in UTF-16: "Command error!".
    const utf16 = frameOf(
      "797900262100000000020043006f006d006d0061006e00640020006500720072006f0072002100236e850d0a",
    )
    expect(decodeCommandAnswer2(utf16.content)).toEqual({ serverFlag: 0, text: "Command error!" })
    const ascii = Buffer.concat([Buffer.from("0000000701", "hex"), Buffer.from("OK\r\n")])
    expect(decodeCommandAnswer2(ascii)).toEqual({ serverFlag: 7, text: "OK" })
    expect(() => decodeCommandAnswer2(Buffer.from("0000000709", "hex"))).toThrow(/encoding 9/u)
  })
})
