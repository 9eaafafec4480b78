import { ByteReader } from "./ByteReader.js"

/**
 * Status information ("Status Information Packet", protocol 0x13, the heartbeat): terminal
 * information, voltage level, GSM signal strength and alarm/language. The alarm packets
 * (0x16, 0x26) carry the same four fields after their GPS and LBS parts.
 *
 * Terminal information, 1 byte: bit 7 oil and electricity disconnected (the relay cut), bit 6 GPS
 * tracking on, bits 5–3 the alarm (100 SOS, 011 low battery, 010 power cut, 001 shock, 000
 * normal), bit 2 charging, bit 1 ACC high, bit 0 defence (armed).
 * Voltage level, 1 byte: 0 no power (shut down) … 6 very high. GSM signal, 1 byte: 0 no signal …
 * 4 strong. Alarm/language, 2 bytes: the alarm code (alarm packets) and the language (1 Chinese,
 * 2 English).
 */
export interface TerminalStatus {
  readonly relayCut: boolean
  readonly gpsTracking: boolean
  /** Bits 5–3 of the terminal information. */
  readonly alarmBits: number
  readonly charging: boolean
  readonly acc: boolean
  readonly armed: boolean
  readonly voltageLevel: number
  readonly gsmSignal: number
  /** The former byte of alarm/language; 0 (normal) when the packet ends before it. */
  readonly alarmCode: number
}

export const readTerminalStatus = (reader: ByteReader): TerminalStatus => {
  const info = reader.u8()
  const voltageLevel = reader.u8()
  const gsmSignal = reader.u8()
  // Early firmware ends the status packet after the GSM signal.
  const alarmCode = reader.remaining >= 1 ? reader.u8() : 0
  return {
    relayCut: (info & 0x80) !== 0,
    gpsTracking: (info & 0x40) !== 0,
    alarmBits: (info >> 3) & 0x07,
    charging: (info & 0x04) !== 0,
    acc: (info & 0x02) !== 0,
    armed: (info & 0x01) !== 0,
    voltageLevel,
    gsmSignal,
    alarmCode,
  }
}

export const decodeStatus = (content: Uint8Array): TerminalStatus =>
  readTerminalStatus(new ByteReader(content))

/** Terminal information, voltage, GSM and alarm/language as bytes (tests, the simulator). */
export const encodeTerminalStatus = (s: TerminalStatus): Buffer =>
  Buffer.from([
    (s.relayCut ? 0x80 : 0) |
      (s.gpsTracking ? 0x40 : 0) |
      ((s.alarmBits & 0x07) << 3) |
      (s.charging ? 0x04 : 0) |
      (s.acc ? 0x02 : 0) |
      (s.armed ? 0x01 : 0),
    s.voltageLevel,
    s.gsmSignal,
    s.alarmCode,
    0x02,
  ])
