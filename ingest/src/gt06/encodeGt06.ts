import { encodeAlarmContent } from "./alarmMessage.js"
import { encodeCommandAnswerContent } from "./commandMessage.js"
import { encodeFrame } from "./Gt06Frame.js"
import type { GpsInformation, LbsInformation } from "./gpsInformation.js"
import { encodeLbsAlarmContent } from "./lbsAlarmMessage.js"
import { encodeLocationContent } from "./locationMessage.js"
import { encodeLoginContent } from "./loginMessage.js"
import { PROTOCOL } from "./protocolNumbers.js"
import { encodeTerminalStatus, type TerminalStatus } from "./statusMessage.js"

/** Frames as a GT06 terminal writes them: for tests and the simulator's demo terminals. */
export const gt06Frames = {
  login: (imei: string, serial: number) => encodeFrame(PROTOCOL.login, encodeLoginContent(imei), serial),
  /** 0x12, or 0x22 when `acc` is given. */
  location: (gps: GpsInformation, lbs: LbsInformation, serial: number, acc: boolean | null = null) =>
    encodeFrame(
      acc === null ? PROTOCOL.location : PROTOCOL.location2,
      encodeLocationContent(gps, lbs, acc),
      serial,
    ),
  status: (status: TerminalStatus, serial: number) =>
    encodeFrame(PROTOCOL.status, encodeTerminalStatus(status), serial),
  alarm: (gps: GpsInformation, lbs: LbsInformation, status: TerminalStatus, serial: number) =>
    encodeFrame(PROTOCOL.alarm, encodeAlarmContent(gps, lbs, status), serial),
  /** 0x27: an alarm about geofence `fence` (0 = fence 1, 0xFF none). */
  alarmMultiFence: (
    gps: GpsInformation,
    lbs: LbsInformation,
    status: TerminalStatus,
    fence: number,
    serial: number,
  ) => encodeFrame(PROTOCOL.alarmMultiFence, encodeAlarmContent(gps, lbs, status, fence), serial),
  lbsAlarm: (lbs: LbsInformation, status: TerminalStatus, serial: number) =>
    encodeFrame(PROTOCOL.lbsAlarm, encodeLbsAlarmContent(lbs, status), serial),
  commandAnswer: (text: string, serverFlag: number, serial: number) =>
    encodeFrame(PROTOCOL.commandAnswer, encodeCommandAnswerContent(text, serverFlag), serial),
}

export type { GpsInformation, LbsInformation, TerminalStatus }
