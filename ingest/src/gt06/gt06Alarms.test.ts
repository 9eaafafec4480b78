import { DEVICE_ALARMS } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { decodeAlarm } from "./alarmMessage.js"
import { ContentError } from "./ByteReader.js"
import { gt06Frames } from "./encodeGt06.js"
import { readFrame } from "./Gt06Frame.js"
import { alarmToPoint, lbsAlarmToPoint } from "./gt06Points.js"
import { decodeLbsAlarm } from "./lbsAlarmMessage.js"

const frameOf = (s: string) => {
  const read = readFrame(Buffer.from(s.replace(/\s+/gu, ""), "hex"), 4096)
  if (read.kind !== "frame") throw new Error(`not a frame: ${JSON.stringify(read)}`)
  return read.frame
}
const code = (alarm: (typeof DEVICE_ALARMS)[number]) => DEVICE_ALARMS.indexOf(alarm) + 1

const status = {
  relayCut: false,
  gpsTracking: true,
  alarmBits: 0,
  charging: true,
  acc: true,
  armed: false,
  voltageLevel: 4,
  gsmSignal: 3,
  alarmCode: 0x04,
}
const lbs = { mcc: 401, mnc: 1, lac: 0x2866, cellId: 0x0eee }

describe("alarm variants (JM-VL03 protocol V1.1.2, 'Alarm Packet (0x26/0x27)')", () => {
  it("decodes the document's 0x26 example: a tamper alarm (0x13) with GPS, LBS and status", () => {
    const frame = frameOf(
      "787825260F0C1D030B26C9027AC8180C4658600004000901CC00287D001F718004041302000C472A0D0A",
    )
    expect(frame).toMatchObject({ protocol: 0x26, serial: 0x0c })
    const message = decodeAlarm(frame.content)
    expect(message.gps).toMatchObject({
      timeMs: Date.UTC(2015, 11, 29, 3, 11, 38),
      satellites: 9,
      // Course/status 0x0400: the "positioned" bit is off in the document's example.
      fixed: false,
    })
    expect(message.lbs).toEqual({ mcc: 460, mnc: 0, lac: 0x287d, cellId: 0x001f71 })
    expect(message.status).toMatchObject({ relayCut: true, voltageLevel: 4, gsmSignal: 4, alarmCode: 0x13 })
    expect(message).toMatchObject({ alarm: "tamper", fence: null })
    expect(alarmToPoint(message).attrs).toMatchObject({ gt06Alarm: 0x13, alarm: code("tamper") })
  })

  it("decodes the document's 0x27 example: fence number 0xFF (none) after the status", () => {
    const frame = frameOf(
      "78 78 26 27 10 04 19 09 2D 07 C5 02 7A C9 1C 0C 46 58 00 00 05 37 09 00 00 00 00 00 00 00 00 80 02 00 0C 01 FF 00 00 4D F6 0D 0A",
    )
    expect(frame.protocol).toBe(0x27)
    const message = decodeAlarm(frame.content, true)
    expect(message.gps).toMatchObject({ timeMs: Date.UTC(2016, 3, 25, 9, 45, 7), satellites: 5 })
    expect(message.status).toMatchObject({ relayCut: true, voltageLevel: 2, gsmSignal: 0, alarmCode: 0x0c })
    // 0x0C "powered on" has no FleetCore meaning: kept as gt06Alarm only.
    expect(message).toMatchObject({ alarm: null, fence: null })
    const point = alarmToPoint(message)
    expect(point.attrs).toMatchObject({ gt06Alarm: 0x0c })
    expect(point.attrs).not.toHaveProperty("alarm")
    expect(point.attrs).not.toHaveProperty("geofenceNo")
  })

  it("reads the fence a 0x27 geofence alarm is about, and refuses one cut before it", () => {
    const gps = {
      timeMs: Date.UTC(2026, 0, 5, 8, 0, 0),
      satellites: 9,
      lat: 43.25,
      lon: 76.95,
      speedKmh: 30,
      course: 90,
      fixed: true,
      differential: false,
    }
    const frame = frameOf(gt06Frames.alarmMultiFence(gps, lbs, status, 2, 7).toString("hex"))
    const message = decodeAlarm(frame.content, true)
    expect(message).toMatchObject({ alarm: "geofence_enter", fence: 2 })
    expect(alarmToPoint(message).attrs).toMatchObject({ alarm: code("geofence_enter"), geofenceNo: 2 })
    expect(() => decodeAlarm(frame.content.subarray(0, frame.content.byteLength - 1), true)).toThrow(
      ContentError,
    )
  })
})

describe("LBS alarm (0x19, Concox V5 manual)", () => {
  it("decodes the cell tower and status, and stores an SOS at the session's last fix", () => {
    const frame = frameOf(gt06Frames.lbsAlarm(lbs, { ...status, alarmCode: 0x01 }, 9).toString("hex"))
    expect(frame).toMatchObject({ protocol: 0x19, serial: 9 })
    expect(frame.content.byteLength).toBe(8 + 5)
    const message = decodeLbsAlarm(frame.content)
    expect(message).toMatchObject({ lbs, alarm: "sos", status: { acc: true, alarmCode: 1 } })
    expect(lbsAlarmToPoint(message, { lat: 43.25, lon: 76.95 }, 1_767_600_000_000)).toEqual({
      timeMs: 1_767_600_000_000,
      lat: 43.25,
      lon: 76.95,
      satellites: 0,
      ignition: true,
      attrs: {
        charging: 1,
        armed: 0,
        relayCut: 0,
        gpsTracking: 1,
        voltageLevel: 4,
        gsmSignal: 3,
        mcc: 401,
        mnc: 1,
        lac: 0x2866,
        cellId: 0x0eee,
        gt06Alarm: 1,
        alarm: code("sos"),
      },
    })
    expect(lbsAlarmToPoint(message, null, 1_767_600_000_000)).toBeNull()
    expect(() => decodeLbsAlarm(frame.content.subarray(0, 10))).toThrow(ContentError)
  })
})
