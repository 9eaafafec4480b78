import type { DeviceAlarm } from "@fleetcore/proto"
import { ByteReader } from "./ByteReader.js"
import {
  encodeGpsInformation,
  encodeLbs,
  type GpsInformation,
  type LbsInformation,
  readGpsInformation,
  readLbs,
} from "./gpsInformation.js"
import { encodeTerminalStatus, readTerminalStatus, type TerminalStatus } from "./statusMessage.js"

/**
 * Alarm data ("Alarm Packet", protocol 0x16; 0x26 in later revisions, the same layout): GPS
 * information, then LBS length (1 byte, counting itself) and LBS information, then the status
 * fields of the heartbeat (terminal information, voltage, GSM signal, alarm/language). Answered
 * with 0x16 / 0x26 and the serial.
 */
export interface AlarmMessage {
  readonly gps: GpsInformation
  readonly lbs: LbsInformation | null
  readonly status: TerminalStatus
  /** What FleetCore makes of it; null for an alarm code it has no meaning for. */
  readonly alarm: DeviceAlarm | null
  /** 0x27 only: the geofence the alarm is about (0 = fence 1); null when absent or 0xFF (invalid). */
  readonly fence: number | null
}

/**
 * `multiFence` (0x27, "Alarm Packet – multiple geofences"): the 0x26 layout followed by the fence
 * number (1 byte; 0 = fence 1 … 0xFF invalid). Bytes after the status (a later revision's 4-byte
 * mileage) are not read.
 */
export const decodeAlarm = (content: Uint8Array, multiFence = false): AlarmMessage => {
  const reader = new ByteReader(content)
  const gps = readGpsInformation(reader)
  const lbsLength = reader.u8()
  // The LBS length counts its own byte; 0 or 1: no LBS information.
  const lbsBytes = reader.slice(Math.max(0, lbsLength - 1))
  const lbs = lbsBytes.byteLength >= 8 ? readLbs(new ByteReader(lbsBytes)) : null
  const status = readTerminalStatus(reader)
  // 0x27: the language byte (the latter of alarm/language), then the fence number.
  if (multiFence) reader.u8()
  const fenceByte = multiFence ? reader.u8() : 0xff
  return { gps, lbs, status, alarm: alarmOf(status), fence: fenceByte === 0xff ? null : fenceByte }
}

/**
 * The alarm/language table ("former bit: terminal alarm status": 0x01 SOS, 0x02 power cut, 0x03
 * shock, 0x04 fence in, 0x05 fence out; Concox's later revisions add 0x06 overspeed, 0x0E low
 * external battery, 0x0F low battery protection, 0x13 removal/tamper). A code of 0 falls back to the
 * terminal information's alarm bits (100 SOS, 011 low battery, 010 power cut, 001 shock).
 */
const ALARM_CODES: ReadonlyMap<number, DeviceAlarm> = new Map([
  [0x01, "sos"],
  [0x02, "power_cut"],
  [0x03, "vibration"],
  [0x04, "geofence_enter"],
  [0x05, "geofence_exit"],
  [0x06, "overspeed"],
  [0x0e, "low_battery"],
  [0x0f, "low_battery"],
  [0x13, "tamper"],
])
const ALARM_BITS: ReadonlyMap<number, DeviceAlarm> = new Map([
  [0b100, "sos"],
  [0b011, "low_battery"],
  [0b010, "power_cut"],
  [0b001, "vibration"],
])

export const alarmOf = (status: TerminalStatus): DeviceAlarm | null =>
  status.alarmCode !== 0
    ? (ALARM_CODES.get(status.alarmCode) ?? null)
    : (ALARM_BITS.get(status.alarmBits) ?? null)

/** An alarm packet's content (tests, the simulator); with `fence`, the 0x27 layout. */
export const encodeAlarmContent = (
  gps: GpsInformation,
  lbs: LbsInformation,
  status: TerminalStatus,
  fence?: number,
): Buffer =>
  Buffer.concat([
    encodeGpsInformation(gps),
    Buffer.from([9]),
    encodeLbs(lbs),
    encodeTerminalStatus(status),
    fence === undefined ? Buffer.alloc(0) : Buffer.from([fence]),
  ])
