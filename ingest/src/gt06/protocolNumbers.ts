/**
 * The GT06 protocol numbers this server reads or writes ("Protocol number" table of the GT06 /
 * GT06N communication protocol; 0x22, 0x26, 0x27, 0x19 and 0x21 from Concox's later revisions of it,
 * e.g. the JM-VL03 protocol V1.1.2 "Alarm Packet (0x26/0x27)" and the V5 manual's "LBS alarm").
 */
export const PROTOCOL = {
  /** Login message: the terminal ID (IMEI). Answered. */
  login: 0x01,
  /** Location data (GPS + LBS). Not answered. */
  location: 0x12,
  /** Status information (heartbeat). Answered. */
  status: 0x13,
  /** The terminal's answer to an online command (ASCII). */
  commandAnswer: 0x15,
  /** Alarm data (GPS + LBS + status). Answered. */
  alarm: 0x16,
  /** The terminal's answer to an online command, later revision (ASCII or UTF-16). */
  commandAnswer2: 0x21,
  /** Location data, later revision (GPS + LBS + ACC). Not answered. */
  location2: 0x22,
  /** Alarm data, later revision (same layout as 0x16). Answered. */
  alarm2: 0x26,
  /** Alarm data with several geofences (0x26 + the fence number, 1 byte). Answered. */
  alarmMultiFence: 0x27,
  /** LBS alarm: cell tower + status, no GPS. Answered. */
  lbsAlarm: 0x19,
  /** Time check: the terminal asks for the UTC time. Answered with it. */
  timeRequest: 0x8a,
  /** Online command from the server. */
  onlineCommand: 0x80,
} as const

export const hexByte = (n: number) => `0x${n.toString(16).padStart(2, "0")}`
