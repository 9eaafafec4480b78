import type { DeviceAlarm } from "@fleetcore/proto"
import { alarmOf } from "./alarmMessage.js"
import { ByteReader } from "./ByteReader.js"
import { encodeLbs, type LbsInformation, readLbs } from "./gpsInformation.js"
import { encodeTerminalStatus, readTerminalStatus, type TerminalStatus } from "./statusMessage.js"

/**
 * LBS alarm (protocol 0x19, Concox V5 manual "LBS alarm packet"): an alarm raised without a GPS
 * fix: no date and no GPS information, only the cell tower (MCC 2, MNC 1, LAC 2, Cell ID 3) and
 * the status fields of the heartbeat (terminal information, voltage, GSM signal, alarm/language).
 * Answered with 0x19 and the serial.
 */
export interface LbsAlarmMessage {
  readonly lbs: LbsInformation
  readonly status: TerminalStatus
  readonly alarm: DeviceAlarm | null
}

export const decodeLbsAlarm = (content: Uint8Array): LbsAlarmMessage => {
  const reader = new ByteReader(content)
  const lbs = readLbs(reader)
  const status = readTerminalStatus(reader)
  return { lbs, status, alarm: alarmOf(status) }
}

/** An LBS alarm's content (tests, the simulator). */
export const encodeLbsAlarmContent = (lbs: LbsInformation, status: TerminalStatus): Buffer =>
  Buffer.concat([encodeLbs(lbs), encodeTerminalStatus(status)])
